"""How well each quality check does on real translations: what it catches of errors put into
a correct translation, and what it flags in the correct translation itself.

Each error is the one its check is for, put into one segment at a time (a number changed, an
Arabic word left in, a phrase looping, two thirds of the English dropped, a bracket left
open, a double space, the final stop dropped, a glossary term replaced, the same Arabic given
other English); every other segment stays as the human translator wrote it. Used by
tests/test_qa_real_text.py and printed by benchmarks/qa_checks.py.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from reviewer.document import ArticleInfo, ReviewDocument, Segment, SegmentKind
from reviewer.qa import (
    Finding,
    Term,
    check_consistency,
    check_document,
    check_segment,
    expected_length_ratio,
    numbers_in,
)
from tests.helpers.documents import machine

#: Terms of each text with the English its translation uses (a translator's glossary).
SAMPLE_GLOSSARY = [
    Term("البيت الأبيض", ("White House",)),
    Term("الكاظمي", ("Kadhimi",)),
    Term("تنظيم الدولة الإسلامية", ("Islamic State",)),
    Term("القوات الأمريكية", ("US forces", "American forces", "US troops")),
]
UDHR_GLOSSARY = [
    Term("حقوق الإنسان", ("human rights",)),
    Term("الأمم المتحدة", ("United Nations",)),
    Term("الكرامة", ("dignity",)),
    Term("الجمعية العامة", ("General Assembly",)),
]


def sample_pairs() -> list[tuple[str, str]]:
    """The sample article's paragraphs with their correct English."""
    from reviewer.formats import read_article
    from tests.conftest import ROOT, SAMPLE_ARTICLE

    document = read_article(SAMPLE_ARTICLE).to_document()
    english = (ROOT / "tests" / "data" / "sample_article.en.txt").read_text("utf-8")
    return list(zip((s.source for s in document), english.splitlines(), strict=True))


#: A change that puts one kind of error into an English (None: it does not apply here).
Seed = Callable[[str, str, Sequence[Term]], str | None]

_ARTICLE = ArticleInfo("evaluation.txt", "text", "utf-8", False, "0" * 64, 0)


def _number(arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    found = numbers_in(english)
    if found:
        _value, (start, end) = found[0]
        digits = english[start:end]
        changed = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        return english[:start] + changed + english[end:]
    if numbers_in(arabic):
        return None
    return english.rstrip(".") + " in 1999."  # a number from nowhere


def _arabic(arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    word = arabic.split(maxsplit=1)[0]
    words = english.split()
    return " ".join([*words[: len(words) // 2], word, *words[len(words) // 2 :]])


def _loop(_arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    words = english.split()
    if len(words) < 6:
        return None
    middle = len(words) // 2
    phrase = words[middle - 3 : middle]
    return " ".join([*words[:middle], *(phrase * 3), *words[middle:]])


def _truncated(arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    words = english.split()
    if len(arabic.split()) < 6:
        return None
    return " ".join(words[: len(words) // 3])


def _open_bracket(_arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    words = english.split()
    if len(words) < 3:
        return None
    return " ".join([*words[:-2], "(" + words[-2], words[-1]])


def _double_space(_arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    return english.replace(" ", "  ", 1) if " " in english else None


def _no_final_stop(arabic: str, english: str, _glossary: Sequence[Term]) -> str | None:
    if not arabic.rstrip().endswith((".", "؟", "!")) or not english.endswith("."):
        return None
    return english[:-1]


def _term_replaced(arabic: str, english: str, glossary: Sequence[Term]) -> str | None:
    from reviewer.qa import terms_in

    for term in terms_in(arabic, glossary):
        pattern = "|".join(re.escape(target) for target in term.targets)
        wrong = re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", "thing", english, flags=re.IGNORECASE)
        if wrong != english:
            return wrong  # every use of the term's English replaced
    return None


#: The error each check is for.
SEEDS: dict[str, Seed] = {
    "numbers": _number,
    "arabic": _arabic,
    "repetition": _loop,
    "length": _truncated,
    "brackets": _open_bracket,
    "spaces": _double_space,
    "final-stop": _no_final_stop,
    "terminology": _term_replaced,
}


@dataclasses.dataclass
class CheckResult:
    """One check on one text."""

    seeded: int = 0
    caught: int = 0
    false_alarms: int = 0


def reviewed_document(pairs: Sequence[tuple[str, str]]) -> ReviewDocument:
    """*pairs* as a review whose every segment is reviewed."""
    document = ReviewDocument.from_blocks(
        _ARTICLE, [(SegmentKind.PARAGRAPH, ar) for ar, _ in pairs]
    )
    for segment, (_arabic, english) in zip(document, pairs, strict=True):
        segment.accept_machine_translation(machine(english))
        segment.mark_reviewed()
    return document


def _by_segment(findings: list[Finding], kind: str) -> set[str]:
    return {finding.segment_id for finding in findings if finding.kind == kind}


def evaluate(
    pairs: Sequence[tuple[str, str]], glossary: Sequence[Term] = ()
) -> dict[str, CheckResult]:
    """Per check: errors seeded into *pairs* (a correct translation) and caught, and the
    segments of the correct translation it flags. A seeded segment is checked as the window
    checks it: on its own, against the length ratio learnt from the review."""
    document = reviewed_document(pairs)
    ratio = expected_length_ratio(document)
    clean = check_document(document, glossary)
    results = {kind: CheckResult() for kind in [*SEEDS, "consistency"]}
    for kind, result in results.items():
        result.false_alarms = len(_by_segment(clean, kind))
    for kind, seed in SEEDS.items():
        result = results[kind]
        for index, (arabic, english) in enumerate(pairs):
            wrong = seed(arabic, english, glossary)
            if wrong is None or wrong == english:
                continue
            segment = Segment(id=f"p{index + 1}", source=arabic)
            segment.accept_machine_translation(machine(wrong))
            segment.mark_reviewed()
            result.seeded += 1
            found = check_segment(segment, expected_ratio=ratio, glossary=glossary)
            result.caught += any(finding.kind == kind for finding in found)
    # Consistency: a segment's Arabic again, at the end, with other English.
    result = results["consistency"]
    for arabic, english in pairs:
        if len(english.split()) < 2:
            continue
        repeated = reviewed_document([*pairs, (arabic, " ".join(english.split()[1:]))])
        result.seeded += 1
        result.caught += repeated.segments[-1].id in _by_segment(
            check_consistency(repeated), "consistency"
        )
    return results


def table(results: dict[str, dict[str, CheckResult]]) -> str:
    """The results as a Markdown table: a row per check, caught and false alarms per text."""
    texts = list(results)
    header = (
        "| check | " + " | ".join(f"{name}: caught | {name}: false alarms" for name in texts) + " |"
    )
    lines = [header, "|---" * (1 + 2 * len(texts)) + "|"]
    for kind in results[texts[0]]:
        cells = []
        for name in texts:
            result = results[name][kind]
            cells += [f"{result.caught}/{result.seeded}", str(result.false_alarms)]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
