"""The Qt item model over a review document: one row per segment.

A thin adapter: the document holds the data and the rules (see reviewer.document); this
model shows it to a view and routes the reviewer's edits through the undo stack, so every
change can be undone. Machine translations arriving from the engine are applied directly
(they are not the reviewer's actions).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QUndoStack

from reviewer.document import MachineTranslation, ReviewDocument, Segment, SegmentState, Status
from reviewer.qt.commands import RestructureCommand, SegmentChangeCommand

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """The model's columns."""

    STATUS = 0
    SOURCE = 1
    TARGET = 2


#: Colours of the status column: calm for done, warm for what needs the reviewer.
STATUS_COLOURS = {
    Status.UNTRANSLATED: QColor("#d9d9d9"),
    Status.MACHINE_TRANSLATED: QColor("#f6c667"),
    Status.FROM_MEMORY: QColor("#c7a3e0"),
    Status.EDITED: QColor("#7fb2e5"),
    Status.REVIEWED: QColor("#6cc070"),
    Status.EXCLUDED: QColor("#9e9e9e"),
}
STATUS_LABELS = {
    Status.UNTRANSLATED: "Untranslated",
    Status.MACHINE_TRANSLATED: "Machine-translated",
    Status.FROM_MEMORY: "From the memory",
    Status.EDITED: "Edited",
    Status.REVIEWED: "Reviewed",
    Status.EXCLUDED: "Excluded",
}
#: Marks under the row number, so the status reads without colour too.
STATUS_MARKS = {
    Status.UNTRANSLATED: "·",
    Status.MACHINE_TRANSLATED: "MT",
    Status.FROM_MEMORY: "TM",
    Status.EDITED: "✎",
    Status.REVIEWED: "✓",
    Status.EXCLUDED: "✕",
}
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_STATUS, _SOURCE, _TARGET = int(Column.STATUS), int(Column.SOURCE), int(Column.TARGET)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), _EDIT})
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_STATUS_BRUSHES = {status: QBrush(colour) for status, colour in STATUS_COLOURS.items()}
_ALIGNMENTS = {
    _STATUS: int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
    # Absolute: the Arabic cell is laid out right-to-left, where a plain AlignRight would
    # mean the left edge.
    _SOURCE: int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
    ),
    _TARGET: int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
}


class SegmentTableModel(QAbstractTableModel):
    """Segments as rows: status, Arabic source, English."""

    #: The document changed; True when a status changed (worth saving at once).
    modified = Signal(bool)
    #: Undo or redo put this segment (its id) in another state; its English before.
    state_applied = Signal(str, str)
    #: Segments were split, merged or corrected (or that was undone): the ids now there.
    restructured = Signal(list)

    def __init__(self, document: ReviewDocument, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.document = document
        self.undo_stack = undo_stack
        #: How many findings a segment has (the quality checks set it); marked "⚠".
        self.finding_count: Callable[[Segment], int] = lambda _segment: 0
        self._rows = {segment.id: row for row, segment in enumerate(document.segments)}

    # --- reading --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.document.segments)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def segment_at(self, row: int) -> Segment:
        """The segment shown in *row*."""
        return self.document.segments[row]

    def row_of(self, segment_id: str) -> int:
        """The row showing *segment_id*."""
        return self._rows[segment_id]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell at every paint: kept to plain ints
        # and dictionary lookups.
        if not index.isValid():
            return None
        segment = self.document.segments[index.row()]
        column = index.column()
        if role in _TEXT_ROLES:
            if column == _STATUS:
                return None if role == _EDIT else self._status_text(index.row(), segment)
            return segment.source if column == _SOURCE else segment.target
        reader = _ROLE_READERS.get(role)
        return None if reader is None else reader(segment, column)

    def _status_text(self, row: int, segment: Segment) -> str:
        mark = STATUS_MARKS[segment.status]
        # On the status mark's own line: a third line would not fit a one-line row.
        return f"{row + 1}\n{mark}⚠" if self.finding_count(segment) else f"{row + 1}\n{mark}"

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("", "Arabic", "English")[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.STATUS:
            return base
        # The Arabic opens in a read-only viewer (to select and copy); setData refuses it.
        return base | Qt.ItemFlag.ItemIsEditable

    # --- the reviewer's changes, through the undo stack ---------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != Column.TARGET:
            return False
        segment = self.document.segments[index.row()]
        if value == segment.target:
            return False
        self.change(segment, "Edit", lambda s: s.edit(str(value)), merge_key="edit")
        return True

    def change(
        self,
        segment: Segment,
        label: str,
        action: Any,
        *,
        merge_key: str | None = None,
    ) -> bool:
        """Apply *action* (a function of the segment) as one undoable step called *label*.
        Returns whether anything changed."""
        before = segment.snapshot()
        action(segment)
        after = segment.snapshot()
        if after == before:
            return False
        segment.restore(before)
        command = SegmentChangeCommand(
            self, segment.id, before, after, label=label, merge_key=merge_key
        )
        self.undo_stack.push(command)
        return True

    def apply_state(self, segment_id: str, state: SegmentState) -> None:
        """Put *segment_id* in *state* (the undo commands call this)."""
        segment = self.document.segment(segment_id)
        status_changed = segment.status is not state.status
        previous = segment.target
        segment.restore(state)
        self._refresh(segment_id)
        self.modified.emit(status_changed)
        self.state_applied.emit(segment_id, previous)

    def restructure(self, row: int, count: int, segments: list[Segment], label: str) -> None:
        """Put *segments* in place of the *count* rows from *row*, as one undoable step."""
        taken = self.document.segments[row : row + count]
        self.undo_stack.push(RestructureCommand(self, row, taken, segments, label))

    def replace_rows(self, row: int, count: int, segments: list[Segment]) -> None:
        """Put *segments* in place of the *count* rows from *row* (the commands call this)."""
        if count:
            self.beginRemoveRows(QModelIndex(), row, row + count - 1)
            self.document.replace(row, count, [])
            self.endRemoveRows()
        if segments:
            self.beginInsertRows(QModelIndex(), row, row + len(segments) - 1)
            self.document.replace(row, 0, segments)
            self.endInsertRows()
        self._rows = {segment.id: row for row, segment in enumerate(self.document.segments)}
        self.modified.emit(True)
        self.restructured.emit([segment.id for segment in segments])
        if segments:
            self.state_applied.emit(segments[0].id, segments[0].target)

    # --- the engine's results ------------------------------------------------------------

    def apply_machine_translation(self, segment_id: str, machine: MachineTranslation) -> bool:
        """Record a machine translation (never over the reviewer's English)."""
        try:
            segment = self.document.segment(segment_id)
        except KeyError:
            return False
        changed = segment.accept_machine_translation(machine)
        self._refresh(segment_id)
        # Not a decision of the reviewer's: saved with the next autosave, not at once
        # (a stream of 2,000 translations must not mean 2,000 saves).
        self.modified.emit(False)
        return changed

    def refresh_segments(self, segment_ids: list[str]) -> None:
        """Show these segments again after a change that is not the reviewer's (English
        from the translation memory), and save soon."""
        for segment_id in segment_ids:
            self._refresh(segment_id)
        self.modified.emit(True)

    def _refresh(self, segment_id: str) -> None:
        row = self._rows[segment_id]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))


def _tooltip(segment: Segment) -> str:
    lines = [f"{segment.id}: {STATUS_LABELS[segment.status]}"]
    if segment.machine is not None:
        lines.append(f"Machine translation by {segment.machine.model}")
        if segment.machine.score is not None:
            lines.append(f"Model confidence {segment.machine.score:.0%}")
    return "\n".join(lines)


#: What data() gives for the roles other than text, by role: a function of segment and column.
_ROLE_READERS: dict[int, Callable[[Segment, int], Any]] = {
    _BACKGROUND: lambda segment, column: (
        _STATUS_BRUSHES[segment.status] if column == _STATUS else None
    ),
    _ALIGNMENT: lambda _segment, column: _ALIGNMENTS[column],
    int(STATUS_ROLE): lambda segment, _column: segment.status,
    int(SEGMENT_ID_ROLE): lambda segment, _column: segment.id,
    _TOOLTIP: lambda segment, _column: _tooltip(segment),
}


class StatusFilterModel(QSortFilterProxyModel):
    """Shows only the segments whose status is in a chosen set (all by default)."""

    def __init__(self) -> None:
        super().__init__()
        self._statuses: frozenset[Status] | None = None

    def set_statuses(self, statuses: frozenset[Status] | None) -> None:
        """Show only *statuses* (None: everything)."""
        self.beginFilterChange()
        self._statuses = statuses
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        if self._statuses is None:
            return True
        model = self.sourceModel()
        status = model.data(model.index(source_row, 0, source_parent), STATUS_ROLE)
        return status in self._statuses
