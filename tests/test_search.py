"""Searching as translators mean it."""

from __future__ import annotations

import pytest

from reviewer.search import find_all, replace_all


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
    assert [text[start:end] for start, end in spans] == ["الرئيس", "الرئيس"]
    assert find_all("العـــراق", "عراق") == [(2, 9)]


def test_english_search_ignores_case_and_replace_counts() -> None:
    assert find_all("The troops. THE end.", "the") == [(0, 3), (12, 15)]
    assert replace_all("Iraq, iraq and IRAQ", "iraq", "Iraq") == ("Iraq, Iraq and Iraq", 3)
    assert replace_all("nothing", "", "x") == ("nothing", 0)


def test_a_different_letter_is_not_a_match() -> None:
    assert find_all("العراق", "العرب") == []
