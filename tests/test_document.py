"""The review document: statuses follow what happens to a segment."""

from __future__ import annotations

from reviewer.document import Status
from tests.helpers.documents import machine, make_document, reviewed_document


def test_a_new_document_numbers_its_segments_and_nothing_is_translated() -> None:
    document = make_document("أ", "ب", "ج")
    assert [s.id for s in document] == ["p1", "p2", "p3"]
    assert all(s.status is Status.UNTRANSLATED for s in document)
    assert document.segment("p2").source == "ب"


def test_a_machine_translation_fills_an_untranslated_segment() -> None:
    segment = make_document("القوات تغادر.").segments[0]
    assert segment.accept_machine_translation(machine("The troops leave."))
    assert segment.target == "The troops leave."
    assert segment.status is Status.MACHINE_TRANSLATED


def test_a_late_machine_translation_never_overwrites_the_reviewers_english() -> None:
    segment = make_document("القوات تغادر.").segments[0]
    segment.edit("My own translation.")
    assert not segment.accept_machine_translation(machine("The troops leave."))
    assert segment.target == "My own translation."
    assert segment.status is Status.EDITED
    assert segment.machine is not None  # The suggestion is kept for the reviewer to see.

    segment.mark_reviewed()
    assert not segment.accept_machine_translation(machine("Another."))
    assert (segment.target, segment.status) == ("My own translation.", Status.REVIEWED)


def test_editing_back_to_the_machine_text_is_machine_translated_again() -> None:
    segment = make_document("نص").segments[0]
    segment.accept_machine_translation(machine("Text"))
    segment.edit("Text!")
    assert segment.status is Status.EDITED
    segment.edit("Text")
    assert segment.status is Status.MACHINE_TRANSLATED
    segment.edit("   ")
    assert segment.status is Status.UNTRANSLATED


def test_an_edit_reopens_a_reviewed_segment_but_keeps_an_excluded_one_excluded() -> None:
    document = reviewed_document()
    reviewed, excluded = document.segment("p4"), document.segment("p5")
    reviewed.edit("Changed.")
    assert reviewed.status is Status.EDITED
    excluded.edit("Changed.")
    assert excluded.status is Status.EXCLUDED
    excluded.reopen()
    assert excluded.status is Status.EDITED


def test_a_segment_without_english_cannot_be_marked_reviewed() -> None:
    segment = make_document("نص").segments[0]
    assert not segment.mark_reviewed()
    assert segment.status is Status.UNTRANSLATED


def test_revert_restores_the_machine_translation() -> None:
    segment = reviewed_document().segment("p3")
    assert segment.revert_to_machine_translation()
    assert (segment.target, segment.status) == ("Said the president.", Status.MACHINE_TRANSLATED)
    assert not make_document("نص").segments[0].revert_to_machine_translation()


def test_progress_counts_segments_and_words() -> None:
    progress = reviewed_document().progress()
    assert (progress.total, progress.translated, progress.reviewed, progress.excluded) == (
        5,
        4,
        1,
        1,
    )
    assert progress.to_review == 3
    assert progress.words == 1 + 2 + 2 + 2 + 2
    assert progress.words_reviewed == 2


def test_a_snapshot_restores_the_english_and_the_status_exactly() -> None:
    segment = make_document("القوات تغادر.").segments[0]
    segment.accept_machine_translation(machine("The troops leave."))
    before = segment.snapshot()
    segment.edit("Troops are leaving.")
    segment.mark_reviewed()
    assert segment.snapshot() != before
    segment.restore(before)
    assert (segment.target, segment.status) == ("The troops leave.", Status.MACHINE_TRANSLATED)


def test_what_needs_translation_and_what_holds_the_reviewers_work() -> None:
    document = make_document("أ", "ب", "ج", "د")
    first, second, third, fourth = document.segments
    second.accept_machine_translation(machine("B"))
    third.exclude()
    fourth.accept_machine_translation(machine("D"))
    fourth.edit("Dee")
    assert [s.id for s in document.needing_translation()] == ["p1"]
    assert [s.id for s in document.holds_reviewer_work()] == ["p3", "p4"]
    assert first.needs_review
    assert second.needs_review
    assert not third.needs_review


def test_a_retranslation_replaces_the_reviewers_english() -> None:
    segment = make_document("أ").segments[0]
    segment.accept_machine_translation(machine("A"))
    segment.edit("Mine")
    segment.mark_reviewed()
    segment.use_machine_translation(machine("A, again"))
    assert (segment.target, segment.status) == ("A, again", Status.MACHINE_TRANSLATED)
