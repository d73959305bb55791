"""Splitting article text into paragraphs, and paragraphs into sentences.

A paragraph is every line that holds something to translate: articles pasted from the web
separate most paragraphs by blank lines and some by single line breaks, and both are
paragraphs to a reviewer. Sentences are what the translation engine feeds the model, so a long
paragraph is never truncated by the model's input limit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection

Span = tuple[int, int]

#: A sentence end: full stops, question and exclamation marks, the ellipsis (Arabic and Latin
#: forms); then the closing quotes or brackets, and the invisible marks (bidi, zero-width)
#: that word processors and web pages put around punctuation, all staying with their
#: sentence; then a space or the end. "3.5", "1.2.3" and "www.example.org" are no ends.
#: Invisible marks: bidi marks, embeddings and isolates, zero-width characters, the BOM.
_MARKS = "\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)\\]}"
_SENTENCE_END = re.compile(
    f"(?P<stop>[.!?\u061f\u06d4\u2026]+)(?P<tail>[{_CLOSERS}{_MARKS}]*)(?=\\s|$)"
)
_WORD_BEFORE = re.compile(f"([^\\s{_MARKS}]*)[{_MARKS}]*$")
_NEXT_CHARACTER = re.compile(f"[\\s{_MARKS}]*(.?)")
_MARK_SET = frozenset(
    chr(code)
    for low, high in ((0x200B, 0x200F), (0x061C, 0x061C), (0x202A, 0x202E), (0x2066, 0x2069))
    for code in range(low, high + 1)
) | {"\ufeff"}
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
#: Initials and abbreviations written with inner dots: "U.S", "أ.د", "غ.ب", "e.g".
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")

#: Abbreviations after which a full stop does not end the sentence, without their final
#: stop, compared without case and diacritics. Arabic titles and usual short forms, then
#: Latin ones that Arabic text quotes; extend them with `abbreviations.txt` in the data
#: folder (one a line).
ARABIC_ABBREVIATIONS = frozenset(
    {
        "د",  # دكتور
        "أ",  # أستاذ
        "أ.د",  # أستاذ دكتور
        "م",  # مهندس (after a number: ميلادي, see below)
        "ج",  # جزء
        "ص",  # صفحة
        "ط",  # طبعة
        "ت",  # توفي
        "ق",  # قبل
        "س",  # سؤال
        "ع",  # عدد
        "غ.ب",  # غير بائن
        "ش.م.م",  # شركة مساهمة
        "ه",
        "هـ",  # هجري (after a number, see below)
        "تح",  # تحقيق
        "إلخ",  # إلى آخره, mostly inside a sentence
        "الخ",
    }
)
LATIN_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt",
        "capt", "gov", "sen", "rep", "rev", "hon", "vs", "v", "e.g", "i.e", "cf", "etc", "al",
        "approx", "ca", "no", "nos", "fig", "figs", "vol", "vols", "p", "pp", "ch", "sec",
        "ed", "eds", "inc", "ltd", "co", "corp", "dept", "univ", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    }
)  # fmt: skip
#: Year markers: after a number ("عام 2003 م."), their stop does end the sentence.
_YEAR_MARKERS = frozenset({"م", "هـ", "ه"})


def is_blank(line: str) -> bool:
    """Whether *line* has nothing to translate: only spaces (no-break ones too) or
    invisible format characters such as bidi marks and zero-width spaces."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in line)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of plain *text*: its non-blank lines, trimmed at both ends.

    Every line ending counts: LF, CRLF, CR, and the Unicode line and paragraph separators.
    """
    return [line.strip() for line in text.splitlines() if not is_blank(line)]


def sentence_spans(paragraph: str, abbreviations: Collection[str] = ()) -> list[Span]:
    """Where the sentences of *paragraph* are: consecutive spans that together are the whole
    paragraph (each sentence with the spaces after it), so joining them gives it back.

    A stop ends a sentence when a space (or the end) follows it, its closing quotes and
    invisible marks included; not after an abbreviation (the lists above and
    *abbreviations*), an initial ("J.", "د."), or dotted initials ("U.S.", "أ.د.").
    """
    known = _known_abbreviations() | {_plain(word) for word in abbreviations}
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if not _ends_sentence(paragraph, match, known):
            continue
        end = match.end()
        while end < len(paragraph) and paragraph[end].isspace():
            end += 1
        spans.append((start, end))
        start = end
    if start < len(paragraph) or not spans:
        spans.append((start, len(paragraph)))
    return _joined_punctuation(paragraph, spans)


def split_sentences(paragraph: str, abbreviations: Collection[str] = ()) -> list[str]:
    """The sentences of *paragraph*, in order, with their punctuation and quotes attached
    (`sentence_spans`, without the spaces around them)."""
    found = [
        paragraph[start:end].strip() for start, end in sentence_spans(paragraph, abbreviations)
    ]
    return [sentence for sentence in found if sentence]


def _ends_sentence(paragraph: str, match: re.Match[str], known: frozenset[str]) -> bool:
    stop, tail = match.group("stop"), match.group("tail")
    closed = any(char not in _MARK_SET for char in tail)
    if stop == "." and not closed and _abbreviation_before(paragraph, match.start(), known):
        return False
    return not _continues_in_lowercase(paragraph, match.end(), stop)


def _abbreviation_before(paragraph: str, stop: int, known: frozenset[str]) -> bool:
    """Whether the word before the full stop at *stop* is an abbreviation or an initial."""
    word = _WORD_BEFORE.search(paragraph, 0, stop)
    token = (word.group(1) if word else "").lstrip("(\"'«“‘[")
    plain = _plain(token)
    if not plain or (plain in _YEAR_MARKERS and _after_number(paragraph, stop - len(token))):
        return False  # "عام 2003 م." ends its sentence
    if plain in known or _DOTTED.fullmatch(plain):
        return True  # "د.", "e.g.", dotted initials "U.S.", "أ.د."
    # A lone letter is an initial: "J. R. R. Tolkien", "ع. محمود"
    return len(plain) == 1 and plain.isalpha() and (not plain.isascii() or token.isupper())


def _continues_in_lowercase(paragraph: str, end: int, stop: str) -> bool:
    """Whether a Latin lowercase word follows: "… and so on" is one sentence (an ellipsis
    inside it); Arabic, with no case, is always taken as a new sentence."""
    following = _NEXT_CHARACTER.match(paragraph, end)
    char = following.group(1) if following else ""
    return char.isascii() and char.islower() and stop != "?"


def _after_number(paragraph: str, position: int) -> bool:
    before = re.sub(f"[\\s{_MARKS}]+$", "", paragraph[:position])
    return bool(before) and before[-1].isdigit()


def _plain(word: str) -> str:
    """*word* compared with an abbreviation: no case, diacritics or final stop."""
    return _DIACRITICS.sub("", word).rstrip(".").casefold()


@functools.lru_cache(maxsize=1)
def _known_abbreviations() -> frozenset[str]:
    """The abbreviation lists, and the user's own (`abbreviations.txt` in the data folder)."""
    from reviewer.storage import user_data_folder

    extra: set[str] = set()
    try:
        text = (user_data_folder() / "abbreviations.txt").read_text("utf-8", errors="replace")
    except OSError:
        text = ""
    extra.update(_plain(line.strip()) for line in text.splitlines() if line.strip())
    return (
        ARABIC_ABBREVIATIONS
        | LATIN_ABBREVIATIONS
        | {_plain(w) for w in ARABIC_ABBREVIATIONS}
        | extra
    )


def _joined_punctuation(paragraph: str, spans: list[Span]) -> list[Span]:
    """*spans* with any piece that holds no letter or digit (a stray "." after a space)
    joined to the sentence before it."""
    joined: list[Span] = []
    for start, end in spans:
        if joined and not any(char.isalnum() for char in paragraph[start:end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def count_words(text: str) -> int:
    """Words as a reviewer counts them: runs of characters between spaces that hold a
    letter or a digit."""
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))
