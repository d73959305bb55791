"""How a cell lays its text out: the Arabic column gives each paragraph its own direction."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from reviewer.qt.segment_delegate import cell_document

WIDTH = 600.0


def first_line_edges(text: str, *, right_to_left: bool) -> tuple[float, float]:
    document = cell_document(text, QFont(), WIDTH, right_to_left=right_to_left)
    document.size()  # lays the text out
    block = document.firstBlock()  # the document must outlive its layout's use
    layout = block.layout()
    line = layout.lineAt(0)
    assert line.isValid()
    rect = line.naturalTextRect()
    edges = (rect.left(), rect.right())
    del line, layout, block, document
    return edges


@pytest.mark.parametrize(
    ("text", "starts_right"),
    [
        ("قالت الحكومة إن القوات ستغادر.", True),
        ("\u200f6.2. \u200faptitude، وapt-get", True),  # an Arabic heading led by a mark
        ("APT is a vast project.", False),  # English the article quotes: left to right
        ("2500 جندي أمريكي", True),  # a number first: the first letter decides
    ],
)
def test_each_source_paragraph_runs_in_its_own_direction(
    qtbot: QtBot, text: str, starts_right: bool
) -> None:
    del qtbot  # a QApplication for the fonts
    left, right = first_line_edges(text, right_to_left=True)
    if starts_right:
        assert right > WIDTH - 20  # against the right edge
        assert left > 20
    else:
        assert left < 20  # against the left edge


def test_the_english_column_is_always_left_to_right(qtbot: QtBot) -> None:
    del qtbot
    left, _right = first_line_edges("قال: yes.", right_to_left=False)
    assert left < 20
