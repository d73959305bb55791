"""Reading plain-text articles: paths, sizes, encodings, line endings, paragraphs."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from reviewer import formats
from reviewer.document import SegmentKind
from reviewer.errors import ArticleError
from reviewer.formats import read_article
from tests.conftest import SAMPLE_ARTICLE, SAMPLE_PARAGRAPHS


def _paragraphs(path: Path) -> list[str]:
    return [text for _, text in read_article(path).blocks]


def test_the_sample_article_is_exactly_its_23_paragraphs() -> None:
    article = read_article(SAMPLE_ARTICLE)
    assert len(article.blocks) == SAMPLE_PARAGRAPHS
    assert all(kind is SegmentKind.PARAGRAPH for kind, _ in article.blocks)
    texts = [text for _, text in article.blocks]
    assert texts[0] == "العراق"
    assert texts[-2] == "اترك ردا"
    assert texts[-1].endswith("بـ *")
    # Two paragraphs separated by a single line break in the file stay two paragraphs.
    assert texts[11].endswith("أفغانستان.")
    assert texts[12].startswith("وفي حديثه")
    assert article.info.encoding == "utf-8"
    assert not article.info.encoding_guessed
    assert article.info.format == "text"


ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
    ("cp1256", b""),
]
NEWLINES = ["\n", "\r\n", "\r", "\u2028", "\u2029"]


@pytest.mark.parametrize(
    ("codec", "bom", "newline"),
    [
        (codec, bom, newline)
        for codec, bom in ENCODINGS
        for newline in NEWLINES
        # Windows-1256 cannot carry the Unicode separators.
        if not (codec == "cp1256" and newline in ("\u2028", "\u2029"))
    ],
)
def test_the_sample_reads_the_same_in_every_encoding_and_line_ending(
    tmp_path: Path, sample_text: str, codec: str, bom: bytes, newline: str
) -> None:
    expected = _paragraphs(SAMPLE_ARTICLE)
    path = tmp_path / "article.txt"
    path.write_bytes(bom + sample_text.replace("\n", newline).encode(codec))
    assert _paragraphs(path) == expected


def test_iso_8859_6_file_reads_as_the_same_paragraphs(tmp_path: Path, sample_text: str) -> None:
    # ISO-8859-6 lacks the sample's curly quotes and dash; swap them for ones it has.
    text = sample_text.translate(str.maketrans({"“": '"', "”": '"', "–": "-"}))
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("iso8859_6"))
    article = read_article(path)
    assert article.info.encoding == "iso8859_6"
    assert article.info.encoding_guessed
    assert len(article.blocks) == SAMPLE_PARAGRAPHS


def test_blank_lines_of_spaces_and_no_break_spaces_are_not_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("أول\n \t\n\u00a0\u00a0\n\u200f\n\u3000\nثان\n\n\nثالث", encoding="utf-8")
    assert _paragraphs(path) == ["أول", "ثان", "ثالث"]


def test_invisible_bidi_and_zero_width_characters_stay_in_the_source(tmp_path: Path) -> None:
    text = "\u200fمرحبا\u200c بالعالم\u202b\u2066x\u2069\u0640"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert _paragraphs(path) == [text]


def test_text_is_nfc_never_nfkc(tmp_path: Path) -> None:
    # Alef + combining hamza above composes (NFC); the ligature ﻻ must not be decomposed
    # (NFKC would turn it into two letters) and neither must the Arabic presentation forms.
    path = tmp_path / "a.txt"
    path.write_text("\u0627\u0654 \ufefb \ufdf2", encoding="utf-8")
    assert _paragraphs(path) == ["\u0623 \ufefb \ufdf2"]


def test_inner_spacing_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("  كلمة   ،  أخرى\t!  \n", encoding="utf-8")
    assert _paragraphs(path) == ["كلمة   ،  أخرى\t!"]


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n", "\u00a0\n \u200f\n".encode()])
def test_empty_or_blank_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=r"empty|no text"):
        read_article(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="No file at"):
        read_article(tmp_path / "nowhere.txt")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="folder"):
        read_article(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("نص", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ArticleError, match="permission denied"):
        read_article(path)


def test_an_unreadable_file_is_refused_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("نص", encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reviewer.storage.os.open", refuse)
    with pytest.raises(ArticleError, match="permission denied"):
        read_article(path)


def test_a_file_too_large_is_refused_with_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        formats,
        "TEXT_READER",
        formats.TEXT_READER.__class__("text", (".txt",), 1024, formats.TEXT_READER.read),
    )
    path = tmp_path / "big.txt"
    path.write_text("كلمة " * 1000, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"too large.*limit is"):
        read_article(path)


def test_the_real_size_limit_is_generous_but_finite() -> None:
    assert 4 * 2**20 <= formats.MAX_TEXT_BYTES <= 64 * 2**20


def test_a_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    with pytest.raises(ArticleError, match="PDF"):
        read_article(path)


def test_unknown_suffixes_are_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text("سطر\nآخر", encoding="utf-8")
    assert _paragraphs(path) == ["سطر", "آخر"]


def test_the_article_records_a_hash_of_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("نص", encoding="utf-8")
    first = read_article(path).info.sha256
    path.write_text("نص آخر", encoding="utf-8")
    assert read_article(path).info.sha256 != first


def test_a_chosen_encoding_overrides_the_guess(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(sample_text.encode("cp1256"))
    assert read_article(path).info.encoding_guessed
    chosen = read_article(path, encoding="cp1256")
    assert (chosen.info.encoding, chosen.info.encoding_guessed) == ("cp1256", False)
    assert len(chosen.blocks) == SAMPLE_PARAGRAPHS
    with pytest.raises(ArticleError, match="not valid UTF-8"):
        read_article(path, encoding="utf-8")
