"""Guards against Qt binding defects that would crash the window, not just misdraw it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.qt.main_window import MainWindow


def test_painting_the_review_keeps_python_s_none_alive(
    window: MainWindow, qtbot: QtBot, article: Path
) -> None:
    # PySide6 6.12.0 dropped a reference to None whenever a Python data() returned None;
    # on Python 3.11 that crashes the interpreter once None's count reaches zero.
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12: its count cannot drop, nor crash")
    window.open_path(article)
    model = window.session.segment_model
    assert model is not None
    # Through the binding, many times: data() answering None for a role it does not use.
    index = model.index(0, 0)
    assert index.data(9999) is None
    calls = 5000
    window.table.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(calls):
        index.data(9999)
    for _ in range(20):
        window.table.viewport().repaint()
        window.table.resizeRowsToContents()
    # With the defect, the count falls by one per call: thousands; noise is a handful.
    assert sys.getrefcount(None) >= before - 100
