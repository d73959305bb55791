"""The TSV export: line N is pair N, whatever the text holds."""

from __future__ import annotations

import pytest

from reviewer.document import Status
from reviewer.errors import NothingToExportError
from reviewer.exports import ExportOptions, ExtraColumn, exported_segments, render, tsv
from tests.helpers.documents import machine, make_document, reviewed_document


def test_the_default_export_is_every_segment_with_english_but_the_excluded() -> None:
    document = reviewed_document()
    data = render(document, "tsv", ExportOptions()).data
    assert data.decode("utf-8") == (
        "القوات تغادر.\tThe troops leave.\nقال الرئيس.\tThe president said.\nنص آخر.\tOther text.\n"
    )


def test_reviewed_only_exports_just_the_reviewed() -> None:
    segments = exported_segments(reviewed_document(), ExportOptions(reviewed_only=True))
    assert [s.id for s in segments] == ["p4"]
    assert all(s.status is Status.REVIEWED for s in segments)


def test_utf8_without_bom_lf_and_no_quoting() -> None:
    document = make_document('قال "نعم"')
    document.segments[0].edit("He said \"yes\", 'ok'")
    data = render(document, "tsv", ExportOptions()).data
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data == 'قال "نعم"\tHe said "yes", \'ok\'\n'.encode()


@pytest.mark.parametrize(
    ("field", "escaped"),
    [
        ("a\tb", "a\\tb"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("C:\\path\\n", "C:\\\\path\\\\n"),
        ("\\t literal", "\\\\t literal"),
        ("plain", "plain"),
    ],
)
def test_the_four_escapes(field: str, escaped: str) -> None:
    assert tsv.escape(field) == escaped
    assert tsv.unescape(escaped) == field


def test_header_and_extra_columns() -> None:
    options = ExportOptions(
        header=True, extra_columns=(ExtraColumn.ID, ExtraColumn.STATUS, ExtraColumn.MT)
    )
    lines = render(reviewed_document(), "tsv", options).data.decode().splitlines()
    assert lines[0] == "ar\ten\tid\tstatus\tmt"
    assert lines[2] == "قال الرئيس.\tThe president said.\tp3\tedited\tSaid the president."
    assert tsv.read(render(reviewed_document(), "tsv", options).data, header=True)[0] == [
        "القوات تغادر.",
        "The troops leave.",
        "p2",
        "machine-translated",
        "The troops leave.",
    ]


def test_an_edited_segment_without_a_machine_translation_has_an_empty_mt_column() -> None:
    document = make_document("نص")
    document.segments[0].edit("Text")
    options = ExportOptions(extra_columns=(ExtraColumn.MT,))
    assert render(document, "tsv", options).data == "نص\tText\t\n".encode()


def test_nothing_to_export_is_an_error_that_says_what_to_do() -> None:
    document = make_document("نص")
    with pytest.raises(NothingToExportError, match=r"Translate it first \(reviewer translate"):
        render(document, "tsv", ExportOptions())
    document.segments[0].accept_machine_translation(machine("Text"))
    # Translating again would not help here: reviewing would, or taking the MT as it is.
    with pytest.raises(NothingToExportError, match="is reviewed yet") as refused:
        render(document, "tsv", ExportOptions(reviewed_only=True))
    assert "Translate" not in str(refused.value)
    assert "without --reviewed-only" in str(refused.value)
