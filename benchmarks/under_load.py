"""A 2,000-paragraph article translated by the benchmark model while the reviewer works.

    .venv/bin/python benchmarks/under_load.py [--minutes 8]

The window (offscreen) opens a 2,000-paragraph article (the sample's paragraphs, each made
unique so the cache cannot help), the engine process translates it with the random-weight
opus-mt-ar-en twin (benchmarks/translate_speed.py), and every half second the reviewer edits a
segment and confirms it, which saves the review. Prints the save times, the memory of the
window and of the engine over time, the largest gap of a 10 ms GUI timer, and the throughput.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=8.0)
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(folder / variable.lower())
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from benchmarks.gui_timer import GapTimer
    from benchmarks.translate_speed import build_model
    from reviewer.qt.main_window import MainWindow

    model = build_model()
    sample = (ROOT / "resources" / "sample_article.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in sample.splitlines() if p.strip()]
    article = folder / "big.txt"
    article.write_text(
        "\n\n".join(f"{paragraphs[i % len(paragraphs)]} ({i})" for i in range(2000)), "utf-8"
    )
    app = QApplication([])
    window = MainWindow(model=str(model))
    window.resize(1280, 800)
    window.show()
    app.processEvents()  # the window starts its engine once it is on screen
    timer = GapTimer()
    timer.start()
    window.open_path(article)
    document = window.document
    assert document is not None
    engine_pid = window.translation.engine._process._process.pid  # type: ignore[attr-defined]
    started = time.perf_counter()
    next_edit = started + 0.5
    saves: list[float] = []
    samples: list[tuple[float, int, float, float]] = []
    row = 0
    while time.perf_counter() - started < arguments.minutes * 60:
        app.processEvents()
        # What app.exec() would do: delete the editors the view has let go of.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        done = sum(s.machine is not None for s in document)
        now = time.perf_counter()
        if now >= next_edit:
            next_edit = now + 0.5
            row = (row + 37) % len(document)
            window.editor.go_to_row(row)
            if window.table.editor is not None:
                window.table.editor.setPlainText(f"Edited under load at {now - started:.1f} s.")
            window.editor.confirm_current()
            begin = time.perf_counter()
            window.save()
            saves.append(time.perf_counter() - begin)
            samples.append((now - started, done, rss_mb(), rss_mb(engine_pid)))
        if done == len(document):
            break
    timer.stop()
    elapsed = time.perf_counter() - started
    done = sum(s.machine is not None for s in document)
    print(f"2,000 paragraphs: {done} translated in {elapsed:.0f} s ({done / elapsed:.1f}/s)")
    print(
        f"{len(saves)} edits, each confirmed and saved: save median "
        f"{statistics.median(saves) * 1000:.0f} ms, max {max(saves) * 1000:.0f} ms"
    )
    for moment, translated, window_mb, engine_mb in samples[:: max(1, len(samples) // 8)]:
        print(
            f"  at {moment:5.0f} s: {translated:4d} translated, window {window_mb:.0f} MB, "
            f"engine {engine_mb:.0f} MB"
        )
    print(f"GUI timer: {timer.summary()}")
    window.session.autosaver.dirty = False
    window.close()


if __name__ == "__main__":
    main()
