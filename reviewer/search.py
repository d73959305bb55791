"""Finding text the way a translator means it.

An Arabic search ignores what writers vary freely: diacritics (harakat), tatweel, the hamza
forms of alef, alef maqsura against yaa, and taa marbuta against haa. An English search ignores
case. Matches are reported as spans of the original text, so they can be highlighted and
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


def fold(text: str) -> tuple[str, list[int]]:
    """*text* folded for searching, and for each folded character the index in *text* it
    came from (so matches map back to the original)."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if _DIACRITICS.match(char):
            continue
        for piece in char.translate(_FOLDS).casefold():
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Spans (start, end) of *text* matching *query*, ignoring case and Arabic variations."""
    needle, _ = fold(query)
    if not needle:
        return []
    haystack, origins = fold(text)
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((origins[start], origins[end - 1] + 1))
        start = haystack.find(needle, end)
    return spans


def replace_all(text: str, query: str, replacement: str) -> tuple[str, int]:
    """*text* with every match of *query* replaced; and how many were replaced."""
    spans = find_all(text, query)
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text, len(spans)
