"""Plain-text articles: every non-blank line is a paragraph."""

from __future__ import annotations

from reviewer.document import SegmentKind
from reviewer.formats.decoding import decode_article_bytes
from reviewer.segmentation import split_paragraphs


def read_blocks(
    data: bytes, name: str, encoding: str | None = None
) -> tuple[list[tuple[SegmentKind, str]], str, bool]:
    """The paragraphs of a text file, with the encoding used and whether it was guessed."""
    decoded = decode_article_bytes(data, name, encoding)
    blocks = [(SegmentKind.PARAGRAPH, line) for line in split_paragraphs(decoded.text)]
    return blocks, decoded.encoding, decoded.guessed
