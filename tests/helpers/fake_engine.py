"""A stand-in for the engine bridge: the window's signals, without a process or a model.

Translations come from `FakeTranslator` through the real `Translator` scheduler, one paragraph
per event-loop turn, so they stream in as the real ones do. For GUI plumbing tests only: the
window is also tested with the real engine process and the tiny Marian model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue, Translator
from tests.helpers.fake_translator import FakeTranslator


class FakeEngine(QObject):
    loaded = Signal(dict)
    translated = Signal(str, object, bool)
    alternatives_ready = Signal(str, object)
    idle = Signal()
    failed = Signal(str, bool)

    def __init__(self, *, unavailable: str | None = None, manual: bool = False) -> None:
        super().__init__()
        self.translator = Translator(FakeTranslator())
        self.queue = TranslationQueue()
        self.unavailable = unavailable
        #: When True, nothing is translated until `deliver` is called (to stage races).
        self.manual = manual
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
            QTimer.singleShot(0, lambda: self.failed.emit(self.unavailable, True))
        else:
            QTimer.singleShot(
                0,
                lambda: self.loaded.emit(
                    {"model_id": "fake/model", "backend": "fake", "device": "cpu"}
                ),
            )

    def translate(self, paragraphs: list[tuple[str, str]]) -> None:
        self.requests.append(("translate", [p for p, _ in paragraphs]))
        if self.unavailable:
            return
        for paragraph_id, text in paragraphs:
            self.queue.add(ParagraphRequest(paragraph_id, text))
        if not self.manual:
            self._timer.start()

    def prioritize(self, segment_id: str) -> None:
        self.requests.append(("prioritize", segment_id))
        self.queue.prioritize(segment_id)

    def discard(self, segment_id: str) -> None:
        self.queue.discard(segment_id)

    def cancel(self) -> None:
        self.requests.append(("cancel", None))
        self.queue.cancel()
        self.queue = TranslationQueue()
        self._results = None

    def request_alternatives(self, segment_id: str, text: str, count: int = 5) -> None:
        machine = self.translator.alternatives(text, count)
        QTimer.singleShot(0, lambda: self.alternatives_ready.emit(segment_id, machine))

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
            self._timer.stop()
            self.idle.emit()
            return
        self.translated.emit(result.id, result.machine, result.cached)
