"""Sentences delivered as they are done: CTranslate2 gives a sentence at its last decoding step
while the rest of its batch decodes on, and the scheduler gives a paragraph as soon as its
sentences are all done; an interrupted round keeps what it finished."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reviewer.engine import TranslationCache, Translator
from reviewer.engine.ct2 import CTranslate2Translator
from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue
from reviewer.engine.types import Hypothesis, Interrupted
from tests.engine.conftest import load_ct2, translate_in_background
from tests.helpers.fake_translator import FakeTranslator

LONG = "قال الرئيس الأمريكي جو بايدن إن القوات الأمريكية ستنهي مهمتها القتالية في العراق."
SHORT = "العراق."


@pytest.fixture
def one_batch(tiny_model_master: Path) -> CTranslate2Translator:
    """The tiny model with CTranslate2, its sentences in one batch (one job): whatever
    comes early comes from within the batch, not from another job."""
    backend = load_ct2(tiny_model_master)
    backend.parallel_batches = 1
    return backend


def test_a_short_sentence_comes_before_the_long_one_of_its_batch(
    one_batch: CTranslate2Translator,
) -> None:
    # The tiny random model never ends a sentence: each runs to its own length budget,
    # about twice its source tokens.
    sentences = [LONG, LONG + " " + LONG, SHORT]
    order = [index for index, _ in one_batch.translate_each(sentences)]
    assert order[0] == 2
    assert sorted(order) == [0, 1, 2]


def test_an_interrupt_keeps_the_sentences_already_done(one_batch: CTranslate2Translator) -> None:
    sentences = [LONG + " " + LONG, SHORT]
    expected = one_batch.translate(sentences)
    received: list[tuple[int, Hypothesis]] = []
    asked: list[int] = []

    def after_the_short_one() -> bool:
        # Asked once per sentence still decoding at each step: the short one's 13 tokens
        # take 26 asks, the long one has 62 tokens to go.
        asked.append(1)
        return len(asked) > 40

    with pytest.raises(Interrupted):
        received.extend(one_batch.translate_each(sentences, interrupt=after_the_short_one))
    assert [index for index, _ in received] == [1]  # the short one, whole; not the long one
    assert received[0][1].text == expected[1][0].text


class _Streaming(FakeTranslator):
    """Gives its sentences one at a time, asking *interrupt* between them; holds before the
    sentence named `hold_before` until interrupted or released."""

    streams = True

    def __init__(self) -> None:
        super().__init__()
        self.batch_size = 64
        self.hold_before: str | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.asked = 0  # how often the interrupt was asked while holding
        self.translated: list[str] = []

    def translate_each(
        self,
        sentences: list[str],
        *,
        interrupt: Callable[[], bool] | None = None,
        lead: int = 0,
    ) -> Iterator[tuple[int, Hypothesis]]:
        self.batches.append(list(sentences))
        for index, sentence in enumerate(sentences):
            if sentence == self.hold_before:
                self.held.set()
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and not self.release.is_set():
                    self.asked += 1
                    if interrupt is not None and interrupt():
                        raise Interrupted
                    time.sleep(0.002)
            self.translated.append(sentence)
            yield index, Hypothesis(f"EN({sentence})", -0.1, 1)


def test_a_streaming_backend_starts_with_a_full_round_and_delivers_as_it_goes() -> None:
    fake = _Streaming()
    translator = Translator(fake, TranslationCache(enabled=False))
    queue = TranslationQueue(ParagraphRequest(f"p{n}", f"جملة {n}.") for n in range(5))
    results = translator.translate_paragraphs(queue)
    assert next(results).id == "p0"
    assert fake.batches == [[f"جملة {n}." for n in range(5)]]  # one round, not p0 alone
    assert fake.translated == ["جملة 0."]  # p0 came out before the rest was translated
    assert [r.id for r in results] == ["p1", "p2", "p3", "p4"]


def test_an_interrupted_round_keeps_its_finished_sentences_and_a_cancel_stops_it() -> None:
    fake = _Streaming()
    fake.hold_before = "جملة 3ب."  # p3's first sentence is done, its second is not
    translator = Translator(fake, TranslationCache(enabled=False))
    texts = {n: f"جملة {n}." for n in range(40)} | {3: "جملة 3أ. جملة 3ب."}
    queue = TranslationQueue(ParagraphRequest(f"p{n}", text) for n, text in texts.items())
    worker, delivered = translate_in_background(translator, queue)
    assert fake.held.wait(5)
    fake.hold_before = None
    queue.prioritize("p39")
    worker.join(10)
    assert not worker.is_alive()
    assert delivered[:4] == ["p0", "p1", "p2", "p39"]
    assert sorted(delivered) == sorted(f"p{n}" for n in range(40))  # none lost, none twice
    # Nothing translated twice: the round's finished sentences were kept, p3's first too.
    assert len(fake.translated) == len(set(fake.translated)) == 41

    fake = _Streaming()
    fake.hold_before = "جملة 1."
    queue = TranslationQueue(ParagraphRequest(f"p{n}", f"جملة {n}.") for n in range(5))
    worker, delivered = translate_in_background(Translator(fake), queue)
    assert fake.held.wait(5)
    queue.cancel()  # mid-batch: stops at the next step, not at the end of the round
    worker.join(5)
    assert not worker.is_alive()
    assert delivered == ["p0"]


def test_the_lead_is_a_batch_of_its_own_queued_first(one_batch: CTranslate2Translator) -> None:
    """The paragraph read next does not wait for the round's encoding: its sentences are
    queued first, alone; the job that takes them takes the lighter share of the rest."""
    one_batch.parallel_batches = 2
    sources = [["a"] * length for length in (5, 9, 3, 7, 8, 2)]
    batches = one_batch._deal(sources, lead=1)
    assert batches[0] == [0]
    # The rest, longest first, in two runs: the batch queued right after the lead goes to
    # the free job; the one after waits for the lead (5 steps), so it gets the short run.
    assert batches[1:] == [[1, 4, 3], [2, 5]]
    assert one_batch._deal(sources, lead=6) == one_batch._deal(sources)  # all: no lead
    one_batch.parallel_batches = 1
    assert one_batch._deal(sources, lead=1) == [[1, 4, 3, 0, 2, 5]]  # one job: no gain


def test_the_job_with_the_longest_sentence_takes_the_next_longest_and_fewer(
    one_batch: CTranslate2Translator,
) -> None:
    """A step costs a batch the same whatever its sentences, plus a little per sentence: the
    job that must run the longest sentence's steps anyway takes the next longest (which end
    before it, and pad it least) and fewer sentences; the other the many short ones."""
    one_batch.parallel_batches = 2
    lengths = (62, 55, 47, 43, 43, 37, 33, 33, 33, 32, 26, 25, 21, 21, 20, 18, 16, 12, 9, 8)
    batches = one_batch._deal([["a"] * length for length in lengths])
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    with_longest, other = batches
    assert {0, 1} <= set(with_longest)
    assert min(lengths[i] for i in with_longest) >= max(lengths[i] for i in other)
    assert len(with_longest) < len(other)
    # Against the lengths dealt out in turn: the slower job's estimated cost (20 tokens a
    # step, plus its tokens) is lower, and so is the padding (the decoder attends over each
    # batch's sources padded to its longest, which is most of its memory).
    in_turn = [list(range(0, len(lengths), 2)), list(range(1, len(lengths), 2))]

    def slower(deal: list[list[int]]) -> int:
        return max(20 * max(lengths[i] for i in b) + sum(lengths[i] for i in b) for b in deal)

    def padded(deal: list[list[int]]) -> int:
        return sum(len(b) * max(lengths[i] for i in b) for b in deal)

    assert slower(batches) < slower(in_turn)
    assert padded(batches) < padded(in_turn)


@pytest.mark.parametrize("parts", [1, 2, 3, 4])
def test_balanced_cuts_find_the_least_costly_worst_run(parts: int) -> None:
    """Against every way of cutting the lengths into runs: none has a cheaper costliest
    run (the last run carrying the lead's cost after it)."""
    import itertools
    import random

    from reviewer.engine.ct2 import STEP_COST, balanced_cuts

    generator = random.Random(parts)
    for _ in range(40):
        lengths = sorted(generator.randint(1, 70) for _ in range(generator.randint(parts, 9)))
        lengths.reverse()
        after_lead = generator.choice([0, 0, generator.randint(1, 900)])

        def worst(cuts: list[int], lengths: list[int] = lengths, after: int = after_lead) -> int:
            runs = [lengths[a:b] for a, b in itertools.pairwise(cuts)]
            costs = [STEP_COST * run[0] + sum(run) for run in runs]
            costs[-1] += after
            return max(costs)

        cuts = balanced_cuts(lengths, parts, after_lead)
        assert (cuts[0], cuts[-1], len(cuts)) == (0, len(lengths), parts + 1)
        assert all(a < b for a, b in itertools.pairwise(cuts))  # no run empty
        every = [
            [0, *inner, len(lengths)]
            for inner in itertools.combinations(range(1, len(lengths)), parts - 1)
        ]
        assert worst(cuts) == min(worst(c) for c in every)


def test_the_first_waiting_paragraph_leads_the_first_round_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reviewer.engine import scheduler

    monkeypatch.setattr(scheduler, "ROUND_SENTENCES", 3)
    fake = _Streaming()
    leads: list[int] = []
    inner = fake.translate_each

    def recording(sentences: list[str], **options: object) -> Iterator[tuple[int, Hypothesis]]:
        leads.append(int(options.pop("lead", 0)))  # type: ignore[call-overload]
        return inner(sentences, **options)  # type: ignore[arg-type]

    fake.translate_each = recording  # type: ignore[method-assign]
    queue = TranslationQueue(
        [
            ParagraphRequest("p0", "قصيرة جدا هنا. وطويلة بعض الشيء هنا أيضا."),
            *(ParagraphRequest(f"p{n}", "كلمة.") for n in range(1, 4)),
        ]
    )
    results = list(Translator(fake, TranslationCache(enabled=False)).translate_paragraphs(queue))
    assert results[0].id == "p0"
    assert leads == [2, 0]  # p0 and p1 in the first round, p2 and p3 in the second
    assert fake.batches[0][:2] == ["قصيرة جدا هنا.", "وطويلة بعض الشيء هنا أيضا."]


def test_a_round_a_move_interrupted_is_not_interrupted_by_the_next_move() -> None:
    """A reviewer moving faster than a round takes must not starve it: the round a move
    interrupted finishes when resumed, and the next paragraph moved to goes right after."""
    fake = _Streaming()
    fake.hold_before = "جملة 3."
    translator = Translator(fake, TranslationCache(enabled=False))
    queue = TranslationQueue(ParagraphRequest(f"p{n}", f"جملة {n}.") for n in range(40))
    worker, delivered = translate_in_background(translator, queue)
    assert fake.held.wait(5)
    queue.prioritize("p39")  # interrupts the first round
    deadline = time.monotonic() + 5
    while len(fake.batches) < 3 and time.monotonic() < deadline:  # p39, then the resumed round
        time.sleep(0.001)
    assert fake.batches[1] == ["جملة 39."]
    assert fake.batches[2][0] == "جملة 3."  # resumed, holding again before p3
    queue.prioritize("p38")  # a second move, while the resumed round holds
    asked = fake.asked
    while fake.asked < asked + 20 and time.monotonic() < deadline:  # it asks, and goes on
        time.sleep(0.001)
    fake.release.set()
    worker.join(10)
    assert not worker.is_alive()
    # The resumed round, whole: the first round's p3 to p31 and, to fill it, p32 to p34.
    assert fake.batches[2] == [f"جملة {n}." for n in range(3, 35)]
    assert delivered[:4] == ["p0", "p1", "p2", "p39"]
    assert delivered[delivered.index("p34") + 1] == "p38"  # then the paragraph moved to
    assert sorted(delivered) == sorted(f"p{n}" for n in range(40))


def test_the_memory_a_round_freed_goes_back_once_the_engine_has_grown(
    one_batch: CTranslate2Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """glibc keeps freed memory for reuse, and the engine's grew round after round: a
    round, finished, interrupted or stopped early, ends with a trim once the process holds
    more than its ceiling (not before: the next round would touch its memory afresh)."""
    from reviewer.engine import ct2

    trims: list[int] = []
    monkeypatch.setattr(ct2, "_malloc_trim", lambda: trims.append)
    sentences = ["جملة قصيرة.", "جملة أطول من الأولى بكثير في هذا المثال."]
    assert one_batch.memory_ceiling_mb > ct2.resident_mb() > 0  # just loaded: room left
    assert len(list(one_batch.translate_each(sentences))) == 2
    one_batch.translate(sentences, n_best=2)
    assert trims == []
    one_batch.memory_ceiling_mb = ct2.resident_mb() - 1  # as if it had grown past it
    assert len(list(one_batch.translate_each(sentences))) == 2
    assert trims == [0]
    one_batch.translate(sentences, n_best=2)  # beam search: a path of its own
    assert trims == [0, 0]
    stream = one_batch.translate_each(sentences)
    next(stream)
    assert trims == [0, 0]  # not while the round is still under way
    stream.close()  # the caller stopped early
    assert trims == [0, 0, 0]


def test_a_trim_is_glibcs_malloc_trim_or_nothing() -> None:
    import platform

    from reviewer.engine import ct2

    trim = ct2._malloc_trim()
    if platform.libc_ver()[0] == "glibc":
        assert trim is not None
        assert trim(0) in (0, 1)
    ct2.give_back_freed_memory()


class _Step:
    """What CTranslate2 hands a step callback."""

    def __init__(self, token: str) -> None:
        self.batch_id, self.token, self.log_prob, self.is_last = 0, token, -1.0, False


class _Running:
    """A CTranslate2 job still decoding."""

    def done(self) -> bool:
        return False


def test_an_interrupt_wakes_the_round_at_once_not_at_its_next_look() -> None:
    """The step that sees the move wakes the waiting round: the paragraph moved to is
    queued then, not when the wait for the next sentence runs out (here an hour)."""
    from reviewer.engine import ct2

    moved: list[bool] = []
    stream = ct2._Stream(" ".join, lambda: bool(moved))
    on_step = stream.follow([0], [50])
    received: list[tuple[int, Hypothesis]] = []
    waiting = threading.Thread(
        target=lambda: received.extend(stream.completed([_Running()], 1, poll=3600)),
        daemon=True,
    )
    waiting.start()
    assert on_step(_Step("▁The")) is False  # decoding on, nothing to give yet
    moved.append(True)
    assert on_step(_Step("▁war")) is True  # the batch stops
    waiting.join(10)
    assert not waiting.is_alive()
    assert stream.interrupted
    assert received == []
