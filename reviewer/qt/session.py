"""The open review: its document, project file, lock, item model, undo stack and saving.

`ReviewSession` opens an article or a project file (resuming its review), closes it (saving
first), re-reads it in another encoding and moves it to another project file. Each review it
opens gets a new *generation* number, which every engine request carries, so an answer meant
for the review open before is recognised and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.document import ReviewDocument
from reviewer.errors import ReviewerError
from reviewer.lock import LockedError, ProjectLock
from reviewer.qt.autosaver import Autosaver, Conflict
from reviewer.qt.segment_model import SegmentTableModel


class ReviewSession(QObject):
    """The review open in a window (or none)."""

    #: A review was opened (its document, model and generation are set).
    opened = Signal()
    #: The review is about to be closed (commit what is typed now).
    closing = Signal()
    #: The review was closed.
    closed = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        commit: Callable[[], None],
        report: Callable[[str, str], None],
        say: Callable[[str], None],
        resolve: Callable[[Path], Conflict] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._report = report
        self.document: ReviewDocument | None = None
        self.project_path: Path | None = None
        self.segment_model: SegmentTableModel | None = None
        self.lock: ProjectLock | None = None
        self.generation = 0
        #: What opening the review had to say (article changed, recovered from a crash...).
        self.notices: list[str] = []
        self._extra_notices: list[str] = []
        self.undo_stack = QUndoStack(self)
        self.autosaver = Autosaver(self, commit=commit, report=report, say=say, resolve=resolve)

    def open_path(self, path: Path, *, encoding: str | None = None) -> bool:
        """Open an article (resuming its review) or a project file. Errors are shown in a
        dialog; the open review stays as it was."""
        from reviewer.formats import read_article
        from reviewer.project import new_project_path, open_review

        try:
            if encoding is not None:
                document = read_article(path, encoding=encoding).to_document()
                project_path = new_project_path(Path(document.article.path))
                notices: list[str] = []
            else:
                review = open_review(path)
                document = review.document
                project_path = review.project_path or new_project_path(Path(document.article.path))
                notices = review.notices
        except ReviewerError as error:
            self._report("This file cannot be opened", str(error))
            return False
        lock = self._take_lock(project_path)
        if lock is None:
            return False
        if not self.leave(keep_lock=lock is self.lock):
            if lock is not self.lock:
                lock.release()
            return False
        self._show(document, project_path, lock, notices)
        return True

    def _take_lock(self, project_path: Path) -> ProjectLock | None:
        if self.lock is not None and project_path == self.project_path:
            return self.lock  # The same review again (another encoding): ours already.
        lock = ProjectLock(project_path)
        try:
            lock.acquire()
        except LockedError as error:
            answer = QMessageBox.warning(
                self._parent,
                "Already open",
                f"{error}\n\nOpen it here anyway?",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Open:
                return None
            lock.acquire(force=True)
        return lock

    def _show(
        self, document: ReviewDocument, project_path: Path, lock: ProjectLock, notices: list[str]
    ) -> None:
        self.document = document
        self.project_path = project_path
        self.lock = lock
        self.notices = [*notices, *self._extra_notices]
        self._extra_notices = []
        self.generation += 1
        self.undo_stack.clear()
        self.autosaver.reset()
        self.segment_model = SegmentTableModel(document, self.undo_stack)
        self.segment_model.modified.connect(self.autosaver.on_modified)
        self.opened.emit()

    def leave(self, *, keep_lock: bool = False) -> bool:
        """Save and close what is open; False if the reviewer chose to stay."""
        if self.document is None:
            return True
        self.closing.emit()
        if self.autosaver.quiet and not self.autosaver.dirty:
            self.autosaver.save()  # the figures recorded since the last save; no question
        if self.autosaver.dirty and not self.autosaver.save():
            answer = QMessageBox.question(
                self._parent,
                "Not saved",
                "The review could not be saved. Leave it anyway and lose the last changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        if self.lock is not None and not keep_lock:
            self.lock.release()
            self.lock = None
        self.document = None
        self.segment_model = None
        self.undo_stack.clear()
        self.autosaver.reset()
        self.closed.emit()
        return True

    def reopen_with_encoding(self, codec: str) -> bool:
        """Read the article again in *codec* (only before any work is done on it)."""
        if self.document is None:
            return False
        touched = self.document.holds_reviewer_work()
        if touched:
            self._report(
                "Cannot re-read the article",
                f"{len(touched)} segments already hold your work, which re-reading would "
                "replace. Re-read it as a new review: copy the article to a new name first.",
            )
            return False
        return self.open_path(Path(self.document.article.path), encoding=codec)

    def save_to(self, path: Path) -> bool:
        """Save the review to *path* and keep working there."""
        from reviewer.project import PROJECT_SUFFIX

        if not path.name.endswith(PROJECT_SUFFIX):
            path = path.with_name(path.name.removesuffix(".json") + PROJECT_SUFFIX)
        previous_path, previous_lock = self.project_path, self.lock
        self.project_path = path
        lock = ProjectLock(path)
        lock.acquire(force=True)
        self.lock = lock
        self.autosaver.moved_to(path)
        if self.autosaver.save():
            if previous_lock is not None:
                previous_lock.release()
            return True
        lock.release()
        self.project_path, self.lock = previous_path, previous_lock
        if previous_path is not None:
            self.autosaver.moved_to(previous_path)
        return False

    def reload_from_disk(self) -> bool:
        """Open the project file as it is on disk now, keeping this window's version of the
        review beside it (nothing is lost)."""
        import datetime

        from reviewer.project import PROJECT_SUFFIX, encode_project
        from reviewer.storage import atomic_write

        document, path = self.document, self.project_path
        if document is None or path is None:
            return False
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(
            f"{path.name.removesuffix(PROJECT_SUFFIX)}.mine-{stamp}{PROJECT_SUFFIX}"
        )
        try:
            atomic_write(kept, encode_project(document))
        except ReviewerError as error:
            self._report("Not reloaded", f"{error}\n\nThis window's version stays open.")
            return False
        self.autosaver.dirty = self.autosaver.quiet = False
        self._extra_notices = [
            f"Opened the version on disk; the one this window had is kept as {kept.name}."
        ]
        return self.open_path(path)

    def release(self) -> None:
        """Give up the lock (the window is closing)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None
