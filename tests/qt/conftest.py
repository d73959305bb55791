"""Fixtures of the window tests: a window on a stand-in engine, with dialogs recorded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.qt.main_window import MainWindow
from tests.conftest import SAMPLE_ARTICLE
from tests.helpers.fake_engine import FakeEngine


class Dialogs:
    """What the window would have shown in message boxes, and the answers to give."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.answer_question: object = None
        self.answer_warning: object = None
        self.asked: list[str] = []


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    """Each test starts with no remembered settings (zoom, filter, recent files...).

    Qt resolves the settings folder once per process, so the XDG variables of the root
    conftest are not enough: point it at this test's own folder.
    """
    from PySide6.QtCore import QSettings

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))
    QSettings("reviewer", "reviewer").clear()


@pytest.fixture(autouse=True)
def _confirm_without_the_checks(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Enter confirms at once in the window tests: the stand-in engine's English
    ("EN(...)" around the Arabic) would always have findings. The warning itself is tested
    where a test asks for it with @pytest.mark.qa_guard."""
    if request.node.get_closest_marker("qa_guard") is None:
        from reviewer.qt.qa_controller import QaController

        monkeypatch.setattr(QaController, "may_confirm", lambda _self, _segment: None)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from PySide6.QtWidgets import QMessageBox

    from reviewer.qt import dialogs as dialogs_module

    recorded = Dialogs()
    monkeypatch.setattr(
        dialogs_module,
        "show_error",
        lambda _parent, title, text: recorded.errors.append((title, text)),
    )

    def question(*args: object, **_: object) -> object:
        recorded.asked.append(str(args[2]))
        return recorded.answer_question or QMessageBox.StandardButton.Discard

    def warning(*args: object, **_: object) -> object:
        recorded.asked.append(str(args[2]))
        return recorded.answer_warning or QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return recorded


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A copy of the sample article in a folder of its own."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return Path(shutil.copy(SAMPLE_ARTICLE, folder / "sample_article.txt"))


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def window(qtbot: QtBot, engine: FakeEngine, dialogs: Dialogs) -> Iterator[MainWindow]:
    del dialogs  # requested for its patches
    created = MainWindow(engine)
    qtbot.addWidget(created)
    created.show()
    qtbot.waitExposed(created)
    yield created
    created.session.autosaver.dirty = False
    created.close()


@pytest.fixture
def manual_engine() -> FakeEngine:
    """A stand-in engine that translates only when the test says so."""
    return FakeEngine(manual=True)


@pytest.fixture
def manual_window(
    qtbot: QtBot, manual_engine: FakeEngine, dialogs: Dialogs, article: Path
) -> Iterator[MainWindow]:
    """A window on the sample article whose engine has started and holds all the work,
    none of it translated yet."""
    del dialogs
    created = MainWindow(manual_engine)
    qtbot.addWidget(created)
    created.show()
    created.open_path(article)  # before the engine has even started
    qtbot.waitUntil(lambda: any(kind == "translate" for kind, _ in manual_engine.requests))
    yield created
    created.session.autosaver.dirty = False
    created.close()
