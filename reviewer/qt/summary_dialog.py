"""The review summary (View › Review Summary, Ctrl+Shift+R): the post-editing totals and the
plots of reviewer.report, drawn in the window by matplotlib's Qt canvas.

matplotlib is imported when the summary is first opened, never when the window starts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.document import ReviewDocument
from reviewer.metrics import duration, shown, summarise


class SummaryDialog(QDialog):
    """Totals, plots and the segments that needed the most work; Enter on one goes there."""

    def __init__(
        self, parent: QWidget, document: ReviewDocument, go_to: Callable[[str], None]
    ) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from reviewer.report import review_plots

        self.setWindowTitle("Review Summary")
        # As large as the window, at most: nothing of it off the screen.
        self.resize(min(860, parent.width()), min(720, parent.height()))
        summary = summarise(document)
        rate = summary.words_per_hour
        self.totals = QLabel(
            f"<b>{summary.reviewed}</b> of {len(summary.figures)} segments reviewed · "
            f"<b>{summary.words_reviewed:,}</b> of {summary.words:,} words · "
            f"active time <b>{duration(summary.seconds)}</b> · "
            f"<b>{'—' if rate is None else f'{rate:,.0f}'}</b> words an hour · "
            f"{summary.keys:,} keys · HTER <b>{shown(summary.hter)}</b> · "
            f"chrF <b>{shown(summary.chrf)}</b>"
        )
        self.totals.setWordWrap(True)
        self.most_work = QListWidget()
        for figures in summary.most_work:
            item = QListWidgetItem(
                f"{figures.segment.id}   HTER {shown(figures.hter)} · "
                f"{duration(figures.seconds)} · {figures.seconds_per_word:.1f} s a word"
            )
            item.setData(Qt.ItemDataRole.UserRole, figures.segment.id)
            self.most_work.addItem(item)
        self.most_work.setMaximumHeight(110)
        self._go_to = go_to
        self.most_work.itemActivated.connect(self._go)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.totals)
        layout.addWidget(QLabel("<b>The segments that needed the most work</b> (Enter: go there)"))
        layout.addWidget(self.most_work)
        self.canvases: list[FigureCanvasQTAgg] = []
        for title, figure in review_plots(summary).items():
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            canvas.setMinimumHeight(230)
            self.canvases.append(canvas)
            layout.addWidget(canvas)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(buttons)
        self.most_work.setFocus()

    def _go(self, item: QListWidgetItem) -> None:
        self.accept()
        self._go_to(item.data(Qt.ItemDataRole.UserRole))
