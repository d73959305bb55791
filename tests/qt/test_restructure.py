"""Splitting and merging segments and correcting the Arabic in the window, by the keys, with
undo and redo, and only the changed segments translated again."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.project import open_project
from reviewer.qt.main_window import MainWindow
from tests.conftest import SAMPLE_PARAGRAPHS
from tests.helpers.fake_engine import FakeEngine
from tests.helpers.keys import focused, press, type_text
from tests.qt.conftest import Dialogs
from tests.qt.test_editing_surface import editor_of, open_translated, select_all_and_type

#: Sample paragraphs with two sentences (one the article file glued together).
TWO_SENTENCES = 11


def test_a_paragraph_is_split_at_the_arabic_cursor_and_the_split_undone(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs, engine: FakeEngine
) -> None:
    del dialogs
    open_translated(window, qtbot, article)
    document = window.document
    assert document is not None
    glued = document.segments[TWO_SENTENCES]
    window.editor.go_to_row(TWO_SENTENCES)
    press(qtbot, "Tab")  # to the Arabic
    viewer = window.table.viewer
    assert viewer is not None
    assert focused() is viewer
    viewer.place_cursor(glued.source.index("وقال هذا العام"))
    asked_before = len(engine.requests)
    press(qtbot, "Ctrl+Shift+D")
    assert len(document) == SAMPLE_PARAGRAPHS + 1
    first, second = document.segments[TWO_SENTENCES : TWO_SENTENCES + 2]
    assert (first.id, second.id) == ("p12.1", "p12.2")
    assert second.source == "وقال هذا العام إن القوات الأمريكية ستغادر أفغانستان."
    # Only the two new segments go to the engine, and their translations arrive.
    translated = [r for kind, r in engine.requests[asked_before:] if kind == "translate"]
    assert translated == [[first.id, second.id]]
    qtbot.waitUntil(lambda: first.machine is not None and second.machine is not None)
    assert second.target == f"EN({second.source})"
    assert window.editor.current_row() == TWO_SENTENCES
    assert focused() is window.table.editor
    # Other segments keep their ids.
    assert document.segments[TWO_SENTENCES + 2].id == "p13"
    press(qtbot, "Ctrl+Z")
    assert len(document) == SAMPLE_PARAGRAPHS
    assert document.segments[TWO_SENTENCES] is glued
    assert glued.status is Status.MACHINE_TRANSLATED
    assert window.editor.current_row() == TWO_SENTENCES
    press(qtbot, "Ctrl+Shift+Z")
    assert [s.id for s in document.segments[TWO_SENTENCES : TWO_SENTENCES + 2]] == [
        "p12.1",
        "p12.2",
    ]


def test_without_a_cursor_in_the_arabic_a_split_says_how(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    open_translated(window, qtbot, article)
    window.editor.go_to_row(TWO_SENTENCES)
    press(qtbot, "Ctrl+Shift+D")
    assert window.document is not None
    assert len(window.document) == SAMPLE_PARAGRAPHS
    assert "Put the cursor in the Arabic" in window.statusBar().currentMessage()


def test_a_merge_keeps_the_reviewers_english_and_is_undone(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    open_translated(window, qtbot, article)
    document = window.document
    assert document is not None
    window.editor.go_to_row(2)
    select_all_and_type(qtbot, "Iraq – Egypt Today:")
    before = [document.segments[2], document.segments[3]]
    press(qtbot, "Ctrl+Shift+M")
    merged = document.segments[2]
    assert merged.id == "p3+p4"
    assert merged.source == f"{before[0].source} {before[1].source}"
    assert merged.target.startswith("Iraq – Egypt Today: EN(")
    assert merged.status is Status.EDITED
    # The model's translation of the merged Arabic arrives as a suggestion only.
    qtbot.waitUntil(lambda: merged.machine is not None)
    assert merged.target.startswith("Iraq – Egypt Today:")
    assert editor_of(window).toPlainText() == merged.target
    press(qtbot, "Ctrl+Z")
    assert document.segments[2:4] == before
    assert document.segments[2].target == "Iraq – Egypt Today:"


def test_the_arabic_is_corrected_in_its_dialog_and_translated_again(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    open_translated(window, qtbot, article)
    document = window.document
    assert document is not None
    window.editor.go_to_row(3)  # "العراق"
    original = document.segments[3]
    press(qtbot, "Ctrl+Shift+E")
    dialog = window.restructure.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    press(qtbot, "Ctrl+A")
    type_text(qtbot, "العراق اليوم")
    press(qtbot, "Ctrl+Return")
    corrected = document.segments[3]
    assert (corrected.id, corrected.source) == ("p4", "العراق اليوم")
    assert corrected.original_source == "العراق"
    qtbot.waitUntil(lambda: corrected.target == "EN(العراق اليوم)")
    qtbot.waitUntil(lambda: focused() is window.table.editor)
    qtbot.waitUntil(lambda: "the article has: العراق" in window.side_panel.heading.text())
    assert window.save()
    path = window.session.project_path
    assert path is not None
    saved = open_project(path).document.segment("p4")
    assert (saved.source, saved.original_source) == ("العراق اليوم", "العراق")
    press(qtbot, "Ctrl+Z")
    assert document.segments[3] is original


def test_a_corrected_arabic_is_checked_again_though_the_english_stays(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    open_translated(window, qtbot, article)
    document = window.document
    assert document is not None
    window.editor.go_to_row(3)  # "العراق"
    select_all_and_type(qtbot, "Iraq 2500")  # a number from nowhere: a finding
    window.editor.commit()
    assert [f.kind for f in window.qa.findings(document.segments[3])] == ["numbers"]
    press(qtbot, "Ctrl+Shift+E")
    dialog = window.restructure.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    press(qtbot, "Ctrl+A")
    type_text(qtbot, "العراق 2500")
    press(qtbot, "Ctrl+Return")
    corrected = document.segments[3]
    assert corrected.target == "Iraq 2500"  # the reviewer's English stays
    assert window.qa.findings(corrected) == []
