"""What the model is fed: cleaned text, cut to fit its input limit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.engine.chunking import fit_to_limit
from reviewer.engine.cleaning import clean_for_model


def words(text: str) -> int:
    return len(text.split())


def test_invisible_controls_and_tatweel_are_removed_for_the_model() -> None:
    source = "\u200fالعـــراق\u200c \u202bبلد\u202c\u2066 جميل\u2069\ufeff\u061c  \u00ad"
    assert clean_for_model(source) == "العراق بلد جميل"


def test_cleaning_keeps_letters_diacritics_digits_and_punctuation() -> None:
    text = "قَالَ: «2500 جُنديّ»؟"
    assert clean_for_model(text) == text


def test_a_sentence_within_the_limit_is_left_whole() -> None:
    assert fit_to_limit("a b c", 3, words) == ["a b c"]


def test_long_sentences_are_cut_at_clause_punctuation_first() -> None:
    sentence = "one two three، four five؛ six seven eight nine"
    assert fit_to_limit(sentence, 5, words) == ["one two three، four five؛", "six seven eight nine"]
    assert fit_to_limit(sentence, 3, words) == [
        "one two three،",
        "four five؛",
        "six seven eight",
        "nine",
    ]


def test_a_single_overlong_word_is_cut_into_characters() -> None:
    def characters(text: str) -> int:
        return len(text)

    assert fit_to_limit("abcdefgh", 3, characters) == ["ab", "cd", "ef", "gh"]


@given(
    st.lists(st.sampled_from(["كلمة", "word،", "x؛", "y,", "z"]), min_size=1, max_size=80),
    st.integers(1, 12),
)
def test_pieces_fit_and_lose_no_word(tokens: list[str], limit: int) -> None:
    sentence = " ".join(tokens)
    pieces = fit_to_limit(sentence, limit, words)
    assert all(words(piece) <= limit for piece in pieces)
    assert " ".join(pieces).split() == sentence.split()
