"""The window's message boxes: errors, yes-or-no questions, a file changed on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.qt.autosaver import Conflict


def show_error(parent: QWidget, title: str, message: str) -> None:
    """Say what went wrong and what to do (the text can be selected and copied)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def ask(parent: QWidget, title: str, question: str) -> bool:
    """Whether the reviewer answers Yes to *question* (Cancel is the default)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_to_save(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel: the last changes, as the window closes."""
    return QMessageBox.question(
        parent,
        "Save the review?",
        "Save your last changes before closing?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


def resolve_conflict(parent: QWidget, path: Path) -> Conflict:
    """Ask which version of a project file changed on disk to keep."""
    answer = QMessageBox.question(
        parent,
        "Changed on disk",
        f"{path.name} was changed on disk by another program since this window saved it."
        "\n\nSave: keep this window's version (the one on disk is kept as "
        f"{path.name}.bak).\nOpen: open the version on disk (this window's is kept beside "
        "it).\nCancel: decide at the next save.",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Open
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return {
        QMessageBox.StandardButton.Save: Conflict.KEEP_MINE,
        QMessageBox.StandardButton.Open: Conflict.OPEN_THEIRS,
    }.get(answer, Conflict.LATER)
