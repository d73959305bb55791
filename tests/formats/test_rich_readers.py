"""Reading Markdown, HTML and Word articles: the article's text, without the markup."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.formats import html, markdown, read_article

H = SegmentKind.HEADING
P = SegmentKind.PARAGRAPH


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- Markdown -------------------------------------------------------------------------


def test_markdown_headings_paragraphs_and_lists_lose_their_markup(tmp_path: Path) -> None:
    source = (
        "---\ntitle: front matter\n---\n"
        "# القوات **الأمريكية** تغادر\n\n"
        "أعلن [الرئيس](https://example.org) جو *بايدن*\nأن القوات ستغادر.\n\n"
        "- أول بند\n- ثاني &amp; بند\n\n"
        "```\ncode()\n```\n\n"
        "<div>raw html</div>\n\n"
        "سطر  \nمع فاصل صلب\n\n"
        "| عمود | آخر |\n|---|---|\n| خلية | `رمز` |\n"
    )
    article = read_article(_write(tmp_path, "a.md", source))
    assert article.info.format == "markdown"
    assert article.blocks == [
        (H, "القوات الأمريكية تغادر"),
        (P, "أعلن الرئيس جو بايدن أن القوات ستغادر."),
        (P, "أول بند"),
        (P, "ثاني & بند"),
        (P, "سطر"),
        (P, "مع فاصل صلب"),
        (P, "عمود"),
        (P, "آخر"),
        (P, "خلية"),
        (P, "رمز"),
    ]


def test_markdown_in_windows_1256_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.md", "## عنوان\n\nنص المقال هنا.\n".encode("cp1256"))
    article = read_article(path)
    assert article.blocks == [(H, "عنوان"), (P, "نص المقال هنا.")]
    assert article.info.encoding == "cp1256"


def test_markdown_with_only_markup_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no text"):
        read_article(_write(tmp_path, "a.md", "```\ncode\n```\n\n---\n"))


# --- HTML -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>عنوان الصفحة</title>
<style>p { color: red }</style><script>var x = "لا";</script></head>
<body>
<header><nav><a href="/">الرئيسية</a></nav></header>
<article>
  <header><h1>القوات  الأمريكية
  تغادر العراق</h1></header>
  <p>أعلن الرئيس <b>جو بايدن</b> أن القوات&nbsp;ستغادر.</p>
  <div>نص مباشر<p>فقرة داخلية</p>ذيل</div>
  <p>سطر<br>آخر</p>
  <ul><li>بند</li></ul>
  <p hidden>مخفي</p>
  <aside>إعلان</aside>
  <form><label>اترك ردا</label><textarea></textarea></form>
  <p>&nbsp;</p>
</article>
<footer>حقوق النشر</footer>
</body></html>"""


def test_html_keeps_the_article_and_drops_the_page_around_it(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "a.html", PAGE))
    assert article.info.format == "html"
    assert article.blocks == [
        (H, "القوات الأمريكية تغادر العراق"),
        (P, "أعلن الرئيس جو بايدن أن القوات\u00a0ستغادر."),
        (P, "نص مباشر"),
        (P, "فقرة داخلية"),
        (P, "ذيل"),
        (P, "سطر"),
        (P, "آخر"),
        (P, "بند"),
    ]


def test_html_without_an_article_element_reads_the_body(tmp_path: Path) -> None:
    page = (
        "<html><body><nav>قائمة</nav><h2>عنوان</h2><p>فقرة</p><footer>تذييل</footer></body></html>"
    )
    assert read_article(_write(tmp_path, "a.htm", page)).blocks == [(H, "عنوان"), (P, "فقرة")]


def test_html_declared_windows_1256_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=windows-1256"></head><body><p>مرحبا بكم</p></body></html>'
    )
    article = read_article(_write(tmp_path, "a.html", page.encode("cp1256")))
    assert article.blocks == [(P, "مرحبا بكم")]
    assert article.info.encoding == "cp1256"
    assert not article.info.encoding_guessed


def test_html_without_a_declared_charset_is_detected(tmp_path: Path) -> None:
    page = "<html><body><p>مرحبا بكم في الموقع</p></body></html>"
    article = read_article(_write(tmp_path, "a.html", page.encode("cp1256")))
    assert article.blocks == [(P, "مرحبا بكم في الموقع")]
    assert article.info.encoding_guessed


def test_xhtml_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>نص</p></body></html>'
    assert read_article(_write(tmp_path, "a.xhtml", page)).blocks == [(P, "نص")]


def test_html_with_no_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no text"):
        read_article(_write(tmp_path, "a.html", "<html><body><script>x()</script></body></html>"))


# --- Word -----------------------------------------------------------------------------


def test_docx_paragraphs_headings_and_tables_in_reading_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("القوات الأمريكية تغادر", level=1)
    document.add_paragraph("الفقرة الأولى.")
    document.add_paragraph("   ")
    paragraph = document.add_paragraph("سطر")
    paragraph.add_run().add_break()
    paragraph.add_run("بعد الفاصل")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "خلية أولى"
    table.cell(0, 1).text = "خلية ثانية"
    document.add_paragraph("الخاتمة")
    path = tmp_path / "a.docx"
    document.save(str(path))

    article = read_article(path)
    assert article.info.format == "docx"
    assert article.blocks == [
        (H, "القوات الأمريكية تغادر"),
        (P, "الفقرة الأولى."),
        (P, "سطر"),
        (P, "بعد الفاصل"),
        (P, "خلية أولى"),
        (P, "خلية ثانية"),
        (P, "الخاتمة"),
    ]


@pytest.mark.parametrize(
    "content", [b"not a zip at all", b"PK\x03\x04broken zip", b"PK\x05\x06" + bytes(18)]
)
def test_a_broken_docx_is_refused_with_advice(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(ArticleError, match=r"\.docx|Word"):
        read_article(_write(tmp_path, "a.docx", content))


def test_an_empty_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(ArticleError, match="no text"):
        read_article(path)


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_html_is_read(depth: int) -> None:
    """libxml2 stops at 256 levels unless told otherwise: the text vanished, silently."""
    page = ("<div>" * depth + "<p>نص في العمق</p>" + "</div>" * depth).encode()
    blocks, _, _ = html.read_blocks(page, "deep.html")
    assert [text for _, text in blocks] == ["نص في العمق"]


def test_html_nested_beyond_any_reader_is_reported_not_dropped() -> None:
    page = ("<div>" * 5000 + "<p>نص</p>" + "</div>" * 5000).encode()
    with pytest.raises(ArticleError, match="nests its elements deeper"):
        html.read_blocks(page, "deeper.html")


def test_a_doctype_with_declarations_leaves_nothing_behind() -> None:
    page = b'<!DOCTYPE html [\n <!ENTITY a "b">\n]>\n<html><body><p>text</p></body></html>'
    blocks, _, _ = html.read_blocks(page, "doctype.html")
    assert [text for _, text in blocks] == ["text"]


@pytest.mark.parametrize("depth", [25, 90])
def test_deeply_nested_markdown_is_read(depth: int) -> None:
    """markdown-it's CommonMark preset stops at 20 levels and drops the rest silently."""
    blocks, _, _ = markdown.read_blocks((">" * depth + " نص في العمق\n").encode(), "deep.md")
    assert [text for _, text in blocks] == ["نص في العمق"]


def test_markdown_nested_beyond_the_limit_is_reported_not_dropped() -> None:
    with pytest.raises(ArticleError, match="nests quotes or lists deeper"):
        markdown.read_blocks((">" * 300 + " نص\n").encode(), "deeper.md")
