"""One window per review: a lock file beside the project file.

The lock holds the process id and host of the window that has the review open. A second
window finds it and is warned; a lock left by a process that no longer runs (a crash, a
kill) is stale and taken over. Creation is atomic (``O_EXCL``), so two windows opening at the
same moment cannot both win.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

from reviewer.errors import ReviewerError

LOCK_SUFFIX = ".lock"


class LockedError(ReviewerError):
    """The review is open in another window."""

    def __init__(self, path: Path, pid: int, host: str) -> None:
        super().__init__(
            f"{path.name} is already open in another reviewer window (process {pid} on "
            f"{host}). Editing it in two windows would lose the changes of one of them."
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
                json.dump({"pid": os.getpid(), "host": socket.gethostname()}, stream)
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

    def _owner(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return int(data["pid"]), str(data["host"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _alive(pid: int, host: str) -> bool:
    if host != socket.gethostname():
        return True  # Another machine (a shared folder): assume it is in use.
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
