"""How fast the window opens, opens articles, and stays responsive while translating.

    .venv/bin/python benchmarks/window_speed.py

Prints: the time from process start until the window is painted (and whether torch was
imported by then: it must not be); the time to open the sample article and a 2,000-paragraph
article; and the largest gap between ticks of a 10 ms GUI timer while the engine process
loads the benchmark model (the real opus-mt-ar-en architecture, see translate_speed.py) and
translates the sample article, with the reviewer scrolling meanwhile.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STARTED = time.perf_counter()


def first_paint() -> None:
    """In a fresh process: seconds until the window is on screen and painted."""
    from PySide6.QtWidgets import QApplication

    from reviewer.qt.main_window import MainWindow

    app = QApplication([])
    window = MainWindow()
    window.show()
    window.repaint()
    app.processEvents()
    painted = time.perf_counter() - STARTED
    print(json.dumps({"first_paint_s": painted, "torch_imported": "torch" in sys.modules}))
    window.translation.engine.close()


def report_first_paint() -> None:
    """Print the median time to the first paint over three fresh processes."""
    paints = []
    for _ in range(3):
        output = subprocess.run(
            [sys.executable, __file__, "--first-paint"], capture_output=True, text=True, check=True
        ).stdout
        paints.append(json.loads(output.strip().splitlines()[-1]))
    print(
        f"Window on screen, painted: {statistics.median(p['first_paint_s'] for p in paints):.2f} s "
        f"after process start (median of 3); torch imported by then: "
        f"{any(p['torch_imported'] for p in paints)}"
    )


def report_translation_gaps(app: Any, window: Any, sample: Path) -> None:
    """Print the largest GUI gaps while the engine loads the model and translates."""
    from PySide6.QtCore import QEvent

    from benchmarks.gui_timer import GapTimer

    timer = GapTimer()
    timer.start()
    window.open_path(sample)
    start = time.perf_counter()
    while window.document is not None and any(s.machine is None for s in window.document):
        app.processEvents()
        # What app.exec() would do: delete the editors the view has let go of.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.editor.go_by(1)
        if time.perf_counter() - start > 300:
            break
    translated = time.perf_counter() - start
    timer.stop()
    print(
        f"Model load + translation of the sample through the engine process: {translated:.1f} s; "
        f"GUI timer (10 ms): {timer.summary()}"
    )


def main() -> None:
    if sys.argv[1:] == ["--first-paint"]:
        first_paint()
        return
    from PySide6.QtWidgets import QApplication

    from benchmarks.translate_speed import build_model
    from reviewer.qt.main_window import MainWindow

    report_first_paint()

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    sample = folder / "sample.txt"
    sample.write_bytes((ROOT / "resources" / "sample_article.txt").read_bytes())
    paragraphs = [p for p in sample.read_text(encoding="utf-8").splitlines() if p.strip()]
    big = folder / "big.txt"
    big.write_text("\n\n".join(paragraphs[i % len(paragraphs)] for i in range(2000)), "utf-8")

    model = build_model()
    window = MainWindow(model=str(model))
    window.resize(1280, 800)
    window.show()
    for article in (sample, big):
        start = time.perf_counter()
        window.open_path(article)
        window.repaint()
        app.processEvents()
        opened = time.perf_counter() - start
        assert window.document is not None
        print(f"Opened {article.name} ({len(window.document)} paragraphs) in {opened:.2f} s")
        start = time.perf_counter()
        for row in range(0, len(window.document), max(1, len(window.document) // 40)):
            window.editor.go_to_row(row, edit=False)
            app.processEvents()
        print(f"  scrolled through it in 40 jumps: {time.perf_counter() - start:.2f} s")
        window.translation.engine.cancel()

    window.session.autosaver.dirty = False
    window.close()
    # A fresh engine and an empty translation cache: the model is loaded and every
    # paragraph really translated while the GUI timer ticks.
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    sample.with_name(sample.name + ".reviewer.json").unlink(missing_ok=True)
    window = MainWindow(model=str(model))
    window.resize(1280, 800)
    window.show()
    report_translation_gaps(app, window, sample)
    window.session.autosaver.dirty = False
    window.close()


if __name__ == "__main__":
    main()
