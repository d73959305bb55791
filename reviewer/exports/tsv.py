"""Tab-separated pairs, the format corpus tools read: line N is pair N.

Arabic first, then English, UTF-8 without a BOM, LF line endings, no quoting. Inside a field
the four characters that would break the layout are escaped: backslash as ``\\``, tab as
``\t``, line feed as ``\n`` and carriage return as ``\r``. `read` undoes exactly that.
"""

from __future__ import annotations

import re

from reviewer.document import ReviewDocument, Segment
from reviewer.errors import DataFileError
from reviewer.exports import ExportOptions, ExportResult, ExtraColumn

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPED = re.compile(r"[\\\t\n\r]")
_ESCAPE_SEQUENCE = re.compile(r"\\(.)", re.DOTALL)

#: Header names of the columns.
SOURCE_COLUMN = "ar"
TARGET_COLUMN = "en"


def escape(field: str) -> str:
    """*field* with backslash, tab, LF and CR written as two-character escapes."""
    return _ESCAPED.sub(lambda match: _ESCAPES[match.group()], field)


def unescape(field: str) -> str:
    """The inverse of `escape`; an unknown escape such as ``\\x`` is kept as written."""
    return _ESCAPE_SEQUENCE.sub(lambda match: _UNESCAPES.get(match.group(1), match.group()), field)


def write(
    document: ReviewDocument, segments: list[Segment], options: ExportOptions
) -> ExportResult:
    """The TSV export of *segments*."""
    del document  # Every TSV column comes from the segments themselves.
    lines = []
    if options.header:
        names = [SOURCE_COLUMN, TARGET_COLUMN, *(column.value for column in options.extra_columns)]
        lines.append("\t".join(names))
    for segment in segments:
        fields = [segment.source, segment.target]
        fields.extend(_extra(segment, column) for column in options.extra_columns)
        lines.append("\t".join(escape(field) for field in fields))
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    return ExportResult(data=data, pairs=len(segments), warnings=[])


def read(data: bytes, *, header: bool = False) -> list[list[str]]:
    """The rows of a TSV export, fields unescaped; the header line is skipped if present.

    Raises `DataFileError` for bytes that are not UTF-8 text.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"This TSV file is not UTF-8 text (byte {error.start}): it was not written by "
            "reviewer, or it was damaged."
        ) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if header and lines:
        lines.pop(0)
    return [[unescape(field) for field in line.split("\t")] for line in lines]


def _extra(segment: Segment, column: ExtraColumn) -> str:
    if column is ExtraColumn.ID:
        return segment.id
    if column is ExtraColumn.STATUS:
        return segment.status.value
    if column is ExtraColumn.MT:
        return segment.machine.text if segment.machine is not None else ""
    if column is ExtraColumn.SECONDS:
        return f"{segment.work.seconds:.1f}"
    if column is ExtraColumn.KEYS:
        return str(segment.work.keys)
    from reviewer.metrics import segment_figures

    figures = segment_figures(segment)
    value = figures.hter if column is ExtraColumn.HTER else figures.chrf
    return "" if value is None else f"{value:.2f}"
