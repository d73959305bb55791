"""How long the reviewer waits for the paragraph they move to while the engine is busy.

The benchmark model (benchmarks/translate_speed.py: the opus-mt-ar-en architecture, random
weights, CTranslate2 int8, each sentence's length forced) translates the sample article four
times over (92 paragraphs, cache off); once the first paragraph is in, the reviewer moves to a
paragraph far down, and the time until its translation arrives is measured. Run by hand:

    .venv/bin/python -m benchmarks.jump_while_busy
"""

from __future__ import annotations

import statistics
import threading
import time

from benchmarks.translate_speed import ARTICLE, FORCED, build_model
from reviewer.engine import (
    ModelSource,
    ParagraphRequest,
    TranslationCache,
    TranslationQueue,
    Translator,
    load_backend,
)
from reviewer.segmentation import split_paragraphs

TARGETS = (85, 88, 90, 82, 85, 88)


def wait_for(
    translator: Translator, paragraphs: list[str], target: int, delay: float = 0.05
) -> float:
    """Seconds from the move to *target*, *delay* seconds after the first paragraph arrived,
    until its translation arrives."""
    queue = TranslationQueue(ParagraphRequest(f"p{i}", p) for i, p in enumerate(paragraphs))
    arrived: dict[str, float] = {}
    first = threading.Event()

    def work() -> None:
        for result in translator.translate_paragraphs(queue):
            arrived[result.id] = time.perf_counter()
            first.set()

    worker = threading.Thread(target=work)
    worker.start()
    first.wait()
    time.sleep(delay)  # the work after the first paragraph is under way
    moved = time.perf_counter()
    queue.prioritize(f"p{target}")
    worker.join()
    return arrived[f"p{target}"] - moved


def main() -> None:
    source = ModelSource(str(build_model()), is_folder=True, origin="--model")
    backend = load_backend(source, backend="ctranslate2", settings=FORCED)
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8")) * 4
    translator = Translator(backend, TranslationCache(enabled=False))
    waits = [wait_for(translator, paragraphs, target) for target in TARGETS]
    print(
        f"moved to a paragraph while busy: median {statistics.median(waits):.2f} s "
        f"(range {min(waits):.2f}-{max(waits):.2f} s, {len(waits)} moves)"
    )


if __name__ == "__main__":
    main()
