"""How the table looks: text size, column order, which segments show; all remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu

from reviewer.document import Status
from reviewer.qt.editor_controller import EditorController
from reviewer.qt.segment_model import Column
from reviewer.qt.status_widgets import StatusWidgets
from reviewer.qt.view_settings import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_POINT_SIZE,
    ViewSettings,
)

FILTERS: tuple[tuple[str, frozenset[Status] | None], ...] = (
    ("All segments", None),
    ("Not reviewed yet", frozenset(set(Status) - {Status.REVIEWED, Status.EXCLUDED})),
    ("Untranslated", frozenset({Status.UNTRANSLATED})),
    ("Machine-translated", frozenset({Status.MACHINE_TRANSLATED})),
    ("From the memory", frozenset({Status.FROM_MEMORY})),
    ("Edited", frozenset({Status.EDITED})),
    ("Reviewed", frozenset({Status.REVIEWED})),
    ("Excluded", frozenset({Status.EXCLUDED})),
)
#: The filter Ctrl+Shift+F turns on and off.
NOT_REVIEWED_FILTER = 1


class ViewController(QObject):
    """Zoom, swap columns and filter the table, and remember each."""

    def __init__(
        self, editor: EditorController, status: StatusWidgets, settings: ViewSettings
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.table = editor.view
        self.status = status
        self.settings = settings
        self.filter_actions: list[QAction] = []
        self.summary: QDialog | None = None

    def show_summary(self) -> None:
        """The review summary: post-editing totals and plots (Ctrl+Shift+R)."""
        document = self.editor.session.document
        if document is None:
            return
        from reviewer.qt.summary_dialog import SummaryDialog

        self.editor.commit()
        self.summary = SummaryDialog(self.table.window(), document, self.editor.go_to_segment)
        self.summary.finished.connect(lambda _result: self.editor.back_from_dialog())
        self.summary.open()

    def build_filter_menu(self, menu: QMenu) -> None:
        """One checkable entry per filter in *menu* (View › Show)."""
        group = QActionGroup(menu)
        for number, (label, _statuses) in enumerate(FILTERS):
            choice = QAction(label, menu, checkable=True)
            choice.triggered.connect(lambda _c=False, n=number: self.set_filter(n))
            group.addAction(choice)
            menu.addAction(choice)
            self.filter_actions.append(choice)

    def restore(self) -> None:
        """Put the remembered text size and filter back."""
        self.table.segment_delegate.set_point_size(self.settings.point_size())
        self.set_filter(self.settings.filter_index(len(FILTERS)), remember=False)

    def restore_columns(self) -> None:
        """Put the remembered column order back (once a review gives the table columns)."""
        self.settings.restore_columns(self.table.horizontalHeader())

    def swap_columns(self) -> None:
        """Put the English left of the Arabic, or back."""
        header = self.table.horizontalHeader()
        header.swapSections(header.visualIndex(Column.SOURCE), header.visualIndex(Column.TARGET))
        self._save()

    def zoom(self, step: int) -> None:
        """Make the text larger (+1), smaller (-1) or its normal size (0)."""
        delegate = self.table.segment_delegate
        size = delegate.point_size + step if step else DEFAULT_POINT_SIZE
        delegate.set_point_size(min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size)))
        self.table.close_editors()
        self.table.refit_all_rows()
        self.table.viewport().update()
        self._save()

    def set_filter(self, number: int, *, remember: bool = True) -> None:
        """Show only the segments of filter *number* in FILTERS (0: all)."""
        self.editor.commit()
        label, statuses = FILTERS[number]
        self.filter_actions[number].setChecked(True)
        self.editor.filter_model.set_statuses(statuses)
        self.status.show_filter(label if statuses is not None else None)
        if self.table.currentIndex().isValid():
            self.table.reveal_current()
        elif self.editor.session.document is not None:
            self.editor.go_to_end(last=False)
        if remember:
            self._save()

    def toggle_filter(self) -> None:
        """Show only the segments to review, or all of them again."""
        self.set_filter(NOT_REVIEWED_FILTER if self.filter_actions[0].isChecked() else 0)

    def _save(self) -> None:
        checked = next(n for n, action in enumerate(self.filter_actions) if action.isChecked())
        self.settings.save_view(
            self.table.segment_delegate.point_size, checked, self.table.horizontalHeader()
        )
