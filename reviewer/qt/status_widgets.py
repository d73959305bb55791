"""The status bar: progress of the review, the article, the filter, the engine.

All of them are permanent widgets, so a passing message ("Translation cancelled.") shows
beside them and never hides the progress counter.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from reviewer.document import Progress

#: How long a passing message stays, in milliseconds.
MESSAGE_MS = 6000


class StatusWidgets:
    """The widgets of the window's status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.progress_label = QLabel()
        self.filter_label = QLabel()
        self.filter_label.setObjectName("filterLabel")
        self.filter_label.setStyleSheet("font-weight: bold")
        self.filter_label.hide()
        self.article_label = QLabel()
        self.model_label = QLabel("Model: starting…")
        self.translation_bar = QProgressBar()
        self.translation_bar.setMaximumWidth(320)
        self.translation_bar.setTextVisible(True)
        self.translation_bar.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop translating")
        self.cancel_button.hide()
        for widget in (
            self.progress_label,
            self.filter_label,
            self.article_label,
            self.translation_bar,
            self.cancel_button,
            self.model_label,
        ):
            bar.addPermanentWidget(widget)

    def say(self, message: str, milliseconds: int = MESSAGE_MS) -> None:
        """Show a passing message."""
        self.bar.showMessage(message, milliseconds)

    def show_progress(self, progress: Progress | None) -> None:
        """How far the review has come (None: no review open)."""
        if progress is None:
            self.progress_label.clear()
            return
        self.progress_label.setText(
            f"Reviewed {progress.reviewed} of {progress.total - progress.excluded} · "
            f"{progress.words_reviewed} of {progress.words} words · "
            f"{progress.translated} with English"
        )

    def show_filter(self, label: str | None) -> None:
        """Say which filter hides segments (None: all are shown)."""
        self.filter_label.setVisible(label is not None)
        self.filter_label.setText(f"Showing: {label} (Ctrl+Shift+F: all)" if label else "")

    def show_translation(self, done: int, total: int, seconds_left: int | None) -> None:
        """Translation under way: *done* of *total* paragraphs."""
        self.translation_bar.setMaximum(total)
        self.translation_bar.setValue(done)
        left = "" if seconds_left is None else f" · about {seconds_left} s left"
        self.translation_bar.setFormat(f"Translating {done}/{total}{left}")
        self.translation_bar.show()
        self.cancel_button.show()

    def hide_translation(self) -> None:
        """No translation under way."""
        self.translation_bar.hide()
        self.cancel_button.hide()

    def show_engine(self, state: str, detail: str) -> None:
        """The engine's state, as the model label says it."""
        text = {"starting": "Model: loading…", "unavailable": "Model: unavailable"}
        self.model_label.setText(text.get(state, f"Model: {detail}"))
