"""A stand-in for the engine bridge: the window's signals, without a process or a model.

Translations come from `FakeTranslator` through the real `Translator` scheduler, one paragraph
per event-loop turn, so they stream in as the real ones do, as the same typed events
(reviewer.engine.protocol). For GUI plumbing tests only: the window is also tested with the
real engine process and the tiny Marian model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.engine.protocol import AlternativesReady, Failed, Loaded, Translated
from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue, Translator
from tests.helpers.fake_translator import FakeTranslator


class FakeEngine(QObject):
    loaded = Signal(object)
    translated = Signal(object)
    alternatives_ready = Signal(object)
    idle = Signal()
    failed = Signal(object)

    def __init__(self, *, unavailable: str | None = None, manual: bool = False) -> None:
        super().__init__()
        self.translator = Translator(FakeTranslator())
        self.queue = TranslationQueue()
        self.unavailable = unavailable
        #: When True, nothing is translated until `deliver` is called (to stage races).
        self.manual = manual
        #: When True, alternatives wait for `deliver_alternatives` (to stage late answers).
        self.hold_alternatives = False
        self.held_alternatives: list[AlternativesReady] = []
        self.requests: list[tuple[str, Any]] = []
        self.started = 0
        self.closed = False
        self._timer = QTimer(self)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._step)
        self._results: Any = None

    def start(
        self, model: str | None = None, *, device: str = "auto", backend: str = "auto"
    ) -> None:
        self.started += 1
        self.requests.append(("start", model))
        if self.unavailable:
            failure = Failed(self.unavailable, 5, fatal=True)
            QTimer.singleShot(0, lambda: self.failed.emit(failure))
        else:
            loaded = Loaded("fake/model", "fake-revision", "fake", "cpu")
            QTimer.singleShot(0, lambda: self.loaded.emit(loaded))

    def translate(self, generation: int, paragraphs: list[tuple[str, str]]) -> None:
        self.requests.append(("translate", [p for p, _ in paragraphs]))
        if self.unavailable:
            return
        for paragraph_id, text in paragraphs:
            self.queue.add(ParagraphRequest(paragraph_id, text, generation))
        if not self.manual:
            self._timer.start()

    def prioritize(self, generation: int, segment_id: str) -> None:
        self.requests.append(("prioritize", segment_id))
        self.queue.prioritize(segment_id)

    def cancel(self) -> None:
        """Like the real engine, the round under way (`_results`) still finishes."""
        self.requests.append(("cancel", None))
        self.queue.cancel()
        self.queue = TranslationQueue()

    def request_alternatives(
        self, generation: int, segment_id: str, text: str, count: int = 5
    ) -> None:
        self.requests.append(("alternatives", segment_id))
        answer = AlternativesReady(
            generation, segment_id, self.translator.alternatives(text, count)
        )
        if self.hold_alternatives:
            self.held_alternatives.append(answer)
        else:
            QTimer.singleShot(0, lambda: self.alternatives_ready.emit(answer))

    def deliver_alternatives(self) -> None:
        """Send the alternatives held back so far."""
        held, self.held_alternatives = self.held_alternatives, []
        for answer in held:
            self.alternatives_ready.emit(answer)

    def close(self) -> None:
        self.closed = True
        self._timer.stop()

    def deliver(self, count: int = 1) -> None:
        """Manual mode: deliver the next *count* translations now."""
        for _ in range(count):
            self._step()

    def _step(self) -> None:
        if self._results is None:
            self._results = self.translator.translate_paragraphs(self.queue)
        result = next(self._results, None)
        if result is None:
            self._results = None
            if len(self.queue) == 0:
                self._timer.stop()
                self.idle.emit()
            return
        self.translated.emit(
            Translated(result.generation, result.id, result.machine, result.cached)
        )
