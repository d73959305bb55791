"""What the window remembers between runs: text size, column order, filter, geometry and
where the side panel is docked."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow

#: The text size when nothing is remembered, and its bounds.
DEFAULT_POINT_SIZE = 12.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 32.0
#: The window's size the first time, if the screen has room.
DEFAULT_SIZE = (1280, 820)


def settings() -> QSettings:
    """The user's settings for reviewer."""
    return QSettings("reviewer", "reviewer")


class ViewSettings:
    """Reads and writes the window's remembered view."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or settings()

    def point_size(self) -> float:
        """The remembered text size."""
        try:
            size = float(self.store.value("view/point_size", DEFAULT_POINT_SIZE))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_POINT_SIZE
        return min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size))

    def filter_index(self, count: int) -> int:
        """The remembered filter (an index into the window's list of *count* filters)."""
        try:
            index = int(self.store.value("view/filter", 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return 0
        return index if 0 <= index < count else 0

    def save_view(self, point_size: float, filter_index: int, header: QHeaderView) -> None:
        """Remember the text size, the filter and the column order."""
        self.store.setValue("view/point_size", point_size)
        self.store.setValue("view/filter", filter_index)
        if header.count():  # no columns while no review is open: nothing to remember
            order = [header.logicalIndex(visual) for visual in range(header.count())]
            self.store.setValue("view/columns", ",".join(map(str, order)))

    def restore_columns(self, header: QHeaderView) -> None:
        """Put the columns back in the remembered order (left to right)."""
        value = self.store.value("view/columns")
        try:
            order = [int(item) for item in str(value or "").split(",") if item]
        except ValueError:
            return
        if sorted(order) != list(range(header.count())):
            return
        for visual, logical in enumerate(order):
            header.moveSection(header.visualIndex(logical), visual)

    def save_window(self, window: QMainWindow) -> None:
        """Remember the window's size and where its panels are."""
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())

    def restore_window(self, window: QMainWindow) -> None:
        """Put the window's size and panels back as they were."""
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            # First run: a comfortable size that fits a laptop's screen.
            screen = window.screen().availableGeometry()
            window.resize(
                min(DEFAULT_SIZE[0], int(screen.width() * 0.95)),
                min(DEFAULT_SIZE[1], int(screen.height() * 0.9)),
            )
        if isinstance(state, QByteArray):
            window.restoreState(state)
