"""Recording what each segment's review takes: active editing time, visits and keys.

Recording costs nothing visible: an event filter on the English editors and the table adds
a few numbers per key and never blocks. The figures are saved with the review's next save,
and when it closes; on their own they never mark it as changed.
Time is kept by `clock` (a monotonic clock; the tests give their own). Definitions are in
reviewer.metrics.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.document import Segment, utc_now
from reviewer.metrics import IDLE_CUTOFF
from reviewer.qt.editor_controller import EditorController
from reviewer.qt.segment_delegate import TargetEditor

_NAVIGATION_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)
_DELETING_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete})
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})
_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def key_kind(event: QKeyEvent) -> str | None:
    """What a key press in the English does: "inserted", "deleted", "navigation", or None
    (a shortcut, a modifier on its own)."""
    key = event.key()
    if key in _DELETING_KEYS:
        return "deleted"
    if key in _NAVIGATION_KEYS:
        return "navigation"
    if event.modifiers() & _SHORTCUT_MODIFIERS:
        return None
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (
        event.text().isprintable() and event.text()
    ):
        return "inserted"
    return None


class WorkRecorder(QObject):
    """Adds up each segment's active editing time, visits and keys as the reviewer works."""

    def __init__(
        self, editor: EditorController, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.session = editor.session
        self.clock = clock
        self._current: str | None = None
        #: When the reviewer last did something in the current segment (None: not active).
        self._last: float | None = None
        editor.current_changed.connect(self._on_current_changed)
        editor.confirmed.connect(self._on_confirmed)
        editor.view.segment_delegate.editor_created.connect(self._watch)
        editor.view.installEventFilter(self)
        editor.view.viewport().installEventFilter(self)
        self.session.closing.connect(self._pause)
        self.session.closed.connect(self._forget)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.applicationStateChanged.connect(self._on_application_state)

    # --- events --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in _ACTIVITY:
            self.activity()
            if kind == QEvent.Type.KeyPress and isinstance(watched, TargetEditor):
                assert isinstance(event, QKeyEvent)
                self._count_key(watched, event)
        return False

    def activity(self) -> None:
        """The reviewer did something: the time since their last action counts (up to the
        idle cut-off) for the current segment."""
        now = self.clock()
        if self._current is not None and self._last is not None:
            self._add(self._current, seconds=min(now - self._last, IDLE_CUTOFF))
        self._last = now

    def _count_key(self, editor: TargetEditor, event: QKeyEvent) -> None:
        kind = key_kind(event)
        if kind is None or self._current is None:
            return
        segment = self._segment(self._current)
        if segment is None:
            return
        if kind != "navigation" and segment.work.started_from is None:
            # Before the key reaches the editor: the English as the reviewer found it.
            self._update(segment, started_from=editor.toPlainText())
        self._add(self._current, **{kind: 1})

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, TargetEditor):
            widget.installEventFilter(self)

    def _on_current_changed(self, segment_id: str) -> None:
        self.activity()  # the time up to now belongs to the segment left
        self._current = segment_id or None
        if self._current is not None:
            self._add(self._current, visits=1)

    def _on_confirmed(self, segment: Segment) -> None:
        self.activity()
        self._update(segment, confirmed=utc_now())

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._last = self.clock()
        else:
            self._pause()

    def _pause(self) -> None:
        """The reviewer went away (another application, the review closing): what is
        counted stops here."""
        self.activity()
        self._last = None

    def save_figures(self) -> None:
        """Save what was recorded since the last save (the window is closing). Figures
        alone never mark the review as changed: reading is not an edit, and closing should
        not ask to save it."""
        self._pause()
        autosaver = self.session.autosaver
        if autosaver.quiet and not autosaver.dirty:
            autosaver.save()

    def _forget(self) -> None:
        self._current = None
        self._last = None

    # --- the record ----------------------------------------------------------------------

    def _segment(self, segment_id: str) -> Segment | None:
        document = self.session.document
        if document is None or segment_id not in document:
            return None
        return document.segment(segment_id)

    def _add(self, segment_id: str, **amounts: float) -> None:
        segment = self._segment(segment_id)
        if segment is None:
            return
        work = segment.work
        self._update(segment, **{name: getattr(work, name) + n for name, n in amounts.items()})

    def _update(self, segment: Segment, **changes: Any) -> None:
        # A new record each time: the project encoder sees that the segment changed.
        segment.work = dataclasses.replace(segment.work, **changes)
        self.session.autosaver.note_quiet_change()
