"""One window per review: a lock file beside the project file.

The lock holds the process id and host of the window (or command) that has the review open,
with the machine's boot id and the process's start time where the system tells them (Linux).
A second window finds it and is warned; a lock left by a process that no longer runs (a crash,
a kill, a reboot) is stale and taken over, even when its process id now belongs to another
process. Creation is atomic (``O_EXCL``), so two windows opening at the same moment cannot
both win.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

from reviewer.errors import ExitCode, ReviewerError

LOCK_SUFFIX = ".lock"


class LockedError(ReviewerError):
    """The review is open in another window (or command)."""

    exit_code = ExitCode.IN_USE

    def __init__(self, path: Path, pid: int, host: str) -> None:
        super().__init__(
            f"{path.name} is already open in another reviewer window or command (process "
            f"{pid} on {host}). Close it there first (File › Close in a window), then try "
            "again: working on it in two places at once would lose the changes of one of them."
        )
        self.pid = pid


def lock_path(project_path: Path) -> Path:
    """Where the lock of *project_path* lives."""
    return project_path.with_name(project_path.name + LOCK_SUFFIX)


class ProjectLock:
    """The lock on one project file, held by this process."""

    def __init__(self, project_path: Path) -> None:
        self.path = lock_path(project_path)
        self._project = project_path
        self.held = False

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock, taking over a stale one. Raises `LockedError` if a live process
        holds it (unless *force*)."""
        for _ in range(3):
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = self._owner()
                if owner is not None and not force and _alive(*owner):
                    raise LockedError(self._project, owner[0], owner[1]) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except OSError:
                # A read-only folder cannot hold a lock; the project cannot be saved there
                # either, and saving tells the user so.
                return
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(_identity(os.getpid()), stream)
            self.held = True
            return

    def release(self) -> None:
        """Give the lock up (if this process holds it)."""
        if self.held:
            owner = self._owner()
            if owner is not None and owner[0] == os.getpid():
                with contextlib.suppress(OSError):
                    self.path.unlink()
            self.held = False

    def _owner(self) -> tuple[int, str, dict[str, object]] | None:
        try:
            with self.path.open(encoding="utf-8") as stream:
                data = json.loads(stream.read(4096))
            return int(data["pid"]), str(data["host"]), data
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None


#: The kernel's id of this boot: a lock written before a reboot is stale, whatever its pid.
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


def _boot_id() -> str | None:
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _start_time(pid: int) -> str | None:
    """When process *pid* started (clock ticks since boot), where /proc tells it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: count from its end.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None


def _identity(pid: int) -> dict[str, object]:
    return {
        "pid": pid,
        "host": socket.gethostname(),
        "boot": _boot_id(),
        "started": _start_time(pid),
    }


def _alive(pid: int, host: str, recorded: dict[str, object] | None = None) -> bool:
    """Whether the process that wrote a lock still runs."""
    if host != socket.gethostname():
        return True  # Another machine (a shared folder): assume it is in use.
    recorded = recorded or {}
    boot = recorded.get("boot")
    if boot is not None and _boot_id() is not None and boot != _boot_id():
        return False  # Written before the machine restarted.
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    started = recorded.get("started")
    # The pid is taken, but by a process that started at another time: a new process that
    # was given the old one's number (after a reboot, or after many processes).
    return started is None or _start_time(pid) in (None, started)
