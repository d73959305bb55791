"""HTML articles: the article's headings and paragraphs, without the page around them.

Parsed with lxml.html. Scripts, styles, navigation, headers, footers, asides, forms and hidden
elements are dropped; when the page marks its article (``<article>``, ``<main>``,
``role="main"``) only that is read. Every block element (paragraph, heading, list item, table
cell...) and every ``<br>`` starts a new segment, the way the page shows it.

Pages that mark neither their article nor their navigation, but only class and id (menus,
"previous / up / next", share buttons, "most read" lists), are judged with jusText, a
boilerplate detector made for this: by each paragraph's length, its share of link text and of
common words (Arabic and English stop words, as Arabic pages quote English). What it calls
boilerplate and is mostly links, or a few words, is left out; a longer paragraph it doubts is
kept as furniture (excluded until the reviewer includes it), so a misjudged paragraph is never
lost. benchmarks/html_extraction.py measures this against trafilatura, readability-lxml and
jusText alone on real pages.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Sequence

import lxml.etree
import lxml.html

from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.formats.decoding import DecodedText, decode_article_bytes
from reviewer.segmentation import is_blank

_DROPPED = frozenset(
    {
        *("script", "style", "noscript", "template", "head", "title", "meta", "link"),
        *("nav", "footer", "aside", "form", "button", "select", "textarea"),
        *("iframe", "svg", "object", "embed", "canvas", "audio", "video", "map"),
    }
)
_DROPPED_ROLES = frozenset({"navigation", "contentinfo", "banner", "complementary", "search"})
_BLOCKS = frozenset(
    {
        *("body", "main", "article", "section", "header", "div", "address", "hr"),
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"),
        *("ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"),
    }
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)

Run = tuple[SegmentKind, list[str]]


def read_blocks(
    data: bytes, name: str, encoding: str | None = None, *, judge_furniture: bool = True
) -> tuple[list[tuple[SegmentKind, str]], str, bool]:
    """The headings and paragraphs of an HTML page's article (with the page furniture
    jusText finds left out or marked, unless *judge_furniture* is False)."""
    decoded = decode_article_bytes(data, name, encoding) if encoding else _decode(data, name)
    markup = _XML_DECLARATION.sub("", decoded.text, count=1)
    # A DOCTYPE's internal subset (entity declarations) is no text: libxml2's HTML parser
    # would leave its closing "]>" in the page as a paragraph.
    markup = _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", markup, count=1)
    if not markup.strip():
        return [], decoded.encoding, decoded.guessed
    parser = lxml.html.HTMLParser(huge_tree=True, no_network=True)
    try:
        page = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ArticleError(f"{name} could not be read as HTML ({error}).") from None
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise ArticleError(
            f"{name} nests its elements deeper than an HTML reader can follow, so part of "
            "its text would be lost. Save the article from a browser as plain text "
            "(.txt) and open that."
        )
    root = _article_root(page)
    _drop_page_furniture(root)
    runs: list[Run] = [(SegmentKind.PARAGRAPH, [])]
    _collect(root, SegmentKind.PARAGRAPH, runs)
    blocks: list[tuple[SegmentKind, str]] = []
    for kind, pieces in runs:
        line = _HTML_SPACE.sub(" ", "".join(pieces)).strip(" ")
        if not is_blank(line):
            blocks.append((kind, line.strip()))
    # A page that marks its article is taken at its word; jusText judges the others, when
    # they hold enough text for its measures (length, links, common words) to mean much.
    marked = isinstance(root.tag, str) and root.tag.lower() != "body"
    if judge_furniture and not marked and _words(blocks) >= LEAST_WORDS_JUDGED:
        blocks = _without_furniture(markup, blocks)
    return blocks, decoded.encoding, decoded.guessed


#: jusText's boilerplate that is left out rather than kept excluded: mostly links (a menu,
#: a list of other articles), or a few words ("السابق", "Download the ebook").
LINKS_LEFT_OUT = 0.5
WORDS_LEFT_OUT = 3
#: If less than this share of the page's words would be left as article, jusText has
#: misjudged the page (a page of short items): nothing is judged.
LEAST_ARTICLE_SHARE = 0.2
#: Pages with fewer words are not judged: there is too little to tell furniture by.
LEAST_WORDS_JUDGED = 150


def _words(blocks: Sequence[tuple[SegmentKind, str]]) -> int:
    return sum(len(text.split()) for _kind, text in blocks)


def _without_furniture(
    markup: str, blocks: list[tuple[SegmentKind, str]]
) -> list[tuple[SegmentKind, str]]:
    """*blocks* less the page furniture jusText finds, the doubtful part kept excluded."""
    try:
        import justext
    except ImportError:
        return blocks  # The reader as it was: every block of the article.
    try:
        paragraphs = justext.justext(markup, _stop_words())
    except Exception:
        return blocks
    left_out: set[str] = set()
    doubtful: set[str] = set()
    good: set[str] = set()
    for paragraph in paragraphs:
        text = _compared(paragraph.text)
        if not paragraph.is_boilerplate:
            good.add(text)
            continue
        mostly_links = paragraph.links_density() > LINKS_LEFT_OUT
        few_words = paragraph.words_count <= WORDS_LEFT_OUT
        (left_out if mostly_links or few_words else doubtful).add(text)
    # Blocks are matched by their text, and the same text can be in two places (a section
    # title, and the same title in the table of contents): the kinder judgement wins.
    left_out -= good | doubtful
    doubtful -= good
    # A heading jusText doubts stays a heading: short, and never a link list (those are
    # left out), it is the article's own more often than not.
    judged = [
        (
            SegmentKind.FURNITURE
            if kind is not SegmentKind.HEADING and _compared(text) in doubtful
            else kind,
            text,
        )
        for kind, text in blocks
        if _compared(text) not in left_out
    ]
    article = [(kind, text) for kind, text in judged if kind is not SegmentKind.FURNITURE]
    if _words(article) < LEAST_ARTICLE_SHARE * _words(blocks):
        return blocks
    return judged


def _compared(text: str) -> str:
    """*text* as blocks and jusText's paragraphs are matched: spaces and bidi marks aside."""
    return " ".join(_BIDI_MARKS.sub("", text).split())


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist("Arabic") | justext.get_stoplist("English"))


def _decode(data: bytes, name: str) -> DecodedText:
    """Honour a ``<meta charset>`` the page declares, unless a BOM says otherwise."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        label = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(label).name
            # Browsers read a page labelled ISO-8859-1 as Windows-1252; keep that reading.
            encoding = "cp1252" if encoding == "latin-1" else encoding
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # A wrong label: fall back to reading the bytes themselves.
        else:
            if "\x00" not in text:
                return DecodedText(text, encoding, guessed=False)
    return decode_article_bytes(data, name)


def _article_root(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for query in ("//article", "//main", "//*[@role='main']", "//body"):
        found = page.xpath(query)
        if found:
            element: lxml.html.HtmlElement = found[0]
            return element
    return page


def _drop_page_furniture(root: lxml.html.HtmlElement) -> None:
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if (
            tag in _DROPPED
            or element.get("role", "").lower() in _DROPPED_ROLES
            or element.get("hidden") is not None
            or element.get("aria-hidden", "").lower() == "true"
            or (tag == "header" and element is not root and not _inside_article(element))
        ):
            doomed.append(element)
    for element in doomed:
        if element is not root:
            # drop_tree keeps the element's tail text, which belongs to its parent.
            element.drop_tree()


def _inside_article(element: lxml.html.HtmlElement) -> bool:
    return any(
        isinstance(parent.tag, str) and parent.tag.lower() in ("article", "main")
        for parent in element.iterancestors()
    )


def _collect(element: lxml.html.HtmlElement, parent_kind: SegmentKind, runs: list[Run]) -> None:
    """Gather text into runs; each block element and ``<br>`` starts a new run.

    Walked with a stack of its own, not recursion: a page may nest thousands of elements.
    """
    # Each entry: an element to enter, or (on the way out) its tag, parent's kind and tail.
    stack: list[tuple[lxml.html.HtmlElement, SegmentKind] | tuple[str, SegmentKind, str]] = [
        (element, parent_kind)
    ]
    while stack:
        item = stack.pop()
        if len(item) == 3:
            tag, outer_kind, tail = item
            if tag in _BLOCKS:
                runs.append((outer_kind, []))
            if tail:
                runs[-1][1].append(tail)
            continue
        node, outer_kind = item
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        kind = SegmentKind.HEADING if tag in _HEADINGS else outer_kind
        if tag in _BLOCKS or tag == "br":
            runs.append((kind, []))
        if tag and node.text:
            runs[-1][1].append(node.text)
        # The way out first (popped last), then the children in reverse (popped in order).
        stack.append((tag, outer_kind, node.tail or "" if node is not element else ""))
        stack.extend((child, kind) for child in reversed(node))
