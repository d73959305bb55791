"""The file dialogs of the window: open, save as, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from reviewer.errors import ReviewerError
from reviewer.qt.session import ReviewSession

if TYPE_CHECKING:
    from reviewer.qt.actions import ActionTable

SUFFIXES = {"tsv": ".tsv", "tmx": ".tmx", "xliff": ".xlf", "csv": ".csv"}


class FileActions:
    """Asks where, then opens, saves or exports."""

    def __init__(
        self,
        parent: QWidget,
        session: ReviewSession,
        *,
        open_path: Callable[[Path], bool],
        commit: Callable[[], None],
        report: Callable[[str, str], None],
        say: Callable[[str], None],
    ) -> None:
        self._parent = parent
        self._session = session
        self._open_path = open_path
        self._commit = commit
        self._report = report
        self._say = say
        self.actions: ActionTable | None = None

    def open_dialog(self) -> None:
        """Ask for a file and open it."""
        from reviewer.formats import ARTICLE_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in (*ARTICLE_SUFFIXES, ".reviewer.json"))
        name, _ = QFileDialog.getOpenFileName(
            self._parent,
            "Open an article or a review",
            "",
            f"Articles and reviews ({patterns});;All files (*)",
        )
        if name:
            self._open_path(Path(name))

    def save_as(self) -> bool:
        """Save the review under a new name (also the way out of a full or read-only disk)."""
        if self._session.document is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self._parent,
            "Save the review as",
            str(self._session.project_path or ""),
            "Reviews (*.reviewer.json)",
        )
        return bool(name) and self._session.save_to(Path(name))

    def export_dialog(self, export_format: str) -> None:
        """Ask where to export, then export."""
        document = self._session.document
        if document is None:
            return
        suffix = SUFFIXES[export_format]
        suggestion = str(Path(document.article.path).with_suffix(suffix))
        name, _ = QFileDialog.getSaveFileName(
            self._parent, f"Export {export_format.upper()}", suggestion, f"*{suffix}"
        )
        if name:
            self.export_to(Path(name), export_format)

    def export_to(self, path: Path, export_format: str) -> bool:
        """Export the review to *path*; problems are shown, nothing half-written."""
        from reviewer.exports import ExportOptions, export_to_file

        document = self._session.document
        if document is None:
            return False
        self._commit()
        options = ExportOptions(
            reviewed_only=self._checked("reviewed_only"), header=self._checked("tsv_header")
        )
        try:
            result = export_to_file(document, path, export_format, options)
        except ReviewerError as error:
            self._report("Not exported", str(error))
            return False
        message = f"Exported {result.pairs} pairs to {path.name}."
        if result.warnings:
            self._report("Exported, with changes", "\n".join([message, *result.warnings]))
        self._say(message)
        return True

    def _checked(self, name: str) -> bool:
        return self.actions is not None and self.actions[name].isChecked()
