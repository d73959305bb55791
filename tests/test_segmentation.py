"""Paragraph and sentence splitting."""

from __future__ import annotations

import pytest

from reviewer.segmentation import count_words, is_blank, split_paragraphs, split_sentences


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85"])
def test_every_line_ending_separates_paragraphs(newline: str) -> None:
    assert split_paragraphs(newline.join(["أ", "", "ب", "ج"])) == ["أ", "ب", "ج"]


def test_blank_means_spaces_no_break_spaces_and_invisible_marks() -> None:
    assert is_blank(" \t\u00a0\u202f\u3000\u200f\u200b\ufeff")
    assert not is_blank("\u00a0.")


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("جملة أولى. جملة ثانية", ["جملة أولى.", "جملة ثانية"]),
        ("هل أتيت؟ نعم! حسنا…  ثم", ["هل أتيت؟", "نعم!", "حسنا…", "ثم"]),
        ("قال: «انتهى.» ثم ذهب.", ["قال: «انتهى.»", "ثم ذهب."]),
        (
            "أجاب: “علاقتنا أقوى. تعاوننا كبير.” وأصر على ذلك.",
            ["أجاب: “علاقتنا أقوى.", "تعاوننا كبير.”", "وأصر على ذلك."],
        ),
        ("العدد 2.5 مليون. انتهى", ["العدد 2.5 مليون.", "انتهى"]),
        ("نص ۔ آخر", ["نص ۔", "آخر"]),
        ("كلمة . . .", ["كلمة . . ."]),
        ("Latin text? Yes. (Really.) Done", ["Latin text?", "Yes.", "(Really.)", "Done"]),
        ("بلا علامة", ["بلا علامة"]),
    ],
)
def test_sentences_keep_their_punctuation_and_quotes(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


def test_sentences_cover_every_word_of_the_paragraph(sample_text: str) -> None:
    for paragraph in split_paragraphs(sample_text):
        assert " ".join(split_sentences(paragraph)).split() == paragraph.split()


def test_words_are_counted_without_lone_punctuation() -> None:
    assert count_words("القوات ، الأمريكية – 2500 جندي .") == 4
