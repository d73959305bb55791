"""Does the engine stall a GUI thread? In-process worker thread against a separate process.

A Qt event loop ticks a timer every 5 ms on the main thread and records the gaps between
ticks (what a reviewer feels as typing lag), while the engine imports torch and transformers,
loads the benchmark model (benchmarks/translate_speed.py builds it) and translates the sample
article: once on a worker thread of the same process, once in a child process.

    .venv/bin/python benchmarks/gui_stall.py [--backend ctranslate2|transformers]

Run each variant in a fresh process (the script re-runs itself), since imports happen once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def engine_work(backend: str, phases: dict[str, float]) -> None:
    """Import, load and translate, recording when each phase ended."""
    phases["start"] = time.perf_counter()
    import transformers  # noqa: F401

    if backend == "ctranslate2":
        import ctranslate2  # noqa: F401
    phases["imported"] = time.perf_counter()
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

    loaded = load_backend(
        ModelSource(str(build_model()), True, "--model"), backend=backend, settings=FORCED
    )
    phases["loaded"] = time.perf_counter()
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    queue = TranslationQueue(ParagraphRequest(str(i), p) for i, p in enumerate(paragraphs))
    for _ in Translator(loaded, TranslationCache(enabled=False)).translate_paragraphs(queue):
        pass
    phases["translated"] = time.perf_counter()


def measure(mode: str, backend: str) -> dict[str, object]:
    """Run the engine in *mode* ("thread" or "process") under a ticking Qt event loop."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    ticks: list[float] = []
    phases: dict[str, float] = {}
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    done = threading.Event()

    if mode == "thread":
        worker = threading.Thread(
            target=lambda: (engine_work(backend, phases), done.set()), daemon=True
        )
    else:

        def run_child() -> None:
            phases["start"] = time.perf_counter()
            child = subprocess.run(
                [sys.executable, __file__, "--child", backend],
                capture_output=True,
                text=True,
                check=True,
            )
            phases["translated"] = time.perf_counter()
            phases["child"] = json.loads(child.stdout.strip().splitlines()[-1])["total"]
            done.set()

        worker = threading.Thread(target=run_child, daemon=True)
    worker.start()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(lambda: app.quit() if done.is_set() else None)
    poll.start()
    app.exec()
    worker.join()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]

    def worst(start: str, end: str) -> float:
        if start not in phases or end not in phases:
            return float("nan")
        inside = [
            (b - a) * 1000
            for a, b in itertools.pairwise(ticks)
            if phases[start] <= b <= phases[end]
        ]
        return max(inside, default=0.0)

    return {
        "mode": mode,
        "largest_gap_ms": max(gaps),
        "p99_gap_ms": statistics.quantiles(gaps, n=100)[98],
        "gaps_over_50ms": sum(1 for gap in gaps if gap > 50),
        "import_gap_ms": worst("start", "imported"),
        "load_gap_ms": worst("imported", "loaded"),
        "translate_gap_ms": worst("loaded", "translated"),
        "seconds": phases["translated"] - phases["start"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="ctranslate2")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        phases: dict[str, float] = {}
        engine_work(arguments.child, phases)
        print(json.dumps({"total": phases["translated"] - phases["start"]}))
        return
    if arguments.mode:
        print(json.dumps(measure(arguments.mode, arguments.backend)))
        return
    print(f"GUI timer every 5 ms; engine: {arguments.backend}; {os.cpu_count()} cores.")
    for mode in ("thread", "process", "thread", "process"):
        output = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--backend", arguments.backend],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        print(
            f"  {mode:8} largest gap {result['largest_gap_ms']:6.0f} ms "
            f"(import {result['import_gap_ms']:.0f}, load {result['load_gap_ms']:.0f}, "
            f"translate {result['translate_gap_ms']:.0f}), p99 {result['p99_gap_ms']:.0f} ms, "
            f"{result['gaps_over_50ms']} gaps > 50 ms, {result['seconds']:.1f} s in all"
        )


if __name__ == "__main__":
    main()
