"""Word (.docx) articles: the document's paragraphs and table cells, in reading order."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
import docx.opc.exceptions
from docx.table import Table
from docx.text.paragraph import Paragraph

from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.segmentation import split_paragraphs

#: What a .docx may unpack to, all parts together: the 64 MB file limit leaves room for
#: images, and a zip bomb (1 MB unpacking to 1 GB) is refused before anything is unpacked.
MAX_UNPACKED_BYTES = 256 * 2**20
#: The text part (word/document.xml) at most: a 2,000-paragraph article is a few MB.
MAX_DOCUMENT_XML_BYTES = 32 * 2**20
#: Paragraphs at most: 147 KB of empty paragraphs once took 2.2 GB to read.
MAX_PARAGRAPHS = 100_000
_DOCUMENT_PART = "word/document.xml"
_CHUNK = 1 << 20


def read_blocks(
    data: bytes, name: str, encoding: str | None = None
) -> tuple[list[tuple[SegmentKind, str]], str, bool]:
    """The headings and paragraphs of a .docx file (its text is always Unicode, so
    *encoding* does not apply)."""
    del encoding
    _check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, docx.opc.exceptions.PackageNotFoundError, KeyError):
        raise ArticleError(
            f"{name} is not a valid Word (.docx) file. If it is an old .doc file or another "
            "format, save it as .docx or plain text and open that."
        ) from None
    except Exception as error:  # python-docx raises many kinds for damaged packages
        raise ArticleError(
            f"{name} is a damaged Word file ({type(error).__name__}). Open it in Word or "
            "LibreOffice, save it again, and open the new file."
        ) from None
    blocks: list[tuple[SegmentKind, str]] = []
    for paragraph in _paragraphs(document.iter_inner_content()):
        kind = SegmentKind.HEADING if _is_heading(paragraph) else SegmentKind.PARAGRAPH
        # A line break inside a Word paragraph separates paragraphs, as in a text file.
        blocks.extend((kind, line) for line in split_paragraphs(paragraph.text))
    return blocks, "utf-8", False


def _check_package(data: bytes, name: str) -> None:
    """Refuse a package that would unpack to far more than an article: by the sizes its
    zip directory declares (which also bound what unpacking reads), then by counting the
    paragraphs of its text part as it streams, before python-docx builds anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            unpacked = sum(member.file_size for member in members)
            text_part = next((m for m in members if m.filename == _DOCUMENT_PART), None)
            if unpacked > MAX_UNPACKED_BYTES or (
                text_part is not None and text_part.file_size > MAX_DOCUMENT_XML_BYTES
            ):
                raise ArticleError(
                    f"{name} would unpack to {unpacked / 2**20:,.0f} MB, far more than an "
                    "article: it is damaged or built to exhaust memory. Save the article "
                    "again from Word or LibreOffice, or as plain text."
                )
            if text_part is not None and _count_paragraphs(package, text_part) > MAX_PARAGRAPHS:
                raise ArticleError(
                    f"{name} holds more than {MAX_PARAGRAPHS:,} paragraphs, far more than an "
                    "article. Split it into smaller files."
                )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
        return  # Not a readable zip: python-docx says so below, in its own words.


def _count_paragraphs(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """Paragraph elements (``<w:p>`` or ``<w:p ...>``) in *part*, counted while streaming
    (stopping past the limit)."""
    count = 0
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            count += window.count(b"<w:p>") + window.count(b"<w:p ") + window.count(b"<w:p/")
            # A marker cut in two is found in the next window; a whole one (5 bytes) never
            # fits in the 4 kept, so none is counted twice.
            tail = window[-4:]
            if count > MAX_PARAGRAPHS:
                break
    return count


def _paragraphs(content: object) -> list[Paragraph]:
    found: list[Paragraph] = []
    for item in content:  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            found.append(item)
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    # Merged cells appear once per grid column; read each cell once.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    found.extend(_paragraphs(cell.iter_inner_content()))
    return found


def _is_heading(paragraph: Paragraph) -> bool:
    try:
        style_name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return False
    return bool(style_name) and (style_name.startswith("Heading") or style_name == "Title")
