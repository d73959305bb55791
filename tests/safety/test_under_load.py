"""Under load: a 2,000-paragraph article translated, edited and saved again and again."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.document import Status
from reviewer.project import open_project
from tests.conftest import SAMPLE_ARTICLE
from tests.helpers.fake_engine import FakeEngine

PARAGRAPHS = 2000
ROUNDS = 150


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.slow
@pytest.mark.usefixtures("dialogs")
def test_memory_stays_flat_and_saves_stay_fast(qtbot: QtBot, tmp_path: Path) -> None:
    from reviewer.qt.main_window import MainWindow

    paragraphs = [p for p in SAMPLE_ARTICLE.read_text("utf-8").splitlines() if p.strip()]
    article = tmp_path / "big.txt"
    article.write_text("\n\n".join(paragraphs[i % 23] for i in range(PARAGRAPHS)), "utf-8")
    window = MainWindow(FakeEngine())
    qtbot.addWidget(window)
    window.show()
    window.open_path(article)
    document = window.document
    assert document is not None
    assert len(document) == PARAGRAPHS
    qtbot.waitUntil(lambda: all(s.machine is not None for s in document), timeout=120_000)

    save_times: list[float] = []
    memory: list[float] = []
    for round_number in range(ROUNDS):
        row = (round_number * 37) % PARAGRAPHS
        window.editor.go_to_row(row)
        assert window.table.editor is not None
        window.table.editor.setPlainText(f"Reviewed under load, round {round_number}.")
        window.editor.confirm_current()
        started = time.perf_counter()
        assert window.save()
        save_times.append(time.perf_counter() - started)
        qtbot.wait(1)
        memory.append(_rss_mb())
    window.session.autosaver.dirty = False
    assert window.session.project_path is not None
    saved = open_project(window.session.project_path).document
    reviewed = sum(s.status is Status.REVIEWED for s in saved)
    assert reviewed == len({(n * 37) % PARAGRAPHS for n in range(ROUNDS)})
    warm = statistics.mean(memory[10:30])
    late = statistics.mean(memory[-20:])
    print(
        f"\n{PARAGRAPHS} paragraphs, {ROUNDS} edits and saves: save median "
        f"{statistics.median(save_times) * 1000:.0f} ms, max {max(save_times) * 1000:.0f} ms; "
        f"memory {warm:.0f} MB after warm-up, {late:.0f} MB at the end"
    )
    # Ratios in one run, not absolute times (the machine is shared): saves do not slow down
    # as edits pile up, and memory does not grow with them (measured: 117 -> 118 MB). The
    # figures against the real engine come from benchmarks/under_load.py.
    early = statistics.median(save_times[5:35])
    assert statistics.median(save_times[-30:]) < 3 * early, "saves slow down with every edit"
    assert late - warm < 15, "memory grows with every edit and save"
    window.close()
