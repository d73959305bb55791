"""The window's side of the translation engine: Qt signals over the engine process.

The engine runs in a child process (see reviewer.engine.service for the measurement behind
that); `EngineBridge` sends it the typed requests of reviewer.engine.protocol and turns its
typed events into signals. They are emitted from the process reader's thread, so Qt queues
them to the window's thread: the window never waits on the engine and never calls into it
except to send a request.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewer.engine.client import EngineProcess
from reviewer.engine.protocol import AlternativesReady, Event, Failed, Idle, Loaded, Translated


class EngineBridge(QObject):
    """Requests go to the engine process; its answers come back as signals."""

    #: The model is ready (a `Loaded`).
    loaded = Signal(object)
    #: A paragraph is translated (a `Translated`).
    translated = Signal(object)
    #: Alternatives for a paragraph (an `AlternativesReady`).
    alternatives_ready = Signal(object)
    #: Everything asked for is done.
    idle = Signal()
    #: Something failed (a `Failed`: the message for the user, whether the engine is unusable).
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: EngineProcess | None = None

    def start(
        self, model: str | None = None, *, device: str = "auto", backend: str = "auto"
    ) -> None:
        """Start the engine process and load the model (answered by loaded or failed)."""
        self.close()
        self._process = EngineProcess(self._on_event)
        self._process.load(model, device=device, backend=backend)

    def translate(self, generation: int, paragraphs: list[tuple[str, str]]) -> None:
        """Queue paragraphs (id, Arabic) of review *generation* for translation."""
        if self._process is not None:
            self._process.translate(paragraphs, generation)

    def prioritize(self, generation: int, segment_id: str) -> None:
        """Translate *segment_id* next."""
        if self._process is not None:
            self._process.prioritize(segment_id, generation)

    def cancel(self) -> None:
        """Drop everything queued."""
        if self._process is not None:
            self._process.cancel()

    def request_alternatives(
        self, generation: int, segment_id: str, text: str, count: int = 5
    ) -> None:
        """Ask for alternatives of one paragraph."""
        if self._process is not None:
            self._process.alternatives(segment_id, text, count, generation)

    def close(self) -> None:
        """Stop the engine process."""
        if self._process is not None:
            self._process.close()
            self._process = None

    def _on_event(self, event: Event) -> None:
        # Runs on the process reader's thread: only emit signals here.
        match event:
            case Loaded():
                self.loaded.emit(event)
            case Translated():
                self.translated.emit(event)
            case AlternativesReady():
                self.alternatives_ready.emit(event)
            case Idle():
                self.idle.emit()
            case Failed():
                self.failed.emit(event)
