"""Killed while working: the real window in a real process, killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.project import find_project, open_project
from reviewer.qt.main_window import MainWindow
from tests.conftest import ROOT


@pytest.mark.slow
def test_a_killed_window_loses_neither_typing_nor_reviews(
    article: Path, window: MainWindow, qtbot: QtBot
) -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    session = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.review_session", str(article)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=ROOT,
    )
    try:
        assert session.stdout is not None
        assert session.stdout.readline().strip() == "READY"
    finally:
        session.send_signal(signal.SIGKILL)
        session.wait()
        if session.stdout is not None:
            session.stdout.close()
    project = find_project(article)
    assert project is not None
    document = open_project(project).document
    assert document.segments[4].status is Status.REVIEWED
    assert document.segments[5].target == "Typed, never saved by hand."
    assert document.segments[5].status is Status.EDITED

    # The killed window's lock is stale: this window opens the review without a question.
    assert window.open_path(article)
    assert window.document is not None
    assert window.document.segments[5].target == "Typed, never saved by hand."
