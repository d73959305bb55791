"""Article text out of real Arabic pages: what each extractor keeps of the article and how
much page furniture it lets through. Run by hand:

    .venv/bin/python -m benchmarks.html_extraction

Pages (tests/helpers/corpora.py): a CNN Arabic news page with its article's paragraphs as
newspaper4k's authors checked them, and five pages of the Arabic Debian Administrator's
Handbook, whose article is the page without its navigation (the ``banner`` and ``title``
blocks and the ``docnav`` lists, marked only by id and class). Compared: reviewer's HTML reader
as it is, and trafilatura, readability-lxml and jusText when installed.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable

import lxml.html

from reviewer.document import SegmentKind
from reviewer.formats import html
from tests.helpers.corpora import handbook_article, handbook_pages, news_page

Extractor = Callable[[bytes], list[str]]
_MARKS = re.compile("[\u200e\u200f\u061c]")
NEWS_TITLE = "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"


def plain(text: str) -> str:
    """*text* compared: no bidi marks, spaces collapsed."""
    return " ".join(_MARKS.sub("", text).split())


def ours(page: bytes) -> list[str]:
    """The segments reviewer translates (not those kept excluded as furniture)."""
    blocks = html.read_blocks(page, "page.html")[0]
    return [text for kind, text in blocks if kind is not SegmentKind.FURNITURE]


def before(page: bytes) -> list[str]:
    """The reader before it judged furniture."""
    return [text for _kind, text in html.read_blocks(page, "p.html", judge_furniture=False)[0]]


def kept_excluded(page: bytes, truth: list[str]) -> tuple[int, int]:
    """Blocks reviewer keeps excluded as doubtful furniture (the reviewer can include them),
    and article paragraphs left out altogether (neither translated nor kept excluded)."""
    blocks = html.read_blocks(page, "page.html")[0]
    everything = plain(" ".join(text for _, text in blocks))
    lost = sum(plain(line) not in everything for line in truth)
    return sum(kind is SegmentKind.FURNITURE for kind, _ in blocks), lost


def extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {"reviewer before": before, "reviewer now": ours}
    if importlib.util.find_spec("trafilatura"):
        import trafilatura

        def with_trafilatura(page: bytes, *, recall: bool = False) -> list[str]:
            text = trafilatura.extract(
                page.decode("utf-8", "replace"),
                include_tables=True,
                include_comments=False,
                favor_recall=recall,
            )
            return [line for line in (text or "").splitlines() if line.strip()]

        found["trafilatura"] = with_trafilatura
        found["trafilatura, favor_recall"] = lambda page: with_trafilatura(page, recall=True)
    if importlib.util.find_spec("readability"):
        from readability import Document

        def with_readability(page: bytes) -> list[str]:
            summary = lxml.html.fromstring(Document(page.decode("utf-8", "replace")).summary())
            blocks = summary.iter("p", "h1", "h2", "h3", "h4", "li", "pre", "td")
            texts = [" ".join(e.text_content().split()) for e in blocks]
            return [t for t in texts if t] or [summary.text_content()]

        found["readability-lxml"] = with_readability
    if importlib.util.find_spec("justext"):
        import justext

        def with_justext(page: bytes) -> list[str]:
            found = justext.justext(page, justext.get_stoplist("Arabic"))
            return [p.text for p in found if not p.is_boilerplate]

        found["jusText (Arabic stop words)"] = with_justext
    return found


def score(extracted: list[str], truth: list[str]) -> tuple[int, int]:
    """(article paragraphs found in *extracted*, extracted lines that are no article)."""
    joined, known = plain(" ".join(extracted)), plain(" ".join(truth))
    kept = sum(plain(line) in joined for line in truth)
    furniture = sum(plain(line) not in known for line in extracted)
    return kept, furniture


def main() -> None:
    page, paragraphs = news_page()
    pages = {"CNN Arabic news": (page, [NEWS_TITLE, *paragraphs])}
    for name, handbook in handbook_pages().items():
        pages[f"handbook {name}"] = (handbook, handbook_article(handbook))
    print(
        "| extractor | page | article paragraphs kept | furniture lines let through | "
        "doubtful blocks kept excluded | article paragraphs lost |"
    )
    print("|---|---|---|---|---|---|")
    for name, extract in extractors().items():
        for page_name, (data, truth) in pages.items():
            kept, furniture = score(extract(data), truth)
            excluded, lost = kept_excluded(data, truth) if name == "reviewer now" else ("-", "-")
            print(
                f"| {name} | {page_name} | {kept}/{len(truth)} | {furniture} | {excluded} | "
                f"{lost} |"
            )


if __name__ == "__main__":
    main()
