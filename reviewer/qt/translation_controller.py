"""The window's side of machine translation: what to ask the engine, what to do with answers.

Nothing here waits on the engine: requests go out, typed events come back as signals. Every
request carries the open review's generation, and an answer for another generation (a review
closed since, or re-read in another encoding) is dropped, since segment ids repeat from one
article to the next. Alternatives are kept per segment for the side panel; they never open a
dialog or take the keyboard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from reviewer.document import MachineTranslation, Segment
from reviewer.engine.protocol import AlternativesReady, Failed, Loaded, Translated
from reviewer.qt.editor_controller import EditorController
from reviewer.qt.session import ReviewSession
from reviewer.qt.status_widgets import StatusWidgets

#: How many alternatives the side panel asks for.
ALTERNATIVES = 5


class Engine(Protocol):
    """What the window needs of a translation engine (`EngineBridge`, or a test double).
    Its signals carry the typed events of reviewer.engine.protocol."""

    loaded: SignalInstance
    translated: SignalInstance
    alternatives_ready: SignalInstance
    idle: SignalInstance
    failed: SignalInstance

    def start(self, model: str | None = None, *, device: str = ..., backend: str = ...) -> None:
        """Start, and load the model."""

    def translate(self, generation: int, paragraphs: list[tuple[str, str]]) -> None:
        """Queue paragraphs."""

    def prioritize(self, generation: int, segment_id: str) -> None:
        """Translate this one next."""

    def cancel(self) -> None:
        """Drop everything queued."""

    def request_alternatives(
        self, generation: int, segment_id: str, text: str, count: int = ...
    ) -> None:
        """Ask for alternatives."""

    def close(self) -> None:
        """Stop."""


class TranslationController(QObject):
    """Asks the engine for translations and applies its answers to the open review."""

    #: The engine's state changed: "starting", "ready" or "unavailable", and a message.
    state_changed = Signal(str, str)
    #: Alternatives for this segment id arrived (or were asked for).
    alternatives_changed = Signal(str)
    #: A machine translation arrived for this segment id and is in the document.
    translated = Signal(str)

    def __init__(
        self,
        engine: Engine,
        session: ReviewSession,
        editor: EditorController,
        status: StatusWidgets,
        options: dict[str, str | None],
    ) -> None:
        super().__init__(session)
        self.engine = engine
        self.session = session
        self.editor = editor
        self.status = status
        self.options = options
        self.state = "starting"
        self._started = False
        self._retranslating: set[str] = set()
        self._alternatives: dict[str, MachineTranslation] = {}
        self._asked: set[str] = set()
        self._total = self._done = 0
        self._began = 0.0
        #: Called with the segments about to be sent to the engine, to fill what it can
        #: first (the translation memory); those it fills are not sent.
        self.prefill: Callable[[list[Segment]], None] = lambda _segments: None
        engine.loaded.connect(self._on_loaded)
        engine.translated.connect(self._on_translated)
        engine.alternatives_ready.connect(self._on_alternatives_ready)
        engine.idle.connect(self._finish_progress)
        engine.failed.connect(self._on_failed)
        session.opened.connect(self._on_session_opened)
        session.closed.connect(self._on_session_closed)
        editor.current_changed.connect(self._on_current_changed)
        status.cancel_button.clicked.connect(self.cancel)

    # --- requests ------------------------------------------------------------------------

    def start_engine(self) -> None:
        """Start (or restart) the engine, then queue what still needs translating."""
        self._set_state("starting", "")
        self._started = True
        self.engine.start(
            self.options.get("model"),
            device=self.options.get("device") or "auto",
            backend=self.options.get("backend") or "auto",
        )
        # A fresh engine knows nothing: queue (again) what still needs translating.
        self._finish_progress()
        self._retranslating.clear()
        self._asked.clear()
        self.translate_untranslated()

    def translate_untranslated(self) -> None:
        """Queue every segment without a machine translation, the current one first."""
        document = self.session.document
        if document is None or not self._started:
            return  # Starting the engine queues the work.
        self.prefill(document.needing_translation())
        todo = [(s.id, s.source) for s in document.needing_translation()]
        if not todo:
            return
        self.engine.translate(self.session.generation, todo)
        current = self.editor.current_segment()
        if current is not None:
            self.engine.prioritize(self.session.generation, current.id)
        self._add_to_progress(len(todo))

    def translate_segments(self, segment_ids: list[str]) -> None:
        """Queue these segments if they need a machine translation (new ones from a split
        or a merge, a corrected Arabic), the first of them first."""
        document = self.session.document
        if document is None or not self._started:
            return
        segments = [document.segment(i) for i in segment_ids if i in document]
        self.prefill([segment for segment in segments if segment.needs_translation])
        todo = [(segment.id, segment.source) for segment in segments if segment.needs_translation]
        if todo:
            self.engine.translate(self.session.generation, todo)
            self.engine.prioritize(self.session.generation, todo[0][0])
            self._add_to_progress(len(todo))

    def cancel(self) -> None:
        """Stop translating (the batch under way finishes; its answers still count)."""
        self.engine.cancel()
        self._finish_progress()
        self.status.say("Translation cancelled.")

    def retranslate_current(self) -> None:
        """Ask for the current segment again; its answer replaces the English (undoable)."""
        segment = self.editor.current_segment()
        if segment is None:
            return
        self._retranslating.add(segment.id)
        self.engine.translate(self.session.generation, [(segment.id, segment.source)])
        self.engine.prioritize(self.session.generation, segment.id)
        self._add_to_progress(1)

    def ask_alternatives(self) -> None:
        """Ask for alternatives of the current segment; they show in the side panel."""
        segment = self.editor.current_segment()
        if segment is None:
            return
        if self.state == "unavailable":
            self.status.say("No model is loaded, so there are no alternatives to ask for.")
            return
        self._asked.add(segment.id)
        self._alternatives.pop(segment.id, None)
        self.engine.request_alternatives(
            self.session.generation, segment.id, segment.source, ALTERNATIVES
        )
        self.alternatives_changed.emit(segment.id)

    def alternatives_for(self, segment_id: str) -> MachineTranslation | None:
        """The alternatives that arrived for *segment_id*, if any."""
        return self._alternatives.get(segment_id)

    def waiting_for_alternatives(self, segment_id: str) -> bool:
        """Whether alternatives were asked for *segment_id* and have not arrived."""
        return segment_id in self._asked and segment_id not in self._alternatives

    def choices(self, segment_id: str) -> list[str]:
        """The texts the reviewer can pick for *segment_id*, best first."""
        machine = self._alternatives.get(segment_id)
        if machine is None:
            return []
        return [machine.text, *machine.alternatives]

    # --- answers -------------------------------------------------------------------------

    def _current_generation(self, generation: int) -> bool:
        return self.session.document is not None and generation == self.session.generation

    def _on_translated(self, event: Translated) -> None:
        model, document = self.session.segment_model, self.session.document
        if model is None or document is None or not self._current_generation(event.generation):
            return  # An answer for a review that is no longer open.
        try:
            segment = document.segment(event.id)
        except KeyError:
            return
        current = self.editor.current_segment()
        if current is not None and current.id == event.id:
            # What the reviewer is typing counts as theirs before the machine's arrives.
            self.editor.commit()
        if event.id in self._retranslating:
            self._retranslating.discard(event.id)
            model.change(
                segment, "Re-translate", lambda s: Segment.use_machine_translation(s, event.machine)
            )
        else:
            model.apply_machine_translation(event.id, event.machine)
        self.editor.refresh_after_machine_translation(event.id)
        self.translated.emit(event.id)
        self._done += 1
        self._show_progress()

    def _on_alternatives_ready(self, event: AlternativesReady) -> None:
        if not self._current_generation(event.generation):
            return
        self._alternatives[event.id] = event.machine
        self.alternatives_changed.emit(event.id)

    def _on_loaded(self, event: Loaded) -> None:
        name = event.model_id.rstrip("/").rsplit("/", 1)[-1]
        self._set_state("ready", f"{name} ({event.backend}, {event.device})")

    def _on_failed(self, event: Failed) -> None:
        if event.fatal:
            self._finish_progress()
            self._asked.clear()
            self._set_state(
                "unavailable",
                f"No machine translation: {event.message}\nYou can still translate by hand; "
                "everything else works.",
            )
        else:
            self.status.say(event.message, 10_000)

    def _set_state(self, state: str, message: str) -> None:
        self.state = state
        self.state_changed.emit(state, message)

    def _on_session_opened(self) -> None:
        # Whatever the engine still holds belongs to the review open before.
        self.engine.cancel()
        self._finish_progress()
        self._retranslating.clear()
        self._alternatives.clear()
        self._asked.clear()
        self.translate_untranslated()

    def _on_session_closed(self) -> None:
        self.engine.cancel()
        self._finish_progress()

    def _on_current_changed(self, segment_id: str) -> None:
        document = self.session.document
        if not segment_id or document is None:
            return
        if document.segment(segment_id).needs_translation:
            # The paragraph the reviewer is looking at goes first.
            self.engine.prioritize(self.session.generation, segment_id)

    # --- progress ------------------------------------------------------------------------

    def _add_to_progress(self, count: int) -> None:
        self._total += count
        if not self._began:
            self._began = time.monotonic()
        self._show_progress()

    def _show_progress(self) -> None:
        if self._total <= 0 or self._done >= self._total:
            self._finish_progress()
            return
        left = None
        if self._done:
            per_item = (time.monotonic() - self._began) / self._done
            left = max(1, round(per_item * (self._total - self._done)))
        self.status.show_translation(self._done, self._total, left)

    def _finish_progress(self) -> None:
        self._total = self._done = 0
        self._began = 0.0
        self.status.hide_translation()
