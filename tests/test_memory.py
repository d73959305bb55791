"""The translation memory: storing, exact and fuzzy matches, concordance, filling, safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer.document import MachineTranslation, Segment, Status
from reviewer.errors import TranslationMemoryError
from reviewer.memory import (
    NewUnit,
    TranslationMemory,
    default_path,
    normalise,
    same_source,
    similarity,
    units_of,
)
from tests.helpers.documents import make_document

# "The president said that the talks in Cairo will resume tomorrow."
SENTENCE = "قال الرئيس إن المحادثات في القاهرة ستستأنف غداً."
# The same sentence fully vowelled, with tatweel and a bare alef for the hamza.
VOWELLED = "قَالَ الرَّئِيسُ ان المحادثـــات فِي القَاهِرَةِ ستستأنف غداً."
ENGLISH = "The president said the talks in Cairo will resume tomorrow."


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    tm = TranslationMemory(tmp_path / "memory.sqlite")
    yield tm
    tm.close()


def test_normalise_folds_what_arabic_writers_vary() -> None:
    assert normalise(VOWELLED) == normalise(SENTENCE)
    assert normalise("إلى  أحمد\u200f ٢٠٢٤") == normalise("الي احمد 2024")
    assert normalise("مدرسة") == normalise("مدرسه")
    assert normalise("Cairo") == normalise("CAIRO")
    assert normalise("قال") != normalise("وقال")


def test_a_unit_with_diacritics_is_a_100_percent_match(memory: TranslationMemory) -> None:
    memory.add([NewUnit(VOWELLED, ENGLISH)])
    (match,) = memory.matches(SENTENCE)
    assert match.exact
    assert match.unit.target == ENGLISH
    assert [unit.target for unit in memory.exact(SENTENCE)] == [ENGLISH]


def test_an_attached_prefix_is_a_fuzzy_match_not_an_exact_one(memory: TranslationMemory) -> None:
    memory.add([NewUnit(SENTENCE, ENGLISH)])
    with_and = "و" + SENTENCE  # "And the president said…"
    assert memory.exact(with_and) == []
    (match,) = memory.matches(with_and)
    # One of its nine words (and full stop) differs: 89%, as a CAT tool counts it.
    assert match.score == 89
    assert match.unit.target == ENGLISH


def test_fuzzy_matches_come_best_first_and_below_the_threshold_never(
    memory: TranslationMemory,
) -> None:
    memory.add(
        [
            NewUnit("قال الرئيس إن المحادثات في القاهرة ستستأنف بعد غد.", "…the day after."),
            NewUnit(SENTENCE, ENGLISH),
            NewUnit("ارتفعت أسعار النفط في الأسواق العالمية اليوم.", "Oil prices rose."),
        ]
    )
    found = memory.matches(SENTENCE)
    assert [m.unit.target for m in found] == [ENGLISH, "…the day after."]
    assert found[0].score == 100 > found[1].score >= 60
    assert similarity(SENTENCE, "ارتفعت أسعار النفط في الأسواق العالمية اليوم.") < 60


def test_the_same_pair_is_stored_once(memory: TranslationMemory) -> None:
    first = memory.add([NewUnit(SENTENCE, ENGLISH)])
    again = memory.add([NewUnit(VOWELLED, ENGLISH), NewUnit(SENTENCE, "Other English.")])
    assert (first.added, again.added, again.already) == (1, 1, 1)
    assert len(memory) == 2
    assert {m.unit.target for m in memory.matches(SENTENCE)} == {ENGLISH, "Other English."}


def test_a_reviewed_segment_gives_its_sentences_when_they_align(
    memory: TranslationMemory,
) -> None:
    segment = Segment(
        "p3",
        "وصل الوفد إلى القاهرة. وبدأت المحادثات مساء الأحد.",
        target="The delegation arrived in Cairo. The talks began on Sunday evening.",
        status=Status.REVIEWED,
    )
    assert [unit.kind for unit in units_of("a.reviewer.json", segment)] == [
        "segment",
        "sentence",
        "sentence",
    ]
    assert memory.remember("a.reviewer.json", segment) == 3
    (unit,) = memory.exact("وبدأت المحادثات مساء الأحد.")
    assert unit.target == "The talks began on Sunday evening."
    assert (unit.project, unit.segment) == ("a.reviewer.json", "p3")
    # Two Arabic sentences against one English one: only the whole segment is stored.
    segment.target = "The delegation arrived in Cairo and the talks began on Sunday evening."
    assert memory.remember("a.reviewer.json", segment) == 1
    assert memory.exact("وبدأت المحادثات مساء الأحد.") == []


def test_remembering_again_replaces_and_forgetting_removes_from_every_index(
    memory: TranslationMemory,
) -> None:
    segment = Segment("p1", SENTENCE, target=ENGLISH, status=Status.REVIEWED)
    memory.remember("a", segment)
    segment.target = "The president said talks in Cairo resume tomorrow."
    memory.remember("a", segment)
    assert [unit.target for unit in memory.exact(SENTENCE)] == [segment.target]
    assert memory.concordance("will resume") == []
    memory.forget("a", "p1")
    assert len(memory) == 0
    assert memory.concordance("القاهرة") == []
    assert memory.matches(SENTENCE) == []
    # The indexes themselves forgot the pair, not only the table of units.
    connection = memory.connection
    assert connection.execute(
        "SELECT count(*) FROM unit_words WHERE unit_words MATCH '\"القاهره\"'"
    ).fetchone() == (0,)
    assert connection.execute(
        "SELECT count(*) FROM unit_text WHERE unit_text MATCH '\"resume\"'"
    ).fetchone() == (0,)
    assert connection.execute("SELECT max(units) FROM word_counts").fetchone() == (0,)


def test_concordance_finds_a_word_inside_the_word_it_is_attached_to(
    memory: TranslationMemory,
) -> None:
    memory.add(
        [
            NewUnit("عُقِدَ الاجتماعُ بِمِصْرَ أمس.", "The meeting was held in Egypt yesterday."),
            NewUnit("ومصر دولة عربية.", "And Egypt is an Arab country."),
            NewUnit("الطقس حار اليوم.", "The weather is hot today."),
        ]
    )
    hits = memory.concordance("مصر")
    assert sorted(hit.unit.target for hit in hits) == [
        "And Egypt is an Arab country.",
        "The meeting was held in Egypt yesterday.",
    ]
    vowelled = next(hit for hit in hits if hit.unit.source.startswith("عُقِدَ"))
    (start, end) = vowelled.source_spans[0]
    assert normalise(vowelled.unit.source[start:end]) == "مصر"
    english = memory.concordance("EGYPT")
    assert len(english) == 2
    assert all(hit.target_spans for hit in english)
    # Two letters: under what the trigram index can look up, found by reading the units.
    assert [hit.unit.target for hit in memory.concordance("حار")] == ["The weather is hot today."]
    assert len(memory.concordance("ال")) == 2


def test_fill_uses_approved_exact_matches_and_never_the_reviewers_english(
    memory: TranslationMemory,
) -> None:
    memory.add([NewUnit(VOWELLED, ENGLISH, status="reviewed")])
    memory.add([NewUnit("نص آخر للاختبار.", "Machine English.", status="draft")])
    document = make_document(SENTENCE, SENTENCE, "نص آخر للاختبار.", SENTENCE)
    fresh, edited, draft, excluded = document.segments
    edited.edit("My own English.")
    excluded.exclude()
    assert memory.fill(document) == [fresh]
    assert (fresh.target, fresh.status) == (ENGLISH, Status.FROM_MEMORY)
    assert fresh.memory is not None
    assert fresh.memory.source == VOWELLED
    assert not fresh.needs_translation
    assert (edited.target, edited.status) == ("My own English.", Status.EDITED)
    assert draft.status is Status.UNTRANSLATED
    assert draft.needs_translation
    assert excluded.status is Status.EXCLUDED
    assert excluded.target == ""


def test_english_from_the_memory_outranks_a_late_machine_translation() -> None:
    from reviewer.memory import MemoryUnit, memory_fill

    unit = MemoryUnit(1, SENTENCE, ENGLISH, "segment", "reviewed", "a", "p1", None, "d", "d")
    segment = Segment("p9", SENTENCE)
    assert segment.fill_from_memory(memory_fill(unit, "memory.sqlite"))
    assert not segment.accept_machine_translation(MachineTranslation("MT English.", "m"))
    assert (segment.target, segment.status) == (ENGLISH, Status.FROM_MEMORY)
    segment.edit("Edited.")
    assert segment.status is Status.EDITED
    assert segment.revert_to_machine_translation()
    assert segment.status is Status.MACHINE_TRANSLATED
    segment.edit(ENGLISH)
    assert segment.status is Status.FROM_MEMORY
    segment.machine = None
    segment.edit("Edited again.")
    assert segment.revert_to_machine_translation()
    assert (segment.target, segment.status) == (ENGLISH, Status.FROM_MEMORY)


def test_same_source_finds_repeats_once_normalised() -> None:
    document = make_document(SENTENCE, "نص آخر.", VOWELLED)
    assert same_source(document, document.segments[0]) == [document.segments[2]]


def test_segment_matches_offer_a_repeated_sentence_inside_a_paragraph(
    memory: TranslationMemory,
) -> None:
    memory.add([NewUnit(SENTENCE, ENGLISH)])
    paragraph = "وصل الوفد مساء الأحد. " + SENTENCE
    found = memory.segment_matches(paragraph)
    sentence_match = next(match for match in found if match.sentence)
    assert (sentence_match.sentence, sentence_match.score) == (2, 100)
    assert sentence_match.unit.target == ENGLISH


def test_the_default_memory_lives_in_the_data_folder(tmp_path: Path) -> None:
    memory = TranslationMemory()
    memory.add([NewUnit(SENTENCE, ENGLISH)])
    memory.close()
    assert default_path().is_file()
    assert default_path().parent.name == "reviewer"


def test_a_damaged_memory_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"this is no database" * 100)
    with pytest.raises(TranslationMemoryError, match=r"damaged.*Move it aside"):
        len(TranslationMemory(path))


def test_a_memory_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version=99")
    connection.close()
    with pytest.raises(TranslationMemoryError, match="newer version of reviewer"):
        len(TranslationMemory(path))


def test_units_survive_a_kill_during_writes(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    writer = textwrap.dedent(
        f"""
        from pathlib import Path
        from reviewer.memory import NewUnit, TranslationMemory
        memory = TranslationMemory(Path({str(path)!r}))
        for number in range(100000):
            batch = [NewUnit(f"جملة رقم {{number}} {{i}} في الذاكرة", f"Sentence {{number}} {{i}}")
                     for i in range(20)]
            memory.add(batch)
            print(number, flush=True)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", writer],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert process.stdout is not None
    committed = -1
    for line in process.stdout:
        committed = int(line)
        if committed >= 30:
            break
    os.kill(process.pid, signal.SIGKILL)  # in the middle of the next transaction
    process.wait()
    process.stdout.close()
    assert committed >= 30, "the writer stopped before it was killed"
    memory = TranslationMemory(path)
    assert memory.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = len(memory)
    assert stored >= (committed + 1) * 20
    assert stored % 20 == 0  # whole transactions only
    (unit,) = memory.exact(f"جملة رقم {committed} 7 في الذاكرة")
    assert unit.target == f"Sentence {committed} 7"
    assert memory.concordance(f"Sentence {committed} 7")
    memory.close()


@pytest.mark.parametrize("status", [Status.EDITED, Status.REVIEWED, Status.EXCLUDED])
def test_a_fill_never_replaces_the_reviewers_english(status: Status) -> None:
    from reviewer.document import MemoryFill

    segment = Segment("p1", SENTENCE, target="Mine.", status=status)
    assert not segment.fill_from_memory(MemoryFill(ENGLISH, SENTENCE, "a p1", "memory.sqlite"))
    assert (segment.target, segment.status, segment.memory) == ("Mine.", status, None)


def test_the_same_pair_from_two_reviews_is_offered_once(memory: TranslationMemory) -> None:
    segment = Segment("p1", SENTENCE, target=ENGLISH, status=Status.REVIEWED)
    memory.remember("first.reviewer.json", segment)
    memory.remember("second.reviewer.json", segment)
    assert len(memory) == 2  # each review's provenance is kept
    (match,) = memory.matches(SENTENCE)
    assert match.unit.project == "second.reviewer.json"  # the newest
