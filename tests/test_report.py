"""The review report: one self-contained HTML page that a browser renders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from reviewer.cli import main
from reviewer.document import MachineTranslation, ReviewDocument, WorkRecord
from reviewer.formats import read_article
from reviewer.project import new_project_path, save_project
from reviewer.report import render_report
from tests.conftest import ROOT, SAMPLE_ARTICLE, SAMPLE_PARAGRAPHS

SVG = "{http://www.w3.org/2000/svg}"


def _worked_review(folder: Path) -> tuple[Path, ReviewDocument]:
    """The sample article, machine-translated (its English reference with words dropped),
    the first 15 segments post-edited back to the reference, with recorded work."""
    article = Path(shutil.copy(SAMPLE_ARTICLE, folder / "article.txt"))
    document = read_article(article).to_document()
    english = (ROOT / "tests" / "data" / "sample_article.en.txt").read_text("utf-8").splitlines()
    for number, (segment, final) in enumerate(zip(document, english, strict=True)):
        words = final.split()
        machine = " ".join(w for i, w in enumerate(words) if i == 0 or (i + number) % 5 != 2)
        segment.accept_machine_translation(
            MachineTranslation(machine, "Helsinki-NLP/opus-mt-ar-en", {"num_beams": 1})
        )
        if number < 15:
            segment.edit(final)
            segment.mark_reviewed()
            segment.work = WorkRecord(
                seconds=10.0 + number,
                visits=1,
                inserted=number,
                started_from=machine,
                confirmed=f"2026-11-29T10:{number:02d}:00+00:00",
            )
    save_project(document, new_project_path(article))
    return article, document


def test_the_report_is_well_formed_and_self_contained(tmp_path: Path) -> None:
    _, document = _worked_review(tmp_path)
    page = render_report(document, "article.txt.reviewer.json")
    # Strictly well-formed (parsed as XML, not a forgiving HTML parser).
    root = etree.fromstring(page.encode("utf-8"))
    assert root.tag == "html"
    assert root.findtext("head/title") == "Review report: article.txt"
    svgs = root.findall(f".//{SVG}svg")
    assert len(svgs) == 3  # edits, time per word, words per hour: drawn, inline
    rows = root.findall(".//table[@class='segments']/tbody/tr")
    assert len(rows) == SAMPLE_PARAGRAPHS
    arabic = rows[4].findall("td")[2]
    assert arabic.get("dir") == "rtl"
    assert arabic.text == document.segments[4].source
    # Nothing fetched from anywhere: no script, no external style, image or font.
    assert root.find(".//script") is None
    assert not [e for e in root.iter() if e.get("src") or (e.get("href") or "#")[0] != "#"]
    most = [a.text for a in root.findall(".//ol/li/a")]
    assert 0 < len(most) <= 5
    assert "Helsinki-NLP/opus-mt-ar-en" in page


def test_reviewer_report_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, _ = _worked_review(tmp_path)
    out = tmp_path / "report.html"
    assert main(["report", str(article), "-o", str(out)]) == 0
    assert "Report written" in capsys.readouterr().err
    assert "<h1>Review report: article.txt</h1>" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_real_browser_renders_the_report(tmp_path: Path) -> None:
    """Headless Chromium (Debian's) draws the page: a screenshot the size asked for, and
    not blank. Skipped where Chromium is not installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian: apt install chromium)")
    _, document = _worked_review(tmp_path)
    page = tmp_path / "report.html"
    page.write_text(render_report(document, "article.txt.reviewer.json"), encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1600)
    colours = {image.getpixel((x, y)) for x in range(0, 1200, 40) for y in range(0, 1600, 40)}
    assert len(colours) > 5  # text, tables and plots, not a blank page
