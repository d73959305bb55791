"""A banner across the top of the review: no model, the article changed, a recovery."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: The banner's tint, mixed into the palette's window colour (readable light and dark).
TINT = QColor("#f0b400")
TINT_SHARE = 0.28


def tinted(base: QColor, tint: QColor, share: float) -> QColor:
    """*base* with *share* of *tint* mixed in."""
    return QColor(
        round(base.red() * (1 - share) + tint.red() * share),
        round(base.green() * (1 - share) + tint.green() * share),
        round(base.blue() * (1 - share) + tint.blue() * share),
    )


class Banner(QFrame):
    """A notice with an optional "Try again" and a "Hide"."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton("Try again")
        self.retry.clicked.connect(self.retry_requested)
        close = QPushButton("Hide")
        close.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, *, retry: bool) -> None:
        """Show *text*, with a "Try again" button if *retry*."""
        self.text.setText(text)
        self.retry.setVisible(retry)
        self.show()

    def background(self) -> QColor:
        """The banner's colour: the palette's window colour, tinted (so the palette's own
        text colour reads on it, light or dark; a fixed pale yellow under a dark theme's
        light text was unreadable)."""
        return tinted(self.palette().color(QPalette.ColorRole.Window), TINT, TINT_SHARE)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.background())
        painter.end()
        super().paintEvent(event)
