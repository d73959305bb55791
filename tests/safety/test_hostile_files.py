"""Hostile files get reviewer's own error, fast, in one line: never a hang, a traceback or
gigabytes of memory (issue 9: each of these hung, crashed or blew up before)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.errors import ExitCode
from reviewer.project import open_project, save_project
from tests.conftest import ROOT
from tests.helpers.documents import reviewed_document
from tests.qt.conftest import Dialogs

#: Seconds a refusal may take at most (a hang or a gigabyte read takes far longer).
QUICK = 20


def run_cli(*arguments: str) -> tuple[int, str, float]:
    """Run ``reviewer ARGUMENTS`` in a process of its own; its exit code, stderr and peak
    memory in MB. A hang fails the test at QUICK seconds."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through exec, so a
    # child of a big test process would report the parent's size.
    code = (
        "import sys\n"
        "from reviewer.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "lines = open('/proc/self/status').read().splitlines()\n"
        "peak = next(int(l.split()[1]) for l in lines if l.startswith('VmHWM')) / 1024\n"
        "print(f'PEAK {peak:.0f}', file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        timeout=QUICK,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
    )
    lines = result.stderr.splitlines()
    assert lines, f"no output (exit code {result.returncode})"
    assert lines[-1].startswith("PEAK"), result.stderr
    return result.returncode, "\n".join(lines[:-1]), float(lines[-1].split()[1])


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    os.mkfifo(path)
    return path


def test_a_pipe_as_the_article_is_refused_not_waited_on(fifo: Path) -> None:
    out = str(fifo.with_name("out.tsv"))
    for command in (["inspect"], ["translate"], ["export", "-o", out]):
        code, err, _ = run_cli(*command, str(fifo))
        assert code == ExitCode.BAD_ARTICLE, err
        assert "is a pipe (FIFO), not a file" in err


def test_a_pipe_as_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    os.mkfifo(project)
    code, err, _ = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "a pipe" in err


def test_a_loop_of_links_is_refused_with_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "other.txt")
    (tmp_path / "other.txt").symlink_to(loop)
    code, err, _ = run_cli("inspect", str(loop))
    assert code == ExitCode.BAD_ARTICLE
    assert "loop of symbolic links" in err
    assert "internal error" not in err


def test_a_file_name_with_a_newline_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    code, err, _ = run_cli("inspect", str(path))
    assert code == ExitCode.BAD_ARTICLE
    assert len(err.splitlines()) == 1
    assert "two\\nlines.txt is empty" in err


def test_a_project_linked_to_an_endless_device_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    project = tmp_path / "a.reviewer.json"
    project.symlink_to("/dev/zero")
    started = time.monotonic()
    code, err, peak = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "a device" in err
    assert peak < 400  # MB: before, 3.7 GB and a MemoryError
    assert time.monotonic() - started < QUICK


def test_a_number_too_long_to_read_is_a_damaged_project(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), project)
    data = json.loads(project.read_text("utf-8"))
    text = json.dumps(data).replace('"version": 1', '"version": ' + "9" * 5000)
    project.write_text(text, "utf-8")
    code, err, _ = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "is damaged" in err


def test_an_article_that_became_a_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    document = reviewed_document()
    huge = tmp_path / "article.txt"
    with huge.open("wb") as stream:  # 12 GB, sparse: nothing is written but its size
        stream.truncate(12 * 2**30)
    document.article = type(document.article)(**{**document.article.__dict__, "path": str(huge)})
    project = tmp_path / "a.reviewer.json"
    save_project(document, project)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    opened = open_project(project)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024
    assert any("has changed since this review began" in notice for notice in opened.notices)


def test_the_window_refuses_a_pipe_in_a_dialog(qtbot: QtBot, dialogs: Dialogs, fifo: Path) -> None:
    from reviewer.qt.main_window import MainWindow
    from tests.helpers.fake_engine import FakeEngine

    window = MainWindow(FakeEngine())
    qtbot.addWidget(window)
    assert not window.open_path(fifo)
    ((title, message),) = dialogs.errors
    assert "cannot be opened" in title
    assert "a pipe (FIFO)" in message
