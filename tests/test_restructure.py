"""Splitting and merging segments and correcting the Arabic: the core rules, the project
file that keeps them, and the exports that use the corrected text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.document import (
    Status,
    merge_segments,
    split_segment,
    with_corrected_source,
)
from reviewer.exports import ExportOptions, render
from reviewer.project import open_project, save_project
from tests.helpers.documents import machine, make_document


def test_a_split_makes_two_new_segments_and_keeps_the_others_ids() -> None:
    document = make_document("قبل.", "الجملة الأولى. الجملة الثانية.", "بعد.")
    for segment in document:
        segment.accept_machine_translation(machine("EN"))
    glued = document.segments[1]
    cut = glued.source.index("الجملة الثانية")
    parts = split_segment(document, glued, cut)
    assert [part.source for part in parts] == ["الجملة الأولى.", "الجملة الثانية."]
    assert [part.id for part in parts] == ["p2.1", "p2.2"]
    assert all(part.derived_from == ("p2",) for part in parts)
    assert all(part.needs_translation for part in parts)  # the engine is asked again
    taken = document.replace(1, 1, parts)
    assert taken == [glued]
    assert [s.id for s in document] == ["p1", "p2.1", "p2.2", "p3"]
    assert document.segment("p2.2") is parts[1]
    # Undone: the segment comes back as it was.
    document.replace(1, 2, taken)
    assert [s.id for s in document] == ["p1", "p2", "p3"]
    assert document.segment("p2") is glued


def test_a_split_keeps_what_the_reviewer_wrote_and_refuses_an_empty_part() -> None:
    document = make_document("الأولى. الثانية.")
    segment = document.segments[0]
    segment.accept_machine_translation(machine("The first. The second."))
    segment.edit("First. Second.")
    first, second = split_segment(document, segment, segment.source.index("الثانية"))
    assert (first.target, first.status) == ("First. Second.", Status.EDITED)
    assert second.status is Status.UNTRANSLATED
    with pytest.raises(ValueError, match="no text"):
        split_segment(document, segment, len(segment.source))
    with pytest.raises(ValueError, match="no text"):
        split_segment(document, segment, 0)


def test_a_merge_joins_the_arabic_and_the_reviewers_english() -> None:
    document = make_document("قال الرئيس", "إن القوات ستغادر.", "بعد.")
    first, second, _ = document.segments
    first.accept_machine_translation(machine("The president said"))
    second.accept_machine_translation(machine("that the forces will leave."))
    second.edit("the troops will leave.")
    merged = merge_segments(document, first, second)
    assert merged.id == "p1+p2"
    assert merged.source == "قال الرئيس إن القوات ستغادر."
    assert (merged.target, merged.status) == (
        "The president said the troops will leave.",
        Status.EDITED,
    )
    assert merged.derived_from == ("p1", "p2")
    document.replace(0, 2, [merged])
    # Merging the same pair again later (after an undo) never reuses an id.
    assert document.unused_id("p1+p2") == "p1+p2~2"


def test_a_merge_of_machine_translations_is_translated_again() -> None:
    document = make_document("أ", "ب")
    for segment in document:
        segment.accept_machine_translation(machine("EN"))
    merged = merge_segments(document, *document.segments)
    assert merged.needs_translation
    assert merged.status is Status.UNTRANSLATED


def test_a_corrected_source_keeps_the_articles_text_and_is_translated_again() -> None:
    document = make_document("وصل الرئس إلى بغداد.")
    segment = document.segments[0]
    segment.accept_machine_translation(machine("The head arrived in Baghdad."))
    corrected = with_corrected_source(segment, "وصل الرئيس إلى بغداد.")
    assert corrected.id == segment.id
    assert corrected.original_source == "وصل الرئس إلى بغداد."
    assert corrected.needs_translation
    again = with_corrected_source(corrected, "وصل الرئيس الى بغداد.")
    assert again.original_source == "وصل الرئس إلى بغداد."  # the article's, not the first fix
    back = with_corrected_source(again, "وصل الرئس إلى بغداد.")
    assert back.original_source is None
    with pytest.raises(ValueError, match="empty"):
        with_corrected_source(segment, "  ")


def test_the_project_file_keeps_the_new_segments_and_the_articles_text(tmp_path: Path) -> None:
    document = make_document("الأولى. الثانية.", "وصل الرئس.")
    for segment in document:
        segment.accept_machine_translation(machine("EN"))
    first = document.segments[0]
    document.replace(0, 1, split_segment(document, first, first.source.index("الثانية")))
    typo = document.segment("p2")
    document.replace(2, 1, [with_corrected_source(typo, "وصل الرئيس.")])
    document.segment("p2").accept_machine_translation(machine("The president arrived."))
    document.segment("p2").mark_reviewed()
    path = tmp_path / "review.reviewer.json"
    save_project(document, path)
    reopened = open_project(path).document
    assert [s.id for s in reopened] == ["p1.1", "p1.2", "p2"]
    assert reopened.segment("p1.2").derived_from == ("p1",)
    assert reopened.segment("p2").original_source == "وصل الرئس."
    assert reopened.segment("p2").source == "وصل الرئيس."
    tsv = render(reopened, "tsv", ExportOptions(reviewed_only=True)).data.decode()
    assert tsv.splitlines() == ["وصل الرئيس.\tThe president arrived."]
