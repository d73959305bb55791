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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.errors import ReviewerError
from reviewer.project import ProjectEncoder

if TYPE_CHECKING:
    from reviewer.qt.session import ReviewSession

#: Milliseconds from the first unsaved change to the automatic save.
AUTOSAVE_DELAY_MS = 1000


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
    ) -> None:
        super().__init__(session)
        self._session = session
        self._commit = commit
        self._report = report
        self._say = say
        self.dirty = False
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
        self._set_dirty(False)

    def on_modified(self, status_changed: bool) -> None:
        """The document changed; *status_changed* when a segment's status did."""
        self._set_dirty(True)
        if status_changed:
            self._soon.start()
        elif not self._later.isActive():
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
        try:
            save_project(document, path, self._encoder)
        except ReviewerError as error:
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
        self._set_dirty(False)
        self.saved.emit()
        return True

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
