"""Word (.docx) articles: the document's paragraphs and table cells, in reading order."""

from __future__ import annotations

import io
import zipfile

import docx
import docx.opc.exceptions
from docx.table import Table
from docx.text.paragraph import Paragraph

from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.segmentation import split_paragraphs


def read_blocks(
    data: bytes, name: str, encoding: str | None = None
) -> tuple[list[tuple[SegmentKind, str]], str, bool]:
    """The headings and paragraphs of a .docx file (its text is always Unicode, so
    *encoding* does not apply)."""
    del encoding
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
