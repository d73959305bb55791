"""Killed while saving: SIGKILL at random moments never leaves a broken project file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reviewer.document import ArticleInfo, ReviewDocument, SegmentKind, Status
from reviewer.project import open_project, save_project
from tests.conftest import ROOT

KILLS = 50
PARAGRAPHS = 2000


def _big_document() -> ReviewDocument:
    article = ArticleInfo("/articles/big.txt", "text", "utf-8", False, "0" * 64, 1)
    text = "أعلن الرئيس جو بايدن أن القوات الأمريكية ستنهي مهمتها القتالية في العراق. " * 3
    return ReviewDocument.from_blocks(article, [(SegmentKind.PARAGRAPH, text)] * PARAGRAPHS)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "big.reviewer.json"
    save_project(_big_document(), path)
    generator = random.Random(20261129)
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    confirmed = 0
    mid_save = 0
    for kill in range(KILLS):
        saver = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.save_loop", str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=ROOT,
        )
        assert saver.stdout is not None
        printed: list[int] = []
        reader = threading.Thread(
            target=lambda stream=saver.stdout, into=printed: into.extend(
                int(line.split()[1]) for line in stream if line.startswith("SAVED")
            ),
            daemon=True,
        )
        reader.start()
        deadline = time.monotonic() + 60
        while not printed and time.monotonic() < deadline:
            time.sleep(0.01)  # wait for the first save
        if kill % 2:
            time.sleep(generator.uniform(0.0, 0.25))  # then kill at a random moment...
        else:
            # ...or the moment a save is under way (its temporary file exists), so that
            # kills in the middle of a write are certain, not left to chance.
            while time.monotonic() < deadline and not any(
                name.endswith(".tmp") for name in os.listdir(tmp_path)
            ):
                pass
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        reader.join(10)
        saver.stdout.close()
        assert printed, "the saver never saved"
        last_confirmed = printed[-1]

        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        mid_save += bool(leftovers)
        opened = open_project(path)  # must never raise: old or new, never broken
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        document = opened.document
        on_disk = int(document.segments[0].target)
        assert last_confirmed <= on_disk <= last_confirmed + 1
        # Every confirmation that was reported saved is there.
        for counter in range(max(1, on_disk - len(document) + 2), on_disk + 1):
            segment = document.segments[1 + counter % (len(document) - 1)]
            if segment.target == f"confirmed {counter}":
                assert segment.status is Status.REVIEWED
        assert sum(s.status is Status.REVIEWED for s in document) >= min(on_disk, len(document) - 1)
        confirmed = on_disk
    assert confirmed > KILLS  # the saves really went on between the kills
    print(f"{KILLS} kills survived; {mid_save} of them left a half-written temporary file")
    # The kills aimed at a save under way must really have landed in the middle of writes
    # (else this test would prove nothing about them).
    assert mid_save >= KILLS // 5
