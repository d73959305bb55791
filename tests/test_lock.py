"""One window per review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.lock import LockedError, ProjectLock, lock_path


def test_a_second_holder_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    first = ProjectLock(project)
    first.acquire()
    assert first.held
    # Another process's lock: the same file as seen from a second window.
    with pytest.raises(LockedError, match="already open in another reviewer window"):
        _acquire_in_child(project)
    first.release()
    assert not lock_path(project).exists()
    assert _acquire_in_child(project) == 0


def test_a_stale_lock_from_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lock_path(project).write_text(f'{{"pid": {child.pid}, "host": "{os.uname().nodename}"}}')
    with pytest.raises(LockedError):
        ProjectLock(project).acquire()
    child.kill()
    child.wait()
    lock = ProjectLock(project)
    lock.acquire()
    assert lock.held
    assert str(os.getpid()) in lock_path(project).read_text()


def test_a_damaged_lock_is_taken_over(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    lock_path(project).write_text("garbage")
    lock = ProjectLock(project)
    lock.acquire()
    assert lock.held


def _acquire_in_child(project: Path) -> int:
    code = (
        "import sys; from pathlib import Path; from reviewer.lock import ProjectLock, LockedError\n"
        "try:\n    ProjectLock(Path(sys.argv[1])).acquire()\n"
        "except LockedError:\n    sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project)], check=False)
    if result.returncode == 3:
        raise LockedError(project, 0, "child")
    return result.returncode


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_lock_whose_pid_now_belongs_to_another_process_is_stale(tmp_path: Path) -> None:
    from reviewer.lock import _boot_id, _start_time

    project = tmp_path / "a.reviewer.json"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        host = os.uname().nodename
        started = _start_time(child.pid)
        assert started is not None
        live = f'{{"pid": {child.pid}, "host": "{host}", "boot": "{_boot_id()}", '
        # The same pid, started at its real time: the holder is alive.
        lock_path(project).write_text(live + f'"started": "{started}"}}')
        with pytest.raises(LockedError):
            ProjectLock(project).acquire()
        # The same pid, but the lock was written by a process that started at another time
        # (the pid was given to a new process since): stale.
        lock_path(project).write_text(live + f'"started": "{int(started) - 1}"}}')
        ProjectLock(project).acquire()
        # Written before a reboot: stale whatever its pid.
        lock_path(project).write_text(
            f'{{"pid": {child.pid}, "host": "{host}", "boot": "another-boot", '
            f'"started": "{started}"}}'
        )
        lock = ProjectLock(project)
        lock.acquire()
        assert lock.held
    finally:
        child.kill()
        child.wait()
