"""The find and replace bar (Ctrl+F): Arabic searches ignore diacritics and letter variants."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)


class FindBar(QWidget):
    """Find in the Arabic or the English; replace in the English."""

    #: Find the next (+1) or previous (-1) match of the query.
    find_requested = Signal(str, bool, int)
    #: Replace the current match, or all matches (True).
    replace_requested = Signal(str, str, bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.scope = QComboBox()
        self.scope.addItems(["in the English", "in the Arabic"])
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find (Arabic ignores diacritics, tatweel, أ/ا, ى/ي, ة/ه)")
        self.query.setClearButtonEnabled(True)
        self.replacement = QLineEdit()
        self.replacement.setPlaceholderText("Replace with")
        self.status = QLabel()
        previous = QPushButton("Previous")
        following = QPushButton("Next")
        replace = QPushButton("Replace")
        replace_all = QPushButton("Replace all")
        close = QPushButton("Close")
        for widget in (
            QLabel("Find"),
            self.query,
            self.scope,
            previous,
            following,
            self.replacement,
            replace,
            replace_all,
            self.status,
            close,
        ):
            layout.addWidget(widget)
        layout.setStretch(1, 3)
        layout.setStretch(5, 2)
        self.query.returnPressed.connect(lambda: self._find(1))
        following.clicked.connect(lambda: self._find(1))
        previous.clicked.connect(lambda: self._find(-1))
        replace.clicked.connect(lambda: self._replace(everywhere=False))
        replace_all.clicked.connect(lambda: self._replace(everywhere=True))
        close.clicked.connect(self.close_bar)
        self.scope.currentIndexChanged.connect(self._on_scope_changed)

    @property
    def in_arabic(self) -> bool:
        """Whether the search looks in the Arabic."""
        return self.scope.currentIndex() == 1

    def open_bar(self) -> None:
        """Show the bar with the query selected, ready to type."""
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def close_bar(self) -> None:
        """Hide the bar."""
        self.hide()
        self.closed.emit()

    def _find(self, direction: int) -> None:
        self.find_requested.emit(self.query.text(), self.in_arabic, direction)

    def _replace(self, *, everywhere: bool) -> None:
        self.replace_requested.emit(self.query.text(), self.replacement.text(), everywhere)

    def _on_scope_changed(self) -> None:
        # Only the reviewer's English can be replaced; the Arabic source is not theirs.
        self.replacement.setEnabled(not self.in_arabic)
