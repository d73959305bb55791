"""Post-editing figures: HTER and chrF as sacrebleu's command line computes them, the review's
totals, and the project file keeping what was recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.document import Segment, Status, WorkRecord
from reviewer.metrics import (
    chrf,
    corpus_chrf,
    corpus_hter,
    duration,
    hter,
    segment_figures,
    starting_english,
    summarise,
)
from reviewer.project import FORMAT_VERSION, open_project, save_project
from tests.helpers.corpora import udhr_pairs
from tests.helpers.documents import machine, make_document, reviewed_document


def _machine_like(english: str, number: int) -> str:
    """*english* as a machine might have got it wrong: a word dropped, a plural lost, two
    words swapped (which one depends on *number*)."""
    words = english.split()
    if len(words) > 3:
        words.pop(number % len(words))
    if number % 3 == 0 and len(words) > 4:
        words[1], words[2] = words[2], words[1]
    return " ".join(words).replace("rights", "right")


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    """(machine-like, final) English pairs: the UDHR's English as the final text."""
    return [
        (_machine_like(english, number), english)
        for number, (_, english) in enumerate(udhr_pairs())
        if len(english.split()) > 2
    ]


def _sacrebleu(
    tmp_path: Path, pairs: list[tuple[str, str]], metric: str, *options: str
) -> list[float]:
    """What ``sacrebleu FINAL -i MT -m METRIC -b -w 4`` prints, as numbers."""
    hypotheses, references = tmp_path / "mt.txt", tmp_path / "final.txt"
    hypotheses.write_text("".join(h + "\n" for h, _ in pairs), encoding="utf-8")
    references.write_text("".join(r + "\n" for _, r in pairs), encoding="utf-8")
    command = [sys.executable, "-m", "sacrebleu", str(references), "-i", str(hypotheses)]
    result = subprocess.run(
        [*command, "-m", metric, "-b", "-w", "4", *options],
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(value) for value in result.stdout.split()]


def test_hter_and_chrf_agree_with_sacrebleus_command_line(
    tmp_path: Path, pairs: list[tuple[str, str]]
) -> None:
    # Sentence by sentence, as the side panel and the report show them.
    for metric, ours in (("ter", hter), ("chrf", chrf)):
        scores = _sacrebleu(tmp_path, pairs, metric, "--sentence-level")
        assert len(scores) == len(pairs)
        for (start, final), score in zip(pairs, scores, strict=True):
            assert ours(start, final) == pytest.approx(score, abs=0.0001), (metric, start)
    # And the whole review: all edits over all words, not a mean of percentages.
    (corpus_ter,) = _sacrebleu(tmp_path, pairs, "ter")
    (corpus_chrf_score,) = _sacrebleu(tmp_path, pairs, "chrf")
    assert corpus_hter(pairs) == pytest.approx(corpus_ter, abs=0.0001)
    assert corpus_chrf(pairs) == pytest.approx(corpus_chrf_score, abs=0.0001)
    assert 0 < corpus_ter < 50


def test_the_english_started_from_is_what_the_first_edit_changed() -> None:
    segment = Segment("p1", "نص", machine=machine("Machine English."))
    assert starting_english(segment) == "Machine English."
    segment.work = WorkRecord(started_from="Earlier machine English.")
    assert starting_english(segment) == "Earlier machine English."
    assert starting_english(Segment("p2", "نص")) is None


def test_figures_of_unchanged_edited_and_handwritten_segments() -> None:
    unchanged = Segment("p1", "نص", machine=machine("The troops leave."))
    unchanged.accept_machine_translation(unchanged.machine)  # type: ignore[arg-type]
    figures = segment_figures(unchanged)
    assert (figures.hter, figures.chrf) == (0.0, 100.0)
    edited = Segment("p2", "نص", machine=machine("The troops leave."))
    edited.edit("The troops are leaving.")
    figures = segment_figures(edited)
    assert figures.hter == pytest.approx(hter("The troops leave.", "The troops are leaving."))
    assert figures.hter is not None
    assert figures.hter > 0
    handwritten = Segment("p3", "نص", target="Written by hand.", status=Status.EDITED)
    assert segment_figures(handwritten).hter is None


def test_the_summary_totals_the_review_and_finds_the_most_work() -> None:
    document = make_document("قال الرئيس إن القوات ستغادر.", "العراق", "اترك ردا", "نص آخر هنا.")
    light, heavy, excluded, untouched = document.segments
    for segment, english in (
        (light, "The president said troops will leave."),
        (heavy, "Iraq"),
        (excluded, "Leave a reply"),
        (untouched, "Other text here."),
    ):
        segment.accept_machine_translation(machine(english))
    light.edit("The president said the troops will leave.")
    light.mark_reviewed()
    light.work = WorkRecord(seconds=30, visits=2, inserted=4, deleted=0, navigation=3)
    heavy.edit("Iraqi Kurdistan")
    heavy.mark_reviewed()
    heavy.work = WorkRecord(seconds=90, visits=1, inserted=9, deleted=0, navigation=1)
    excluded.exclude()
    excluded.work = WorkRecord(seconds=500)
    summary = summarise(document)
    assert summary.reviewed == 2
    assert summary.words_reviewed == light.word_count + heavy.word_count
    assert summary.seconds == 120  # the excluded segment's time is not the translation's
    assert summary.keys == 17
    assert summary.words_per_hour == pytest.approx(summary.words_reviewed / (120 / 3600))
    assert [f.segment.id for f in summary.most_work] == [heavy.id, light.id]
    pairs = [(f.start, f.segment.target) for f in summary.most_work]
    assert summary.hter == pytest.approx(corpus_hter(pairs))  # type: ignore[arg-type]


def test_durations_read_as_a_person_says_them() -> None:
    assert [duration(s) for s in (0, 44.6, 185, 4320)] == ["0 s", "45 s", "3 min 5 s", "1 h 12 min"]


def test_an_old_project_file_opens_and_saves_without_losing_anything(tmp_path: Path) -> None:
    """A project file as reviewer wrote it before anything was recorded (format 1, no
    "work"): saved again, every line is the same but the save time."""
    path = tmp_path / "old.reviewer.json"
    save_project(reviewed_document(), path)
    before = path.read_text(encoding="utf-8")
    assert '"work"' not in before
    save_project(open_project(path).document, path)
    after = path.read_text(encoding="utf-8")

    def without_save_time(text: str) -> dict[str, object]:
        payload = json.loads(text)
        payload.pop("saved")
        return payload

    assert without_save_time(after) == without_save_time(before)


def test_recorded_figures_round_trip_and_older_versions_still_read_the_file(
    tmp_path: Path,
) -> None:
    document = reviewed_document()
    work = WorkRecord(
        seconds=12.5,
        visits=3,
        inserted=10,
        deleted=2,
        navigation=4,
        started_from="Other text.",
        confirmed="2026-11-29T13:00:00+00:00",
    )
    document.segments[3].work = work
    path = tmp_path / "a.reviewer.json"
    save_project(document, path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    # Only figures were added: format 1 still, so older versions read it (and ignore them).
    assert payload["version"] == 1 < FORMAT_VERSION
    assert payload["segments"][3]["work"]["visits"] == 3
    assert "work" not in payload["segments"][0]
    assert open_project(path).document.segments[3].work == work
