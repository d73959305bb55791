"""Sentence splitting on real Arabic nobody here wrote (tests/helpers/corpora.py cites both):
Sahih Muslim's 7,459 texts, which write their stops between right-to-left marks, and the UN's
Arabic of the Universal Declaration of Human Rights."""

from __future__ import annotations

import re

import pytest

from reviewer.segmentation import (
    ARABIC_ABBREVIATIONS,
    LATIN_ABBREVIATIONS,
    sentence_spans,
    split_sentences,
)
from tests.helpers.corpora import hadith_texts, udhr_pairs

#: Where the sentences end in a few texts, read and checked by hand (offsets in the text,
#: the last sentence's end left out). The texts are not copied here: they are fetched.
CHECKED_BY_HAND = {
    ("hadith", 152): [],  # a chain of narrators, then one quoted saying
    ("hadith", 950): [287],
    ("hadith", 2301): [432, 503, 570],
    ("hadith", 2918): [319, 461, 516],
    ("hadith", 4722): [312, 341, 402],
    ("hadith", 5557): [369, 431, 468, 523],
    ("udhr", 1): [142, 226, 334, 450, 684, 807, 892],  # the preamble
    ("udhr", 3): [52],
    ("udhr", 10): [35],
    ("udhr", 25): [130],
    ("udhr", 27): [97],
    ("udhr", 38): [87],
    ("udhr", 45): [45],
    ("udhr", 47): [37],
}


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    return {"hadith": hadith_texts(), "udhr": [arabic for arabic, _ in udhr_pairs()]}


def test_sentences_end_where_a_reader_says_they_do(texts: dict[str, list[str]]) -> None:
    for (corpus, index), ends in CHECKED_BY_HAND.items():
        text = texts[corpus][index]
        found = [end for _start, end in sentence_spans(text)]
        assert found == [*ends, len(text)], (corpus, index)


def test_joining_the_sentences_gives_every_text_back(texts: dict[str, list[str]]) -> None:
    for corpus in texts.values():
        for text in corpus:
            spans = sentence_spans(text)
            assert "".join(text[start:end] for start, end in spans) == text
            assert all(start < end for start, end in spans)


def test_a_stop_between_bidi_marks_ends_its_sentence(texts: dict[str, list[str]]) -> None:
    """Every stop written between right-to-left marks is a sentence end (the old splitter
    saw none of them)."""
    for text in texts["hadith"][:2000]:
        ends = {end for _start, end in sentence_spans(text)}
        for marked in re.finditer("\u200f[.\u061f!]\u200f\\s+", text):
            assert marked.end() in ends


def test_no_sentence_ends_inside_a_number_or_after_an_abbreviation(
    texts: dict[str, list[str]],
) -> None:
    known = {word.casefold() for word in ARABIC_ABBREVIATIONS | LATIN_ABBREVIATIONS}
    for corpus in texts.values():
        for text in corpus:
            for sentence in split_sentences(text)[:-1]:
                last = sentence.rstrip(".\u200f\u200e ").split()[-1:] or [""]
                assert last[0].casefold() not in known, sentence[-40:]
                assert not re.search(r"\d[.٫]$", sentence), sentence[-40:]
