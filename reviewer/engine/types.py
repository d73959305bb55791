"""What the translation engine takes and gives: plain values, no torch.

Every backend (transformers, CTranslate2, the test double) implements `SentenceTranslator`;
the scheduler, the cache, the command line and the window only know this interface.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Protocol

#: The default model, as named on the Hugging Face hub.
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"


@dataclasses.dataclass(frozen=True)
class DecodingSettings:
    """How the model decodes; recorded with every translation it makes.

    The defaults come from the benchmark in ``benchmarks/translate_speed.py`` (see the
    README): greedy decoding, batched by length, is about five times faster than beam search
    on a laptop CPU.
    """

    num_beams: int = 1
    #: A hard cap on output tokens per sentence (the model's own limit is 512).
    max_length: int = 512
    #: Output may be at most this many times the input's tokens, plus `length_margin`: a
    #: guard against the repetition loops a stuck decoder can fall into.
    length_ratio: float = 2.0
    length_margin: int = 10
    #: Output must be at least this many times the input's tokens (0: no minimum). Only
    #: benchmarks set it, to force the output length of a model with random weights.
    min_length_ratio: float = 0.0

    def max_new_tokens(self, source_tokens: int, model_limit: int) -> int:
        """The output budget for a sentence of *source_tokens* tokens, within the
        *model_limit* of positions the model's decoder has."""
        budget = int(source_tokens * self.length_ratio) + self.length_margin
        return min(self.max_length, model_limit, budget)

    def min_new_tokens(self, source_tokens: int, model_limit: int) -> int | None:
        """The least output for a sentence of *source_tokens* tokens, if there is one."""
        if self.min_length_ratio <= 0:
            return None
        wanted = int(source_tokens * self.min_length_ratio)
        return min(self.max_new_tokens(source_tokens, model_limit), wanted)

    def record(self) -> dict[str, int | float]:
        """The settings as stored with each translation."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Hypothesis:
    """One candidate translation of a sentence."""

    text: str
    #: Sum of the log-probabilities of its tokens, and how many there were.
    log_prob: float
    tokens: int
    #: Its target pieces, where the backend gives them (CTranslate2): what the output
    #: shortlist is built from (reviewer.engine.shortlist).
    pieces: tuple[str, ...] = ()


class SentenceTranslator(Protocol):
    """A loaded model that translates sentences (cleaned, each within `max_input_tokens`)."""

    #: The model's name (hub id or folder) and revision, recorded with each translation.
    model_id: str
    revision: str
    #: Which backend runs it ("transformers", "ctranslate2"...), and on which device.
    backend: str
    device: str
    settings: DecodingSettings
    #: The longest input, in tokens, the model accepts (its end-of-sentence token excluded).
    max_input_tokens: int
    #: How many sentences one `translate` call should get for the best throughput (it may
    #: cut them into smaller batches of its own, or run them as parallel jobs).
    batch_size: int
    #: Whether `translate_each` gives each sentence as soon as it is done (CTranslate2),
    #: rather than all of them when the whole batch is (a padded transformers batch).
    streams: bool

    def count_tokens(self, text: str) -> int:
        """How many tokens *text* is to the model, without the end-of-sentence token."""
        ...

    def translate(
        self,
        sentences: list[str],
        n_best: int = 1,
        *,
        interrupt: Callable[[], bool] | None = None,
    ) -> list[list[Hypothesis]]:
        """The *n_best* hypotheses for each sentence, best first, in input order.

        *interrupt* is asked while decoding: when it answers True the backend stops as soon
        as it can (CTranslate2: at the next decoding step) and raises `Interrupted`; nothing
        of the call is returned."""
        ...

    def translate_each(
        self,
        sentences: list[str],
        *,
        interrupt: Callable[[], bool] | None = None,
        lead: int = 0,
    ) -> Iterator[tuple[int, Hypothesis]]:
        """The best hypothesis of each sentence, with the sentence's index, as each is done
        (in any order).

        When *interrupt* answers True, the sentences already done are still given, then
        `Interrupted` is raised. The first *lead* sentences (the paragraph read next) may be
        decoded on their own, ahead of the others."""
        ...


def each_at_once(
    translator: SentenceTranslator,
    sentences: list[str],
    interrupt: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, Hypothesis]]:
    """`translate_each` for a backend that finishes a batch as a whole: one `translate`."""
    for index, options in enumerate(translator.translate(sentences, interrupt=interrupt)):
        yield index, options[0]


class Interrupted(Exception):  # noqa: N818 - a signal between the engine's parts, not an error
    """A `translate` call was stopped by its *interrupt* (the reviewer moved elsewhere)."""
