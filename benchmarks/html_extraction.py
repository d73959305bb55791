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

from reviewer.formats import html
from tests.helpers.corpora import handbook_pages, news_page

Extractor = Callable[[bytes], list[str]]
_MARKS = re.compile("[\u200e\u200f\u061c]")
NEWS_TITLE = "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"


def plain(text: str) -> str:
    """*text* compared: no bidi marks, spaces collapsed."""
    return " ".join(_MARKS.sub("", text).split())


def ours(page: bytes) -> list[str]:
    return [text for _kind, text in html.read_blocks(page, "page.html")[0]]


def extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {"reviewer": ours}
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
        both = justext.get_stoplist("Arabic") | justext.get_stoplist("English")

        def filtered_by_justext(page: bytes) -> list[str]:
            # A candidate: reviewer's blocks, less those jusText (Arabic and English stop
            # words) calls boilerplate.
            bad = {plain(p.text) for p in justext.justext(page, both) if p.is_boilerplate}
            return [block for block in ours(page) if plain(block) not in bad]

        found["reviewer less jusText's boilerplate (Arabic + English stop words)"] = (
            filtered_by_justext
        )
    return found


def handbook_truth(page: bytes) -> list[str]:
    """The handbook page's article: the page without its navigation blocks."""
    tree = lxml.html.document_fromstring(page)
    for element in tree.xpath("//*[@id='banner' or @id='title' or contains(@class, 'docnav')]"):
        element.drop_tree()
    return ours(lxml.html.tostring(tree, encoding="utf-8"))


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
        pages[f"handbook {name}"] = (handbook, handbook_truth(handbook))
    print("| extractor | page | article paragraphs kept | furniture lines let through |")
    print("|---|---|---|---|")
    for name, extract in extractors().items():
        for page_name, (data, truth) in pages.items():
            kept, furniture = score(extract(data), truth)
            print(f"| {name} | {page_name} | {kept}/{len(truth)} | {furniture} |")


if __name__ == "__main__":
    main()
