"""Paragraph scheduling on a stand-in backend: sentences, batching, order, cancel, cache."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reviewer.engine import scheduler
from reviewer.engine.cache import TranslationCache
from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue, Translator
from tests.engine.conftest import translate_in_background
from tests.helpers.fake_translator import FakeTranslator


@pytest.fixture
def fake() -> FakeTranslator:
    return FakeTranslator()


@pytest.fixture
def cache(tmp_path: Path) -> TranslationCache:
    return TranslationCache(tmp_path / "cache.sqlite3")


def queue_of(*texts: str) -> TranslationQueue:
    return TranslationQueue(ParagraphRequest(f"p{n}", t) for n, t in enumerate(texts, start=1))


def test_paragraphs_are_translated_sentence_by_sentence_and_joined(
    fake: FakeTranslator, cache: TranslationCache
) -> None:
    translator = Translator(fake, cache)
    results = list(
        translator.translate_paragraphs(queue_of("جملة أولى. جملة \u200fثانية؟", "ثالثة"))
    )
    assert [r.id for r in results] == ["p1", "p2"]
    assert results[0].machine.text == "EN(جملة أولى.) EN(جملة ثانية؟)"
    assert results[1].machine.text == "EN(ثالثة)"
    sent = [sentence for batch in fake.batches for sentence in batch]
    assert "\u200f" not in "".join(sent)  # The model sees cleaned text...


def test_the_first_paragraph_comes_alone_then_batches_sorted_by_length(
    fake: FakeTranslator,
) -> None:
    translator = Translator(fake)
    texts = ["أول", "ثاني طويل جدا جدا جدا", "ثالث", "رابع أطول قليلا"]
    list(translator.translate_paragraphs(queue_of(*texts)))
    assert fake.batches[0] == ["أول"]
    assert fake.batches[1] == ["ثالث", "رابع أطول قليلا", "ثاني طويل جدا جدا جدا"]


def test_a_sentence_over_the_model_limit_is_split_not_cut() -> None:
    fake = FakeTranslator(max_input_tokens=4)
    translator = Translator(fake)
    machine = translator.translate_text("واحد اثنان ثلاثة، أربعة خمسة ستة سبعة")
    assert machine.text == "EN(واحد اثنان ثلاثة،) EN(أربعة خمسة ستة سبعة)"
    assert all(fake.count_tokens(s) <= 4 for batch in fake.batches for s in batch)


def test_each_translation_records_model_revision_and_settings(fake: FakeTranslator) -> None:
    machine = Translator(fake).translate_text("نص")
    assert machine.model == "fake/model"
    assert machine.revision == "fake-revision"
    assert machine.settings["backend"] == "fake"
    assert machine.settings["num_beams"] == 1
    assert machine.settings["max_length"] == 512
    assert machine.created.endswith("+00:00")
    assert machine.score == pytest.approx(0.9048, abs=1e-3)  # exp(-0.1) per token


def test_the_cache_answers_repeated_sentences_without_the_model(
    fake: FakeTranslator, cache: TranslationCache, tmp_path: Path
) -> None:
    list(Translator(fake, cache).translate_paragraphs(queue_of("نعم. كلا.", "ج")))
    calls = len(fake.batches)
    reopened = TranslationCache(tmp_path / "cache.sqlite3")  # as after a restart
    results = list(Translator(fake, reopened).translate_paragraphs(queue_of("كلا. نعم.", "ج")))
    assert len(fake.batches) == calls
    assert all(r.cached for r in results)
    assert results[0].machine.text == "EN(كلا.) EN(نعم.)"


def test_the_cache_is_keyed_by_settings(fake: FakeTranslator, cache: TranslationCache) -> None:
    Translator(fake, cache).translate_text("نص")
    fake.settings = fake.settings.__class__(num_beams=4)
    Translator(fake, cache).translate_text("نص")
    assert len(fake.batches) == 2


def test_a_damaged_cache_file_does_not_stop_translation(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(path)
    assert not cache.enabled
    assert Translator(FakeTranslator(), cache).translate_text("نص").text == "EN(نص)"


def test_priority_changes_take_effect_at_the_next_batch(
    fake: FakeTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler, "ROUND_SENTENCES", 2)
    queue = queue_of("أ", "ب", "ج", "د", "ه")
    order = []
    for result in Translator(fake).translate_paragraphs(queue):
        order.append(result.id)
        if result.id == "p1":
            queue.prioritize("p5")
    assert order == ["p1", "p5", "p2", "p3", "p4"]


def test_the_paragraph_the_reviewer_moves_to_goes_in_a_round_of_its_own(
    fake: FakeTranslator,
) -> None:
    queue = queue_of("أ", "ب", "ج", "نعم. كلا. ربما.", "ز")
    results = Translator(fake).translate_paragraphs(queue)
    assert next(results).id == "p1"  # the first round: the first paragraph alone
    queue.prioritize("p4")
    assert next(results).id == "p4"
    # Its round held its own sentences, not the 32-sentence round's worth of others.
    assert sorted(fake.batches[-1]) == sorted(["نعم.", "كلا.", "ربما."])
    assert [r.id for r in results] == ["p2", "p3", "p5"]
    assert fake.batches[-1] == ["ب", "ج", "ز"]  # the rest share a round again


def test_cancel_stops_between_batches(
    fake: FakeTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduler, "ROUND_SENTENCES", 2)
    queue = queue_of(*"أبجدهوزح")
    fake.gate = threading.Event()
    worker, delivered = translate_in_background(Translator(fake), queue)
    assert fake.entered.wait(10)
    queue.cancel()  # while the first batch is running
    fake.gate.set()
    worker.join(10)
    assert not worker.is_alive()
    assert delivered == ["p1"]  # The batch under way finished; nothing after it started.
    assert len(fake.batches) == 1


def test_discarded_and_added_paragraphs(fake: FakeTranslator) -> None:
    queue = queue_of("أ", "ب", "ج")
    queue.discard("p2")
    queue.add(ParagraphRequest("p9", "ط"), first=True)
    assert [r.id for r in Translator(fake).translate_paragraphs(queue)] == ["p9", "p1", "p3"]


def test_alternatives_come_from_n_best_with_a_confidence(fake: FakeTranslator) -> None:
    machine = Translator(fake).alternatives("نعم. كلا", count=3)
    assert machine.text == "EN(نعم.) EN(كلا)"
    assert machine.alternatives == ("EN1(نعم.) EN1(كلا)", "EN2(نعم.) EN2(كلا)")
    assert machine.settings["num_beams"] == 3
    assert machine.score is not None
    assert 0 < machine.score < 1


def test_a_paragraph_of_only_invisible_marks_translates_to_nothing(fake: FakeTranslator) -> None:
    assert Translator(fake).translate_text("\u200f\u0640").text == ""
    assert fake.batches == []
