"""TMX 1.4b, the translation-memory format every CAT tool imports.

One ``tu`` per segment, ``tuid`` the segment id, Arabic then English ``tuv``s. The review
status and the machine translation's provenance travel as ``prop``s (``x-status``,
``x-mt-model``, ``x-mt-revision``, ``x-mt-settings``, ``x-mt-created``, ``x-mt-score``, and
``x-memory-origin`` for English the translation memory filled in).
"""

from __future__ import annotations

import json

from lxml import etree

from reviewer import __version__
from reviewer.document import ReviewDocument, Segment, utc_now
from reviewer.exports import ExportOptions, ExportResult
from reviewer.exports.xmltext import XmlTextCleaner

SOURCE_LANG = "ar"
TARGET_LANG = "en"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(
    document: ReviewDocument, segments: list[Segment], options: ExportOptions
) -> ExportResult:
    """The TMX export of *segments*."""
    del options  # TMX has no optional parts.
    clean = XmlTextCleaner()
    tmx = etree.Element("tmx", version="1.4")
    etree.SubElement(
        tmx,
        "header",
        {
            "creationtool": "reviewer",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "paragraph",
            "adminlang": "en",
            "srclang": SOURCE_LANG,
            "o-tmf": "reviewer",
            "creationdate": _tmx_date(utc_now()),
        },
    )
    body = etree.SubElement(tmx, "body")
    for segment in segments:
        tu = etree.SubElement(body, "tu", tuid=segment.id)
        _prop(tu, "x-status", segment.status.value)
        if segment.memory is not None:
            _prop(tu, "x-memory-origin", clean(segment.memory.origin, f"{segment.id} (memory)"))
        machine = segment.machine
        if machine is not None:
            _prop(tu, "x-mt-model", clean(machine.shareable_model, f"{segment.id} (model name)"))
            if machine.revision:
                _prop(tu, "x-mt-revision", clean(machine.revision, f"{segment.id} (revision)"))
            _prop(tu, "x-mt-settings", json.dumps(dict(machine.settings), sort_keys=True))
            _prop(tu, "x-mt-created", machine.created)
            if machine.score is not None:
                _prop(tu, "x-mt-score", f"{machine.score:.4f}")
        for lang, text, role in (
            (SOURCE_LANG, segment.source, "Arabic"),
            (TARGET_LANG, segment.target, "English"),
        ):
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            seg = etree.SubElement(tuv, "seg")
            seg.text = clean(text, f"Segment {segment.id} ({role})")
    data = etree.tostring(
        tmx,
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )
    return ExportResult(data=data, pairs=len(segments), warnings=clean.warnings)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = value


def _tmx_date(iso: str) -> str:
    """TMX dates are ISO 8601 basic format in UTC: 20261129T022000Z."""
    return iso.replace("-", "").replace(":", "").replace("+0000", "Z")
