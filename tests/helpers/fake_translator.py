"""A stand-in translation backend: instant, predictable, and it records what it was asked.

It implements the same `SentenceTranslator` interface as the real backends and passes the
same contract tests (tests/engine/test_backend_contract.py). Fine for plumbing tests; the
engine itself is always tested on a real (tiny) Marian model too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from reviewer.engine.types import DecodingSettings, Hypothesis, Interrupted, each_at_once


class FakeTranslator:
    """Translates a sentence to ``EN(<sentence>)``; one token per word."""

    backend = "fake"
    device = "cpu"
    batch_size = 8
    streams = False

    def __init__(self, *, max_input_tokens: int = 50, model_id: str = "fake/model") -> None:
        self.model_id = model_id
        self.revision = "fake-revision"
        self.settings = DecodingSettings()
        self.max_input_tokens = max_input_tokens
        self.batches: list[list[str]] = []
        #: Set by a test to pause translate() until it is cleared... or released.
        self.gate: threading.Event | None = None
        self.entered = threading.Event()

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def translate(
        self,
        sentences: list[str],
        n_best: int = 1,
        *,
        interrupt: Callable[[], bool] | None = None,
    ) -> list[list[Hypothesis]]:
        self.batches.append(list(sentences))
        self.entered.set()
        if self.gate is not None:
            # Like CTranslate2: asked at every step while "decoding" (here: while gated).
            deadline = time.monotonic() + 30
            while not self.gate.wait(timeout=0.005) and time.monotonic() < deadline:
                if interrupt is not None and interrupt():
                    raise Interrupted
        return [
            [
                Hypothesis(
                    f"EN({sentence})" if rank == 0 else f"EN{rank}({sentence})",
                    -0.1 * (rank + 1) * self.count_tokens(sentence),
                    self.count_tokens(sentence),
                )
                for rank in range(n_best)
            ]
            for sentence in sentences
        ]

    def translate_each(
        self,
        sentences: list[str],
        *,
        interrupt: Callable[[], bool] | None = None,
        lead: int = 0,
    ) -> Iterator[tuple[int, Hypothesis]]:
        return each_at_once(self, sentences, interrupt)
