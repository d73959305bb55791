"""CSV for spreadsheets (Excel, LibreOffice Calc), made safe to open.

Unlike the corpus formats, a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (CSV injection): an article can contain such text by accident or by design.
Those cells get a leading apostrophe, which spreadsheets show as text and do not display.
The corpus formats (TSV, TMX, XLIFF) keep the text exactly; this one is for people's eyes.
UTF-8 with a BOM (so Excel reads the Arabic), CRLF, every field quoted.
"""

from __future__ import annotations

import csv
import io

from reviewer.document import ReviewDocument, Segment
from reviewer.exports import ExportOptions, ExportResult

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HEADER = ("id", "status", "Arabic", "English")


def neutralise(cell: str) -> str:
    """*cell* as a spreadsheet will show it as text, never run it."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def write(
    document: ReviewDocument, segments: list[Segment], options: ExportOptions
) -> ExportResult:
    """The CSV export of *segments*."""
    del document, options
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for segment in segments:
        writer.writerow(
            [
                segment.id,
                segment.status.value,
                neutralise(segment.source),
                neutralise(segment.target),
            ]
        )
    data = buffer.getvalue().encode("utf-8-sig")
    return ExportResult(data=data, pairs=len(segments), warnings=[])
