"""Reading article files: plain text, Markdown, HTML and Word, into blocks of text.

`read_article` is the one entry point. It checks the path (missing, a folder, unreadable, empty,
too large), reads the bytes once, hands them to the reader for the file's format and returns
the blocks (paragraphs and headings) with what is known of the file. Every failure is an
`ArticleError` whose message says what to do.
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reviewer.document import ArticleInfo, ReviewDocument, SegmentKind
from reviewer.errors import ArticleError
from reviewer.formats import docx, html, markdown, text
from reviewer.hashing import sha256
from reviewer.storage import UnreadableFile, read_regular_file, shown_name

#: The largest article file accepted, by format. A 2,000-paragraph article is about 1 MB of
#: text; a Word file can carry images, so it gets more room.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_DOCX_BYTES = 64 * 1024 * 1024

Block = tuple[SegmentKind, str]


@dataclasses.dataclass(frozen=True)
class FormatReader:
    """How one kind of article file is read."""

    name: str
    suffixes: tuple[str, ...]
    max_bytes: int
    #: Turns the file's bytes into blocks; returns the encoding used and whether guessed.
    read: Callable[[bytes, str, str | None], tuple[list[Block], str, bool]]


READERS: tuple[FormatReader, ...] = (
    FormatReader("markdown", (".md", ".markdown"), MAX_TEXT_BYTES, markdown.read_blocks),
    FormatReader("html", (".html", ".htm", ".xhtml"), MAX_TEXT_BYTES, html.read_blocks),
    FormatReader("docx", (".docx",), MAX_DOCX_BYTES, docx.read_blocks),
)
TEXT_READER = FormatReader("text", (".txt", ".text"), MAX_TEXT_BYTES, text.read_blocks)

#: File suffixes the Open dialog offers.
ARTICLE_SUFFIXES = TEXT_READER.suffixes + tuple(s for r in READERS for s in r.suffixes)


@dataclasses.dataclass(frozen=True)
class Article:
    """An article read from disk: what the file is, and its blocks of text in order."""

    info: ArticleInfo
    blocks: list[Block]

    def to_document(self) -> ReviewDocument:
        """A fresh review of this article."""
        return ReviewDocument.from_blocks(self.info, self.blocks)


def reader_for(path: Path) -> FormatReader:
    """The reader for *path*, by its suffix; anything unknown is read as plain text."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    return TEXT_READER


def read_article(path: str | os.PathLike[str], encoding: str | None = None) -> Article:
    """Read the article at *path*, or raise `ArticleError` saying what is wrong and what
    to do. *encoding* overrides the detected one (the reviewer chose it)."""
    path = Path(path)
    reader = reader_for(path)
    data = _read_bytes(path, reader.max_bytes)
    name = shown_name(path)
    if not data:
        raise ArticleError(f"{name} is empty. Open a file that holds the article's text.")
    blocks, encoding, guessed = reader.read(data, name, encoding)
    blocks = [(kind, unicodedata.normalize("NFC", block_text)) for kind, block_text in blocks]
    if not blocks:
        raise ArticleError(
            f"{name} holds no text to review (only blank lines, spaces or markup). "
            "Check that it is the right file."
        )
    info = ArticleInfo(
        path=str(path.resolve()),
        format=reader.name,
        encoding=encoding,
        encoding_guessed=guessed,
        sha256=sha256(data).hexdigest(),
        size=len(data),
    )
    return Article(info=info, blocks=blocks)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    name = shown_name(path)
    try:
        return read_regular_file(path, max_bytes)
    except UnreadableFile as reason:
        if "too large" in str(reason):
            raise ArticleError(
                f"{name} is too large to review ({str(reason).removeprefix('it is too large ')}"
                f"; the limit is {max_bytes // 2**20} MB). Split the article into smaller "
                "files."
            ) from None
        raise ArticleError(
            f"{name} cannot be opened as an article: {reason}. Give the path of the "
            "article file itself."
        ) from None
    except FileNotFoundError:
        raise ArticleError(
            f"No file at {shown_name(path, whole=True)}. Check the path and try again."
        ) from None
    except PermissionError:
        raise ArticleError(
            f"{name} cannot be read: permission denied. Check the file's permissions."
        ) from None
    except IsADirectoryError:
        raise ArticleError(
            f"{name} is a folder, not an article. Give the path of the article file."
        ) from None
    except OSError as error:
        raise ArticleError(f"{name} cannot be read: {error.strerror or error}.") from None
