"""A 10 ms Qt timer on the GUI thread that records how long the thread kept it waiting."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QTimer


class GapTimer:
    """Ticks every 10 ms while running; the gaps between ticks are the GUI's stalls."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        """Start ticking."""
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking."""
        self._timer.stop()

    def summary(self) -> str:
        """The largest gap and the 99th percentile, in milliseconds."""
        gaps = sorted(b - a for a, b in itertools.pairwise(self.ticks))
        return (
            f"largest gap {gaps[-1] * 1000:.0f} ms, 99th percentile "
            f"{gaps[int(len(gaps) * 0.99)] * 1000:.0f} ms over {len(gaps)} ticks"
        )
