"""A reviewer at work in a real process, for tests that kill it (python -m tests.helpers...).

Opens the article given on the command line in the real window (on the stand-in engine),
types into one segment and marks another reviewed, waits until the window has saved on its
own (no Ctrl+S), prints READY and keeps working until it is killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reviewer.qt.main_window import MainWindow
from tests.helpers.fake_engine import FakeEngine


def main() -> None:
    app = QApplication([])
    window = MainWindow(FakeEngine())
    # The stand-in's English always has findings; the checks' warning is tested elsewhere.
    window.editor.confirm_guard = lambda _segment: None
    window.show()
    window.open_path(Path(sys.argv[1]))

    def type_and_stay() -> None:
        # Typed into the open editor; the reviewer never leaves the cell nor saves.
        editor = window.table.editor
        if editor is None:  # a busy machine: the editor opens on the next turns
            QTimer.singleShot(100, type_and_stay)
            return
        editor.setPlainText("Typed, never saved by hand.")
        QTimer.singleShot(3500, lambda: print("READY", flush=True))

    steps = iter([lambda: window.editor.go_to_row(4), window.editor.confirm_current, type_and_stay])

    def step() -> None:
        action = next(steps, None)
        if action is not None:
            action()
            QTimer.singleShot(200, step)

    QTimer.singleShot(300, step)
    app.exec()


if __name__ == "__main__":
    main()
