"""The page shown when no review is open: open a file, or pick a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: How many recent files are remembered.
RECENT_LIMIT = 10


class RecentFiles:
    """The files opened last, newest first, kept in the user's settings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[str]:
        """The recent files that still exist, newest first."""
        value = self._settings.value("recent", [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(item) for item in items if Path(str(item)).exists()]

    def add(self, path: Path) -> None:
        """Remember *path* as the newest."""
        name = str(path.resolve())
        recent = [name, *(item for item in self.paths() if item != name)][:RECENT_LIMIT]
        self._settings.setValue("recent", recent)


class StartPage(QWidget):
    """Title, an open button and the recent files."""

    #: The reviewer picked a file to open.
    open_requested = Signal(Path)
    #: The reviewer wants the file dialog.
    browse_requested = Signal()

    def __init__(self, recent: RecentFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recent = recent
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("<h2>reviewer</h2>Review Arabic-to-English machine translation.")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton("Open an article or a review…")
        open_button.clicked.connect(self.browse_requested)
        hint = QLabel(".txt, .md, .html, .docx or .reviewer.json — or drop a file here")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent_list = QListWidget()
        self.recent_list.setMinimumWidth(560)
        self.recent_list.setMaximumWidth(900)
        self.recent_list.itemActivated.connect(
            lambda item: self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        layout.addWidget(title)
        layout.addWidget(open_button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        layout.addWidget(QLabel("Recent files:"), alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.recent_list, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)

    def refresh(self, menu: QMenu) -> None:
        """Show the recent files here and in *menu* (File › Open Recent)."""
        self.recent_list.clear()
        menu.clear()
        for item in self.recent.paths():
            entry = QListWidgetItem(Path(item).name + "   —   " + str(Path(item).parent))
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.recent_list.addItem(entry)
            choice = menu.addAction(Path(item).name)
            choice.triggered.connect(lambda _c=False, p=item: self.open_requested.emit(Path(p)))
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)
