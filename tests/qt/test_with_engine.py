"""The window with the real engine process and the tiny Marian model."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.qt.main_window import MainWindow
from tests.qt.conftest import Dialogs

#: The longest the GUI thread may be busy between two ticks of a 10 ms timer.
LONGEST_GAP_S = 0.25


@pytest.mark.slow
def test_translations_stream_in_and_the_window_never_freezes(
    qtbot: QtBot, dialogs: Dialogs, article: Path, tiny_model_master: Path
) -> None:
    del dialogs
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    window = MainWindow(model=str(tiny_model_master), backend="transformers")
    qtbot.addWidget(window)
    window.show()
    window.open_path(article)
    assert window.document is not None
    qtbot.waitUntil(lambda: window.translation.state == "ready", timeout=120_000)
    qtbot.waitUntil(
        lambda: all(s.machine is not None for s in window.document or []), timeout=120_000
    )
    timer.stop()
    assert all(s.status is Status.MACHINE_TRANSLATED for s in window.document)
    assert window.document.segments[0].machine is not None
    assert window.document.segments[0].machine.model == tiny_model_master.name
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert max(gaps) < LONGEST_GAP_S, f"the GUI thread froze for {max(gaps) * 1000:.0f} ms"
    window.session.autosaver.dirty = False
    window.close()


@pytest.mark.slow
def test_a_missing_model_shows_the_engine_s_own_message(
    qtbot: QtBot, dialogs: Dialogs, article: Path, tmp_path: Path
) -> None:
    del dialogs
    window = MainWindow(model=str(tmp_path / "no-such-model"))
    qtbot.addWidget(window)
    window.show()
    window.open_path(article)
    qtbot.waitUntil(window.banner.isVisible, timeout=120_000)
    assert "No model folder" in window.banner.text.text()
    assert window.translation.state == "unavailable"
    window.session.autosaver.dirty = False
    window.close()
