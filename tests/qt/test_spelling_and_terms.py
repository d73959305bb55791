"""Spell check while typing, and terminology in the window: terms marked in the Arabic,
findings marked in the English, a term added from the selections with one key."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reviewer.engine.types import Hypothesis
from reviewer.glossary import read_glossary, user_glossary
from reviewer.qa import Term
from reviewer.qt.main_window import MainWindow
from reviewer.qt.segment_model import Column
from reviewer.qt.spell_controller import MARK_KIND
from reviewer.qt.terms_controller import FINDING_MARKS, TERM_MARKS
from reviewer.spelling import personal_dictionary_path
from tests.helpers.fake_engine import FakeEngine
from tests.helpers.keys import focused, press, type_text
from tests.qt.conftest import Dialogs
from tests.qt.test_editing_surface import editor_of, open_translated, select_all_and_type


@pytest.fixture
def opened(window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs) -> MainWindow:
    del dialogs
    open_translated(window, qtbot, article)
    qtbot.waitUntil(lambda: window.spelling.checker is not None)
    return window


def underlined(window: MainWindow) -> list[str]:
    editor = editor_of(window)
    text = editor.toPlainText()
    return [text[start:end] for start, end in editor.marked(MARK_KIND)]


def choose_from_context_menu(qtbot: QtBot, label: str, key: str = "Menu") -> list[str]:
    """Open the English editor's context menu with *key* and pick *label* with the arrow keys
    and Enter; returns the menu's entries."""
    seen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(action.text() for action in menu.actions())
        wanted = next(a for a in menu.actions() if a.text() == label)
        while menu.activeAction() is not wanted:
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    press(qtbot, key)
    return seen


# --- spelling --------------------------------------------------------------------------------


def test_a_misspelt_word_is_underlined_after_a_pause_in_typing(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, "The goverment said it will recieve them.")
    qtbot.waitUntil(lambda: underlined(window) == ["goverment", "recieve"])
    selection = editor_of(window).extraSelections()[-1]
    assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    # Corrected by hand: the underline goes.
    select_all_and_type(qtbot, "The government said it will receive them.")
    qtbot.waitUntil(lambda: underlined(window) == [])


def test_typing_never_waits_for_the_spell_check(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    checker = window.spelling.checker
    assert checker is not None
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, "Teh")
    release = threading.Event()
    slow = checker.misspellings

    def stuck(text: str) -> list[tuple[int, int]]:
        release.wait(10)  # a check that takes as long as the test wants
        return slow(text)

    checker.misspellings = stuck  # type: ignore[method-assign]
    with qtbot.waitSignal(window.spelling.checked, timeout=5000) as first:
        window.spelling.check_now()
        # The check is under way and stuck: the keys still reach the English at once.
        type_text(qtbot, " goverment")
        assert editor_of(window).toPlainText() == "Teh goverment"
        qtbot.waitUntil(lambda: window.spelling._timer.isActive() is False)
        release.set()
    # The stuck answer was for "Teh" alone: dropped; the answer shown is for the new text.
    assert underlined(window) == ["Teh", "goverment"]
    assert first.args is not None
    assert first.args[1] == editor_of(window).document().revision()


@pytest.mark.parametrize("key", ["Menu", "Shift+F10"])
def test_the_menu_key_offers_corrections_and_uses_the_one_chosen(
    opened: MainWindow, qtbot: QtBot, key: str
) -> None:
    window = opened
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, "They will recieve aid.")
    qtbot.waitUntil(lambda: underlined(window) == ["recieve"])
    editor_of(window).place_cursor(len("They will rec"))
    assert focused() is editor_of(window)
    entries = choose_from_context_menu(qtbot, "receive", key)
    assert entries[0] == "receive"
    assert "Add “recieve” to Dictionary" in entries
    assert "Copy" in " ".join(entries)  # the editor's own entries stay
    assert editor_of(window).toPlainText() == "They will receive aid."
    window.editor.commit()
    assert window.document is not None
    assert window.document.segments[4].target == "They will receive aid."
    qtbot.waitUntil(lambda: underlined(window) == [])


def test_a_word_added_to_the_dictionary_is_known_in_every_review(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, "Qalibaf spoke.")
    qtbot.waitUntil(lambda: underlined(window) == ["Qalibaf"])
    editor_of(window).place_cursor(2)
    choose_from_context_menu(qtbot, "Add “Qalibaf” to Dictionary")
    qtbot.waitUntil(lambda: underlined(window) == [])
    assert "Qalibaf" in personal_dictionary_path().read_text("utf-8").split()


def test_glossary_english_is_no_spelling_error(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    article.with_name(article.name + ".glossary.txt").write_text("الكاظمي\tKadhimi\n", "utf-8")
    open_translated(window, qtbot, article)
    qtbot.waitUntil(lambda: window.spelling.checker is not None)
    window.editor.go_to_row(5)
    select_all_and_type(qtbot, "Kadhimi and Kadhemi met.")
    qtbot.waitUntil(lambda: underlined(window) == ["Kadhemi"])


def test_without_its_library_the_window_says_spell_check_is_off(
    qtbot: QtBot, engine: object, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    del dialogs
    monkeypatch.setitem(sys.modules, "hunspell", None)
    created = MainWindow(engine)  # type: ignore[arg-type]
    qtbot.addWidget(created)
    with qtbot.waitSignal(created.spelling.ready, timeout=5000) as ready:
        pass
    assert ready.args is not None
    assert "pip install chunspell" in ready.args[0]
    assert "pip install chunspell" in created.statusBar().currentMessage()


# --- terms -----------------------------------------------------------------------------------


def test_terms_are_marked_in_the_arabic_and_listed_with_their_keys(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    glossary = article.with_name(article.name + ".glossary.txt")
    glossary.write_text("البيت الأبيض\tWhite House\nالكاظمي\tKadhimi\n", "utf-8")
    open_translated(window, qtbot, article)
    window.editor.go_to_row(5)  # "... مصطفى الكاظمي في البيت الأبيض."
    qtbot.waitUntil(lambda: "White House" in window.side_panel.terms.text())
    assert window.side_panel.terms.text().splitlines() == [
        "Alt+1   الكاظمي → Kadhimi",
        "Alt+2   البيت الأبيض → White House",
    ]
    model = window.filter_model
    source = model.index(5, Column.SOURCE)
    text = str(source.data())
    marks = window.table.segment_delegate.marks_for(source)
    assert [text[start:end] for (start, end), _look in marks] == ["الكاظمي", "البيت الأبيض"]
    # Opened for reading (Tab), the Arabic shows the same marks.
    press(qtbot, "Tab")
    viewer = window.table.viewer
    assert viewer is not None
    assert focused() is viewer
    assert [text[start:end] for start, end in viewer.marked(TERM_MARKS)] == [
        "الكاظمي",
        "البيت الأبيض",
    ]


def test_the_place_of_a_number_finding_is_marked_in_the_english(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(6)  # "2500 جندي" in the Arabic
    english = (
        "There are currently 2,000 US troops in Iraq helping local forces confront what "
        "remains of the Islamic State group."
    )
    select_all_and_type(qtbot, english)
    window.editor.commit()
    qtbot.waitUntil(lambda: bool(editor_of(window).marked(FINDING_MARKS)))
    assert [english[s:e] for s, e in editor_of(window).marked(FINDING_MARKS)] == ["2,000"]
    press(qtbot, "Escape")
    cell = window.filter_model.index(6, Column.TARGET)
    marks = window.table.segment_delegate.marks_for(cell)
    assert [english[s:e] for (s, e), _look in marks] == ["2,000"]


def test_a_term_is_added_from_the_two_selections_with_one_key(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(3)  # "العراق"
    select_all_and_type(qtbot, "Iraq")
    press(qtbot, "Tab")  # to the Arabic
    press(qtbot, "Ctrl+A")
    press(qtbot, "Tab")  # back to the English
    press(qtbot, "Ctrl+A")
    press(qtbot, "Ctrl+Shift+G")
    dialog = window.terms.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.target)
    assert (dialog.source.text(), dialog.target.text()) == ("العراق", "Iraq")
    with qtbot.waitSignal(window.terms.term_added):
        press(qtbot, "Return")
    assert read_glossary(user_glossary()) == [Term("العراق", ("Iraq",))]
    qtbot.waitUntil(lambda: "Alt+1   العراق → Iraq" in window.side_panel.terms.text())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table.editor)
    # Known at once to the checks: another segment with Iraq in its Arabic is checked.
    assert window.qa.glossary == [Term("العراق", ("Iraq",))]


def test_a_term_needs_both_sides(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    window.editor.go_to_row(3)
    press(qtbot, "Ctrl+Shift+G")  # nothing selected
    dialog = window.terms.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.source)
    type_text(qtbot, "العراق")
    press(qtbot, "Return")
    assert dialog.isVisible()
    assert "Write both" in dialog.problem.text()
    press(qtbot, "Escape")
    assert not user_glossary().exists()


def test_names_in_translations_that_arrive_later_are_not_errors(
    manual_window: MainWindow,
    manual_engine: FakeEngine,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from tests.helpers.fake_translator import FakeTranslator

    original = FakeTranslator.translate

    def with_a_name(
        self: FakeTranslator, sentences: list[str], n_best: int = 1, **options: Any
    ) -> list[list[Hypothesis]]:
        return [
            [dataclasses.replace(h, text="The speaker Qalibaf said so.") for h in found]
            for found in original(self, sentences, n_best, **options)
        ]

    monkeypatch.setattr(FakeTranslator, "translate", with_a_name)
    window = manual_window
    qtbot.waitUntil(lambda: window.spelling.checker is not None)
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, "Qalibaf and Qalibav spoke.")
    qtbot.waitUntil(lambda: underlined(window) == ["Qalibaf", "Qalibav"])
    press(qtbot, "Escape")
    manual_engine.deliver(3)  # the name arrives with the first machine translations
    window.editor.go_to_row(4)
    qtbot.waitUntil(lambda: underlined(window) == ["Qalibav"])
