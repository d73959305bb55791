"""Bad input, fuzzed: every input either loads or gives the tool's own clear error.

Random bytes and mutations of good files (flipped bytes, cuts, insertions) go through every
article reader, the project file reader and the TSV reader. Never a traceback of another
kind, never a hang.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import ProjectError, ReviewerError
from reviewer.exports import tsv
from reviewer.formats import read_article
from reviewer.project import decode_project, encode_project
from tests.conftest import SAMPLE_ARTICLE
from tests.helpers.documents import reviewed_document

T = TypeVar("T")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("القوات الأمريكية تغادر", 1)
    document.add_paragraph("الفقرة الأولى. الثانية؟")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


GOOD = {
    ".txt": SAMPLE_ARTICLE.read_bytes(),
    ".md": "# عنوان\n\nفقرة *مهمة* [رابط](x).\n\n- بند\n".encode(),
    ".html": (
        "<html><body><article><h1>عنوان</h1><p>فقرة &amp; نص</p></article></body></html>"
    ).encode(),
    ".docx": _docx_bytes(),
}


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """*original* with a few random edits: flipped bytes, a cut, an insertion."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[position : position + draw(st.integers(1, 64))]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[position:]
    return bytes(data)


def outcome(call: Callable[[], T]) -> tuple[T | None, str | None]:
    """What *call* gave: its result, or reviewer's own message. Any other exception
    propagates and fails the test."""
    try:
        return call(), None
    except ReviewerError as error:
        return None, str(error)


def _read(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    article, message = outcome(lambda: read_article(path))
    if article is None:
        assert message  # a message for the user
        return
    assert article.blocks
    assert all(isinstance(text, str) and text for _, text in article.blocks)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", sorted(GOOD))
@FUZZ
@given(data=st.data())
def test_article_readers_never_crash_on_mutated_files(
    tmp_path: Path, suffix: str, data: st.DataObject
) -> None:
    _read(tmp_path, suffix, data.draw(mutated(GOOD[suffix])))


@pytest.mark.parametrize("suffix", sorted(GOOD))
@FUZZ
@given(raw=st.binary(max_size=2048))
def test_article_readers_never_crash_on_random_bytes(
    tmp_path: Path, suffix: str, raw: bytes
) -> None:
    _read(tmp_path, suffix, raw)


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_the_project_reader_never_crashes(data: st.DataObject) -> None:
    good = encode_project(reviewed_document())
    raw = data.draw(st.one_of(mutated(good), st.binary(max_size=512)))
    document, message = outcome(lambda: decode_project(raw, Path("fuzzed.reviewer.json")))
    if document is None:
        assert message
        return
    assert all(isinstance(s.source, str) for s in document)


@FUZZ
@given(
    payload=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=8),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_the_project_reader_refuses_any_json_that_is_not_a_project(payload: object) -> None:
    """Whatever JSON it is given, the reader gives a review or reviewer's own error, never
    anything else; JSON that is not a project at all is always refused."""
    wrapped = {"format": "reviewer-project", "version": 1, "article": payload, "segments": payload}
    with pytest.raises(ProjectError, match="not a reviewer project file"):
        decode_project(json.dumps(payload).encode(), Path("x.reviewer.json"))
    document, message = outcome(
        lambda: decode_project(json.dumps(wrapped).encode(), Path("x.reviewer.json"))
    )
    if document is None:
        assert "is damaged" in (message or "")
    else:
        # Only an empty review can come out of an article and segments that are the same
        # value (a list of segments is never also an article object).
        assert len(document) == 0


@FUZZ
@given(raw=st.binary(max_size=1024))
def test_the_tsv_reader_never_crashes(raw: bytes) -> None:
    rows, _ = outcome(lambda: tsv.read(raw))
    if rows is None:
        return
    assert all(isinstance(field, str) for row in rows for field in row)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY secret SYSTEM "file://{secret}">
]>"""


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


def test_html_with_entity_bombs_and_external_entities_expands_and_fetches_nothing(
    tmp_path: Path, secret: Path
) -> None:
    page = BILLION_LAUGHS.format(secret=secret) + (
        "<html><body><p>نص &lol9; و &secret; نهاية</p></body></html>"
    )
    path = tmp_path / "bomb.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)  # read, not refused: the page itself is fine
    text = " ".join(block for _, block in article.blocks)
    assert "TOP-SECRET" not in text
    assert text.count("lol") < 100
    assert "نهاية" in text  # the paragraph is there...
    assert all("]>" not in block for _, block in article.blocks)  # ...and no DTD leftovers


def _docx_with_doctype(doctype: str, reference: str) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    body = good.read("word/document.xml").decode("utf-8")
    declaration_end = body.index("?>") + 2
    body = (
        body[:declaration_end]
        + doctype
        + body[declaration_end:].replace("الفقرة الأولى.", reference)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bombed:
        for name in good.namelist():
            content = body.encode() if name == "word/document.xml" else good.read(name)
            bombed.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("with_bomb", [False, True])
def test_a_docx_with_entity_bombs_and_external_entities_expands_and_fetches_nothing(
    tmp_path: Path, secret: Path, with_bomb: bool
) -> None:
    if with_bomb:
        doctype = BILLION_LAUGHS.format(secret=secret).replace('<?xml version="1.0"?>', "")
        doctype = doctype.replace("lolz", "w:document")
        reference = "&lol9; &secret;"
    else:
        doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret}">]>'
        reference = "&secret;"
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with_doctype(doctype, reference))
    article, message = outcome(lambda: read_article(path))
    if article is None:
        assert "Word" in (message or "")
        return
    text = " ".join(block for _, block in article.blocks)
    assert "TOP-SECRET" not in text
    assert text.count("lol") < 100
    assert "القوات الأمريكية تغادر" in text  # the rest of the document is read
