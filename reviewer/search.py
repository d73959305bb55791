"""Finding text the way a translator means it.

An Arabic search ignores what writers vary freely: diacritics (harakat), tatweel, the hamza
forms of alef, alef maqsura against yaa, and taa marbuta against haa. An English search ignores
case unless asked to match it, and can be limited to whole words (so "us" never matches inside
"Mustafa"). Matches are reported as spans of the original text, so they can be highlighted and
replaced there.
"""

from __future__ import annotations

import re

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u0629": "\u0647",  # taa marbuta -> haa
    }
)

#: What an Arabic search (and the translation memory) ignores, and what it takes as equal.
ARABIC_MARKS = _DIACRITICS
ARABIC_FOLDS = _FOLDS

Span = tuple[int, int]


def fold(text: str, *, match_case: bool = False) -> tuple[str, list[int]]:
    """*text* folded for searching, and for each folded character the index in *text* it
    came from (so matches map back to the original)."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if _DIACRITICS.match(char):
            continue
        folded_char = char.translate(_FOLDS)
        for piece in folded_char if match_case else folded_char.casefold():
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


def _after_marks(text: str, end: int) -> int:
    """*end* moved past the diacritics that belong to the letter before it."""
    while end < len(text) and _DIACRITICS.match(text[end]):
        end += 1
    return end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or bool(_DIACRITICS.match(char))


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return not (before and _is_word_char(before)) and not (after and _is_word_char(after))


def find_all(
    text: str, query: str, *, whole_word: bool = False, match_case: bool = False
) -> list[Span]:
    """Spans (start, end) of *text* matching *query*: Arabic variations ignored, case
    ignored unless *match_case*, and only whole words if *whole_word*."""
    needle, _ = fold(query, match_case=match_case)
    if not needle:
        return []
    haystack, origins = fold(text, match_case=match_case)
    spans: list[Span] = []
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        span = (origins[start], _after_marks(text, origins[end - 1] + 1))
        if not whole_word or _whole_word(text, *span):
            spans.append(span)
            start = haystack.find(needle, end)
        else:
            start = haystack.find(needle, start + 1)
    return spans


def replace_spans(text: str, spans: list[Span], replacement: str) -> str:
    """*text* with each of *spans* (as `find_all` gives them) replaced by *replacement*."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def replace_all(
    text: str,
    query: str,
    replacement: str,
    *,
    whole_word: bool = False,
    match_case: bool = False,
) -> tuple[str, int]:
    """*text* with every match of *query* replaced; and how many were replaced."""
    spans = find_all(text, query, whole_word=whole_word, match_case=match_case)
    return replace_spans(text, spans, replacement), len(spans)
