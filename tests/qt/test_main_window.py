"""The review window, driven as a reviewer drives it (on the stand-in engine)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.errors import WriteError
from reviewer.exports import tsv
from reviewer.project import find_project, open_project
from reviewer.qt.main_window import MainWindow
from reviewer.qt.segment_model import Column
from tests.conftest import SAMPLE_PARAGRAPHS
from tests.helpers.fake_engine import FakeEngine
from tests.helpers.keys import activate, press, type_text
from tests.qt.conftest import Dialogs


def all_translated(window: MainWindow) -> bool:
    return window.document is not None and all(s.machine is not None for s in window.document)


def type_english(window: MainWindow, qtbot: QtBot, text: str) -> None:
    """Type into the open editor of the current segment, as the reviewer does."""
    qtbot.waitUntil(lambda: window.table.editor is not None)
    editor = window.table.editor
    assert editor is not None
    editor.selectAll()
    editor.insertPlainText(text)


def test_a_whole_review_of_the_sample(
    window: MainWindow, qtbot: QtBot, article: Path, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.review_opened):
        assert window.open_path(article)
    assert window.document is not None
    assert len(window.document) == SAMPLE_PARAGRAPHS
    assert "UTF-8" in window.status.article_label.text()
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    assert window.document.segments[0].status is Status.MACHINE_TRANSLATED

    # Edit the fifth paragraph, undo, redo.
    window.editor.go_to_row(4)
    type_english(window, qtbot, "President Joe Biden announced the end of the combat mission.")
    window.editor.commit()
    fifth = window.document.segments[4]
    assert fifth.status is Status.EDITED
    window.editor.undo()
    assert fifth.status is Status.MACHINE_TRANSLATED
    window.editor.redo()
    assert fifth.target.startswith("President Joe Biden")

    # Confirm it: reviewed, and the window moves to the next segment not reviewed.
    window.editor.go_to_row(4)
    window.editor.confirm_current()
    assert fifth.status is Status.REVIEWED
    assert window.editor.current_row() == 5  # the next one not reviewed

    # Exclude the comment form at the end of the page.
    window.editor.go_to_row(SAMPLE_PARAGRAPHS - 2)
    window.editor.toggle_excluded()
    assert window.document.segments[-2].status is Status.EXCLUDED

    # Find: the Arabic search ignores hamza forms and diacritics.
    window.finder.open()
    window.find_bar.scope.setCurrentIndex(1)
    window.find_bar.query.setText("اعلن الرئيس")
    assert window.finder.find(1)
    assert window.editor.current_row() == 4

    # Save, close, reopen: everything is there.
    window.save()
    assert window.windowTitle().startswith("sample_article.txt")
    assert not window.isWindowModified()
    window.close_review()
    with qtbot.waitSignal(window.review_opened):
        window.open_path(article)
    reopened = window.document
    assert reopened is not None
    assert reopened.segments[4].status is Status.REVIEWED
    assert reopened.segments[4].target.startswith("President Joe Biden")
    assert reopened.segments[-2].status is Status.EXCLUDED

    # Export the pairs.
    out = tmp_path / "pairs.tsv"
    assert window.files.export_to(out, "tsv")
    rows = tsv.read(out.read_bytes())
    assert len(rows) == SAMPLE_PARAGRAPHS - 1
    assert rows[4][1].startswith("President Joe Biden")


def test_a_late_translation_never_overwrites_what_the_reviewer_typed(
    manual_window: MainWindow, manual_engine: FakeEngine, qtbot: QtBot
) -> None:
    window, engine = manual_window, manual_engine
    window.editor.go_to_row(1)
    type_english(window, qtbot, "My translation, typed before the machine's.")
    engine.prioritize(window.session.generation, "p2")
    engine.deliver(1)  # p2's machine translation arrives while the reviewer is typing
    assert window.document is not None
    second = window.document.segments[1]
    assert second.target == "My translation, typed before the machine's."
    assert second.status is Status.EDITED
    assert second.machine is not None
    assert window.table.editor is not None
    assert window.table.editor.toPlainText() == "My translation, typed before the machine's."


def _saved_target(project: Path, segment_id: str) -> str:
    if not project.is_file():
        return ""
    return open_project(project).document.segment(segment_id).target


def _editing_p3_with_nothing_pending(window: MainWindow, qtbot: QtBot, article: Path) -> Path:
    """Open *article*, let the save of the streamed translations happen first (so what is
    saved next is saved because it was typed), and select all of p3's English."""
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    qtbot.waitUntil(lambda: not window.session.autosaver.dirty, timeout=5_000)
    activate(qtbot, window)
    window.editor.go_to_row(2)
    press(qtbot, "Ctrl+A")
    project = window.session.project_path
    assert project is not None
    return project


def test_edits_are_saved_automatically_a_moment_after_typing(
    window: MainWindow, qtbot: QtBot, article: Path
) -> None:
    project = _editing_p3_with_nothing_pending(window, qtbot, article)
    type_text(qtbot, "Iraq - Egypt Today:")
    assert window.session.autosaver.dirty is False  # typed, not handed over yet
    # No Ctrl+S, no leaving the cell: a moment is enough.
    qtbot.waitUntil(lambda: _saved_target(project, "p3") == "Iraq - Egypt Today:", timeout=4_000)
    assert not window.isWindowModified()


def test_typing_without_a_pause_reaches_the_disk_within_two_seconds(
    window: MainWindow, qtbot: QtBot, article: Path
) -> None:
    project = _editing_p3_with_nothing_pending(window, qtbot, article)
    typed_at: list[float] = []
    text = "a steady typist never pauses long enough for a quiet moment"
    for char in text[:40]:  # one key every 0.1 s: 4 s of typing, never a pause
        type_text(qtbot, char)
        typed_at.append(time.monotonic())
        qtbot.wait(100)
    on_disk = _saved_target(project, "p3")
    assert text.startswith(on_disk)
    # Everything typed more than two seconds ago is on disk, though the typing never paused.
    now = time.monotonic()
    assert len(on_disk) >= sum(1 for moment in typed_at if now - moment > 2.0) > 0


def test_a_steady_stream_of_translations_is_saved_while_it_flows(
    manual_window: MainWindow, manual_engine: FakeEngine, qtbot: QtBot
) -> None:
    window, engine = manual_window, manual_engine
    saves: list[float] = []
    window.saved.connect(lambda: saves.append(time.monotonic()))
    started = time.monotonic()
    for _ in range(20):  # one translation every 0.15 s, 3 s in all: never a quiet second
        engine.deliver(1)
        qtbot.wait(150)
    assert saves, "nothing saved while translations kept arriving"
    assert saves[0] - started < 2.0


def test_a_status_change_is_saved_at_once(window: MainWindow, qtbot: QtBot, article: Path) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    window.editor.go_to_row(0)
    with qtbot.waitSignal(window.saved, timeout=2_000):
        window.editor.confirm_current()
    project = find_project(article)
    assert project is not None
    assert open_project(project).document.segments[0].status is Status.REVIEWED


def test_without_a_model_a_banner_says_why_and_hand_translation_works(
    qtbot: QtBot, dialogs: Dialogs, article: Path
) -> None:
    del dialogs
    engine = FakeEngine(unavailable="No model folder at /models/opus-mt-ar-en (from --model).")
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    window.open_path(article)
    qtbot.waitUntil(window.banner.isVisible)
    assert "No model folder" in window.banner.text.text()
    assert "translate by hand" in window.banner.text.text()
    assert window.status.model_label.text() == "Model: unavailable"
    window.editor.go_to_row(0)
    type_english(window, qtbot, "Iraq")
    window.editor.confirm_current()
    assert window.document is not None
    assert window.document.segments[0].status is Status.REVIEWED
    window.close()


def test_a_bad_file_is_refused_in_a_dialog_and_the_window_stays_usable(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path, article: Path
) -> None:
    bad = tmp_path / "report.txt"
    bad.write_bytes(b"%PDF-1.7 binary stuff")
    assert not window.open_path(bad)
    ((title, message),) = dialogs.errors
    assert "cannot be opened" in title
    assert "PDF" in message
    assert window.pages.currentIndex() == 0
    assert window.open_path(article)


def test_a_failed_save_keeps_the_edits_and_save_as_rescues_them(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: Dialogs,
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)

    def disk_full(*_: object) -> None:
        raise WriteError("The disk is full: sample_article.txt.reviewer.json could not be saved.")

    monkeypatch.setattr("reviewer.project.save_project", disk_full)
    window.editor.go_to_row(0)
    type_english(window, qtbot, "Iraq")
    window.editor.confirm_current()
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert not window.save()
    assert len(dialogs.errors) == 1  # told once, not at every autosave
    assert "disk is full" in dialogs.errors[0][1]
    assert window.isWindowModified()
    assert window.document is not None
    assert window.document.segments[0].target == "Iraq"
    monkeypatch.undo()
    rescue = tmp_path / "elsewhere" / "rescued.reviewer.json"
    rescue.parent.mkdir()
    assert window.session.save_to(rescue)
    assert open_project(rescue).document.segments[0].status is Status.REVIEWED
    assert not window.isWindowModified()


def test_a_second_window_on_the_same_review_is_warned(
    window: MainWindow, qtbot: QtBot, dialogs: Dialogs, article: Path
) -> None:
    assert window.open_path(article)
    other = MainWindow(FakeEngine())
    qtbot.addWidget(other)
    # The lock belongs to this process, as it would to another window of the same user;
    # simulate a live other process by pretending our own pid is someone else's.
    assert window.session.lock is not None
    lock_file = window.session.lock.path
    data = json.loads(lock_file.read_text())
    lock_file.write_text(json.dumps({"pid": 1, "host": data["host"]}))
    assert not other.open_path(article)
    assert "already open in another reviewer window" in dialogs.asked[-1]
    dialogs.answer_warning = QMessageBox.StandardButton.Open
    assert other.open_path(article)
    other.session.autosaver.dirty = False
    other.close()


def test_closing_with_unsaved_changes_asks(
    window: MainWindow, qtbot: QtBot, dialogs: Dialogs, article: Path
) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    window.editor.go_to_row(0)
    type_english(window, qtbot, "Unsaved")
    window.editor.commit()
    window.session.autosaver._later.stop()
    dialogs.answer_question = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()
    assert "Save your last changes" in dialogs.asked[-1]
    dialogs.answer_question = QMessageBox.StandardButton.Save
    window.close()
    assert not window.isVisible()
    project = find_project(article)
    assert project is not None
    assert open_project(project).document.segments[0].target == "Unsaved"


def test_keyboard_navigation_revert_retranslate_and_replace(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    document = window.document
    assert document is not None
    window.editor.go_to_row(3)
    window.editor.go_by(1)
    assert window.editor.current_row() == 4
    window.editor.go_by(-1)
    assert window.editor.current_row() == 3
    type_english(window, qtbot, "Iraq (again)")
    window.editor.commit()
    assert document.segments[3].status is Status.EDITED
    window.editor.revert_current()
    assert document.segments[3].status is Status.MACHINE_TRANSLATED
    window.editor.undo()
    assert document.segments[3].target == "Iraq (again)"

    window.translation.retranslate_current()
    qtbot.waitUntil(lambda: document.segments[3].status is Status.MACHINE_TRANSLATED)

    occurrences = sum(s.target.count("EN(") for s in document)
    dialogs.answer_question = QMessageBox.StandardButton.Yes
    window.finder.open()
    window.find_bar.query.setText("EN(")
    window.find_bar.replacement.setText("EN[")
    replaced = window.finder.replace_all()
    assert replaced == occurrences
    assert all(s.target.startswith("EN[") for s in document)
    window.editor.undo()  # one step undoes the whole replace
    assert all(s.target.startswith("EN(") for s in document)

    window.editor.next_with(lambda s: s.status is Status.UNTRANSLATED)
    assert "No such segment" in window.statusBar().currentMessage()


def test_filter_swap_zoom_and_the_model_contract(
    window: MainWindow, qtbot: QtBot, article: Path, qtmodeltester: object
) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    window.editor.go_to_row(0)
    window.editor.confirm_current()
    from reviewer.qt.view_controller import FILTERS

    window.view.set_filter([name for name, _ in FILTERS].index("Reviewed"))
    assert window.filter_model.rowCount() == 1
    window.view.set_filter(0)
    assert window.filter_model.rowCount() == SAMPLE_PARAGRAPHS
    header = window.table.horizontalHeader()
    window.view.swap_columns()
    assert header.visualIndex(Column.TARGET) < header.visualIndex(Column.SOURCE)
    before = window.table.segment_delegate.point_size
    window.view.zoom(1)
    window.view.zoom(1)
    assert window.table.segment_delegate.point_size == before + 2
    qtmodeltester.check(window.session.segment_model)  # type: ignore[attr-defined]


def test_dropping_a_file_opens_it_and_it_joins_the_recent_files(
    window: MainWindow, article: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert window.document is not None
    assert window.start_page.recent_list.count() >= 1
    assert window.start_page.recent_list.item(0).data(Qt.ItemDataRole.UserRole) == str(
        article.resolve()
    )


def test_a_guessed_encoding_can_be_changed(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path, sample_text: str
) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(sample_text.encode("cp1256"))
    window.open_path(legacy)
    assert "guessed" in window.status.article_label.text()
    window.session.reopen_with_encoding("utf-8")  # wrong: refused, and the review stays open
    assert "not valid UTF-8" in dialogs.errors[-1][1]
    assert window.document is not None
    window.session.reopen_with_encoding("cp1256")
    assert window.document is not None
    assert window.document.article.encoding == "cp1256"
    assert not window.document.article.encoding_guessed
    assert "Windows-1256" in window.status.article_label.text()
    assert "guessed" not in window.status.article_label.text()


def test_progress_counts_each_paragraph_once_and_cancel_hides_it(
    manual_window: MainWindow, manual_engine: FakeEngine
) -> None:
    window, engine = manual_window, manual_engine
    engine.deliver(3)
    assert window.status.translation_bar.isVisible()
    assert window.status.translation_bar.format().startswith(f"Translating 3/{SAMPLE_PARAGRAPHS}")
    window.translation.cancel()
    assert not window.status.translation_bar.isVisible()
    assert ("cancel", None) in engine.requests


@pytest.mark.parametrize("answer", ["keep", "open"])
def test_a_review_changed_on_disk_is_never_overwritten_silently(
    window: MainWindow, qtbot: QtBot, dialogs: Dialogs, article: Path, answer: str
) -> None:
    """Another program (here: what `reviewer translate --force` or a sync tool would do)
    saves the review while the window has it open; the window's next save asks, and the
    version not chosen is kept."""
    from reviewer.project import save_project
    from reviewer.storage import backup_path

    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)
    assert window.save()
    project = window.session.project_path
    assert project is not None
    theirs = open_project(project).document
    theirs.segments[0].edit("Theirs, saved by another program.")
    save_project(theirs, project)
    window.editor.go_to_row(1)
    window.editor.use_text("Mine, typed in the window.", "Edit")
    dialogs.answer_question = (
        QMessageBox.StandardButton.Save if answer == "keep" else QMessageBox.StandardButton.Open
    )
    window.save()
    assert "changed on disk by another program" in dialogs.asked[-1]
    on_disk = open_project(project).document
    if answer == "keep":
        assert on_disk.segments[1].target == "Mine, typed in the window."
        kept = open_project(backup_path(project)).document
        assert kept.segments[0].target == "Theirs, saved by another program."
    else:
        assert on_disk.segments[0].target == "Theirs, saved by another program."
        assert window.document is not None
        assert window.document.segments[0].target == "Theirs, saved by another program."
        (mine,) = project.parent.glob("*.mine-*.reviewer.json")
        assert open_project(mine).document.segments[1].target == "Mine, typed in the window."
        assert "kept as" in window.banner.text.text()
    # Asked once: the next save goes through without asking again.
    asked = len(dialogs.asked)
    window.editor.use_text("Later.", "Edit")
    assert window.save()
    assert len(dialogs.asked) == asked


def test_any_save_failure_is_shown_not_only_printed(
    window: MainWindow,
    qtbot: QtBot,
    dialogs: Dialogs,
    article: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.open_path(article)
    qtbot.waitUntil(lambda: all_translated(window), timeout=10_000)

    def unexpected(*_: object) -> None:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("reviewer.project.save_project", unexpected)
    window.editor.use_text("Kept in memory.", "Edit")
    assert not window.save()
    ((title, message),) = dialogs.errors
    assert "not saved yet" in title
    assert "UnicodeEncodeError" in message
    assert "Save As" in message
    assert window.isWindowModified()
