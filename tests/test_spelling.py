"""The English spell check: which words it flags, what it suggests, what it never flags.

The misspellings it is tested on are codespell's list (codespell_lib/data/dictionary.txt,
CC BY-SA 3.0, collected from Wikipedia's "Lists of common misspellings" and real code), not
words written for these tests.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from reviewer.qa import Term
from reviewer.spelling import (
    SpellChecker,
    SpellingUnavailableError,
    personal_dictionary_path,
    review_words,
    words_in,
)
from tests.helpers.documents import machine, make_document


@pytest.fixture
def checker() -> SpellChecker:
    return SpellChecker.load(personal_dictionary_path())


def common_misspellings(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """*count* (misspelling, correction) pairs from codespell's list, drawn at random."""
    import codespell_lib

    data = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    pairs = []
    for line in data.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        corrections = [word.strip() for word in right.split(",") if word.strip()]
        single = len(corrections) == 1 and re.fullmatch("[a-z]+", corrections[0])
        if single and re.fullmatch("[a-z]{3,}", wrong):
            pairs.append((wrong, corrections[0]))
    return random.Random(seed).sample(pairs, count)


def test_common_misspellings_are_flagged_and_corrected(checker: SpellChecker) -> None:
    pairs = common_misspellings(400)
    flagged = [wrong for wrong, _ in pairs if not checker.is_correct(wrong)]
    corrected = [wrong for wrong, right in pairs[:40] if right in checker.suggestions(wrong)[:5]]
    # Measured: 99.9 % flagged, 89.7 % corrected in the top five (benchmarks/spelling.py).
    assert len(flagged) >= 0.97 * len(pairs)
    assert len(corrected) >= 32


def test_words_spelt_right_are_not_flagged(checker: SpellChecker) -> None:
    text = (
        "The reviewers didn't find the mistranslated sentences; they're rethinking "
        "the untranslatable ones, aren't they? The ministers’ reconstruction plans were "
        "overestimated by the militias."
    )
    assert checker.misspellings(text) == []


def test_misspelt_words_are_found_where_they_are(checker: SpellChecker) -> None:
    text = "The goverment will recieve the report."
    spans = checker.misspellings(text)
    assert [text[start:end] for start, end in spans] == ["goverment", "recieve"]
    assert checker.suggestions("recieve")[0] == "receive"


@pytest.mark.parametrize(
    "text",
    [
        "UNHCR and NATO",  # capitals: acronyms
        "the 3rd and 21st of May, in A4",  # glued to digits
        "see https://example.org/abcdefgh or www.exmaple.org",  # addresses
        "write to someone@exmaple.org",
        "the word قال stays for the Arabic check",  # other scripts
    ],
)
def test_what_is_no_english_word_is_never_flagged(checker: SpellChecker, text: str) -> None:
    assert checker.misspellings(text) == []


def test_a_curly_apostrophe_is_checked_and_suggested_as_written(checker: SpellChecker) -> None:
    assert checker.is_correct("doesn’t")
    assert not checker.is_correct("doesnt’t")
    offered = checker.suggestions("dont’s")
    assert offered
    assert all("'" not in suggestion and "’" in suggestion for suggestion in offered)


def test_words_split_at_hyphens_and_keep_inner_apostrophes() -> None:
    assert [word for word, _ in words_in("a well-known man's 'quote'")] == [
        "a",
        "well",
        "known",
        "man's",
        "quote",
    ]


def test_added_words_are_kept_for_every_later_review(checker: SpellChecker) -> None:
    assert not checker.is_correct("Qalibaf")
    checker.add_to_dictionary("Qalibaf")
    assert checker.is_correct("Qalibaf")
    assert "Qalibaf" in personal_dictionary_path().read_text(encoding="utf-8").split()
    assert SpellChecker.load(personal_dictionary_path()).is_correct("Qalibaf")


def test_a_broken_personal_dictionary_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    personal = tmp_path / "dictionary.txt"
    personal.write_bytes(b"Qalibaf\n\xff\xfe\x00junk\nZarif\n")
    checker = SpellChecker.load(personal)
    assert checker.is_correct("Qalibaf")
    assert checker.is_correct("Zarif")


def test_glossary_english_and_the_machines_names_are_not_errors(
    checker: SpellChecker,
) -> None:
    document = make_document("قال نصر الله", "قال البرهان")
    document.segments[0].accept_machine_translation(machine("Hezbollah leader Nasrallah said."))
    document.segments[1].accept_machine_translation(machine("Burhan said."))
    glossary = [Term("قسد", ("Qasad forces",))]
    checker.accepted = review_words(document, glossary)
    assert checker.is_correct("Nasrallah")
    assert checker.is_correct("Nasrallah's")
    assert checker.is_correct("Qasad")
    # "Burhan" starts the sentence: nothing says it is a name, so it is checked.
    assert not checker.is_correct("Burhan")
    # A name is a name with its capital only.
    assert not checker.is_correct("nasrallah")


def test_without_its_library_spell_check_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "hunspell", None)
    with pytest.raises(SpellingUnavailableError, match="pip install chunspell"):
        SpellChecker.load()


def test_another_english_is_used_from_the_dictionaries_folder(tmp_path: Path) -> None:
    import hunspell

    bundled = Path(hunspell.__file__).parent / "dictionaries"
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    # A copy of the bundled dictionary that knows one word more, under another name.
    (folder / "en_XX.aff").write_bytes((bundled / "en_US.aff").read_bytes())
    words = (bundled / "en_US.dic").read_bytes().splitlines()
    (folder / "en_XX.dic").write_bytes(
        b"\n".join([str(len(words)).encode(), *words[1:], b"colourz"])
    )
    (folder / "en_YY.dic").write_bytes(b"1\nlonely\n")  # no .aff beside it: not used
    checker = SpellChecker.load(None, folder)
    assert checker.language == "en_XX"
    assert checker.is_correct("colourz")
    assert not checker.is_correct("recieve")
    assert SpellChecker.load(None, tmp_path / "none").language == "en_US"


def test_a_dictionary_that_is_no_english_one_says_how_to_go_back(tmp_path: Path) -> None:
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    (folder / "en_GB.aff").write_bytes(b"\x00\xff not an affix file")
    (folder / "en_GB.dic").write_bytes(b"")
    with pytest.raises(SpellingUnavailableError, match=r"en_GB\.dic .*Remove it"):
        SpellChecker.load(None, folder)
