"""Guards against Qt binding defects that would crash the window, not just misdraw it."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewer.qt.main_window import MainWindow


def test_painting_the_review_keeps_python_s_none_alive(
    window: MainWindow, qtbot: QtBot, article: Path
) -> None:
    # PySide6 6.12.0 dropped a reference to None whenever a Python data() returned None;
    # on Python 3.11 that crashes the interpreter once None's count reaches zero.
    window.open_path(article)
    window.table.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(20):
        window.table.viewport().repaint()
        window.table.resizeRowsToContents()
    assert sys.getrefcount(None) >= before - 10
