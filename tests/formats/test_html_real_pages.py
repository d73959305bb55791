"""Page furniture out of real Arabic pages nobody here wrote (tests/helpers/corpora.py cites
them): a CNN Arabic news page and pages of the Arabic Debian handbook, whose navigation is
marked only by class and id."""

from __future__ import annotations

import re

import pytest

from reviewer.document import ReviewDocument, SegmentKind, Status
from reviewer.formats import html
from tests.helpers.corpora import handbook_article, handbook_pages, news_page
from tests.helpers.documents import ARTICLE

MARKS = re.compile("[\u200e\u200f]")


def plain(text: str) -> str:
    return " ".join(MARKS.sub("", text).split())


def test_a_news_page_gives_its_article_and_not_its_menus() -> None:
    page, paragraphs = news_page()
    blocks, _encoding, _guessed = html.read_blocks(page, "syria.html")
    article = [text for kind, text in blocks if kind is not SegmentKind.FURNITURE]
    assert article[0] == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"  # the headline
    assert blocks[0][0] is SegmentKind.HEADING
    joined = plain(" ".join(article))
    assert all(plain(paragraph) in joined for paragraph in paragraphs)  # checked by hand
    for menu in ("الصفحة الرئيسية", "الشرق الأوسط", "CNN en Español", "الأكثر تصفحاً"):
        assert all(menu not in text for _kind, text in blocks)
    # What the detector doubts is kept, excluded: the copyright line.
    furniture = [text for kind, text in blocks if kind is SegmentKind.FURNITURE]
    assert any(text.startswith("©") for text in furniture)
    # Before, 33 lines of menus and lists came through; now two notes about comments do.
    assert len(article) <= len(paragraphs) + 1 + 2


@pytest.mark.parametrize("name", ["apt.html", "sect.apt-get.html", "foreword.html"])
def test_documentation_navigation_marked_only_by_class_is_left_out(name: str) -> None:
    page = handbook_pages()[name]
    blocks = html.read_blocks(page, name)[0]
    before = html.read_blocks(page, name, judge_furniture=False)[0]
    texts = [text for _kind, text in blocks]
    for furniture in ("Download the ebook", "السابق", "أعلى", "البداية", "التالي"):
        assert furniture in [text for _kind, text in before]  # the page has it...
        assert furniture not in texts  # ...and it is left out
    assert not any(text.startswith("السابق") for text in texts)  # labels glued to titles
    # Nothing of the article (the page less what its own markup calls navigation) is lost
    # but bare links ("→ https://…"): what the detector doubts is kept, excluded.
    kept = plain(" ".join(texts))
    lost = [text for text in handbook_article(page) if plain(text) not in kept]
    assert all(text.startswith("→") for text in lost), lost


def test_furniture_is_kept_excluded_so_the_reviewer_can_take_it_back() -> None:
    blocks = [(SegmentKind.HEADING, "عنوان"), (SegmentKind.FURNITURE, "© 2013 حقوق النشر")]
    document = ReviewDocument.from_blocks(ARTICLE, blocks)
    heading, furniture = document.segments
    assert heading.status is Status.UNTRANSLATED
    assert furniture.status is Status.EXCLUDED
    assert not furniture.needs_translation
    furniture.reopen()  # Ctrl+E in the window
    assert furniture.needs_translation


def test_a_page_the_detector_would_empty_keeps_everything() -> None:
    items = "".join(f"<li><a href='/{n}'>بند رقم {n}</a></li>" for n in range(80))
    page = f"<html><body><ul>{items}</ul></body></html>"
    blocks = html.read_blocks(page.encode(), "list.html")[0]
    assert len(blocks) == 80  # all links, all short: jusText would leave nothing


def test_a_page_that_marks_its_article_is_taken_at_its_word() -> None:
    page, _paragraphs = news_page()
    marked = page.replace(b"<body", b"<body><article>", 1).replace(b"</body>", b"</article></body>")
    blocks = html.read_blocks(marked, "marked.html")[0]
    assert any("الصفحة الرئيسية" in text for _kind, text in blocks)  # nothing judged
