"""TMX and XLIFF exports, read back by an independent reader (translate-toolkit)."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage import tmx as tk_tmx
from translate.storage import xliff as tk_xliff

from reviewer.document import ReviewDocument
from reviewer.exports import ExportOptions, exported_segments, render
from tests.helpers.documents import make_document, reviewed_document


def read_back(export_format: str, data: bytes) -> list[tuple[str, str, str]]:
    """(id, source, target) of each unit, as translate-toolkit reads the file."""
    if export_format == "tmx":
        store = tk_tmx.tmxfile.parsestring(data)
    else:
        store = tk_xliff.xlifffile.parsestring(data)
    return [
        (unit.getid().split("\x04")[-1], unit.source, unit.target)
        for unit in store.units
        if not unit.isheader()
    ]


def expected_pairs(document: ReviewDocument) -> list[tuple[str, str, str]]:
    return [(s.id, s.source, s.target) for s in exported_segments(document, ExportOptions())]


@pytest.mark.parametrize("export_format", ["tmx", "xliff"])
def test_translate_toolkit_reads_back_the_same_pairs(export_format: str) -> None:
    document = reviewed_document()
    document.segment("p2").edit("  two\r\nlines\tx & <y> \\ ]]> ")
    result = render(document, export_format, ExportOptions())
    assert result.warnings == []
    assert read_back(export_format, result.data) == expected_pairs(document)


def test_tmx_carries_languages_status_and_provenance() -> None:
    root = etree.fromstring(render(reviewed_document(), "tmx", ExportOptions()).data)
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "ar"  # type: ignore[union-attr]
    tu = root.find("body/tu[@tuid='p4']")
    assert tu is not None
    props = {prop.get("type"): prop.text for prop in tu.findall("prop")}
    assert props["x-status"] == "reviewed"
    assert props["x-mt-model"] == "Helsinki-NLP/opus-mt-ar-en"
    assert props["x-mt-revision"] == "abc123"
    assert props["x-mt-score"] == "0.4200"
    assert '"num_beams": 1' in (props["x-mt-settings"] or "")
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")]
    assert langs == ["ar", "en"]


def test_xliff_maps_statuses_to_states() -> None:
    data = render(reviewed_document(), "xliff", ExportOptions()).data
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = etree.fromstring(data)
    units = {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", ns)}
    states = {uid: unit.find("x:target", ns).get("state") for uid, unit in units.items()}  # type: ignore[union-attr]
    assert states == {"p2": "needs-review-translation", "p3": "translated", "p4": "final"}
    assert units["p4"].get("approved") == "yes"
    assert units["p2"].get("approved") is None
    store = tk_xliff.xlifffile.parsestring(data)
    approved = {unit.getid().split("\x04")[-1]: unit.isapproved() for unit in store.units}
    assert approved == {"p2": False, "p3": False, "p4": True}


@pytest.mark.parametrize("export_format", ["tmx", "xliff"])
def test_characters_xml_cannot_carry_are_reported_not_written(export_format: str) -> None:
    document = make_document("نص\x01 عربي")
    document.segments[0].edit("Text\x0b with\ufffe controls")
    result = render(document, export_format, ExportOptions())
    assert len(result.warnings) == 2
    assert "p1" in result.warnings[0]
    assert "U+0001" in result.warnings[0]
    assert "U+000B" in result.warnings[1]
    assert "U+FFFE" in result.warnings[1]
    assert read_back(export_format, result.data) == [("p1", "نص عربي", "Text with controls")]


@pytest.mark.parametrize("export_format", ["tmx", "xliff"])
@pytest.mark.parametrize(
    ("recorded", "shown"),
    [
        ("/home/reviewer/models/opus-mt-ar-en", "opus-mt-ar-en"),
        ("C:\\Users\\reviewer\\models\\opus-mt-ar-en\\", "opus-mt-ar-en"),
        ("Helsinki-NLP/opus-mt-ar-en", "Helsinki-NLP/opus-mt-ar-en"),
    ],
)
def test_exports_name_the_model_never_a_path_of_this_machine(
    export_format: str, recorded: str, shown: str
) -> None:
    """Reviews made before models were named by hub id recorded a folder's path; exports
    travel to clients, so only the model's name goes out."""
    import dataclasses

    document = reviewed_document()
    for segment in document:
        if segment.machine is not None:
            segment.machine = dataclasses.replace(segment.machine, model=recorded)
    data = render(document, export_format, ExportOptions()).data.decode("utf-8")
    assert shown in data
    assert "reviewer/models" not in data
    assert "Users" not in data
