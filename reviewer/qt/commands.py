"""Undo commands: every change the reviewer makes to a segment is one of these.

A command stores the segment's state (English and status) before and after, so undo and redo
are exact whatever the change was: an edit, a review, an exclusion, a revert, a replace.
Consecutive edits of the same segment merge into one step, as in a word processor. Splits,
merges and corrections of the Arabic replace whole rows, and keep the segments they replaced
to put them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reviewer.document import Segment, SegmentState

if TYPE_CHECKING:
    from reviewer.qt.segment_model import SegmentTableModel

_MERGE_ID = 1


class SegmentChangeCommand(QUndoCommand):
    """One undoable change of one segment."""

    def __init__(
        self,
        model: SegmentTableModel,
        segment_id: str,
        before: SegmentState,
        after: SegmentState,
        *,
        label: str,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(f"{label} {segment_id}")
        self._model = model
        self.segment_id = segment_id
        self._before = before
        self._after = after
        self._merge_key = merge_key

    def id(self) -> int:
        return _MERGE_ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not (
            isinstance(other, SegmentChangeCommand)
            and other.segment_id == self.segment_id
            and other._merge_key == self._merge_key
        ):
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._model.apply_state(self.segment_id, self._after)

    def undo(self) -> None:
        self._model.apply_state(self.segment_id, self._before)


class RestructureCommand(QUndoCommand):
    """One undoable split, merge or correction of the Arabic: rows replaced by others."""

    def __init__(
        self,
        model: SegmentTableModel,
        row: int,
        old: list[Segment],
        new: list[Segment],
        label: str,
    ) -> None:
        super().__init__(f"{label} {', '.join(segment.id for segment in old)}")
        self._model = model
        self._row = row
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._model.replace_rows(self._row, len(self._old), self._new)

    def undo(self) -> None:
        self._model.replace_rows(self._row, len(self._new), self._old)
