"""Exports that open safely: spreadsheets never run a cell; corpus formats keep the text."""

from __future__ import annotations

import csv
import io

import pytest

from reviewer.exports import ExportOptions, render, tsv
from reviewer.exports.spreadsheet import neutralise
from tests.exports.test_xml_exports import read_back
from tests.helpers.documents import make_document

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_a_cell_that_would_run_as_a_formula_is_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Iraq = peace") == "Iraq = peace"


def test_the_spreadsheet_export_quotes_everything_and_runs_nothing() -> None:
    document = make_document(*DANGEROUS)
    for segment, cell in zip(document, DANGEROUS, strict=True):
        segment.edit(cell)
    data = render(document, "csv", ExportOptions()).data
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads the Arabic as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["id", "status", "Arabic", "English"]
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "＝")) for cell in row[2:])


@pytest.mark.parametrize("export_format", ["tsv", "tmx", "xliff"])
def test_corpus_formats_keep_formula_like_text_exactly(export_format: str) -> None:
    document = make_document(*DANGEROUS)
    for segment, cell in zip(document, DANGEROUS, strict=True):
        segment.edit(cell)
    data = render(document, export_format, ExportOptions()).data
    if export_format == "tsv":
        assert [row[1] for row in tsv.read(data)] == DANGEROUS
    else:
        assert [target for _, _, target in read_back(export_format, data)] == DANGEROUS
