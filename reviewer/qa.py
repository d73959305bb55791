"""Quality checks of a review: what the machine (or a tired reviewer) quietly got wrong.

Each check is a small function of a segment (or of the whole review) that returns
`Finding`s: the segment, a kind, a message for the reviewer and, where there is one, the span
of the English to highlight. They understand Arabic: Arabic-Indic and Eastern Arabic digits,
the Arabic decimal and thousands separators, Arabic punctuation, and the attached prefixes
(و ف ب ك ل ال) when looking for a term.

Plain Python, no Qt: the window runs them as the English changes, ``reviewer check`` over a
whole review.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation

from reviewer.document import ReviewDocument, Segment, Status
from reviewer.search import fold
from reviewer.segmentation import count_words

Span = tuple[int, int]


@dataclasses.dataclass(frozen=True)
class Finding:
    """Something in a segment's English that looks wrong."""

    segment_id: str
    #: The check that found it: "numbers", "arabic", "repetition", "length", "brackets",
    #: "spaces", "final-stop", "terminology", "consistency".
    kind: str
    message: str
    #: What to highlight in the English, if the finding is at one place.
    span: Span | None = None

    @property
    def key(self) -> str:
        """What tells this finding from others of the segment, to mark it "not an error"."""
        return f"{self.kind}:{self.message}"


@dataclasses.dataclass(frozen=True)
class Term:
    """A glossary entry: the Arabic term and its approved English (alternatives allowed)."""

    source: str
    targets: tuple[str, ...]


# --- numbers --------------------------------------------------------------------------------

_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    "\u066b\u066c",
    "01234567890123456789.,",
)
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
#: Numbers written as words, where the value is clear.
_ENGLISH_NUMBERS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "dozen": 12,
}
_ARABIC_NUMBERS = {
    "واحد": 1,
    "اثنان": 2,
    "اثنين": 2,
    "ثلاثه": 3,
    "ثلاث": 3,
    "اربعه": 4,
    "اربع": 4,
    "خمسه": 5,
    "خمس": 5,
    "سته": 6,
    "سبعه": 7,
    "ثمانيه": 8,
    "تسعه": 9,
    "عشره": 10,
    "مئه": 100,
    "مائه": 100,
    "الف": 1000,
    "مليون": 10**6,
    "مليار": 10**9,
}
_WORD = re.compile(r"\w+")


def numbers_in(text: str) -> list[tuple[Decimal, Span]]:
    """The numbers written in digits in *text* (any digits, with their thousands and decimal
    separators), as values, with their spans."""
    found = []
    for match in _NUMBER.finditer(text.translate(_DIGITS)):
        whole = match.group(1).replace(",", "")
        fraction = match.group(2)
        try:
            value = Decimal(f"{whole}.{fraction}" if fraction else whole)
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
        found.append((value.normalize(), match.span()))
    return found


def _word_numbers(text: str, words: dict[str, int], folded: bool) -> list[Decimal]:
    source = fold(text)[0] if folded else text.casefold()
    values = []
    for word in _WORD.findall(source):
        for candidate in (word, word.removeprefix("ال"), word.removeprefix("و")):
            if candidate in words:
                values.append(Decimal(words[candidate]))
                break
    return values


def check_numbers(segment: Segment) -> list[Finding]:
    """Every number of the Arabic is in the English, and none appears from nowhere."""
    arabic = [value for value, _ in numbers_in(segment.source)]
    english = numbers_in(segment.target)
    arabic_all = Counter(arabic) + Counter(_word_numbers(segment.source, _ARABIC_NUMBERS, True))
    english_values = [value for value, _ in english]
    english_all = Counter(english_values) + Counter(
        _word_numbers(segment.target, _ENGLISH_NUMBERS, False)
    )
    findings = []
    for value, count in (Counter(arabic) - english_all).items():
        findings.append(
            Finding(
                segment.id,
                "numbers",
                f"The Arabic has {_shown(value)}"
                + (f" ({count} times)" if count > 1 else "")
                + ", which the English does not.",
            )
        )
    extra = Counter(english_values) - arabic_all
    for value, span in english:
        if extra[value] > 0:
            extra[value] -= 1
            findings.append(
                Finding(
                    segment.id,
                    "numbers",
                    f"The English has {_shown(value)}, which the Arabic does not.",
                    span,
                )
            )
    return findings


def _shown(value: Decimal) -> str:
    return f"{value:f}"


# --- script, repetition, length -------------------------------------------------------------

_ARABIC_LETTER = (
    "[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06f0-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb50-\ufdff\ufe70-\ufeff]"
)
# A stretch of Arabic words is one finding, not one per word.
_ARABIC_LETTERS = re.compile(f"{_ARABIC_LETTER}+(?:[\\s\u200c\u200d]+{_ARABIC_LETTER}+)*")
_ARABIC_PUNCTUATION = re.compile("[\u060c\u061b\u061f\u066a\u06d4]")


def check_arabic_in_english(segment: Segment) -> list[Finding]:
    """Arabic letters or Arabic punctuation (، ؛ ؟ ٪) left in the English."""
    findings = [
        Finding(segment.id, "arabic", f"Arabic left in the English: {match.group()}", match.span())
        for match in _ARABIC_LETTERS.finditer(segment.target)
    ]
    findings += [
        Finding(
            segment.id,
            "arabic",
            f"Arabic punctuation in the English: {match.group()}",
            match.span(),
        )
        for match in _ARABIC_PUNCTUATION.finditer(segment.target)
    ]
    return findings


def check_repetition(segment: Segment) -> list[Finding]:
    """The same words over and over: a stuck decoder's loop ("the the the", "of the war of
    the war of the war")."""
    words = [(match.group().casefold(), match.span()) for match in _WORD.finditer(segment.target)]
    tokens = [word for word, _ in words]
    for size in range(1, 7):
        needed = 3 if size < 4 else 2
        for start in range(len(tokens) - size * needed + 1):
            piece = tokens[start : start + size]
            if all(
                tokens[start + size * k : start + size * (k + 1)] == piece for k in range(needed)
            ):
                end = words[start + size * needed - 1][1][1]
                repeated = " ".join(piece)
                return [
                    Finding(
                        segment.id,
                        "repetition",
                        f"“{repeated}” repeats: the model may have looped.",
                        (words[start][1][0], end),
                    )
                ]
    return []


#: English words per Arabic word when a review has too few reviewed segments to learn it.
DEFAULT_LENGTH_RATIO = 1.35
#: How far from the expected ratio a segment may be before it is flagged, either way.
LENGTH_TOLERANCE = 2.2
#: Shorter sources are not judged by length (a heading, a name).
MIN_WORDS_FOR_LENGTH = 6


def expected_length_ratio(document: ReviewDocument) -> float:
    """English words per Arabic word in this review's reviewed segments (the default until
    there are five of them)."""
    ratios = [
        count_words(s.target) / s.word_count
        for s in document
        if s.status is Status.REVIEWED and s.word_count >= MIN_WORDS_FOR_LENGTH
    ]
    return statistics.median(ratios) if len(ratios) >= 5 else DEFAULT_LENGTH_RATIO


def check_length(segment: Segment, expected: float = DEFAULT_LENGTH_RATIO) -> list[Finding]:
    """English far shorter or far longer than the Arabic warrants: something dropped, or
    something made up."""
    if segment.word_count < MIN_WORDS_FOR_LENGTH or not segment.has_target:
        return []
    ratio = count_words(segment.target) / segment.word_count
    if ratio < expected / LENGTH_TOLERANCE:
        return [
            Finding(
                segment.id,
                "length",
                f"The English is much shorter than the Arabic ({ratio:.2f} words per Arabic "
                f"word, against {expected:.2f} usually): has something been left out?",
            )
        ]
    if ratio > expected * LENGTH_TOLERANCE:
        return [
            Finding(
                segment.id,
                "length",
                f"The English is much longer than the Arabic ({ratio:.2f} words per Arabic "
                f"word, against {expected:.2f} usually): has something been added?",
            )
        ]
    return []


# --- punctuation and spaces -----------------------------------------------------------------

_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("\u201c", "\u201d"), ("{", "}"))
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SOURCE_STOPS = ".!?\u061f\u2026"
_TARGET_STOPS = ".!?\u2026:;"
_CLOSERS = "\"'\u201d\u2019\u00bb)]} "


def check_brackets(segment: Segment) -> list[Finding]:
    """Quotes and brackets that open and never close (or the other way round)."""
    text = segment.target
    findings = [
        Finding(segment.id, "brackets", f"{opening} and {closing} do not pair up.")
        for opening, closing in _PAIRS
        if text.count(opening) != text.count(closing)
    ]
    if text.count('"') % 2:
        findings.append(Finding(segment.id, "brackets", 'A " quote is not closed.'))
    return findings


def check_spaces(segment: Segment) -> list[Finding]:
    """Doubled spaces, and spaces at the start or end of the English."""
    text = segment.target
    findings = [
        Finding(segment.id, "spaces", "Double space.", match.span())
        for match in _DOUBLE_SPACE.finditer(text)
    ]
    if text and text != text.strip():
        findings.append(Finding(segment.id, "spaces", "Space at the start or end of the English."))
    return findings


def check_final_stop(segment: Segment) -> list[Finding]:
    """The Arabic ends a sentence and the English does not."""
    source = segment.source.rstrip(_CLOSERS + "\u200f\u200e")
    target = segment.target.rstrip(_CLOSERS)
    if source and source[-1] in _SOURCE_STOPS and target and target[-1] not in _TARGET_STOPS:
        return [
            Finding(
                segment.id,
                "final-stop",
                "The Arabic ends with a full stop (or a question or exclamation mark); the "
                "English does not.",
                (len(target) - 1, len(target)),
            )
        ]
    return []


# --- terminology and consistency ------------------------------------------------------------

_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ك", "ل")


def _arabic_words(text: str) -> list[tuple[str, Span]]:
    """*text*'s words, folded (diacritics, letter variants), attached prefixes taken off,
    each with the span of the whole word in *text* (prefix and diacritics included: a mark
    that cuts an Arabic word in two would break its joined letters)."""
    folded, origins = fold(text)
    words = []
    for match in _WORD.finditer(folded):
        word, start = match.group(), match.start()
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                break
        end = origins[match.end() - 1] + 1
        while end < len(text) and fold(text[end])[0] == "":
            end += 1  # the diacritics of the last letter belong to the word
        words.append((word, (origins[start], end)))
    return words


def term_matches(source: str, glossary: Sequence[Term]) -> list[tuple[Term, Span]]:
    """Where the glossary's terms are in the Arabic *source*, in reading order."""
    words = _arabic_words(source)
    plain = [word for word, _ in words]
    starts: dict[str, list[int]] = {}
    for position, word in enumerate(plain):
        starts.setdefault(word, []).append(position)
    found = []
    for term in glossary:
        wanted = _term_words(term.source)
        size = len(wanted)
        for i in starts.get(wanted[0], []) if size else []:
            if tuple(plain[i : i + size]) == wanted:
                found.append((term, (words[i][1][0], words[i + size - 1][1][1])))
    found.sort(key=lambda match: match[1])
    return found


@functools.lru_cache(maxsize=65536)
def _term_words(term: str) -> tuple[str, ...]:
    return tuple(word for word, _ in _arabic_words(term))


def terms_in(source: str, glossary: Sequence[Term]) -> list[Term]:
    """The glossary's terms found in the Arabic *source* (each once, in reading order)."""
    return list(dict.fromkeys(term for term, _ in term_matches(source, glossary)))


def check_terminology(segment: Segment, glossary: Sequence[Term]) -> list[Finding]:
    """A glossary term in the Arabic whose approved English is not in the English."""
    if not glossary or not segment.has_target:
        return []
    english = segment.target.casefold()
    findings = []
    for term in terms_in(segment.source, glossary):
        if not any(
            re.search(rf"(?<!\w){re.escape(target.casefold())}(?!\w)", english)
            for target in term.targets
        ):
            findings.append(
                Finding(
                    segment.id,
                    "terminology",
                    f"The glossary has “{' / '.join(term.targets)}” for {term.source}: not "
                    "in the English.",
                )
            )
    return findings


def check_consistency(document: ReviewDocument) -> list[Finding]:
    """The same Arabic translated differently in two segments."""
    first: dict[str, Segment] = {}
    findings = []
    for segment in document:
        if not segment.has_target or segment.status is Status.EXCLUDED:
            continue
        key = " ".join(word for word, _ in _arabic_words(segment.source))
        if not key:
            continue
        seen = first.setdefault(key, segment)
        if seen is not segment and _same_english(seen.target) != _same_english(segment.target):
            findings.append(
                Finding(
                    segment.id,
                    "consistency",
                    f"The same Arabic as {seen.id}, translated differently: “{seen.target}”.",
                )
            )
    return findings


def _same_english(text: str) -> str:
    return " ".join(text.casefold().split())


# --- running them -----------------------------------------------------------------------------

SegmentCheck = Callable[[Segment], list[Finding]]
#: The checks of one segment on its own, in the order findings are listed.
SEGMENT_CHECKS: tuple[SegmentCheck, ...] = (
    check_numbers,
    check_arabic_in_english,
    check_repetition,
    check_brackets,
    check_spaces,
    check_final_stop,
)


def check_segment(
    segment: Segment,
    *,
    expected_ratio: float = DEFAULT_LENGTH_RATIO,
    glossary: Sequence[Term] = (),
) -> list[Finding]:
    """Every finding about *segment* alone (no English: nothing to check)."""
    if not segment.has_target or segment.status is Status.EXCLUDED:
        return []
    findings = [finding for check in SEGMENT_CHECKS for finding in check(segment)]
    findings += check_length(segment, expected_ratio)
    findings += check_terminology(segment, glossary)
    return [finding for finding in findings if finding.key not in segment.not_errors]


def check_document(document: ReviewDocument, glossary: Iterable[Term] = ()) -> list[Finding]:
    """Every finding of the review, segment by segment, then across segments."""
    terms = tuple(glossary)
    ratio = expected_length_ratio(document)
    findings = [
        finding
        for segment in document
        for finding in check_segment(segment, expected_ratio=ratio, glossary=terms)
    ]
    across = [
        finding
        for finding in check_consistency(document)
        if finding.key not in document.segment(finding.segment_id).not_errors
    ]
    return findings + across
