"""Recording each segment's active editing time, visits and keys, from real key events, on a
clock the test controls."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.metrics import IDLE_CUTOFF, segment_figures
from reviewer.project import open_project
from reviewer.qt.main_window import MainWindow
from tests.helpers.keys import activate, focused, press, type_text


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(window: MainWindow) -> Clock:
    clock = Clock()
    window.work.clock = clock
    return clock


def _open_at(window: MainWindow, qtbot: QtBot, article: Path, row: int) -> None:
    assert window.open_path(article)
    qtbot.waitUntil(
        lambda: window.document is not None and not window.document.needing_translation()
    )
    activate(qtbot, window)
    window.editor.go_to_row(row)
    qtbot.waitUntil(lambda: window.table.editor is not None and window.table.editor.hasFocus())


def test_time_keys_and_visits_come_from_the_reviewers_own_keys(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    _open_at(window, qtbot, article, 4)
    document = window.document
    assert document is not None
    segment = document.segments[4]
    machine = segment.target
    assert segment.work.visits == 1
    clock.advance(5)
    type_text(qtbot, " ok")
    clock.advance(3)
    press(qtbot, "Backspace")
    clock.advance(2)
    press(qtbot, "Left")
    press(qtbot, "Ctrl+B")  # a combination with Ctrl types nothing: not counted
    clock.advance(600)  # a coffee break: counts as the idle cut-off only
    press(qtbot, "End")
    clock.advance(4)
    press(qtbot, "Ctrl+Return")
    work = segment.work
    assert (work.inserted, work.deleted, work.navigation) == (3, 1, 2)
    assert work.seconds == pytest.approx(5 + 3 + 2 + IDLE_CUTOFF + 4)
    assert work.started_from == machine
    assert work.confirmed is not None
    assert segment.status is Status.REVIEWED
    # Away to the next segment, and back: a second visit; the time away is not this one's.
    assert window.editor.current_segment() is not segment
    clock.advance(20)
    press(qtbot, "Ctrl+Up")
    assert window.editor.current_segment() is segment
    assert segment.work.visits == 2
    assert segment.work.seconds == pytest.approx(5 + 3 + 2 + IDLE_CUTOFF + 4)
    assert document.segments[5].work.seconds == pytest.approx(20)
    # What the figures make of it: the machine's English against the final one.
    figures = segment_figures(segment)
    assert figures.start == machine
    assert figures.hter is not None
    assert figures.hter > 0


def test_time_away_from_the_window_is_not_counted(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    from PySide6.QtCore import Qt

    _open_at(window, qtbot, article, 2)
    segment = window.editor.current_segment()
    assert segment is not None
    clock.advance(4)
    type_text(qtbot, "x")
    clock.advance(6)  # reading, then off to another application: the reading counts
    window.work._on_application_state(Qt.ApplicationState.ApplicationInactive)
    clock.advance(25)  # in another application: under the cut-off, yet not counted
    window.work._on_application_state(Qt.ApplicationState.ApplicationActive)
    clock.advance(1)
    type_text(qtbot, "y")
    assert segment.work.seconds == pytest.approx(4 + 6 + 1)
    assert segment.work.inserted == 2


def test_the_figures_reach_the_project_file(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    _open_at(window, qtbot, article, 3)
    clock.advance(7)
    type_text(qtbot, " more")
    press(qtbot, "Ctrl+Return")
    assert focused() is window.table.editor
    window.save()
    path = window.session.project_path
    assert path is not None
    saved = open_project(path).document.segments[3].work
    assert saved.inserted == 5
    assert saved.seconds == pytest.approx(7)
    assert saved.confirmed is not None


def test_the_side_panel_shows_the_current_segments_figures(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    _open_at(window, qtbot, article, 4)
    panel = window.side_panel.work
    qtbot.waitUntil(lambda: "1 visit" in panel.text())
    clock.advance(20)
    type_text(qtbot, " Extra words here.")
    qtbot.waitUntil(lambda: "18 keys: 18 typed, 0 deleted" in panel.text())
    assert "20 s active" in panel.text()
    qtbot.waitUntil(lambda: "HTER 0.0" not in panel.text())  # the English was committed
    assert "HTER" in panel.text()


def test_the_review_summary_opens_on_its_key_and_goes_to_the_most_worked_segment(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    _open_at(window, qtbot, article, 6)
    clock.advance(12)
    type_text(qtbot, " Rewritten at length here.")
    press(qtbot, "Ctrl+Return")  # reviewed; on to the next
    press(qtbot, "Ctrl+Return")
    press(qtbot, "Ctrl+Shift+R")
    dialog = window.view.summary
    assert dialog is not None
    assert dialog.isVisible()
    assert "2</b> of 23 segments reviewed" in dialog.totals.text()
    assert len(dialog.canvases) == 3
    assert dialog.most_work.count() == 1  # the other confirmed one was not edited
    qtbot.waitUntil(lambda: focused() is dialog.most_work)
    press(qtbot, "Down")
    press(qtbot, "Return")
    assert not dialog.isVisible()
    current = window.editor.current_segment()
    assert current is not None
    assert current.id == "p7"
    qtbot.waitUntil(lambda: focused() is window.table.editor)


def test_figures_alone_never_mark_the_review_changed_yet_reach_the_disk(
    window: MainWindow, qtbot: QtBot, article: Path, clock: Clock
) -> None:
    _open_at(window, qtbot, article, 2)
    qtbot.waitUntil(lambda: not window.session.autosaver.quiet, timeout=5_000)
    clock.advance(9)
    press(qtbot, "Ctrl+Down")  # reading, no edit
    assert not window.session.autosaver.dirty
    assert not window.isWindowModified()
    path = window.session.project_path
    assert path is not None
    qtbot.waitUntil(
        lambda: open_project(path).document.segments[2].work.seconds == 9, timeout=5_000
    )
    assert open_project(path).document.segments[3].work.visits == 1
