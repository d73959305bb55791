"""Paragraph and sentence splitting."""

from __future__ import annotations

import pytest

from reviewer.segmentation import (
    count_words,
    is_blank,
    sentence_spans,
    split_paragraphs,
    split_sentences,
)


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


@pytest.mark.parametrize(
    "marked",
    [
        # A stop written between right-to-left marks, as word processors do.
        "قَالَ نَعَمْ\u200f.\u200f |قُلْنَا بِمَ\u200f؟\u200f |قَالَ",
        # Abbreviations, Arabic and Latin, and initials.
        "قال د. ريتشارد إن الوضع صعب. |ثم غادر.",
        "برامج (e.g. ftp أو scp) للنسخ. |ثم توقف.",
        "Dr. Smith, i.e. the doctor, vs. the nurse. |Done.",
        "حضر أ.د. محمد المؤتمر. |وتحدث عن غ.ب. النظام.",
        "J. R. R. Tolkien wrote it. |He died in 1973.",
        # Dotted initials that no list names.
        "تأسست شركة ن.س.ع. في القاهرة. |ثم توسعت.",
        # Numbers, and a year marker that does end its sentence.
        "النسبة 3.5 و٣٫٥ مليون. |الإصدار 1.2.3 متاح.",
        "ولد عام 1950 م. |وتوفي عام 2003 م. |ثم دفن.",
        # An ellipsis inside a Latin sentence goes on in lower case.
        "wait... and so on. |OK",
    ],
)
def test_sentence_ends_on_real_world_punctuation(marked: str) -> None:
    """*marked* is a paragraph with "|" where its sentences end."""
    paragraph = marked.replace("|", "")
    assert split_sentences(paragraph) == [part.strip() for part in marked.split("|")]
    assert "".join(paragraph[s:e] for s, e in sentence_spans(paragraph)) == paragraph


def test_more_abbreviations_can_be_given_and_listed_by_the_user() -> None:
    from reviewer import segmentation
    from reviewer.storage import user_data_folder

    text = "راجع مج. الثالث. ثم انتهى."
    assert split_sentences(text) == ["راجع مج.", "الثالث.", "ثم انتهى."]
    assert split_sentences(text, abbreviations=["مج"]) == ["راجع مج. الثالث.", "ثم انتهى."]
    user_data_folder().mkdir(parents=True, exist_ok=True)
    (user_data_folder() / "abbreviations.txt").write_text("مج.\n", "utf-8")
    segmentation._known_abbreviations.cache_clear()
    try:
        assert split_sentences(text) == ["راجع مج. الثالث.", "ثم انتهى."]
    finally:
        segmentation._known_abbreviations.cache_clear()
