"""The translation memory in the window: fill, matches, propagation, concordance."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.memory import NewUnit, TranslationMemory, default_path
from reviewer.qt.main_window import MainWindow
from tests.helpers.fake_engine import FakeEngine
from tests.helpers.keys import activate, focused, press, type_text
from tests.qt.conftest import Dialogs

# "The ministry announced new measures." / "Oil prices rose today." (and vowelled forms)
MEASURES = "أعلنت الوزارة عن إجراءات جديدة."
MEASURES_VOWELLED = "أَعْلَنَتِ الوِزَارَةُ عَنْ إِجْرَاءَاتٍ جَدِيدَةٍ."
OIL = "ارتفعت أسعار النفط اليوم."


def _article(tmp_path: Path, *paragraphs: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def _all_done(window: MainWindow) -> bool:
    document = window.document
    return document is not None and not document.needing_translation()


def _stored(memory: TranslationMemory, count: int) -> bool:
    return len(memory) >= count


def test_a_100_percent_match_fills_the_segment_and_the_model_is_not_asked(
    window: MainWindow, engine: FakeEngine, qtbot: QtBot, tmp_path: Path
) -> None:
    TranslationMemory().add([NewUnit(MEASURES_VOWELLED, "The ministry announced new measures.")])
    assert window.open_path(_article(tmp_path, OIL, MEASURES))
    qtbot.waitUntil(lambda: _all_done(window))
    document = window.document
    assert document is not None
    oil, measures = document.segments
    assert (measures.target, measures.status) == (
        "The ministry announced new measures.",
        Status.FROM_MEMORY,
    )
    assert oil.status is Status.MACHINE_TRANSLATED
    asked = [ids for kind, ids in engine.requests if kind == "translate"]
    assert all(measures.id not in ids for ids in asked)
    assert any(oil.id in ids for ids in asked)
    assert "1 segment filled from the memory" in window.statusBar().currentMessage()
    window.editor.go_to_row(1)
    qtbot.waitUntil(lambda: "100%" in window.side_panel.memory.text())
    assert "Not asked: the memory had this Arabic" in window.side_panel.machine.text()


def test_confirming_stores_the_pair_and_fills_the_same_arabic_in_one_undo_step(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.open_path(_article(tmp_path, MEASURES, OIL, MEASURES_VOWELLED, MEASURES))
    qtbot.waitUntil(lambda: _all_done(window))
    document = window.document
    assert document is not None
    first, _, repeat, edited = document.segments
    window.editor.go_to_row(3)
    window.editor.use_text("My own English.", "Edit")
    activate(qtbot, window)
    window.editor.go_to_row(0)
    qtbot.waitUntil(lambda: window.table.editor is not None and window.table.editor.hasFocus())
    window.editor.use_text("The ministry announced new measures.", "Edit")
    machine_english = repeat.target
    press(qtbot, "Ctrl+Return")
    assert first.status is Status.REVIEWED
    assert (repeat.target, repeat.status) == (first.target, Status.FROM_MEMORY)
    assert (edited.target, edited.status) == ("My own English.", Status.EDITED)
    assert "p3" in window.statusBar().currentMessage()
    memory = window.memory.memory
    qtbot.waitUntil(lambda: _stored(memory, 1))
    (unit,) = memory.exact(MEASURES)
    assert unit.target == first.target
    assert unit.segment == first.id
    # One step back: the review and what it filled.
    window.editor.focus_current()
    press(qtbot, "Ctrl+Z")
    assert first.status is Status.EDITED
    assert (repeat.target, repeat.status) == (machine_english, Status.MACHINE_TRANSLATED)
    assert repeat.memory is None
    # ... and the memory forgets the pair again; a redo stores it once more.
    qtbot.waitUntil(lambda: memory.exact(MEASURES) == [])
    press(qtbot, "Ctrl+Y")
    assert first.status is Status.REVIEWED
    qtbot.waitUntil(lambda: [u.target for u in memory.exact(MEASURES)] == [first.target])
    assert repeat.status is Status.FROM_MEMORY


def test_taking_back_a_review_takes_the_pair_out_of_the_memory(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.open_path(_article(tmp_path, MEASURES, OIL))
    qtbot.waitUntil(lambda: _all_done(window))
    activate(qtbot, window)
    window.editor.go_to_row(1)
    qtbot.waitUntil(lambda: window.table.editor is not None and window.table.editor.hasFocus())
    press(qtbot, "Ctrl+Return")
    memory = window.memory.memory
    qtbot.waitUntil(lambda: _stored(memory, 1))
    window.editor.go_to_row(1)
    press(qtbot, "Ctrl+Shift+Return")
    qtbot.waitUntil(lambda: len(memory) == 0)


def test_the_side_panel_shows_a_fuzzy_match_with_the_arabic_that_differs(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    # The memory has the sentence with "and" attached to its first word.
    TranslationMemory().add([NewUnit("و" + MEASURES, "And the ministry announced measures.")])
    assert window.open_path(_article(tmp_path, OIL, MEASURES))
    qtbot.waitUntil(lambda: _all_done(window))
    window.editor.go_to_row(1)
    panel = window.side_panel.memory
    qtbot.waitUntil(lambda: "And the ministry" in panel.text())
    text = panel.text()
    assert "100%" not in text
    assert "Ctrl+Alt+1" in text
    assert "<s " in text  # the attached "and" the segment does not have, struck out
    segment = window.document.segments[1] if window.document else None
    assert segment is not None
    assert segment.status is Status.MACHINE_TRANSLATED  # a fuzzy match never fills


def test_the_concordance_finds_arabic_typed_in_its_field(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    TranslationMemory().add(
        [
            NewUnit("عقد الاجتماع بمصر أمس.", "The meeting was held in Egypt yesterday."),
            NewUnit(OIL, "Oil prices rose today."),
        ]
    )
    assert window.open_path(_article(tmp_path, OIL))
    qtbot.waitUntil(lambda: _all_done(window))
    activate(qtbot, window)
    window.editor.go_to_row(0)
    qtbot.waitUntil(lambda: window.table.editor is not None and window.table.editor.hasFocus())
    press(qtbot, "Ctrl+Shift+L")
    panel = window.memory.concordance
    assert focused() is panel.query
    type_text(qtbot, "مصر")
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: "Egypt" in panel.results.toPlainText())
    assert "Oil" not in panel.results.toPlainText()
    assert "بمصر" in panel.results.toPlainText()
    press(qtbot, "Escape")
    assert focused() is window.table.editor


def test_a_damaged_memory_is_turned_off_with_a_message_and_the_review_goes_on(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, dialogs: Dialogs
) -> None:
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 200)
    assert window.open_path(_article(tmp_path, OIL, MEASURES))
    qtbot.waitUntil(lambda: _all_done(window))
    assert "translation memory is off" in window.statusBar().currentMessage()
    assert "Move it aside" in window.statusBar().currentMessage()
    document = window.document
    assert document is not None
    assert all(s.status is Status.MACHINE_TRANSLATED for s in document)
    assert path.read_bytes().startswith(b"not a database")  # never overwritten
    assert dialogs.errors == []
