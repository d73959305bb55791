"""Markdown articles: paragraphs, list items, table cells and headings, with markup removed.

Parsed with markdown-it-py (CommonMark, tables enabled), so emphasis, links, images and
entities come out as the reader sees them. Code blocks and raw HTML blocks are not prose and
are left out.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.formats.decoding import decode_article_bytes
from reviewer.segmentation import is_blank

# YAML front matter that static-site generators put before the article.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(\r?\n|\Z)", re.DOTALL)
#: How deep quotes and lists may nest (markdown-it's CommonMark preset stops at 20 and drops
#: whatever is deeper, silently).
MAX_NESTING = 100


def read_blocks(
    data: bytes, name: str, encoding: str | None = None
) -> tuple[list[tuple[SegmentKind, str]], str, bool]:
    """The headings and paragraphs of a Markdown file, in order."""
    decoded = decode_article_bytes(data, name, encoding)
    source = _FRONT_MATTER.sub("", decoded.text, count=1)
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    try:
        tokens = parser.parse(source)
    except RecursionError:
        tokens = None
    # At the nesting limit markdown-it stops reading the container it is in: text is lost.
    if tokens is None or any(token.level >= MAX_NESTING - 1 for token in tokens):
        raise ArticleError(
            f"{name} nests quotes or lists deeper than {MAX_NESTING} levels, so part of its "
            "text would be lost. Flatten the nesting, or save the article as plain text "
            "(.txt) and open that."
        )
    blocks: list[tuple[SegmentKind, str]] = []
    for position, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[position - 1] if position else None
        kind = (
            SegmentKind.HEADING
            if opener is not None and opener.type == "heading_open"
            else SegmentKind.PARAGRAPH
        )
        for line in _inline_lines(token.children or []):
            if not is_blank(line):
                blocks.append((kind, line.strip()))
    return blocks, decoded.encoding, decoded.guessed


def _inline_lines(children: list[Token]) -> list[str]:
    """The text of an inline run; a hard line break starts a new paragraph."""
    lines = [""]
    for child in children:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            lines[-1] += "".join(grandchild.content for grandchild in child.children or [])
        elif child.type == "softbreak":
            lines[-1] += " "
        elif child.type == "hardbreak":
            lines.append("")
    return lines
