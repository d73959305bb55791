"""The editing surface, driven by keys: one test per defect a post-editor met (issue 8).

Each test works the way the reviewer does, pressing keys on whatever has the focus, and
checks what the reviewer would see or lose.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.qt.main_window import MainWindow
from reviewer.qt.segment_delegate import MATCH_BACKGROUND, SourceViewer, TargetEditor
from reviewer.qt.segment_model import STATUS_COLOURS, Column
from tests.conftest import SAMPLE_PARAGRAPHS
from tests.helpers.fake_engine import FakeEngine
from tests.helpers.keys import activate, focused, press, type_text
from tests.qt.conftest import Dialogs

IRAQI = "The Iraqi army, the Iraqi police and Iraqi ministers."


def open_translated(window: MainWindow, qtbot: QtBot, article: Path) -> None:
    """Open *article*, wait for every translation, and make the window active."""
    assert window.open_path(article)
    qtbot.waitUntil(
        lambda: window.document is not None and all(s.machine for s in window.document),
        timeout=10_000,
    )
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.table.editor is not None)


def editor_of(window: MainWindow) -> TargetEditor:
    editor = window.table.editor
    assert editor is not None
    return editor


def select_all_and_type(qtbot: QtBot, text: str) -> None:
    press(qtbot, "Ctrl+A")
    type_text(qtbot, text)


@pytest.fixture
def opened(window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs) -> MainWindow:
    del dialogs
    open_translated(window, qtbot, article)
    return window


# --- 1. Find + Enter never edits a segment ----------------------------------------------------


def test_enter_in_the_find_bar_walks_every_match_and_never_edits(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(4)
    select_all_and_type(qtbot, IRAQI)
    press(qtbot, "Ctrl+Return")  # reviewed
    document = window.document
    assert document is not None
    assert document.segments[4].status is Status.REVIEWED
    window.editor.go_to_row(0)
    press(qtbot, "Ctrl+F")
    type_text(qtbot, "iraqi")
    spans = []
    for _ in range(4):
        press(qtbot, "Return")
        assert focused() is window.find_bar.query
        highlight = window.table.segment_delegate.highlight
        assert highlight is not None
        spans.append(highlight[2])
    expected = [(m.start(), m.end()) for m in re.finditer("Iraqi", IRAQI)]
    assert spans[:3] == expected  # every match of p5, in order
    assert spans[3] == expected[0]  # wrapped around
    assert window.find_bar.status.text() == "1 of 3 matches"
    assert document.segments[4].target == IRAQI
    assert document.segments[4].status is Status.REVIEWED
    press(qtbot, "Shift+Return")
    assert window.table.segment_delegate.highlight[2] == expected[2]  # type: ignore[index]


# --- 2. Alternatives never steal the keyboard ---------------------------------------------------


def test_late_alternatives_never_take_the_keyboard_or_another_segment(
    opened: MainWindow, qtbot: QtBot, engine: FakeEngine
) -> None:
    window = opened
    document = window.document
    assert document is not None
    engine.hold_alternatives = True
    window.editor.go_to_row(8)
    press(qtbot, "Ctrl+Shift+A")
    press(qtbot, "Ctrl+Shift+A")  # twice: still one request's worth of panel, no dialog
    press(qtbot, "Ctrl+Down")
    p9_before = document.segments[8].target
    select_all_and_type(qtbot, "Typing in p10")
    engine.deliver_alternatives()
    qtbot.wait(20)
    type_text(qtbot, " goes on")
    press(qtbot, "Return")
    assert QApplication.activeModalWidget() is None
    assert focused() is window.table.editor
    press(qtbot, "Escape")
    assert document.segments[9].target == "Typing in p10 goes on\n"
    assert document.segments[8].target == p9_before
    # Back on p9 its alternatives are there, usable with one key.
    window.editor.go_to_row(8)
    qtbot.waitUntil(lambda: window.side_panel.alternatives.count() == 5)
    press(qtbot, "Ctrl+2")
    assert document.segments[8].target == window.translation.choices("p9")[1]


# --- 3. A late answer lands in its own review only ---------------------------------------------


def test_a_late_answer_for_the_review_closed_before_is_dropped(
    qtbot: QtBot, dialogs: Dialogs, article: Path, tmp_path: Path
) -> None:
    del dialogs
    engine = FakeEngine(manual=True)
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    other = tmp_path / "b.txt"
    other.write_text("\n\n".join(f"مقال ثان، فقرة {n}" for n in range(1, 6)), "utf-8")
    window.open_path(article)
    qtbot.waitUntil(lambda: engine.started == 1)
    # The first paragraph goes alone; the second round holds many of a's paragraphs, and is
    # under way in the engine when the reviewer opens b.
    engine.deliver(2)
    stale = engine._results
    window.open_path(other)
    document = window.document
    assert document is not None
    delivered = 0
    while engine._results is stale:  # the rest of a's round, answered after b opened
        engine.deliver(1)
        delivered += 1
    assert delivered > 1
    assert all(segment.machine is None for segment in document), "a's answer landed in b"
    engine.deliver(40)  # now b's own work
    for segment in document:
        assert segment.machine is not None
        assert segment.target == f"EN({segment.source})", segment.id
    # Re-reading in another encoding is a new review too.
    engine.deliver(0)
    window.session.reopen_with_encoding("utf-8")
    assert all(s.machine is None for s in window.document or [])
    window.session.autosaver.dirty = False
    window.close()


# --- 4. The editor is as tall as its text, and grows while typing ----------------------------


def test_the_editor_shows_all_of_its_text_and_grows_as_the_reviewer_types(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.resize(1024, 700)
    window.editor.go_to_row(9)  # a long paragraph
    editor = editor_of(window)
    qtbot.waitUntil(lambda: editor.height() >= editor.needed_height())
    assert not editor.verticalScrollBar().isVisible()
    press(qtbot, "Ctrl+A")
    type_text(qtbot, "Short.")
    start = editor.height()
    for line in range(4):
        press(qtbot, "Return")
        type_text(qtbot, f"Line {line} of a segment that grows as the reviewer types it.")
    # No pause needed: the row follows the text at once.
    assert editor.height() >= editor.needed_height() > start
    assert window.table.is_fully_visible(window.table.currentIndex().row())


# --- 5. Escape keeps what was typed ------------------------------------------------------------


def test_escape_leaves_the_editor_keeping_the_last_keys(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    window.editor.go_to_row(3)
    select_all_and_type(qtbot, "Typed a moment ago")
    press(qtbot, "Escape")
    assert window.document is not None
    assert window.document.segments[3].target == "Typed a moment ago"
    assert focused() is window.table
    assert window.table.editor is None


# --- 6. Undo goes to the change, with the cursor there ---------------------------------------


def test_undo_goes_to_the_segment_it_changes_and_typing_goes_on_there(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    document = window.document
    assert document is not None
    window.editor.go_to_row(2)
    select_all_and_type(qtbot, "Iraq today")
    press(qtbot, "End")
    type_text(qtbot, " and tomorrow")
    for _ in range(4):
        press(qtbot, "Ctrl+Down")
    assert window.editor.current_row() == 6
    press(qtbot, "Ctrl+Z")
    assert window.editor.current_row() == 2
    assert focused() is window.table.editor
    type_text(qtbot, "!")
    press(qtbot, "Escape")
    # Typing merged into one step: undo took it all back, the cursor went to where it ended.
    assert document.segments[2].target.endswith("!")
    press(qtbot, "Ctrl+Z")
    press(qtbot, "Ctrl+Shift+Z")
    assert window.editor.current_row() == 2


# --- 7. Replace: whole words, case, one match at a time, reviewed ones said ------------------


def test_replace_respects_whole_words_and_case_and_replaces_one_match(
    opened: MainWindow, qtbot: QtBot, dialogs: Dialogs
) -> None:
    window = opened
    document = window.document
    assert document is not None
    text = "Mustafa told us the House and the US would help us today."
    for row in (4, 5):
        window.editor.go_to_row(row)
        select_all_and_type(qtbot, text)
    press(qtbot, "Ctrl+Return")  # p6 reviewed
    bar = window.find_bar
    press(qtbot, "Ctrl+H")
    bar.query.setText("us")
    bar.whole_words.setChecked(True)
    bar.match_case.setChecked(True)
    type_text(qtbot, "U.S.")
    bar.query.setFocus()
    press(qtbot, "Return")  # finds the first "us" of p5
    bar.replacement.setFocus()
    press(qtbot, "Return")  # replaces that one only
    assert document.segments[4].target == (
        "Mustafa told U.S. the House and the US would help us today."
    )
    dialogs.answer_question = None  # Replace all is refused when not confirmed
    bar.replace_all_requested.emit()
    assert "3 matches in 2 segments" in dialogs.asked[-1]
    assert "1 of them are reviewed" in dialogs.asked[-1]
    assert document.segments[5].target == text
    from PySide6.QtWidgets import QMessageBox

    dialogs.answer_question = QMessageBox.StandardButton.Yes
    bar.replace_all_requested.emit()
    assert document.segments[5].target == (
        "Mustafa told U.S. the House and the US would help U.S. today."
    )
    assert document.segments[5].status is Status.EDITED
    press(qtbot, "Escape")
    press(qtbot, "Ctrl+Z")  # one step undoes all of Replace all
    assert document.segments[5].target == text
    assert document.segments[5].status is Status.REVIEWED
    assert "Mustafa" in document.segments[4].target


# --- 8. No dead keys: Tab, clicks, the Arabic selectable -------------------------------------


def test_tab_f2_enter_and_typing_always_reach_the_english(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    document = window.document
    assert document is not None
    window.editor.go_to_row(1)
    press(qtbot, "Tab")
    assert isinstance(focused(), SourceViewer)
    press(qtbot, "F2")
    assert focused() is window.table.editor
    press(qtbot, "Tab")
    press(qtbot, "Ctrl+A")
    press(qtbot, "Ctrl+C")
    assert QGuiApplication.clipboard().text() == document.segments[1].source
    press(qtbot, "Return")
    assert isinstance(focused(), TargetEditor)
    press(qtbot, "Tab")
    type_text(qtbot, "x")
    assert isinstance(focused(), TargetEditor)
    press(qtbot, "Escape")
    assert document.segments[1].target.startswith("x")
    # A click on the Arabic of another row, then keys.
    table = window.table
    rect = table.visualRect(window.filter_model.index(3, Column.SOURCE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(focused(), SourceViewer)
    assert window.editor.current_row() == 3
    type_text(qtbot, "y")
    assert focused() is table.editor
    press(qtbot, "Escape")
    assert document.segments[3].target.startswith("y")
    press(qtbot, "F2")
    assert focused() is table.editor
    # Typing on the table itself (after Escape) writes the English of the current row.
    press(qtbot, "Escape")
    assert focused() is table
    type_text(qtbot, "z")
    assert focused() is table.editor
    press(qtbot, "Escape")
    assert document.segments[3].target.startswith("zy")


# --- 9. The English editor is left-to-right, whatever it starts with ------------------------


def test_the_english_editor_is_left_to_right_even_when_it_starts_with_arabic(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.editor.go_to_row(1)
    select_all_and_type(qtbot, "العراق is where it starts")
    editor = editor_of(window)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    start_x = editor.cursorRect(cursor).x()
    cursor.movePosition(cursor.MoveOperation.End)
    end_x = editor.cursorRect(cursor).x()
    assert start_x < end_x
    assert start_x < editor.width() / 4


# --- 10. The current row stays on screen, with context -------------------------------------


def _in_view_with_context(window: MainWindow) -> bool:
    table = window.table
    row = table.currentIndex().row()
    if not table.is_fully_visible(row):
        return False
    if row + 1 < window.filter_model.rowCount():
        next_top = table.rowViewportPosition(row + 1)
        return next_top + table.rowHeight(row + 1) <= table.viewport().height()
    return True


def _geometry(window: MainWindow) -> str:
    table = window.table
    row = table.currentIndex().row()
    rows = range(max(0, row - 1), min(row + 3, window.filter_model.rowCount()))
    places = [(r, table.rowViewportPosition(r), table.rowHeight(r)) for r in rows]
    return f"row {row}, viewport {table.viewport().height()}: {places}"


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait (for the turn of the event loop that fits rows) until the current row shows
    whole with its context; fail with the rows' places if it never does."""
    try:
        qtbot.waitUntil(lambda: _in_view_with_context(window), timeout=1000)
    except TimeoutError:
        raise AssertionError(_geometry(window)) from None


def test_after_every_move_the_current_row_is_on_screen_with_the_next_one(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    window.resize(1024, 700)
    window.editor.go_to_row(0)
    for _ in range(SAMPLE_PARAGRAPHS - 1):
        press(qtbot, "Ctrl+Return")
        settled(qtbot, window)
    press(qtbot, "Ctrl+Return")  # the last one: everything reviewed, still on screen
    qtbot.waitUntil(lambda: window.table.is_fully_visible(window.table.currentIndex().row()))
    for key in ("Ctrl+Home", "Ctrl+End", "Ctrl+Up", "Ctrl+Up"):
        press(qtbot, key)
        settled(qtbot, window)


def test_after_a_filter_zoom_or_reopen_the_current_row_is_whole(
    opened: MainWindow, qtbot: QtBot, article: Path
) -> None:
    window = opened
    window.resize(1024, 700)
    window.editor.go_to_row(15)
    press(qtbot, "Ctrl+Shift+F")
    settled(qtbot, window)
    for key in ("Ctrl+=", "Ctrl+=", "Ctrl+-"):
        press(qtbot, key)
        settled(qtbot, window)
    table = window.table
    row = table.currentIndex().row()
    qtbot.waitUntil(lambda: table.rowHeight(row) >= table.sizeHintForRow(row))  # not squashed
    settled(qtbot, window)
    window.close_review()
    assert window.open_path(article)
    settled(qtbot, window)


# --- 11. Colours, zoom, remembered view, status bar, find bar details ---------------------


def test_the_status_colour_shows_on_the_current_row(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    window.editor.go_to_row(2)
    table = window.table
    rect = table.visualRect(window.filter_model.index(2, Column.STATUS))
    image = table.viewport().grab().toImage()
    colour = image.pixelColor(rect.right() - 3, rect.bottom() - 3)
    assert colour == STATUS_COLOURS[Status.MACHINE_TRANSLATED]


def test_the_banner_reads_on_a_dark_palette(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    window.setPalette(dark)
    window.banner.show_message("No machine translation: no model.", retry=True)
    background = window.banner.background()
    text = window.banner.text.palette().color(QPalette.ColorRole.WindowText)
    assert _contrast(background, text) >= 4.5


def _contrast(first: QColor, second: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_zoom_columns_filter_and_panel_are_remembered(
    opened: MainWindow, qtbot: QtBot, article: Path
) -> None:
    window = opened
    window.editor.go_to_row(0)
    press(qtbot, "Ctrl+Return")  # p1 reviewed (and saved at once): the filter will hide it
    qtbot.waitUntil(lambda: not window.session.autosaver.dirty)
    press(qtbot, "Ctrl+=")
    press(qtbot, "Ctrl+=")
    press(qtbot, "Ctrl+Shift+X")
    press(qtbot, "Ctrl+Shift+F")
    press(qtbot, "Ctrl+Shift+P")  # the side panel hidden
    size = window.table.segment_delegate.point_size
    window.close()
    again = MainWindow(FakeEngine())
    qtbot.addWidget(again)
    again.show()
    assert again.open_path(article)
    assert again.table.segment_delegate.point_size == size
    assert again.view.filter_actions[1].isChecked()
    assert again.status.filter_label.isVisible()
    assert again.filter_model.rowCount() == SAMPLE_PARAGRAPHS - 1
    header = again.table.horizontalHeader()
    assert header.visualIndex(Column.TARGET) < header.visualIndex(Column.SOURCE)
    assert not again.side_panel.isVisible()
    again.session.autosaver.dirty = False
    again.close()


def test_a_message_never_hides_the_progress(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    press(qtbot, "Ctrl+Shift+A")
    window.status.say("Asking the model…")
    assert window.status.progress_label.isVisible()
    assert window.status.progress_label.text().startswith("Reviewed 0 of")


def test_the_find_bar_counts_highlights_and_closes_with_escape(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    press(qtbot, "Ctrl+F")
    window.find_bar.scope.setCurrentIndex(1)
    window.find_bar.query.setFocus()
    type_text(qtbot, "المشورة")
    press(qtbot, "Return")
    assert window.find_bar.status.text() == "1 match"
    table = window.table
    row = window.editor.current_row()
    assert row is not None
    rect = table.visualRect(window.filter_model.index(row, Column.SOURCE))
    image = table.viewport().grab().toImage()
    colours = {
        image.pixelColor(QPoint(x, y)).name()
        for x in range(rect.left(), rect.right(), 3)
        for y in range(rect.top(), rect.bottom(), 3)
    }
    assert MATCH_BACKGROUND.name() in colours
    press(qtbot, "Escape")
    assert not window.find_bar.isVisible()
    assert focused() is window.table.editor
    assert window.table.segment_delegate.highlight is None


def test_a_second_review_of_another_article_starts_fresh(
    opened: MainWindow, qtbot: QtBot, article: Path, tmp_path: Path
) -> None:
    window = opened
    second = Path(shutil.copy(article, tmp_path / "second.txt"))
    window.open_path(second)
    assert window.windowTitle().startswith("second.txt")


def test_a_huge_paragraph_keeps_the_window_quick_and_confirm_reaches_the_disk(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    """A whole book without a blank line is one paragraph: painting it whole took seconds
    at every paint (a 15 MB paragraph: 9.4 s from confirm to disk). Cells show its beginning
    and say how much more there is; English too long to edit is refused, with what to do."""
    import time

    from reviewer.project import open_project
    from reviewer.qt.segment_delegate import DISPLAY_LIMIT, EDIT_LIMIT

    del dialogs
    sentence = "أعلن الرئيس أن القوات الأمريكية ستنهي مهمتها القتالية في العراق هذا العام "
    article = tmp_path / "book.txt"
    article.write_text(sentence * (EDIT_LIMIT // len(sentence) * 3), "utf-8")
    engine = FakeEngine(manual=True)
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(article)
    activate(qtbot, window)
    started = time.perf_counter()
    window.table.viewport().repaint()
    assert time.perf_counter() - started < 1.0
    index = window.filter_model.index(0, Column.SOURCE)
    shown = window.table.segment_delegate.document_for(index, 400).toPlainText()
    assert len(shown) < DISPLAY_LIMIT + 200
    assert "more characters, not shown here" in shown
    window.editor.go_to_row(0)
    select_all_and_type(qtbot, "The English of a whole book in one paragraph.")
    saved: list[float] = []
    window.saved.connect(lambda: saved.append(time.perf_counter()))
    started = time.perf_counter()
    press(qtbot, "Ctrl+Return")
    qtbot.waitUntil(lambda: bool(saved), timeout=2_000)
    assert saved[0] - started < 1.0
    project = window.session.project_path
    assert project is not None
    assert open_project(project).document.segments[0].status is Status.REVIEWED
    # English longer than the editor takes: refused, and the status bar says what to do.
    model = window.session.segment_model
    assert model is not None
    model.change(model.segment_at(0), "Edit", lambda s: s.edit("word " * EDIT_LIMIT))
    press(qtbot, "Escape")
    press(qtbot, "F2")
    assert window.table.editor is None
    assert "too long to edit here" in window.statusBar().currentMessage()
    window.session.autosaver.dirty = False
    window.close()


# --- quality checks in the window (issue 12) -------------------------------------------------

TROOPS = (
    "There are currently {} US troops in Iraq helping local forces confront what remains "
    "of the Islamic State group."
)


@pytest.mark.qa_guard
def test_a_finding_is_marked_shown_and_asked_about_before_confirming(
    opened: MainWindow, qtbot: QtBot
) -> None:
    window = opened
    document = window.document
    assert document is not None
    window.editor.go_to_row(6)  # "2500 جندي" in the Arabic
    select_all_and_type(qtbot, TROOPS.format("2,000"))
    press(qtbot, "Escape")
    model = window.session.segment_model
    assert model is not None
    status_text = model.index(6, Column.STATUS).data()
    assert status_text.endswith("⚠")
    qtbot.waitUntil(lambda: "2500" in window.side_panel.checks.text())
    press(qtbot, "F2")
    press(qtbot, "Ctrl+Return")  # warned, not confirmed
    assert document.segments[6].status is Status.EDITED
    assert "Ctrl+Enter again confirms" in window.statusBar().currentMessage()
    assert window.editor.current_row() == 6
    press(qtbot, "Ctrl+Return")  # the reviewer insists
    assert document.segments[6].status is Status.REVIEWED
    # Corrected: no finding, no mark, and one Ctrl+Enter confirms.
    window.editor.go_to_row(6)
    select_all_and_type(qtbot, TROOPS.format("2,500"))
    press(qtbot, "Ctrl+Return")
    assert document.segments[6].status is Status.REVIEWED
    assert not model.index(6, Column.STATUS).data().endswith("⚠")


@pytest.mark.qa_guard
def test_the_list_of_checks_goes_to_the_segment(opened: MainWindow, qtbot: QtBot) -> None:
    window = opened
    press(qtbot, "Ctrl+Shift+K")
    panel = window.qa_panel
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() > 0)
    panel.kind.setCurrentIndex(panel.kind.findData("arabic"))
    assert all(
        panel.list.topLevelItem(i).text(1) == "arabic"
        for i in range(panel.list.topLevelItemCount())
    )
    last = panel.list.topLevelItem(panel.list.topLevelItemCount() - 1)
    panel.list.setCurrentItem(last)
    panel.list.setFocus()
    press(qtbot, "Return")
    assert window.editor.current_segment() is not None
    assert window.editor.current_segment().id == last.text(0)  # type: ignore[union-attr]


@pytest.mark.qa_guard
def test_the_articles_glossary_is_listed_and_checked(
    window: MainWindow, qtbot: QtBot, article: Path, dialogs: Dialogs
) -> None:
    del dialogs
    glossary = article.with_name(article.name + ".glossary.txt")
    glossary.write_text("البيت الأبيض\tWhite House\nالكاظمي\tKadhimi; al-Kadhimi\n", "utf-8")
    article.with_name(article.name + ".glossary.csv").write_text("a,b\nx,y\n", "utf-8")
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    open_translated(window, qtbot, article)
    assert any("no column for the Arabic" in message for message in said)  # said, not fatal
    window.editor.go_to_row(5)  # "... الكاظمي في البيت الأبيض."
    qtbot.waitUntil(lambda: "White House" in window.side_panel.terms.text())
    assert "الكاظمي → Kadhimi / al-Kadhimi" in window.side_panel.terms.text()
    select_all_and_type(
        qtbot,
        "The announcement came after Biden held talks with Iraqi Prime Minister Mustafa "
        "al-Kadhimi at the presidential palace.",
    )
    press(qtbot, "Escape")
    checks = window.side_panel.checks
    # The panel follows the new English: only the missing term is left.
    qtbot.waitUntil(lambda: "Arabic" not in checks.text() and "White House" in checks.text())
    assert "Kadhimi" not in checks.text()
