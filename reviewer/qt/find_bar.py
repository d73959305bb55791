"""The find and replace bar (Ctrl+F, Ctrl+H).

The keyboard stays here while the reviewer walks the matches: Enter finds the next match,
Shift+Enter the previous one, Enter in the replacement replaces the highlighted match, and
Escape closes the bar and goes back to the English of the current segment.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)


class FindBar(QWidget):
    """Find in the Arabic or the English; replace in the English."""

    #: Find the next (+1) or previous (-1) match.
    find_requested = Signal(int)
    #: Replace the highlighted match.
    replace_requested = Signal()
    #: Replace every match (after asking).
    replace_all_requested = Signal()
    #: The query, the scope or an option changed.
    criteria_changed = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two rows, so the bar fits a 1024-pixel window beside the side panel: finding
        # above, what to match and what to replace it with below.
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setVerticalSpacing(2)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find (Arabic ignores diacritics, tatweel, أ/ا, ى/ي, ة/ه)")
        self.query.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.addItems(["in the English", "in the Arabic"])
        self.whole_words = QCheckBox("&Whole words")
        self.match_case = QCheckBox("Match &case")
        self.replacement = QLineEdit()
        self.replacement.setPlaceholderText("Replace with")
        self.status = QLabel()
        self.status.setMinimumWidth(100)
        previous = QPushButton("Previous")
        following = QPushButton("Next")
        replace = QPushButton("Replace")
        replace_all = QPushButton("Replace all…")
        close = QPushButton("Close")
        for button in (previous, following, replace, replace_all, close):
            button.setAutoDefault(False)
        options = QHBoxLayout()
        for part in (self.scope, self.whole_words, self.match_case):
            options.addWidget(part)
        layout.addWidget(QLabel("Find"), 0, 0)
        layout.addWidget(self.query, 0, 1)
        layout.addWidget(previous, 0, 2)
        layout.addWidget(following, 0, 3)
        layout.addWidget(self.status, 0, 4)
        layout.addWidget(close, 0, 5)
        layout.addLayout(options, 1, 1)
        layout.addWidget(self.replacement, 1, 2, 1, 2)
        layout.addWidget(replace, 1, 4)
        layout.addWidget(replace_all, 1, 5)
        layout.setColumnStretch(1, 1)
        following.clicked.connect(lambda: self.find_requested.emit(1))
        previous.clicked.connect(lambda: self.find_requested.emit(-1))
        replace.clicked.connect(self.replace_requested)
        replace_all.clicked.connect(self.replace_all_requested)
        close.clicked.connect(self.close_bar)
        self.query.textChanged.connect(self.criteria_changed)
        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.whole_words.toggled.connect(self.criteria_changed)
        self.match_case.toggled.connect(self.criteria_changed)
        self.query.installEventFilter(self)
        self.replacement.installEventFilter(self)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)

    @property
    def in_arabic(self) -> bool:
        """Whether the search looks in the Arabic."""
        return self.scope.currentIndex() == 1

    def open_bar(self, *, replace: bool = False) -> None:
        """Show the bar, ready to type the query (or the replacement)."""
        self.show()
        field = self.replacement if replace and not self.in_arabic else self.query
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def close_bar(self) -> None:
        """Hide the bar."""
        self.hide()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if watched is self.replacement:
                self.replace_requested.emit()
            else:
                self.find_requested.emit(-1 if backwards else 1)
            return True
        return super().eventFilter(watched, event)

    def _on_scope_changed(self) -> None:
        # Only the reviewer's English can be replaced; the Arabic source is not theirs.
        self.replacement.setEnabled(not self.in_arabic)
        self.criteria_changed.emit()
