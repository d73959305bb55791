"""Starting the window: ``reviewer [ARTICLE_OR_PROJECT]``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reviewer import __version__
from reviewer.bundled import bundled_file


def run(
    path: Path | None = None,
    *,
    model: str | None = None,
    device: str = "auto",
    backend: str = "auto",
    memory: Path | None = None,
) -> int:
    """Open the window (on *path* if given) and run until it is closed."""
    from reviewer.qt.main_window import MainWindow
    from reviewer.qt.startup import check_can_show_window

    check_can_show_window()  # a clear message and exit code 9, rather than Qt's abort
    app = QApplication.instance() or QApplication(sys.argv[:1])
    icon = bundled_file("reviewer.png")
    if icon is not None:
        QApplication.setWindowIcon(QIcon(str(icon)))
    # The desktop entry's name: window managers match the window to it (and its icon).
    QApplication.setDesktopFileName("reviewer")
    app.setApplicationName("reviewer")
    app.setOrganizationName("reviewer")
    app.setApplicationVersion(__version__)
    window = MainWindow(model=model, device=device, backend=backend, memory=memory)
    window.show()
    if path is not None:
        # Open once the window is on screen, so a slow disk never delays it.
        QTimer.singleShot(0, lambda: window.open_path(path))
    return int(app.exec())
