"""Turning the bytes of a text file into text, the way an Arabic article is really saved.

The order matters and follows how sure each signal is:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins;
2. UTF-16 without a BOM, recognised from its byte pattern (every other byte is zero for Latin
   text, or 0x06 for Arabic);
3. strict UTF-8, which almost never decodes a legacy file by accident;
4. the legacy Arabic code pages, Windows-1256 and ISO-8859-6, told apart by charset-normalizer
   (restricted to those two), with Windows-1256 as the fallback since it maps every byte.

Only steps 2 and 4 are guesses, and the result says so. Binary files are refused before any
guess is made, so a PDF is never "decoded" as Windows-1256.
"""

from __future__ import annotations

import codecs
import dataclasses
import unicodedata

from reviewer.errors import ArticleError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of files people drop on a text tool by mistake, and what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub file is one too)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a media file"),
)

#: Share of control characters above which decoded "text" is taken for binary data.
MAX_CONTROL_SHARE = 0.05

#: Legacy code pages an Arabic article may come in, as Python names them.
LEGACY_ARABIC_ENCODINGS = ("cp1256", "iso8859_6")

# Control characters that plain text legitimately holds.
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85")


@dataclasses.dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding used and whether it was a guess."""

    text: str
    encoding: str
    guessed: bool


def decode_article_bytes(
    data: bytes, name: str = "the file", encoding: str | None = None
) -> DecodedText:
    """Decode the bytes of a text article, or raise `ArticleError` saying why not.

    *name* is how the file is called in messages. *encoding*, when the reviewer chose one,
    overrides the detection (a BOM of that encoding is still skipped).
    """
    if encoding is not None:
        return _decode_as(data, name, encoding)
    decoded = _decode_by_bom(data) or _decode_utf16_without_bom(data)
    if decoded is None:
        _refuse_binary_signature(data, name)
        if b"\x00" in data:
            raise ArticleError(
                f"{name} looks like a binary file (it holds NUL bytes), not a text article. "
                "Open the article itself: a .txt, .md, .html or .docx file."
            )
        decoded = _decode_utf8(data) or _decode_legacy_arabic(data)
    _refuse_control_characters(decoded.text, name)
    return decoded


def describe_encoding(encoding: str) -> str:
    """The name people know an encoding by (``cp1256`` is "Windows-1256")."""
    known = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16-le": "UTF-16 LE",
        "utf-16-be": "UTF-16 BE",
        "utf-32-le": "UTF-32 LE",
        "utf-32-be": "UTF-32 BE",
        "cp1256": "Windows-1256",
        "iso8859_6": "ISO-8859-6",
    }
    return known.get(encoding, encoding)


def _decode_as(data: bytes, name: str, encoding: str) -> DecodedText:
    _refuse_binary_signature(data, name)
    codec = codecs.lookup(encoding).name
    for bom, bom_codec in _BOMS:
        if data.startswith(bom) and codecs.lookup(bom_codec).name == codec:
            data = data[len(bom) :]
            break
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{name} is not valid {describe_encoding(codec)} (byte {error.start}). Choose "
            "another encoding."
        ) from None
    _refuse_control_characters(text, name)
    return DecodedText(text, codec, guessed=False)


def _decode_by_bom(data: bytes) -> DecodedText | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return DecodedText(body.decode(encoding), encoding, guessed=False)
            except UnicodeDecodeError as error:
                raise ArticleError(
                    f"The file starts with a {describe_encoding(encoding)} byte order mark but "
                    f"is not valid {describe_encoding(encoding)} (byte {error.start + len(bom)}). "
                    "It may be damaged; save it again from the program that made it."
                ) from None
    return None


def _decode_utf16_without_bom(data: bytes) -> DecodedText | None:
    """Recognise UTF-16 by where its zero (Latin) or 0x06 (Arabic) high bytes fall."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # The high byte of Latin text is 0x00 and of Arabic text 0x06, while low bytes are
        # spread out and rarely zero; UTF-8 and legacy text never show this pattern.
        script_highs = high.count(0x00) + high.count(0x06)
        if script_highs >= 0.7 * len(high) and low.count(0x00) <= 0.1 * len(low):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_readable(text):
                return DecodedText(text, encoding, guessed=True)
    return None


def _mostly_readable(text: str) -> bool:
    readable = sum(
        1 for char in text if char.isprintable() or char.isspace() or char in _TEXT_CONTROLS
    )
    return readable >= 0.95 * len(text)


def _decode_utf8(data: bytes) -> DecodedText | None:
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        return None


def _decode_legacy_arabic(data: bytes) -> DecodedText:
    # Imported here: only legacy files pay for loading the detector.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ARABIC_ENCODINGS)).best()
    encoding = best.encoding if best is not None else "cp1256"
    if encoding not in LEGACY_ARABIC_ENCODINGS:
        encoding = "cp1256"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1256"
        text = data.decode(encoding, errors="replace")
    return DecodedText(text, encoding, guessed=True)


def _refuse_binary_signature(data: bytes, name: str) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ArticleError(
                f"{name} is {kind}, not a text article. "
                "Open the article itself: a .txt, .md, .html or .docx file."
            )


def _refuse_control_characters(text: str, name: str) -> None:
    if not text:
        return
    controls = sum(
        1 for char in text if char not in _TEXT_CONTROLS and unicodedata.category(char) == "Cc"
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ArticleError(
            f"{name} looks like a binary file ({controls} control characters in "
            f"{len(text)}), not a text article. Open the article itself: a .txt, .md, .html "
            "or .docx file."
        )
