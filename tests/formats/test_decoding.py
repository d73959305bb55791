"""Decoding article bytes: BOMs, UTF-16 without BOM, UTF-8, legacy Arabic code pages, binary."""

from __future__ import annotations

import codecs

import pytest

from reviewer.errors import ArticleError
from reviewer.formats.decoding import decode_article_bytes

ARABIC = "القوات الأمريكية تغادر العراق بحلول نهاية العام.\nوقال الرئيس: «نعم»؟\n"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_and_is_not_part_of_the_text(
    bom: bytes, codec: str, expected: str
) -> None:
    decoded = decode_article_bytes(bom + ARABIC.encode(codec))
    assert decoded.text == ARABIC
    assert decoded.encoding == expected
    assert not decoded.guessed


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ARABIC, "Plain English text.\nSecond line.\n"])
def test_utf16_without_bom_is_recognised_from_its_byte_pattern(codec: str, text: str) -> None:
    decoded = decode_article_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec
    assert decoded.guessed


def test_utf8_without_bom_is_certain() -> None:
    decoded = decode_article_bytes(ARABIC.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.guessed) == (ARABIC, "utf-8", False)


def test_windows_1256_is_detected_as_a_guess(sample_text: str) -> None:
    decoded = decode_article_bytes(sample_text.encode("cp1256", errors="strict"))
    assert decoded.text == sample_text
    assert decoded.encoding == "cp1256"
    assert decoded.guessed


def test_iso_8859_6_is_detected_as_a_guess() -> None:
    # ISO-8859-6 has no curly quotes or hamza-on-alef forms beyond the basic set: use
    # text it can carry.
    text = "القوات الامريكية تغادر العراق بحلول نهاية العام. " * 20
    decoded = decode_article_bytes(text.encode("iso8859_6"))
    assert decoded.text == text
    assert decoded.encoding == "iso8859_6"
    assert decoded.guessed


def test_legacy_bytes_never_fail_to_decode() -> None:
    # Bytes undefined in ISO-8859-6 still decode (Windows-1256 maps every byte).
    data = bytes(range(0x80, 0x100)) * 4 + "عربي".encode("cp1256")
    decoded = decode_article_bytes(data)
    assert decoded.encoding == "cp1256"
    assert decoded.text.endswith("عربي")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), "ZIP"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x7fELF\x02\x01\x01" + bytes(40), "program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "Office"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, words: str) -> None:
    with pytest.raises(ArticleError, match=words):
        decode_article_bytes(data)


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(ArticleError, match="binary"):
        decode_article_bytes(b"abc\x00\x01\x02\x03def\x00ghi\x9a\x9b")


def test_a_high_share_of_control_characters_means_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 10 + b"some text"
    with pytest.raises(ArticleError, match="control characters"):
        decode_article_bytes(data)


def test_a_few_control_characters_are_tolerated() -> None:
    text = ARABIC * 10 + "\x07"
    assert decode_article_bytes(text.encode()).text == text


def test_a_damaged_file_with_a_bom_is_refused_with_advice() -> None:
    with pytest.raises(ArticleError, match="byte order mark"):
        decode_article_bytes(codecs.BOM_UTF8 + b"\xd8\xa7\xff\xfe\xfd")
