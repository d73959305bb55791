"""Review documents for tests."""

from __future__ import annotations

from reviewer.document import ArticleInfo, MachineTranslation, ReviewDocument, SegmentKind

ARTICLE = ArticleInfo(
    path="/articles/iraq.txt",
    format="text",
    encoding="utf-8",
    encoding_guessed=False,
    sha256="0" * 64,
    size=100,
)


def machine(text: str, **changes: object) -> MachineTranslation:
    """A machine translation with fixed provenance."""
    fields: dict[str, object] = {
        "text": text,
        "model": "Helsinki-NLP/opus-mt-ar-en",
        "settings": {"num_beams": 1, "max_new_tokens": 256},
        "created": "2026-11-29T02:00:00+00:00",
        "revision": "abc123",
    }
    fields.update(changes)
    return MachineTranslation(**fields)  # type: ignore[arg-type]


def make_document(*sources: str) -> ReviewDocument:
    """A fresh review of *sources*, one paragraph each."""
    return ReviewDocument.from_blocks(ARTICLE, [(SegmentKind.PARAGRAPH, s) for s in sources])


def reviewed_document() -> ReviewDocument:
    """A document with one segment in each status."""
    document = make_document("العراق", "القوات تغادر.", "قال الرئيس.", "نص آخر.", "اترك ردا")
    untranslated, machine_only, edited, reviewed, excluded = document.segments
    machine_only.accept_machine_translation(machine("The troops leave."))
    edited.accept_machine_translation(machine("Said the president."))
    edited.edit("The president said.")
    reviewed.accept_machine_translation(machine("Other text.", score=0.42))
    reviewed.mark_reviewed()
    excluded.accept_machine_translation(machine("Leave a reply"))
    excluded.exclude()
    del untranslated
    return document
