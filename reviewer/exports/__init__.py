"""Exports of a review as aligned bilingual pairs: TSV for corpus tools, TMX and XLIFF for
CAT tools.

Which segments go out is decided here once for every format: by default every segment that has
English and is not excluded; with ``reviewed_only``, just the reviewed ones.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from pathlib import Path

from reviewer.document import ReviewDocument, Segment, Status
from reviewer.errors import NothingToExportError
from reviewer.storage import atomic_write


class ExtraColumn(enum.StrEnum):
    """Optional TSV columns after the Arabic and the English."""

    ID = "id"
    STATUS = "status"
    MT = "mt"
    #: Post-editing figures (reviewer.metrics): HTER and chrF of the machine's English
    #: against the final one, active editing seconds, keys counted.
    HTER = "hter"
    CHRF = "chrf"
    SECONDS = "seconds"
    KEYS = "keys"


@dataclasses.dataclass(frozen=True)
class ExportOptions:
    """What goes into an export, whatever its format."""

    reviewed_only: bool = False
    #: TSV only: a first line naming the columns.
    header: bool = False
    #: TSV only: extra columns, in this order, after the Arabic and the English.
    extra_columns: tuple[ExtraColumn, ...] = ()


@dataclasses.dataclass(frozen=True)
class ExportResult:
    """The bytes of an export, how many pairs they hold, and what the user should know."""

    data: bytes
    pairs: int
    warnings: list[str]


def exported_segments(document: ReviewDocument, options: ExportOptions) -> list[Segment]:
    """The segments an export holds, in document order."""
    if options.reviewed_only:
        return [s for s in document if s.status is Status.REVIEWED and s.has_target]
    return [s for s in document if s.status is not Status.EXCLUDED and s.has_target]


Writer = Callable[[ReviewDocument, list[Segment], ExportOptions], ExportResult]


def _writers() -> dict[str, Writer]:
    from reviewer.exports import spreadsheet, tmx, tsv, xliff

    return {"tsv": tsv.write, "tmx": tmx.write, "xliff": xliff.write, "csv": spreadsheet.write}


#: Export formats by name, and the file suffixes that imply each.
FORMATS: dict[str, tuple[str, ...]] = {
    "tsv": (".tsv", ".txt"),
    "tmx": (".tmx",),
    "xliff": (".xlf", ".xliff"),
    "csv": (".csv",),
}


def format_for_path(path: Path) -> str | None:
    """The export format a file name implies, if any."""
    suffix = path.suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    return None


def render(document: ReviewDocument, export_format: str, options: ExportOptions) -> ExportResult:
    """The export of *document* in *export_format* (a key of `FORMATS`).

    Raises `NothingToExportError` when no segment qualifies.
    """
    segments = exported_segments(document, options)
    if not segments:
        name = Path(document.article.path).name
        if options.reviewed_only:
            raise NothingToExportError(
                f"Nothing to export: no segment of {name} is reviewed yet. Review segments in "
                "the window (Ctrl+Enter marks one reviewed), or export without "
                "--reviewed-only to take the machine translations too."
            )
        raise NothingToExportError(
            f"Nothing to export: no segment of {name} has English yet. Translate it first "
            f"(reviewer translate {name}), or write the English in the window."
        )
    return _writers()[export_format](document, segments, options)


def export_to_file(
    document: ReviewDocument, path: Path, export_format: str, options: ExportOptions
) -> ExportResult:
    """Write the export of *document* to *path* atomically (`WriteError` if it cannot be)."""
    result = render(document, export_format, options)
    atomic_write(path, result.data)
    return result
