"""Filling a translation memory from files, and writing it out as TMX.

Imports read TMX (1.1 to 1.4b, as OmegaT, MateCat, Trados and our own export write it), our
TSV export, and project files (their reviewed segments). Only Arabic–English pairs a person
approved go in: a TMX or TSV of ours says each pair's status, and its machine translations
stay out; a memory from another tool is taken as approved. The export is TMX 1.4b, written
as it goes, so a memory of a million units never sits in memory at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from reviewer import __version__
from reviewer.document import utc_now
from reviewer.errors import DataFileError, ReviewerError
from reviewer.exports import tsv
from reviewer.exports.xmltext import XmlTextCleaner
from reviewer.memory import (
    APPROVED,
    ImportSummary,
    MemoryUnit,
    NewUnit,
    TranslationMemory,
    reviewed_units,
)
from reviewer.storage import atomic_write, shown_name

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: TMX elements whose text is markup of the original format, not words (TMX 1.4b, 3.7).
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut"})
#: Statuses in our own exports (of a review, or of a memory) that a person approved.
_OUR_APPROVED = frozenset({"reviewed"}) | APPROVED
_BASIC_DATE = re.compile(r"^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$")


def import_file(memory: TranslationMemory, path: Path) -> ImportSummary:
    """Add the approved Arabic–English pairs of *path* (TMX, TSV or a project file) to
    *memory*. Raises `DataFileError` for a file that is none of these."""
    name = shown_name(path)
    if path.name.endswith(".reviewer.json"):
        from reviewer.project import open_project

        document = open_project(path).document
        summary = memory.add(reviewed_units(path.name, document))
        summary.skipped = sum(1 for s in document if s.status.value != "reviewed")
        return summary
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        skipped: list[int] = [0]
        summary = memory.add(_tmx_units(path, skipped))
        summary.skipped = skipped[0]
        return summary
    if suffix in (".tsv", ".tab", ".txt"):
        units, skipped_rows = _tsv_units(path)
        summary = memory.add(units)
        summary.skipped = skipped_rows
        return summary
    raise DataFileError(
        f"{name} is not a file reviewer imports into a memory: give a .tmx file, a .tsv "
        "export (Arabic, then English) or a .reviewer.json project."
    )


def _tmx_units(path: Path, skipped: list[int]) -> Iterator[NewUnit]:
    """The approved Arabic–English units of the TMX file *path*, read as a stream."""
    name = shown_name(path)
    ours = False
    try:
        context = etree.iterparse(
            str(path),
            events=("end",),
            tag=("header", "tu"),
            resolve_entities=False,
            no_network=True,
        )
        for _, element in context:
            if element.tag == "header":
                # Sides are told apart by each tuv's language, whichever the header names.
                ours = element.get("creationtool") == "reviewer"
                continue
            unit = _tmx_unit(element, path.name, ours=ours)
            if unit is None:
                skipped[0] += 1
            else:
                yield unit
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise DataFileError(
            f"{name} is not a TMX file reviewer can read ({error}). Export the memory again "
            "from the tool that made it, as TMX."
        ) from error
    except OSError as error:
        raise DataFileError(f"{name} cannot be read ({error}).") from error


def _tmx_unit(tu: etree._Element, file_name: str, *, ours: bool) -> NewUnit | None:
    texts: dict[str, str] = {}
    dates: list[str] = []
    for tuv in tu.iterfind("tuv"):
        lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
        seg = tuv.find("seg")
        if seg is None:
            continue
        side = "ar" if lang.startswith("ar") else "en" if lang.startswith("en") else None
        if side is not None and side not in texts:
            texts[side] = _seg_text(seg)
            date = tuv.get("changedate") or tuv.get("creationdate")
            if date:
                dates.append(date)
    props = {prop.get("type"): prop.text or "" for prop in tu.iterfind("prop")}
    if not texts.get("ar", "").strip() or not texts.get("en", "").strip():
        return None
    status = props.get("x-status")
    if ours and status is not None and status not in _OUR_APPROVED:
        return None  # our own export's machine translations and unreviewed English
    date = tu.get("changedate") or tu.get("creationdate") or (max(dates) if dates else None)
    return NewUnit(
        texts["ar"],
        texts["en"],
        status="imported",
        origin=file_name,
        segment=tu.get("tuid"),
        created=_iso_date(date),
    )


def _seg_text(seg: etree._Element) -> str:
    """The words of a ``seg``: its text and its inline elements' text, without the codes
    of the original format that ``bpt``, ``ept``, ``ph`` and the like hold."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in _CODE_ELEMENTS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _iso_date(value: str | None) -> str | None:
    """A TMX date (20261129T120000Z) as ISO 8601, or None."""
    match = _BASIC_DATE.match(value or "")
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}+00:00"


def _tsv_units(path: Path) -> tuple[list[NewUnit], int]:
    name = shown_name(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataFileError(f"{name} cannot be read ({error}).") from error
    rows = tsv.read(data)
    header = rows[0] if rows and rows[0][:2] == [tsv.SOURCE_COLUMN, tsv.TARGET_COLUMN] else None
    status_column = header.index("status") if header and "status" in header else None
    units, skipped = [], 0
    for row in rows[1:] if header else rows:
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            skipped += 1
            continue
        if status_column is not None and (
            len(row) <= status_column or row[status_column] not in _OUR_APPROVED
        ):
            skipped += 1
            continue
        units.append(NewUnit(row[0], row[1], status="imported", origin=path.name))
    if not units and not skipped:
        raise DataFileError(f"{name} has no pairs: it should hold Arabic, a tab, then English.")
    return units, skipped


def export_tmx(memory: TranslationMemory, path: Path) -> int:
    """Write every unit of *memory* to *path* as TMX 1.4b (atomically); returns how many."""
    temporary = path.with_name(path.name + ".partial")
    count = 0
    clean = XmlTextCleaner()
    try:
        with etree.xmlfile(str(temporary), encoding="UTF-8") as xml:
            xml.write_declaration()
            xml.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
            with xml.element("tmx", version="1.4"):
                xml.write(_header())
                with xml.element("body"):
                    for unit in memory.units():
                        xml.write(_tu(unit, clean), pretty_print=True)
                        count += 1
        atomic_write(path, temporary.read_bytes())
    except OSError as error:
        raise ReviewerError(f"{shown_name(path)} could not be written ({error}).") from error
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _header() -> etree._Element:
    return etree.Element(
        "header",
        {
            "creationtool": "reviewer",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": "ar",
            "o-tmf": "reviewer",
            "creationdate": _basic_date(utc_now()),
        },
    )


def _tu(unit: MemoryUnit, clean: XmlTextCleaner) -> etree._Element:
    tu = etree.Element(
        "tu",
        {"creationdate": _basic_date(unit.created), "changedate": _basic_date(unit.changed)},
    )
    for kind, value in (
        ("x-status", unit.status),
        ("x-kind", unit.kind),
        ("x-project", unit.project),
        ("x-segment", unit.segment),
        ("x-origin", unit.origin),
    ):
        if value:
            prop = etree.SubElement(tu, "prop", type=kind)
            prop.text = clean(value, f"unit {unit.id}")
    for lang, text in (("ar", unit.source), ("en", unit.target)):
        tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = clean(text, f"unit {unit.id}")
    return tu


def _basic_date(iso: str) -> str:
    """An ISO 8601 UTC timestamp in TMX's basic form: 20261129T022000Z."""
    return iso[:19].replace("-", "").replace(":", "") + "Z"
