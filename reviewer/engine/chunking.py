"""Cutting a sentence that is too long for the model into pieces that fit.

A sentence over the model's input limit is never truncated: it is split at the weakest
boundary that makes the pieces fit, trying clause punctuation first, then spaces, and only
then characters, so each piece is still translated whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Boundaries to cut at, strongest first: clause punctuation (Arabic and Latin), then spaces.
_BOUNDARIES = (
    re.compile(r"(?<=[\u061b;:])\s+"),  # semicolons and colons
    re.compile(r"(?<=[\u060c,])\s+"),  # commas
    re.compile(r"\s+"),
)


def fit_to_limit(sentence: str, limit: int, count_tokens: Callable[[str], int]) -> list[str]:
    """*sentence* as pieces of at most *limit* tokens each, in order, covering all of it."""
    if count_tokens(sentence) <= limit:
        return [sentence]
    for boundary in _BOUNDARIES:
        parts = [part for part in boundary.split(sentence) if part]
        if len(parts) > 1:
            return _pack(parts, limit, count_tokens)
    return _split_characters(sentence, limit, count_tokens)


def _pack(parts: list[str], limit: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Join neighbouring parts while they fit; split further any part that alone does not."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if count_tokens(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count_tokens(part) <= limit:
            current = part
        else:
            pieces.extend(fit_to_limit(part, limit, count_tokens))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _split_characters(text: str, limit: int, count_tokens: Callable[[str], int]) -> list[str]:
    # A single "word" longer than the limit (a URL, a run of digits): halve until it fits.
    if len(text) <= 1 or count_tokens(text) <= limit:
        return [text]
    middle = len(text) // 2
    return _split_characters(text[:middle], limit, count_tokens) + _split_characters(
        text[middle:], limit, count_tokens
    )
