"""Splitting article text into paragraphs, and paragraphs into sentences.

A paragraph is every line that holds something to translate: articles pasted from the web
separate most paragraphs by blank lines and some by single line breaks, and both are
paragraphs to a reviewer. Sentences are what the translation engine feeds the model, so a long
paragraph is never truncated by the model's input limit.
"""

from __future__ import annotations

import re
import unicodedata

# Sentence-final punctuation, Arabic and Latin: full stops, question and exclamation marks,
# the ellipsis; then any closing quotes or brackets, which stay with their sentence.
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'\u201d\u2019\u00bb\u203a)\]}]*(?=\s)")


def is_blank(line: str) -> bool:
    """Whether *line* has nothing to translate: only spaces (no-break ones too) or
    invisible format characters such as bidi marks and zero-width spaces."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in line)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of plain *text*: its non-blank lines, trimmed at both ends.

    Every line ending counts: LF, CRLF, CR, and the Unicode line and paragraph separators.
    """
    return [line.strip() for line in text.splitlines() if not is_blank(line)]


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of *paragraph*, in order, with their punctuation and quotes attached.

    A piece with no letter or digit (a stray "." after a space, say) joins the sentence
    before it rather than standing alone.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        _append_sentence(sentences, paragraph[start : match.end()])
        start = match.end()
    _append_sentence(sentences, paragraph[start:])
    return sentences


def count_words(text: str) -> int:
    """Words as a reviewer counts them: runs of characters between spaces that hold a
    letter or a digit."""
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def _append_sentence(sentences: list[str], piece: str) -> None:
    piece = piece.strip()
    if not piece:
        return
    if sentences and not any(char.isalnum() for char in piece):
        sentences[-1] = f"{sentences[-1]} {piece}"
    else:
        sentences.append(piece)
