"""The reviewer's work on segments: where they are, moving, confirming, undoing.

`EditorController` is the one place that knows the current segment. Every action here
commits what is typed first, changes the document through the item model (so it is one
undoable step) and leaves the current row on screen with the English open for typing.
Undo and redo go to the segment they change and put the cursor where the change was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from reviewer.document import Segment, Status
from reviewer.qt.segment_model import Column, StatusFilterModel
from reviewer.qt.segment_view import SegmentTableView
from reviewer.qt.session import ReviewSession


def untranslated(segment: Segment) -> bool:
    """Whether *segment* has no English at all."""
    return segment.status is Status.UNTRANSLATED


def not_reviewed(segment: Segment) -> bool:
    """Whether *segment* still needs the reviewer."""
    return segment.needs_review


class EditorController(QObject):
    """Navigation and the segment actions of the Edit and Go menus."""

    #: The current segment changed (its id; "" when there is none).
    current_changed = Signal(str)
    #: The current segment's English or status changed (the side panel follows it).
    current_updated = Signal()
    #: The reviewer confirmed this segment; handlers may change others in the same undo step.
    confirmed = Signal(object)

    def __init__(
        self,
        session: ReviewSession,
        view: SegmentTableView,
        filter_model: StatusFilterModel,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view)
        self.session = session
        self.view = view
        self.filter_model = filter_model
        self._say = say
        self._undone: list[tuple[str, str]] = []
        #: Asked before a segment is confirmed: None to go ahead, or what to tell the
        #: reviewer instead (the quality checks set it).
        self.confirm_guard: Callable[[Segment], str | None] = lambda _segment: None
        view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    # --- where the reviewer is -------------------------------------------------------

    def current_row(self) -> int | None:
        """The document row of the current segment."""
        index = self.view.currentIndex()
        if not index.isValid() or self.session.segment_model is None:
            return None
        return self.filter_model.mapToSource(index).row()

    def current_segment(self) -> Segment | None:
        """The segment the reviewer is on."""
        row = self.current_row()
        model = self.session.segment_model
        return None if row is None or model is None else model.segment_at(row)

    def go_to_row(self, row: int, *, edit: bool = True) -> bool:
        """Make the segment in document *row* current (its English open for typing if
        *edit*); False if there is no such row or the filter hides it."""
        model = self.session.segment_model
        if model is None or not 0 <= row < model.rowCount():
            return False
        index = self.filter_model.mapFromSource(model.index(row, Column.TARGET))
        if not index.isValid():
            return False
        self.view.close_editors()
        self.view.setCurrentIndex(index)
        self.view.reveal_current()
        if edit:
            self.view.edit_english()
        return True

    def go_to_segment(self, segment_id: str) -> None:
        """Make the segment *segment_id* current, its English open for typing."""
        model = self.session.segment_model
        if model is not None and not self.go_to_row(model.row_of(segment_id)):
            self._say(f"{segment_id} is hidden by the filter (View › Show › All segments).")

    def go_by(self, step: int) -> None:
        """Go to the previous (-1) or next (+1) visible segment."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = index.row() + step
        if 0 <= row < self.filter_model.rowCount():
            source = self.filter_model.mapToSource(self.filter_model.index(row, Column.TARGET))
            self.go_to_row(source.row())

    def go_to_end(self, last: bool) -> None:
        """Go to the first or the last visible segment."""
        count = self.filter_model.rowCount()
        if count:
            index = self.filter_model.index(count - 1 if last else 0, Column.TARGET)
            self.go_to_row(self.filter_model.mapToSource(index).row())

    def next_with(self, test: Callable[[Segment], bool]) -> bool:
        """Go to the next segment (after the current one, wrapping) that passes *test*."""
        document = self.session.document
        if document is None:
            return False
        start = self.current_row()
        count = len(document)
        begin = -1 if start is None else start
        for offset in range(1, count + 1):
            row = (begin + offset) % count
            if test(document.segments[row]) and self.go_to_row(row):
                return True
        self._say("No such segment left.")
        return False

    # --- what the reviewer does to a segment ------------------------------------------

    def commit(self) -> None:
        """Hand what is typed in the open editor to the document, keeping it open."""
        self.view.commit_editor()

    def confirm_current(self) -> None:
        """Mark the current segment reviewed and go to the next one that is not."""
        segment, model = self.current_segment(), self.session.segment_model
        if segment is None or model is None:
            return
        self.commit()
        if not segment.has_target:
            self._say("Write the English before marking it reviewed.")
            return
        warning = self.confirm_guard(segment)
        if warning is not None:
            self._say(warning)
            return
        stack = self.session.undo_stack
        # The review and what follows from it (the same English for the same Arabic
        # elsewhere) are one step: Ctrl+Z takes them back together.
        stack.beginMacro(f"Review {segment.id}")
        model.change(segment, "Review", Segment.mark_reviewed)
        self.confirmed.emit(segment)
        stack.endMacro()
        if not self.next_with(not_reviewed):
            self._say("Every segment is reviewed.")
            self.view.reveal_current()

    def reopen_current(self) -> None:
        """Take back the review (or exclusion) of the current segment."""
        self._change_current("Reopen", Segment.reopen)

    def toggle_excluded(self) -> None:
        """Exclude the current segment from exports, or include it again."""
        segment = self.current_segment()
        if segment is None:
            return
        if segment.status is Status.EXCLUDED:
            self._change_current("Include", Segment.reopen)
        else:
            self._change_current("Exclude", Segment.exclude)

    def revert_current(self) -> None:
        """Put the machine translation back in place of the reviewer's English."""
        segment = self.current_segment()
        if segment is not None and segment.machine is None:
            self._say("There is no machine translation to go back to.")
            return
        self._change_current("Revert", Segment.revert_to_machine_translation)

    def use_text(self, text: str, label: str) -> None:
        """Put *text* as the current segment's English (one undoable step)."""
        self._change_current(label, lambda segment: segment.edit(text))

    def _change_current(self, label: str, action: Callable[[Segment], object]) -> None:
        segment, model = self.current_segment(), self.session.segment_model
        if segment is None or model is None:
            return
        self.commit()
        model.change(segment, label, action)
        self._refresh_editor()
        self.current_updated.emit()

    def undo(self) -> None:
        """Undo the last change anywhere in the review, and go to where it was."""
        self._step(self.session.undo_stack.undo)

    def redo(self) -> None:
        """Redo the last undone change, and go to where it was."""
        self._step(self.session.undo_stack.redo)

    def _step(self, step: Callable[[], None]) -> None:
        model = self.session.segment_model
        if model is None:
            return
        self.commit()
        self._undone = []
        model.state_applied.connect(self._on_state_applied)
        try:
            step()
        finally:
            model.state_applied.disconnect(self._on_state_applied)
        if not self._undone:
            return
        segment_id, old = self._undone[0]
        row = model.row_of(segment_id)
        if not self.go_to_row(row):
            self._say(f"Undone in {segment_id}, which the filter hides.")
            return
        editor = self.view.editor
        if editor is not None:
            editor.place_cursor(_end_of_change(old, model.segment_at(row).target))
        self.current_updated.emit()

    def _on_state_applied(self, segment_id: str, previous: str) -> None:
        self._undone.append((segment_id, previous))

    def _refresh_editor(self) -> None:
        editor, segment = self.view.editor, self.current_segment()
        if editor is not None and segment is not None:
            editor.set_text(segment.target)

    def refresh_after_machine_translation(self, segment_id: str) -> None:
        """A machine translation changed *segment_id*: show it in its open editor."""
        segment = self.current_segment()
        if segment is not None and segment.id == segment_id:
            self._refresh_editor()
            self.current_updated.emit()

    def _on_current_row_changed(self, *_: object) -> None:
        segment = self.current_segment()
        self.current_changed.emit("" if segment is None else segment.id)

    def back_from_dialog(self) -> None:
        """The window active again and the keyboard in the English, after a dialog closes."""
        self.view.window().activateWindow()
        self.focus_current()

    def focus_current(self) -> None:
        """Give the keyboard back to the English of the current segment."""
        if self.view.currentIndex().isValid():
            self.view.edit_english()
        else:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)


def _end_of_change(old: str, new: str) -> int:
    """Where in *new* the difference from *old* ends (the cursor goes there after undo)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return len(new) - suffix
