"""The table of segments: rows fitted to their text, the current row kept in view, and the
keys a reviewer expects of it.

- F2, Enter or any typed character edit the English of the current row, whichever of its
  cells was clicked; Tab goes between the Arabic and the English of the same row.
- After every move the current row is fully on screen with at least one row of context after
  it (or as much of it as fits, from its top, when it is taller than the view).
- Rows are fitted to their text only when they come into view: fitting all of them measured
  every paragraph of the article at every change, seconds for 2,000 paragraphs.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from reviewer.qt.segment_delegate import (
    EDIT_LIMIT,
    SegmentDelegate,
    SourceViewer,
    TargetEditor,
    _CellEditor,
)
from reviewer.qt.segment_model import SEGMENT_ID_ROLE, Column

_Editor = TypeVar("_Editor", bound=_CellEditor)

#: Rows of context wanted after the current one.
CONTEXT_AFTER = 1


class SegmentTableView(QTableView):
    """Segments as rows of status, Arabic and English."""

    #: An editor was not opened; the message says why and what to do.
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segment_delegate = SegmentDelegate(self)
        self.segment_delegate.editor_created.connect(self._on_editor_created)
        self.segment_delegate.closeEditor.connect(self._on_editor_closed)
        self.setItemDelegate(self.segment_delegate)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Editors are opened by the keys and clicks below, never by Qt's own triggers.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self.refit_all_rows)
        self._editor: TargetEditor | None = None
        self._viewer: SourceViewer | None = None
        self._fitted: set[str] = set()
        self._reveal_pending = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._fit_timer.start)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        model_signals = self.model()
        model_signals.layoutChanged.connect(self._on_layout_changed)
        model_signals.rowsInserted.connect(self._fit_timer.start)
        model_signals.modelReset.connect(self.refit_all_rows)
        model_signals.dataChanged.connect(self._on_data_changed)

    def set_column_layout(self) -> None:
        """Status narrow, Arabic and English sharing the rest."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.STATUS, 44)
        header.setSectionResizeMode(Column.SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.TARGET, QHeaderView.ResizeMode.Stretch)

    # --- editing ------------------------------------------------------------------------

    @property
    def editor(self) -> TargetEditor | None:
        """The open English editor, if any."""
        self._editor = self._live(self._editor)
        return self._editor

    @property
    def viewer(self) -> SourceViewer | None:
        """The open Arabic viewer, if any."""
        self._viewer = self._live(self._viewer)
        return self._viewer

    def _live(self, editor: _Editor | None) -> _Editor | None:
        """*editor* if this view still edits its cell with it: Qt drops (then deletes) the
        editors of rows a model change removes, without telling."""
        if editor is None:
            return None
        try:
            index = editor.index
            cell = self.model().index(index.row(), index.column())
            if not index.isValid() or self.indexWidget(cell) is not editor:
                return None
        except RuntimeError:
            return None  # Already deleted.
        return editor

    def edit_english(self, key: QKeyEvent | None = None) -> TargetEditor | None:
        """Open the English of the current row for editing (handing it *key*, if given)."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        target = index.siblingAtColumn(Column.TARGET)
        length = len(str(target.data(Qt.ItemDataRole.EditRole) or ""))
        if length > EDIT_LIMIT:
            self.refused.emit(
                f"This English is {length:,} characters long, too long to edit here. Put "
                "blank lines between the article's paragraphs and open it again."
            )
            return None
        if self.editor is None or self.currentIndex() != target:
            self.close_editors()
            self.setCurrentIndex(target)
            self.edit(target)
        editor = self.editor
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            if key is not None:
                QApplication.sendEvent(editor, key)
        return editor

    def view_arabic(self) -> SourceViewer | None:
        """Open the Arabic of the current row to select and copy from."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        self.close_editors()
        source = index.siblingAtColumn(Column.SOURCE)
        self.setCurrentIndex(source)
        self.edit(source)
        if self.viewer is not None:
            self.viewer.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.viewer

    def close_editors(self) -> None:
        """Hand what is typed to the model and close any open editor."""
        for editor in (self.editor, self.viewer):
            if editor is None:
                continue
            try:
                self.segment_delegate.commitData.emit(editor)
                self.segment_delegate.closeEditor.emit(editor)
            except RuntimeError:
                pass  # Already deleted by Qt.
        self._editor = self._viewer = None

    def commit_editor(self) -> None:
        """Hand what is typed to the model, keeping the editor open."""
        editor = self.editor
        if editor is not None:
            self.segment_delegate.commitData.emit(editor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        modifiers = event.modifiers()
        plain = not modifiers & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and plain:
            self.edit_english()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            if self.currentIndex().column() == Column.TARGET:
                self.view_arabic()
            else:
                self.edit_english()
        elif plain and event.text() and event.text().isprintable():
            self.edit_english(QKeyEvent(event.type(), key, modifiers, event.text()))
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab must reach keyPressEvent: Qt would move the focus out of the table first.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or not index.isValid():
            return
        if index.column() == Column.SOURCE:
            self.view_arabic()
        elif index.column() == Column.TARGET:
            self.edit_english()

    def _on_editor_created(self, editor: _CellEditor) -> None:
        if isinstance(editor, TargetEditor):
            self._editor = editor
            editor.height_wanted.connect(self._on_height_wanted)
        elif isinstance(editor, SourceViewer):
            self._viewer = editor
            editor.english_requested.connect(self.edit_english)
        editor.switch_requested.connect(self._on_switch_requested)
        editor.leave_requested.connect(self._on_leave_requested)

    def _on_editor_closed(self, editor: QWidget, _hint: object = None) -> None:
        if editor is self._editor:
            assert isinstance(editor, TargetEditor)
            editor.stop_waiting()
            self._editor = None
        elif editor is self._viewer:
            self._viewer = None

    def _on_switch_requested(self, _backwards: bool) -> None:
        if self.editor is not None:
            self.view_arabic()
        else:
            self.edit_english()

    def _on_leave_requested(self) -> None:
        self.close_editors()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keeping rows fitted and the current one in view ---------------------------------

    def reveal(self, row: int) -> None:
        """Scroll so that view *row* is fully visible with a row of context after it."""
        count = self.model().rowCount()
        if not 0 <= row < count:
            return
        height = self.viewport().height()
        # Fit the rows below as far as a screen: rows not fitted yet are short, and the
        # scroll bar could not reach far enough to show the context near the end.
        below, after_row = 0, row
        while after_row < count and (after_row <= row + CONTEXT_AFTER or below < height):
            self._fit_row(after_row)
            below += self.rowHeight(after_row)
            after_row += 1
        self.updateGeometries()  # the scroll bar's range, now, not at the next layout
        bar = self.verticalScrollBar()
        top = self.rowViewportPosition(row)
        bottom = top + self.rowHeight(row)
        after = sum(
            self.rowHeight(other) for other in range(row + 1, min(row + 1 + CONTEXT_AFTER, count))
        )
        wanted_bottom = bottom + min(after, max(0, height - (bottom - top)))
        if wanted_bottom > height:
            bar.setValue(bar.value() + wanted_bottom - height)
            top = self.rowViewportPosition(row)
        if top < 0:
            bar.setValue(bar.value() + top)
        self._reveal_pending = False

    def reveal_current(self) -> None:
        """Reveal the current row now, and again once rows have been fitted."""
        index = self.currentIndex()
        if index.isValid():
            self.reveal(index.row())
            self._reveal_pending = True
            self._fit_timer.start()

    def is_fully_visible(self, row: int) -> bool:
        """Whether all of view *row* is on screen."""
        top = self.rowViewportPosition(row)
        return top >= 0 and top + self.rowHeight(row) <= self.viewport().height()

    def refit_all_rows(self) -> None:
        """Forget every row's fitted height (the width or the text size changed)."""
        self._fitted.clear()
        self._reveal_pending = True
        self._fit_timer.start()

    def _fit_row(self, row: int) -> None:
        segment_id = self.model().index(row, 0).data(SEGMENT_ID_ROLE)
        if segment_id in self._fitted:
            return
        self._fitted.add(segment_id)
        self.resizeRowToContents(row)
        if self.editor is not None and self.currentIndex().row() == row:
            self._on_height_wanted(self.editor.needed_height())

    def _fit_visible_rows(self) -> None:
        count = self.model().rowCount() if self.model() is not None else 0
        row = max(0, self.rowAt(0))
        extra = 3
        while row < count:
            self._fit_row(row)
            if self.rowViewportPosition(row) > self.viewport().height():
                extra -= 1
                if extra <= 0:
                    break
            row += 1
        if self._reveal_pending:
            current = self.currentIndex()
            if current.isValid():
                self.reveal(current.row())

    def _on_layout_changed(self) -> None:
        self._reveal_pending = True
        self._fit_timer.start()

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._fitted.discard(self.model().index(row, 0).data(SEGMENT_ID_ROLE))
        current = self.currentIndex().row()
        if current >= 0 and top_left.row() <= current + CONTEXT_AFTER:
            # A row at or above the current one may change height and push it (or its
            # context) off screen: reveal it again once fitted, if the reviewer is there.
            top = self.rowViewportPosition(current)
            if top < self.viewport().height() and top + self.rowHeight(current) > 0:
                self._reveal_pending = True
        self._fit_timer.start()

    def _on_height_wanted(self, height: int) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        grid = 1 if self.showGrid() else 0
        fitted = max(self.sizeHintForRow(row), height + grid)
        if fitted != self.rowHeight(row):
            self.setRowHeight(row, fitted)
            # The editor follows its row now, not at the next layout: it never shows
            # less than its text, even between two keys.
            self.updateEditorGeometries()
            self.reveal(row)
