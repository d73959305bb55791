"""Searching as translators mean it."""

from __future__ import annotations

import pytest

from reviewer.search import find_all, replace_all, replace_spans


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("أعلن الرئيس", "اعلن"),  # hamza on alef
        ("إيران", "ايران"),
        ("القرآن", "القران"),  # madda
        ("مُحَمَّدٌ", "محمد"),  # diacritics in the text
        ("محمد", "مُحَمَّد"),  # diacritics in the query
        ("العـــراق", "العراق"),  # tatweel
        ("على", "علي"),  # alef maqsura / yaa
        ("الدولة الإسلامية", "الدوله الاسلاميه"),  # taa marbuta / haa
    ],
)
def test_arabic_search_ignores_what_writers_vary(text: str, query: str) -> None:
    assert find_all(text, query)


def test_spans_point_into_the_original_text() -> None:
    text = "قال الرئيسُ الأمريكيُّ: الرئيس"
    spans = find_all(text, "الرئيس")
    # A match ends after the diacritics of its last letter: replacing it leaves no stray mark.
    assert [text[start:end] for start, end in spans] == ["الرئيسُ", "الرئيس"]
    assert find_all("العـــراق", "عراق") == [(2, 9)]


def test_english_search_ignores_case_and_replace_counts() -> None:
    assert find_all("The troops. THE end.", "the") == [(0, 3), (12, 15)]
    assert replace_all("Iraq, iraq and IRAQ", "iraq", "Iraq") == ("Iraq, Iraq and Iraq", 3)
    assert replace_all("nothing", "", "x") == ("nothing", 0)


def test_a_different_letter_is_not_a_match() -> None:
    assert find_all("العراق", "العرب") == []


def test_whole_words_never_match_inside_a_word() -> None:
    text = "Mustafa told us the House and the US would help us."
    spans = find_all(text, "us", whole_word=True)
    assert [text[start:end] for start, end in spans] == ["us", "US", "us"]
    assert find_all("Mustafa", "us", whole_word=True) == []
    # An Arabic word with a diacritic at its edge is still one word.
    assert find_all("العراقُ والعراقيون", "العراق", whole_word=True) == [(0, 7)]


def test_whole_words_find_a_later_match_after_a_rejected_one() -> None:
    assert find_all("thus us", "us", whole_word=True) == [(5, 7)]


def test_match_case_tells_us_from_us() -> None:
    text = "the US told us"
    assert find_all(text, "us", match_case=True) == [(12, 14)]
    assert find_all(text, "US", match_case=True) == [(4, 6)]
    # Arabic letter variants are still folded when case is matched.
    assert find_all("أعلن", "اعلن", match_case=True) == [(0, 4)]


def test_replace_all_with_options_and_replace_spans() -> None:
    assert replace_all("us, Mustafa, US", "us", "U.S.", whole_word=True, match_case=True) == (
        "U.S., Mustafa, US",
        1,
    )
    assert replace_spans("a b a", [(4, 5), (0, 1)], "x") == "x b x"
