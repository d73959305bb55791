"""Property-based round trips: whatever the text holds, the project file and every export
give it back exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.document import ReviewDocument, Status
from reviewer.exports import ExportOptions, ExtraColumn, render, tsv
from reviewer.project import open_project, save_project
from tests.exports.test_xml_exports import read_back
from tests.helpers.documents import machine, make_document

TRICKY = list("\t\n\r\\\"'&<>\u200f\u200e\u202b\u202c\u2066\u2069\u200c\u200d\u0640\u00a0“”«»")
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY = st.characters(exclude_categories=("Cs",))
# What XML 1.0 can carry: no C0 controls but tab, LF and CR; no U+FFFE, U+FFFF.
XML_SAFE = st.characters(exclude_categories=("Cs",)).filter(
    lambda c: c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff")
)


def texts(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(st.one_of(st.sampled_from(TRICKY), ARABIC, alphabet), min_size=1)


def _document(pairs: list[tuple[str, str, str]]) -> ReviewDocument:
    document = make_document(*(source for source, _, _ in pairs))
    for segment, (_, mt, target) in zip(document, pairs, strict=True):
        segment.accept_machine_translation(machine(mt, alternatives=(target, mt)))
        segment.edit(target)
    return document


def pairs(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[list[tuple[str, str, str]]]:
    # The English always holds a letter, so every segment has English to export.
    english = texts(alphabet).map(lambda text: text + "x")
    return st.lists(st.tuples(texts(alphabet), texts(alphabet), english), min_size=1, max_size=5)


@settings(deadline=None, max_examples=60)
@given(pairs(ANY))
def test_project_file_round_trip(items: list[tuple[str, str, str]]) -> None:
    document = _document(items)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.reviewer.json"
        save_project(document, path)
        assert open_project(path).document.segments == document.segments


@settings(deadline=None, max_examples=60)
@given(pairs(ANY))
def test_tsv_round_trip(items: list[tuple[str, str, str]]) -> None:
    document = _document(items)
    options = ExportOptions(header=True, extra_columns=(ExtraColumn.ID, ExtraColumn.MT))
    data = render(document, "tsv", options).data
    rows = tsv.read(data, header=True)
    assert rows == [[s.source, s.target, s.id, s.machine.text] for s in document if s.machine]
    # Line N is pair N: nothing in a field can break a line or a column.
    assert len(data.split(b"\n")) == len(document) + 2
    assert all(line.count(b"\t") == 3 for line in data.split(b"\n")[:-1])


@settings(deadline=None, max_examples=40)
@given(pairs(XML_SAFE), st.sampled_from(["tmx", "xliff"]))
def test_xml_exports_round_trip(items: list[tuple[str, str, str]], export_format: str) -> None:
    document = _document(items)
    result = render(document, export_format, ExportOptions())
    assert result.warnings == []
    expected = [(s.id, s.source, s.target) for s in document if s.status is not Status.EXCLUDED]
    assert read_back(export_format, result.data) == expected
