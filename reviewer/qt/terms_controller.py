"""Terminology in the window: glossary terms marked in the Arabic, the places of findings
marked in the English, a term's English inserted with one key (Alt+1 … Alt+9), and a new term
added from what is selected (Ctrl+Shift+G, as in OmegaT).

A term is added from the Arabic selected in the Arabic cell (remembered when the reviewer
moves to the English) and the English selected in the editor; a small dialog shows both, to
correct, and where to keep the term: the user's glossary (every review) or the article's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from reviewer.errors import WriteError
from reviewer.glossary import add_term, article_glossary, user_glossary
from reviewer.qa import Term
from reviewer.qt.segment_delegate import Mark, SourceViewer, finding_look, term_look
from reviewer.qt.segment_model import SEGMENT_ID_ROLE, Column
from reviewer.storage import shown_name

if TYPE_CHECKING:
    from reviewer.qt.editor_controller import EditorController
    from reviewer.qt.qa_controller import QaController

#: The kinds of the editors' marks set here.
TERM_MARKS, FINDING_MARKS = "terms", "findings"


class TermDialog(QDialog):
    """Add a term: the Arabic, its English, a note, and which glossary keeps it."""

    def __init__(self, parent: QWidget | None, source: str, target: str, article: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Term")
        self.setObjectName("termDialog")
        form = QFormLayout(self)
        self.source = QLineEdit(source)
        self.source.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.target = QLineEdit(target)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional: where it comes from, when to use it")
        self.place = QComboBox()
        self.place.addItem("My glossary (every review)", str(user_glossary()))
        self.place.addItem(
            f"This article's glossary ({article.name})", str(article_glossary(article))
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow("&Arabic:", self.source)
        form.addRow("&English:", self.target)
        form.addRow("&Note:", self.note)
        form.addRow("&Keep in:", self.place)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # The keyboard starts in the first field still to fill.
        (self.target if source.strip() else self.source).setFocus()

    def term(self) -> Term | None:
        """The term as written, or None (and says why) if a side is empty."""
        source, target = self.source.text().strip(), self.target.text().strip()
        targets = tuple(part.strip() for part in target.split(";") if part.strip())
        if not source or not targets:
            self.problem.setText("Write both the Arabic and the English.")
            return None
        return Term(source, targets)

    def accept(self) -> None:
        if self.term() is not None:
            super().accept()


class TermsController(QObject):
    """Marks terms and findings in the cells and editors, inserts and adds terms."""

    #: A term was added (the glossary it went to).
    term_added = Signal(str)

    def __init__(
        self,
        editor: EditorController,
        qa: QaController,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.qa = qa
        self._say = say
        self._term_look, self._finding_look = term_look(), finding_look()
        #: The Arabic last selected, and in which segment.
        self._arabic_selection: tuple[str, str] = ("", "")
        self.dialog: TermDialog | None = None
        delegate = editor.view.segment_delegate
        delegate.marks_for = self.marks_for
        delegate.editor_created.connect(self._on_editor_created)
        qa.glossary_changed.connect(self._on_glossary_changed)
        qa.changed.connect(self._mark_open_editors)
        editor.current_updated.connect(self._mark_open_editors)

    # --- marks ---------------------------------------------------------------------------

    def marks_for(self, index: QModelIndex | QPersistentModelIndex) -> list[Mark]:
        """What a cell marks: terms in the Arabic, the places of findings in the English."""
        if index.column() == Column.SOURCE:
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            return [(span, self._term_look) for _term, span in self.qa.term_spans(text)]
        document = self.editor.session.document
        if index.column() != Column.TARGET or document is None:
            return []
        segment = document.segment(str(index.data(SEGMENT_ID_ROLE)))
        return [
            (finding.span, self._finding_look)
            for finding in self.qa.findings(segment)
            if finding.span is not None
        ]

    def _on_glossary_changed(self) -> None:
        self._mark_open_editors()
        self.editor.view.viewport().update()

    def _on_editor_created(self, cell_editor: object) -> None:
        if isinstance(cell_editor, SourceViewer):
            viewer = cell_editor
            viewer.textChanged.connect(lambda: self._mark_viewer(viewer))
            viewer.selectionChanged.connect(lambda: self._remember_arabic(viewer))

    def _mark_viewer(self, viewer: SourceViewer) -> None:
        spans = [span for _term, span in self.qa.term_spans(viewer.toPlainText())]
        viewer.set_marks(TERM_MARKS, spans, self._term_look)

    def _mark_open_editors(self) -> None:
        # While the reviewer types, the marks move with the text; they are set again from
        # the findings once the English is committed and checked (qa.changed).
        view, segment = self.editor.view, self.editor.current_segment()
        if view.viewer is not None:
            self._mark_viewer(view.viewer)
        target = view.editor
        if target is None or segment is None or target.toPlainText() != segment.target:
            return
        spans = [f.span for f in self.qa.findings(segment) if f.span is not None]
        target.set_marks(FINDING_MARKS, spans, self._finding_look)

    def _remember_arabic(self, viewer: SourceViewer) -> None:
        segment = self.editor.current_segment()
        selected = viewer.textCursor().selectedText().strip()
        if segment is not None and selected:
            self._arabic_selection = (segment.id, selected)

    # --- inserting and adding terms ----------------------------------------------------------

    def insert_term(self, number: int) -> None:
        """Insert the English of the current segment's term *number* (1 = the first in the
        Arabic) at the cursor of the English."""
        segment = self.editor.current_segment()
        terms = [] if segment is None else self.qa.segment_terms(segment.source)
        if not 1 <= number <= len(terms):
            self._say(f"No term {number} in this segment: the side panel lists its terms.")
            return
        target = self.editor.view.editor
        if target is None:
            # The English was closed: the term goes at its end, as when typing on.
            target = self.editor.view.edit_english()
            if target is None:
                return
            target.place_cursor(len(target.toPlainText()))
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.insertPlainText(terms[number - 1].targets[0])

    def add_term(self) -> None:
        """Add a term from the Arabic and English selected (Ctrl+Shift+G)."""
        segment, document = self.editor.current_segment(), self.editor.session.document
        if segment is None or document is None:
            return
        view = self.editor.view
        if view.viewer is not None:
            self._remember_arabic(view.viewer)
        remembered_id, arabic = self._arabic_selection
        arabic = arabic if remembered_id == segment.id else ""
        english = view.editor.textCursor().selectedText().strip() if view.editor else ""
        self.dialog = TermDialog(view.window(), arabic, english, Path(document.article.path))
        self.dialog.accepted.connect(self._save_term)
        self.dialog.finished.connect(self.editor.back_from_dialog)
        self.dialog.open()

    def _save_term(self) -> None:
        dialog = self.dialog
        term = None if dialog is None else dialog.term()
        if dialog is None or term is None:
            return
        path = Path(dialog.place.currentData())
        try:
            add_term(path, term, dialog.note.text().strip())
        except (WriteError, ValueError) as error:
            self._say(f"The term was not added: {error}")
            return
        self._say(f"“{term.source} → {'; '.join(term.targets)}” added to {shown_name(path)}.")
        self.qa.load_glossary()
        self.term_added.emit(str(path))


__all__ = ["TermDialog", "TermsController"]
