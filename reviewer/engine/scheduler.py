"""Translating paragraphs: sentence by sentence, batched, cached, streamed, reorderable.

`Translator` wraps any `SentenceTranslator` backend. A paragraph is cut into sentences (the
core's split), each cleaned for the model and, if still too long for it, cut further; the
pieces are looked up in the cache, the rest translated in rounds, and the translations joined
back. Paragraphs are delivered as soon as their pieces are done (with CTranslate2, while the
rest of the round still decodes), in the order of a `TranslationQueue` that another thread may
change (the paragraph the reviewer is on goes first) or cancel. A cancel, or a move to a
paragraph still waiting, interrupts the batch under way (CTranslate2 stops at its next
decoding step); the sentences already done are kept, and the round's undelivered paragraphs
go back to the queue right after the one the reviewer moved to.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence

from reviewer.document import MachineTranslation, utc_now
from reviewer.engine.cache import TranslationCache
from reviewer.engine.chunking import fit_to_limit
from reviewer.engine.cleaning import clean_for_model
from reviewer.engine.types import Hypothesis, Interrupted, SentenceTranslator
from reviewer.segmentation import split_sentences

#: Sentences per round. A round costs about as many decoding steps as its longest sentence
#: (benchmarks/translate_speed.py), so the bigger the round, the fewer steps in all; but
#: each sentence in flight holds 2-3 MB of decoder state, so the bigger, the more memory.
ROUND_SENTENCES = 32


@dataclasses.dataclass(frozen=True)
class ParagraphRequest:
    """A paragraph to translate."""

    id: str
    text: str
    #: The review the paragraph belongs to (see reviewer.engine.protocol), echoed in its result.
    generation: int = 0


@dataclasses.dataclass(frozen=True)
class ParagraphResult:
    """A translated paragraph."""

    id: str
    machine: MachineTranslation
    #: Whether every piece came from the cache (nothing was computed).
    cached: bool
    generation: int = 0


class TranslationQueue:
    """Paragraphs waiting for translation. Thread-safe: the window reorders and cancels it
    while the worker takes from it."""

    def __init__(self, paragraphs: Iterable[ParagraphRequest] = ()) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, ParagraphRequest] = {p.id: p for p in paragraphs}
        self._cancelled = False
        #: The paragraph the reviewer moved to: it goes next, and alone.
        self._urgent: str | None = None
        #: Paragraphs of a round that a move interrupted, queued again.
        self._given_back: set[str] = set()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)

    def prioritize(self, paragraph_id: str) -> None:
        """Translate *paragraph_id* next, and in a round of its own (not sharing one with
        the paragraphs after it), if it is still waiting."""
        with self._lock:
            request = self._pending.pop(paragraph_id, None)
            if request is not None:
                self._pending = {paragraph_id: request, **self._pending}
                self._urgent = paragraph_id

    def add(self, request: ParagraphRequest, *, first: bool = False) -> None:
        """Queue *request* (again), at the end or first."""
        with self._lock:
            self._pending.pop(request.id, None)
            if first:
                self._pending = {request.id: request, **self._pending}
            else:
                self._pending[request.id] = request

    def should_stop(self) -> bool:
        """Whether the batch under way should stop: the reviewer moved to a paragraph still
        waiting, or the work was cancelled (asked at every decoding step: no lock)."""
        return self._urgent is not None or self._cancelled

    def cancel_requested(self) -> bool:
        """Whether the work was cancelled (asked at every decoding step: no lock)."""
        return self._cancelled

    def resumes(self, requests: list[ParagraphRequest]) -> bool:
        """Whether *requests* hold paragraphs of a round a move interrupted. Such a round is
        not interrupted by a move again: a reviewer moving faster than a round takes would
        otherwise throw its work away again and again, and nothing would be translated but
        the paragraphs moved to."""
        with self._lock:
            held = {r.id for r in requests} & self._given_back
            self._given_back -= held
            return bool(held)

    def give_back(self, requests: list[ParagraphRequest]) -> None:
        """Queue *requests* again, right after the paragraph the reviewer moved to (a round
        interrupted for it)."""
        with self._lock:
            if self._cancelled:
                return
            pending = dict(self._pending)
            head = {}
            if self._urgent is not None and self._urgent in pending:
                head[self._urgent] = pending.pop(self._urgent)
            returned = {r.id: r for r in requests if r.id not in head}
            self._pending = {**head, **returned, **pending}
            self._given_back |= set(returned)

    def discard(self, paragraph_id: str) -> None:
        """Stop waiting for *paragraph_id* (the reviewer translated it by hand)."""
        with self._lock:
            self._pending.pop(paragraph_id, None)

    def cancel(self) -> None:
        """Stop: at the next decoding step with CTranslate2, after the batch otherwise."""
        with self._lock:
            self._cancelled = True

    @property
    def cancelled(self) -> bool:
        """Whether `cancel` was called."""
        with self._lock:
            return self._cancelled

    def take(self, sentence_budget: int) -> list[ParagraphRequest]:
        """Remove and return the next paragraphs: at least one, and more while they hold
        no more than *sentence_budget* sentences together."""
        taken: list[ParagraphRequest] = []
        count = 0
        with self._lock:
            if self._cancelled:
                return taken
            urgent, self._urgent = self._urgent, None
            if urgent is not None and next(iter(self._pending), None) == urgent:
                # The reviewer is waiting for this one: a round of its own is done in the
                # time of its longest sentence, not of 32 others' (its sentences still
                # spread over the parallel jobs).
                return [self._pending.pop(urgent)]
            for paragraph_id in list(self._pending):
                request = self._pending[paragraph_id]
                size = len(split_sentences(request.text))
                if taken and count + size > sentence_budget:
                    break
                taken.append(self._pending.pop(paragraph_id))
                count += size
        return taken


class Translator:
    """Translates paragraphs with a sentence backend and a cache."""

    def __init__(self, backend: SentenceTranslator, cache: TranslationCache | None = None) -> None:
        self.backend = backend
        self.cache = cache

    @property
    def settings_record(self) -> dict[str, str | int | float]:
        """The decoding settings recorded with each translation (and in cache keys)."""
        record: dict[str, str | int | float] = {"backend": self.backend.backend}
        record.update(self.backend.settings.record())
        return record

    def pieces(self, text: str) -> list[str]:
        """The cleaned pieces of *text* the model translates, in order."""
        pieces: list[str] = []
        limit = self.backend.max_input_tokens
        for sentence in split_sentences(text):
            cleaned = clean_for_model(sentence)
            if cleaned:
                pieces.extend(fit_to_limit(cleaned, limit, self.backend.count_tokens))
        return pieces

    def translate_paragraphs(self, queue: TranslationQueue) -> Iterator[ParagraphResult]:
        """Translate what *queue* holds, yielding each paragraph as soon as it is done.

        A backend that streams (CTranslate2) gives a paragraph as soon as its sentences are
        done; the first round's first paragraph leads it (a batch of its own, queued
        first), so it comes as soon as it would alone, and the round does not wait for it.
        Otherwise the first round is the first paragraph alone, so it arrives as fast as
        possible.
        """
        budget = ROUND_SENTENCES if self.backend.streams else 1
        first = True
        pieces_of: dict[str, list[str]] = {}
        # Sentences done in a round that was interrupted, for the round that takes them up.
        spare: dict[str, Hypothesis] = {}
        while True:
            requests = queue.take(budget)
            if not requests:
                return
            for request in requests:
                pieces_of[request.id] = self.pieces(request.text)
            # Only the first round leads with its first paragraph, the one shown first:
            # later rounds keep their jobs balanced (a lead in every round took a
            # 184-paragraph article from 9.0 s to 9.8 s).
            yield from self._translate_round(requests, pieces_of, queue, spare, leads=first)
            budget, first = ROUND_SENTENCES, False

    def translate_text(self, text: str) -> MachineTranslation:
        """The machine translation of one paragraph, now (cache first)."""
        queue = TranslationQueue([ParagraphRequest("text", text)])
        (result,) = self.translate_paragraphs(queue)
        return result.machine

    def alternatives(self, text: str, count: int = 5) -> MachineTranslation:
        """Up to *count* translations of *text* from beam search, best first, with the
        model's confidence in the best. Not cached: asked for one segment at a time."""
        pieces = self.pieces(text)
        per_piece = self.backend.translate(pieces, n_best=count) if pieces else []
        candidates: list[str] = []
        for rank in range(count):
            chosen = [options[min(rank, len(options) - 1)] for options in per_piece]
            candidate = " ".join(h.text for h in chosen)
            if candidate not in candidates:
                candidates.append(candidate)
        best = [options[0] for options in per_piece]
        settings = self.settings_record
        settings["num_beams"] = max(self.backend.settings.num_beams, count)
        return MachineTranslation(
            text=candidates[0] if candidates else "",
            model=self.backend.model_id,
            revision=self.backend.revision,
            settings=settings,
            created=utc_now(),
            score=confidence(best),
            alternatives=tuple(candidates[1:]),
        )

    def _translate_round(
        self,
        requests: list[ParagraphRequest],
        pieces_of: dict[str, list[str]],
        queue: TranslationQueue,
        spare: dict[str, Hypothesis],
        *,
        leads: bool,
    ) -> Iterator[ParagraphResult]:
        settings = self.settings_record
        keys = {
            piece: self._key(settings, piece)
            for request in requests
            for piece in pieces_of[request.id]
        }
        cached = self.cache.get_many(keys.values()) if self.cache is not None else {}
        done: dict[str, Hypothesis] = {
            piece: cached[key] for piece, key in keys.items() if key in cached
        }
        done.update((piece, spare.pop(piece)) for piece in keys if piece in spare)
        missing = sorted(
            (piece for piece in keys if piece not in done), key=self.backend.count_tokens
        )
        # The first paragraph still to come leads (the one the reviewer reads next), where
        # the backend streams; otherwise sorted batches pad least.
        first_pieces = dict.fromkeys(pieces_of[requests[0].id])
        leading = leads and self.backend.streams
        lead = [piece for piece in first_pieces if piece in missing] if leading else []
        missing = lead + [piece for piece in missing if piece not in lead]
        # A move interrupts a round once: given back and taken up again, it runs to its end
        # (a cancel still stops it).
        interrupt = queue.cancel_requested if queue.resumes(requests) else queue.should_stop
        waiting = list(requests)
        waiting = yield from self._deliver(waiting, pieces_of, done, settings, computed=set())
        computed: set[str] = set()
        size = self.backend.batch_size
        for start in range(0, len(missing), size):
            if queue.cancelled:
                return
            batch = missing[start : start + size]
            fresh: dict[str, Hypothesis] = {}
            try:
                for index, hypothesis in self.backend.translate_each(
                    batch, interrupt=interrupt, lead=len(lead) if start == 0 else 0
                ):
                    fresh[batch[index]] = hypothesis
                    done[batch[index]] = hypothesis
                    computed.add(batch[index])
                    waiting = yield from self._deliver(waiting, pieces_of, done, settings, computed)
            except Interrupted:
                # The reviewer moved to a paragraph still waiting (or the work was cancelled):
                # it goes now, and this round's paragraphs not yet delivered right after it.
                spare.update(fresh)
                queue.give_back(waiting)
                return
            finally:
                # What was computed is kept, even when the round stops halfway.
                if self.cache is not None and fresh:
                    self.cache.put_many({keys[piece]: h for piece, h in fresh.items()})

    def _deliver(
        self,
        waiting: list[ParagraphRequest],
        pieces_of: dict[str, list[str]],
        done: dict[str, Hypothesis],
        settings: dict[str, str | int | float],
        computed: set[str],
    ) -> Generator[ParagraphResult, None, list[ParagraphRequest]]:
        """Yield the waiting paragraphs whose pieces are all done; return the others."""
        still: list[ParagraphRequest] = []
        for request in waiting:
            pieces = pieces_of[request.id]
            if not all(piece in done for piece in pieces):
                still.append(request)
                continue
            chosen = [done[piece] for piece in pieces]
            machine = MachineTranslation(
                text=" ".join(h.text for h in chosen),
                model=self.backend.model_id,
                revision=self.backend.revision,
                settings=dict(settings),
                created=utc_now(),
                score=confidence(chosen),
            )
            yield ParagraphResult(
                request.id,
                machine,
                cached=not any(p in computed for p in pieces),
                generation=request.generation,
            )
        return still

    def _key(self, settings: dict[str, str | int | float], piece: str) -> str:
        return TranslationCache.key(self.backend.model_id, self.backend.revision, settings, piece)


def confidence(hypotheses: Sequence[Hypothesis]) -> float | None:
    """The model's confidence in a translation made of *hypotheses*: the geometric mean of
    its token probabilities, from 0 to 1."""
    tokens = sum(h.tokens for h in hypotheses)
    if tokens == 0:
        return None
    return math.exp(sum(h.log_prob for h in hypotheses) / tokens)
