"""The window's side of the translation engine: Qt signals over the engine process.

The engine runs in a child process (see reviewer.engine.service for the measurement behind
that); `EngineBridge` turns its events into signals. They are emitted from the process
reader's thread, so Qt queues them to the window's thread: the window never waits on the
engine and never calls into it except to send a request.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from reviewer.document import MachineTranslation
from reviewer.engine.client import EngineProcess
from reviewer.project import machine_from_json


class EngineBridge(QObject):
    """Requests go to the engine process; its answers come back as signals."""

    #: The model is ready: a dict with model_id, revision, backend, device, seconds.
    loaded = Signal(dict)
    #: A paragraph is translated: its id, the MachineTranslation, whether from the cache.
    translated = Signal(str, object, bool)
    #: Alternatives for a paragraph: its id, a MachineTranslation with alternatives.
    alternatives_ready = Signal(str, object)
    #: Everything asked for is done.
    idle = Signal()
    #: Something failed: the message for the user, and whether the engine is unusable.
    failed = Signal(str, bool)

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

    def translate(self, paragraphs: list[tuple[str, str]]) -> None:
        """Queue paragraphs (id, Arabic) for translation."""
        if self._process is not None:
            self._process.translate(paragraphs)

    def prioritize(self, segment_id: str) -> None:
        """Translate *segment_id* next."""
        if self._process is not None:
            self._process.prioritize(segment_id)

    def discard(self, segment_id: str) -> None:
        """No longer translate *segment_id*."""
        if self._process is not None:
            self._process.discard(segment_id)

    def cancel(self) -> None:
        """Drop everything queued."""
        if self._process is not None:
            self._process.cancel()

    def request_alternatives(self, segment_id: str, text: str, count: int = 5) -> None:
        """Ask for alternatives of one paragraph."""
        if self._process is not None:
            self._process.alternatives(segment_id, text, count)

    def close(self) -> None:
        """Stop the engine process."""
        if self._process is not None:
            self._process.close()
            self._process = None

    def _on_event(self, event: dict[str, Any]) -> None:
        # Runs on the process reader's thread: only emit signals here.
        kind = event.get("type")
        if kind == "loaded":
            self.loaded.emit(event)
        elif kind == "translated":
            self.translated.emit(event["id"], _machine(event), bool(event.get("cached")))
        elif kind == "alternatives":
            self.alternatives_ready.emit(event["id"], _machine(event))
        elif kind == "idle":
            self.idle.emit()
        elif kind == "failed":
            self.failed.emit(str(event.get("message", "")), bool(event.get("fatal")))


def _machine(event: dict[str, Any]) -> MachineTranslation:
    return machine_from_json(event["machine"])
