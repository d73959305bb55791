"""Saving the review without being asked: nothing the reviewer does waits for it, and a
crash loses at most a couple of seconds of work.

- A status change (confirm, exclude, reopen...) is a decision worth keeping at once: saved on
  the next turn of the event loop (several changes in one turn save once).
- Any other change (typing, a machine translation arriving) is saved at most
  `AUTOSAVE_DELAY_MS` after the first change not yet saved, however busy the reviewer or the
  engine is. The English editor hands its text over at least once a second while typing (see
  segment_delegate), so continuous typing reaches the disk within about two seconds.
- A failure is shown to the reviewer once per run of failures (never only on stderr); the
  edits stay in memory and File › Save As rescues them.
- Before writing, it checks that the project file is still the one this window last read or
  wrote. If another program changed it (a `reviewer translate` run with the lock forced, a
  sync tool), the reviewer decides: keep this window's version (the other one stays as the
  backup) or open the one on disk (this window's is kept beside it). Neither is lost silently.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.errors import ReviewerError
from reviewer.project import ProjectEncoder

if TYPE_CHECKING:
    from reviewer.qt.session import ReviewSession

#: Milliseconds from the first unsaved change to the automatic save.
AUTOSAVE_DELAY_MS = 1000

Fingerprint = tuple[int, int, int]


class Conflict(enum.Enum):
    """What to do when the project file changed on disk behind the window's back."""

    KEEP_MINE = "keep"
    OPEN_THEIRS = "open"
    LATER = "later"


def fingerprint(path: Path) -> Fingerprint | None:
    """What tells one version of *path* from another (None: there is no file)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


class Autosaver(QObject):
    """Keeps the open review's project file up to date."""

    #: The review was saved to disk.
    saved = Signal()
    #: Whether there are changes not on disk yet changed.
    dirty_changed = Signal(bool)

    def __init__(
        self,
        session: ReviewSession,
        *,
        commit: Callable[[], None],
        report: Callable[[str, str], None],
        say: Callable[[str], None],
        resolve: Callable[[Path], Conflict] | None = None,
    ) -> None:
        super().__init__(session)
        self._session = session
        self._commit = commit
        self._report = report
        self._say = say
        self._resolve = resolve
        self._known: Fingerprint | None = None
        self.dirty = False
        #: Changes that are not the reviewer's edits (the post-editing figures): saved with
        #: the next save, or after a moment, and never a reason to ask or to show "*".
        self.quiet = False
        self._error_shown = False
        self._encoder = ProjectEncoder()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.save)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(AUTOSAVE_DELAY_MS)
        self._later.timeout.connect(self.save)

    def reset(self) -> None:
        """A review was opened (or closed): nothing to save yet, a fresh encoder."""
        self._soon.stop()
        self._later.stop()
        self._encoder = ProjectEncoder()
        self.quiet = False
        path = self._session.project_path
        self._known = None if path is None else fingerprint(path)
        self._set_dirty(False)

    def moved_to(self, path: Path) -> None:
        """The review is saved somewhere else from now on (Save As)."""
        self._known = fingerprint(path)

    def on_modified(self, status_changed: bool) -> None:
        """The document changed; *status_changed* when a segment's status did."""
        self._set_dirty(True)
        if status_changed:
            self._soon.start()
        elif not self._later.isActive():
            self._later.start()

    def note_quiet_change(self) -> None:
        """Something to save that is not the reviewer's edit (see `quiet`)."""
        self.quiet = True
        if not self._later.isActive():
            self._later.start()

    def save(self) -> bool:
        """Save now. On failure the edits stay in memory and the reviewer is told."""
        from reviewer.project import save_project

        document, path = self._session.document, self._session.project_path
        if document is None or path is None:
            return True
        self._commit()  # may change the document: before the timers are stopped
        self._soon.stop()
        self._later.stop()
        if not self._still_ours(path):
            return False
        try:
            save_project(document, path, self._encoder)
        except Exception as error:
            # Whatever failed, the reviewer hears of it (a slot's exception would only
            # reach stderr) and the edits stay in memory.
            if not isinstance(error, ReviewerError):
                error = ReviewerError(
                    f"saving failed ({type(error).__name__}: {error}); this is a bug in "
                    "reviewer, please report it"
                )
            self._say(f"Not saved: {error}")
            if not self._error_shown:
                self._error_shown = True
                self._report(
                    "Your changes are not saved yet",
                    f"{error}\n\nYour work stays open here. Use File › Save As to save it "
                    "elsewhere.",
                )
            return False
        self._error_shown = False
        self._known = fingerprint(path)
        self.quiet = False
        self._set_dirty(False)
        self.saved.emit()
        return True

    def _still_ours(self, path: Path) -> bool:
        """Whether *path* may be written: unchanged since this window last read or wrote
        it, or the reviewer chose to keep this window's version."""
        current = fingerprint(path)
        if current is None or current == self._known or self._resolve is None:
            return True
        choice = self._resolve(path)
        if choice is Conflict.KEEP_MINE:
            return True
        if choice is Conflict.OPEN_THEIRS:
            self._session.reload_from_disk()
        return False

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
