"""Moving to a paragraph while the engine is busy interrupts the batch under way: the paragraph
goes next, and the interrupted round's paragraphs right after it, none lost or doubled."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from reviewer.engine import TranslationCache, Translator
from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue
from reviewer.engine.types import Interrupted
from tests.engine.conftest import load_ct2, translate_in_background
from tests.helpers.fake_translator import FakeTranslator


class _HoldsTheSecondRound(FakeTranslator):
    """Holds its second call, "decoding" until interrupted (or for 30 s)."""

    def __init__(self) -> None:
        super().__init__()
        self.held = threading.Event()
        self.batch_size = 64  # a round in one call, as CTranslate2's backend takes it

    def translate(self, sentences: list[str], n_best: int = 1, **options: Any) -> Any:
        second = len(self.batches) == 1
        self.gate = threading.Event() if second else None
        if second:
            self.held.set()
        return super().translate(sentences, n_best, **options)


def test_a_move_interrupts_the_round_and_its_paragraphs_come_right_after() -> None:
    fake = _HoldsTheSecondRound()
    translator = Translator(fake, TranslationCache(enabled=False))
    queue = TranslationQueue(ParagraphRequest(f"p{n}", f"جملة رقم {n}.") for n in range(40))
    worker, delivered = translate_in_background(translator, queue)
    assert fake.held.wait(5)  # the second round (p1 … p32), held "decoding"
    assert len(fake.batches) == 2
    assert len(fake.batches[-1]) == 32
    queue.prioritize("p39")  # far down the queue, not in this round
    worker.join(10)
    assert not worker.is_alive()
    assert delivered[:3] == ["p0", "p39", "p1"]
    assert sorted(delivered) == sorted(f"p{n}" for n in range(40))  # none lost, none twice
    assert fake.batches[2] == ["جملة رقم 39."]  # the moved-to paragraph alone


def test_a_move_to_a_paragraph_of_the_round_under_way_interrupts_nothing() -> None:
    queue = TranslationQueue(ParagraphRequest(f"p{n}", "نص.") for n in range(3))
    assert queue.take(32)
    queue.prioritize("p1")  # already taken: nothing to hurry
    assert not queue.should_stop()


def test_ctranslate2_stops_at_the_next_step_when_interrupted(tiny_model: Path) -> None:
    backend = load_ct2(tiny_model)
    sentences = ["قال الرئيس إن المحادثات ستستأنف غدا.", "وصل الوفد إلى القاهرة."]
    asked: list[int] = []

    def after_three_steps() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(Interrupted):
        backend.translate(sentences, interrupt=after_three_steps)
    assert len(asked) < 10  # stopped at once, not at the end of the sentences
    # Never interrupted: exactly the translation without an interrupt.
    plain = [h[0].text for h in backend.translate(sentences)]
    assert [h[0].text for h in backend.translate(sentences, interrupt=lambda: False)] == plain
