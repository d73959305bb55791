"""Word-level differences between the machine's English and the reviewer's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.diff import Change, DiffPart, tokens, word_diff


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    parts = word_diff("The troops will leave Iraq.", "The troops will withdraw from Iraq.")
    assert parts == [
        DiffPart(Change.SAME, "The troops will "),
        DiffPart(Change.DELETED, "leave"),
        DiffPart(Change.INSERTED, "withdraw from"),
        DiffPart(Change.SAME, " Iraq."),
    ]


def test_the_same_text_is_one_unchanged_part() -> None:
    assert word_diff("Iraq", "Iraq") == [DiffPart(Change.SAME, "Iraq")]
    assert word_diff("", "") == []


def test_tokens_join_back_to_the_text() -> None:
    text = "U.S. forces,  2,500 of them\n— العراق"
    assert "".join(tokens(text)) == text


@given(st.text(), st.text())
def test_both_texts_can_be_rebuilt_from_the_diff(old: str, new: str) -> None:
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.change is not Change.DELETED) == new
    assert "".join(p.text for p in parts if p.change is not Change.INSERTED) == old
