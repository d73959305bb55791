"""XLIFF 1.2, the exchange format CAT tools open for review.

One ``trans-unit`` per segment, ``id`` the segment id, with ``xml:space="preserve"`` so the
text comes back exactly. Our statuses map onto XLIFF states: machine-translated is
``needs-review-translation`` (qualified as an MT suggestion), edited is ``translated``,
reviewed is ``final`` and ``approved="yes"``. The machine translation and its alternatives
travel as ``alt-trans``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reviewer import __version__
from reviewer.document import ReviewDocument, Segment, Status
from reviewer.exports import ExportOptions, ExportResult
from reviewer.exports.xmltext import XmlTextCleaner

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML = "{http://www.w3.org/XML/1998/namespace}"

#: XLIFF 1.2 ``state`` of the target for each of our statuses.
STATES: dict[Status, str] = {
    Status.UNTRANSLATED: "needs-translation",
    Status.MACHINE_TRANSLATED: "needs-review-translation",
    Status.FROM_MEMORY: "needs-review-translation",
    Status.EDITED: "translated",
    Status.REVIEWED: "final",
    Status.EXCLUDED: "needs-translation",
}


def write(
    document: ReviewDocument, segments: list[Segment], options: ExportOptions
) -> ExportResult:
    """The XLIFF export of *segments*."""
    del options  # XLIFF has no optional parts.
    clean = XmlTextCleaner()
    xliff = etree.Element(f"{{{NAMESPACE}}}xliff", version="1.2", nsmap={None: NAMESPACE})  # type: ignore[dict-item]  # lxml-stubs forget the default namespace
    file = _child(
        xliff,
        "file",
        original=clean(Path(document.article.path).name, "The article's file name"),
        datatype="plaintext",
        **{"source-language": "ar", "target-language": "en", "tool-id": "reviewer"},
    )
    header = _child(file, "header")
    _child(
        header,
        "tool",
        **{"tool-id": "reviewer", "tool-name": "reviewer", "tool-version": __version__},
    )
    body = _child(file, "body")
    for segment in segments:
        unit = _child(body, "trans-unit", id=segment.id, **{f"{_XML}space": "preserve"})
        if segment.status is Status.REVIEWED:
            unit.set("approved", "yes")
        source = _child(unit, "source", **{f"{_XML}lang": "ar"})
        source.text = clean(segment.source, f"Segment {segment.id} (Arabic)")
        target = _child(unit, "target", state=STATES[segment.status], **{f"{_XML}lang": "en"})
        if segment.status is Status.MACHINE_TRANSLATED:
            target.set("state-qualifier", "mt-suggestion")
        elif segment.status is Status.FROM_MEMORY:
            target.set("state-qualifier", "exact-match")
        target.text = clean(segment.target, f"Segment {segment.id} (English)")
        machine = segment.machine
        if machine is not None:
            for candidate in (machine.text, *machine.alternatives):
                alt = _child(unit, "alt-trans", origin=clean(machine.shareable_model, "model name"))
                if machine.score is not None and candidate == machine.text:
                    alt.set("match-quality", f"{round(machine.score * 100)}")
                alt_target = _child(alt, "target", **{f"{_XML}lang": "en"})
                alt_target.text = clean(candidate, f"Segment {segment.id} (machine translation)")
    data = etree.tostring(xliff, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return ExportResult(data=data, pairs=len(segments), warnings=clean.warnings)


def _child(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attributes)
