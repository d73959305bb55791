"""The quality checks on real translations nobody here wrote: the Universal Declaration of
Human Rights, the UN's Arabic beside its English (tests/helpers/corpora.py says where it comes
from), and the bundled sample with its correct English.

A correct translation must raise (almost) no alarm, and each check must catch the error it is
for when that error is put into it (tests/helpers/qa_evaluation.py). The figures are printed
by benchmarks/qa_checks.py.
"""

from __future__ import annotations

from reviewer.qa import Term, check_document
from tests.helpers.corpora import udhr_pairs
from tests.helpers.qa_evaluation import (
    SAMPLE_GLOSSARY,
    UDHR_GLOSSARY,
    evaluate,
    reviewed_document,
    sample_pairs,
)

#: Checks whose judgement is a matter of degree: they may miss an error now and then.
TOLERANT = {"length"}


def test_every_check_catches_its_error_in_real_text_and_spares_the_right_translation() -> None:
    for pairs, glossary in ((udhr_pairs(), UDHR_GLOSSARY), (sample_pairs(), SAMPLE_GLOSSARY)):
        results = evaluate(pairs, glossary)
        for kind, result in results.items():
            assert result.seeded > 0, kind
            if kind in TOLERANT:
                assert result.caught >= 0.9 * result.seeded, kind
            else:
                assert result.caught == result.seeded, kind
            # The one alarm allowed is a glossary term the translator rendered otherwise.
            assert result.false_alarms <= (1 if kind == "terminology" else 0), kind


def test_the_udhr_is_aligned_paragraph_by_paragraph() -> None:
    pairs = udhr_pairs()
    assert len(pairs) >= 80
    assert pairs[0] == ("الإعلان العالمي لحقوق الإنسان", "Universal Declaration of Human Rights")
    assert ("المادة 30", "Article 30") in pairs
    assert len(set(pairs)) == len(pairs)


def test_a_term_rendered_otherwise_is_the_alarm_it_is() -> None:
    """UDHR article 5 renders الحاطة بالكرامة as "degrading": right, and not the glossary's
    "dignity". The check says so (a reviewer marks it "not an error" once)."""
    findings = check_document(reviewed_document(udhr_pairs()), [Term("الكرامة", ("dignity",))])
    flagged = [f for f in findings if f.kind == "terminology"]
    assert len(flagged) == 1
