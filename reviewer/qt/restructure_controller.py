"""Fixing what the article file got wrong: a paragraph split where the Arabic cursor is
(Ctrl+Shift+D), two merged (Ctrl+Shift+M, with the next), a typo in the Arabic corrected
(Ctrl+Shift+E, in a dialog of its own: the Arabic is never edited by accident).

Each is one undoable step that replaces rows (reviewer.document has the rules); every other
segment keeps its id, and only the new or corrected segments are translated again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer.document import Segment, merge_segments, split_segment, with_corrected_source
from reviewer.qt.segment_delegate import SourceViewer, arabic_font, text_option

if TYPE_CHECKING:
    from reviewer.qt.editor_controller import EditorController
    from reviewer.qt.translation_controller import TranslationController


class SourceDialog(QDialog):
    """Correct a segment's Arabic: right-to-left, the article's text shown for reference."""

    def __init__(self, parent: QWidget | None, source: str, original: str | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct the Arabic")
        self.setObjectName("sourceDialog")
        layout = QVBoxLayout(self)
        note = QLabel(
            "The corrected Arabic is translated again and exported; the article's own text is "
            "kept in the review. Ctrl+Enter saves, Escape cancels."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.editor = QPlainTextEdit()
        self.editor.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.editor.setFont(arabic_font(14))
        # Right to left and right-aligned whatever the first letter (the cells' layout).
        self.editor.document().setDefaultTextOption(text_option(right_to_left=True))
        self.editor.setPlainText(source)
        layout.addWidget(self.editor, 1)
        if original is not None:
            article = QLabel(f"The article has: {original}")
            article.setWordWrap(True)
            article.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(article)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self).activated.connect(self.accept)
        self.resize(560, 260)
        self.editor.setFocus()

    def text(self) -> str:
        """The Arabic as corrected, spaces at the ends dropped."""
        return self.editor.toPlainText().strip()


class RestructureController(QObject):
    """Split, merge and correct segments from the keys."""

    def __init__(
        self,
        editor: EditorController,
        translation: TranslationController,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.translation = translation
        self._say = say
        #: Where the cursor was last in the Arabic: (segment id, position).
        self.arabic_cursor: tuple[str, int] = ("", -1)
        self.dialog: SourceDialog | None = None
        editor.view.segment_delegate.editor_created.connect(self._on_editor_created)
        editor.session.opened.connect(self._on_opened)

    def _on_opened(self) -> None:
        model = self.editor.session.segment_model
        if model is not None:
            model.restructured.connect(self.translation.translate_segments)

    def _on_editor_created(self, cell_editor: object) -> None:
        if isinstance(cell_editor, SourceViewer):
            viewer = cell_editor
            viewer.cursorPositionChanged.connect(lambda: self._remember_cursor(viewer))

    def _remember_cursor(self, viewer: SourceViewer) -> None:
        segment = self.editor.current_segment()
        if segment is not None:
            self.arabic_cursor = (segment.id, viewer.textCursor().position())

    def split_current(self) -> None:
        """Split the current segment where the cursor is (or was last) in its Arabic."""
        self.editor.commit()  # what is typed belongs to the segment being split
        segment, document = self.editor.current_segment(), self.editor.session.document
        model, row = self.editor.session.segment_model, self.editor.current_row()
        if segment is None or document is None or model is None or row is None:
            return
        viewer = self.editor.view.viewer
        if viewer is not None:
            self._remember_cursor(viewer)
        segment_id, position = self.arabic_cursor
        if segment_id != segment.id:
            self._say(
                "Put the cursor in the Arabic where the new segment should start (Tab goes "
                "to the Arabic), then press Ctrl+Shift+D."
            )
            return
        try:
            parts = split_segment(document, segment, position)
        except ValueError:
            self._say("The cursor is at an end of the Arabic: put it where the split goes.")
            return
        self._replace(row, 1, parts, "Split")
        self._say(f"{segment.id} split into {parts[0].id} and {parts[1].id} (Ctrl+Z undoes).")

    def merge_with_next(self) -> None:
        """Merge the current segment with the next one of the article."""
        self.editor.commit()  # what is typed belongs to the segments being merged
        document, row = self.editor.session.document, self.editor.current_row()
        if document is None or row is None:
            return
        if row + 1 >= len(document):
            self._say("This is the last segment: there is none after it to merge with.")
            return
        first, second = document.segments[row], document.segments[row + 1]
        merged = merge_segments(document, first, second)
        self._replace(row, 2, [merged], "Merge")
        self._say(f"{first.id} and {second.id} merged into {merged.id} (Ctrl+Z undoes).")

    def correct_source(self) -> None:
        """Open the dialog that corrects the current segment's Arabic."""
        segment = self.editor.current_segment()
        if segment is None:
            return
        self.editor.commit()
        self.dialog = SourceDialog(
            self.editor.view.window(), segment.source, segment.original_source
        )
        self.dialog.accepted.connect(self._save_source)
        self.dialog.finished.connect(self.editor.back_from_dialog)
        self.dialog.open()

    def _save_source(self) -> None:
        segment, row = self.editor.current_segment(), self.editor.current_row()
        if self.dialog is None or segment is None or row is None:
            return
        text = self.dialog.text()
        if text == segment.source:
            return
        try:
            corrected = with_corrected_source(segment, text)
        except ValueError:
            self._say("The Arabic cannot be empty: exclude the segment instead (Ctrl+E).")
            return
        self._replace(row, 1, [corrected], "Correct the Arabic of")
        self._say(f"The Arabic of {segment.id} is corrected; it is being translated again.")

    def _replace(self, row: int, count: int, segments: list[Segment], label: str) -> None:
        model = self.editor.session.segment_model
        assert model is not None
        self.editor.commit()
        self.editor.view.close_editors()
        model.restructure(row, count, segments, label)
        self.editor.go_to_row(row)


__all__ = ["RestructureController", "SourceDialog"]
