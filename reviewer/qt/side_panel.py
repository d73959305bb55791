"""The side panel: everything about the current segment beside the table.

It follows the current segment and never takes the keyboard: the machine translation with
the model's confidence, a word-level diff of it against the reviewer's English, and the
model's alternatives, each usable with one key (Ctrl+1 … Ctrl+5). An answer that arrives for
another segment is kept for when the reviewer gets there. Later checks (QA findings, memory
matches, terms) get sections of their own here.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.diff import diff_html as markup
from reviewer.document import Segment
from reviewer.metrics import duration, segment_figures
from reviewer.qa import Term
from reviewer.qt.qa_controller import findings_text
from reviewer.qt.segment_model import STATUS_LABELS

if TYPE_CHECKING:
    from reviewer.qt.editor_controller import EditorController
    from reviewer.qt.qa_controller import QaController
    from reviewer.qt.status_widgets import StatusWidgets
    from reviewer.qt.translation_controller import TranslationController

#: How many alternatives get a key of their own.
KEYED_ALTERNATIVES = 5
#: How many of a segment's terms get a key of their own (Alt+1 … Alt+9).
KEYED_TERMS = 9
#: Milliseconds of pause before the post-editing figures are computed again.
FIGURES_DELAY_MS = 300
#: Colours of the diff, readable on light and dark palettes.
DELETED_COLOUR = "#e04848"
INSERTED_COLOUR = "#3aa757"


def diff_html(machine: str, english: str) -> str:
    """The reviewer's English against the machine's, as rich text: deleted words struck out,
    inserted ones underlined."""
    return markup(
        machine,
        english,
        deleted=f'<s style="color:{DELETED_COLOUR}">{{}}</s>',
        inserted=f'<u style="color:{INSERTED_COLOUR}"><b>{{}}</b></u>',
    )


def terms_text(terms: list[Term]) -> str:
    """The side panel's list of a segment's terms, each with the key that inserts it."""
    return "\n".join(
        f"{f'Alt+{number}' if number <= KEYED_TERMS else '     '}   {term.source} → "
        f"{' / '.join(term.targets)}"
        for number, term in enumerate(terms, start=1)
    )


def work_text(segment: Segment) -> str:
    """The side panel's post-editing figures for *segment*: time, visits, keys, and how far
    the final English is from the English the reviewer started from."""
    work = segment.work
    if work.empty:
        return "Not worked on yet."
    lines = [
        f"{duration(work.seconds)} active · {work.visits} visit{'s' * (work.visits != 1)}",
        f"{work.keys} keys: {work.inserted} typed, {work.deleted} deleted, "
        f"{work.navigation} moving the cursor",
    ]
    figures = segment_figures(segment)
    if figures.hter is not None and figures.chrf is not None:
        lines.append(f"HTER {figures.hter:.1f} · chrF {figures.chrf:.1f} (against the final)")
    return "\n".join(lines)


def _section(title: str) -> QLabel:
    label = QLabel(f"<b>{html.escape(title)}</b>")
    label.setContentsMargins(0, 8, 0, 2)
    return label


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


class SidePanel(QDockWidget):
    """The current segment's machine translation, changes and alternatives."""

    #: The reviewer chose alternative N (1 = the best), by double-click.
    alternative_chosen = Signal(int)
    #: The reviewer asked for alternatives with the button.
    alternatives_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Segment", parent)
        self.setObjectName("sidePanel")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = _text_label()
        self.machine = _text_label()
        self.changes = _text_label()
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        self.checks = _text_label()
        self.terms = _text_label()
        self.memory = _text_label()
        self.memory.setTextFormat(Qt.TextFormat.RichText)
        self.work = _text_label()
        # Arabic and English on one line each: laid out in the order written, left to right.
        self.terms.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.alternatives = QListWidget()
        self.alternatives.setWordWrap(True)
        # Clicks may pick an alternative; nothing moves the keyboard here on its own.
        self.alternatives.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.alternatives.itemDoubleClicked.connect(
            lambda item: self.alternative_chosen.emit(self.alternatives.row(item) + 1)
        )
        self.ask = QPushButton("Ask the model for alternatives (Ctrl+Shift+A)")
        self.ask.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ask.clicked.connect(self.alternatives_requested)
        self.alternatives_note = _text_label()
        layout.addWidget(self.heading)
        layout.addWidget(_section("Machine translation"))
        layout.addWidget(self.machine)
        layout.addWidget(_section("Your changes"))
        layout.addWidget(self.changes)
        layout.addWidget(_section("Checks"))
        layout.addWidget(self.checks)
        layout.addWidget(_section("Terms"))
        layout.addWidget(self.terms)
        layout.addWidget(_section("Translation memory"))
        layout.addWidget(self.memory)
        layout.addWidget(_section("Post-editing"))
        layout.addWidget(self.work)
        layout.addWidget(_section("Alternatives"))
        layout.addWidget(self.alternatives_note)
        layout.addWidget(self.alternatives, 1)
        layout.addWidget(self.ask)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Everything wraps to the panel's width: no sideways scrolling.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(scroll)
        self.setMinimumWidth(220)
        self.show_segment(None)

    def show_memory(self, text: str) -> None:
        """Show the current segment's memory matches (rich text), or a note."""
        self.memory.setText(text)

    def show_segment(
        self,
        segment: Segment | None,
        choices: list[str] | None = None,
        *,
        waiting: bool = False,
        confidence: float | None = None,
        checks: str = "",
        terms: str = "",
    ) -> None:
        """Show *segment* (None: nothing is current) and its alternatives, if any."""
        self.alternatives.clear()
        self.checks.setText(checks)
        self.terms.setText(terms or "None from the glossaries.")
        if segment is None:
            self.heading.setText("No segment")
            self.machine.clear()
            self.changes.clear()
            self.alternatives_note.clear()
            return
        heading = f"{segment.id} · {STATUS_LABELS[segment.status]}"
        if segment.original_source is not None:
            heading += f" · Arabic corrected (the article has: {segment.original_source})"
        machine = segment.machine
        if machine is not None and machine.score is not None:
            heading += f" · model confidence {machine.score:.0%}"
        self.heading.setText(heading)
        if machine is None and segment.memory is not None:
            self.machine.setText("Not asked: the memory had this Arabic (Ctrl+T asks the model).")
            self.changes.setText("")
        elif machine is None:
            self.machine.setText("None yet.")
            self.changes.setText("")
        else:
            self.machine.setText(machine.text)
            same = machine.text == segment.target
            self.changes.setText(
                "None: the English is the machine's."
                if same
                else diff_html(machine.text, segment.target)
            )
        for number, text in enumerate(choices or [], start=1):
            key = f"Ctrl+{number}" if number <= KEYED_ALTERNATIVES else "   "
            item = QListWidgetItem(f"{key}   {text}")
            item.setToolTip(text)
            self.alternatives.addItem(item)
        if waiting:
            self.alternatives_note.setText("Asking the model…")
        elif choices:
            confidence_text = "" if confidence is None else f" (confidence {confidence:.0%})"
            self.alternatives_note.setText(f"Best first{confidence_text}; Ctrl+N uses one.")
        else:
            self.alternatives_note.setText("None asked for yet.")


class SidePanelController(QObject):
    """Keeps the side panel on the current segment, and uses its alternatives."""

    def __init__(
        self,
        panel: SidePanel,
        editor: EditorController,
        translation: TranslationController,
        status: StatusWidgets,
        qa: QaController,
    ) -> None:
        super().__init__(panel)
        self.qa = qa
        self.panel = panel
        self.editor = editor
        self.translation = translation
        self.status = status
        # Several changes in one turn of the event loop redraw the panel once.
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self.refresh)
        # HTER takes milliseconds on a long paragraph: computed once the typing pauses.
        self._figures = QTimer(self, singleShot=True, interval=FIGURES_DELAY_MS)
        self._figures.timeout.connect(self.show_figures)
        editor.current_changed.connect(self.refresh_soon)
        qa.notice.connect(status.say)
        qa.glossary_changed.connect(self.refresh_soon)
        editor.current_updated.connect(self.refresh_soon)
        translation.alternatives_changed.connect(self._on_alternatives_changed)
        panel.alternative_chosen.connect(self.use_alternative)
        panel.alternatives_requested.connect(translation.ask_alternatives)

    def refresh_soon(self, *_: object) -> None:
        """Show the current segment again, once this turn of the event loop is over."""
        self._soon.start()

    def refresh(self) -> None:
        """Show the current segment now."""
        segment = self.editor.current_segment()
        self._figures.start()
        if segment is None:
            self.panel.show_segment(None)
            return
        alternatives = self.translation.alternatives_for(segment.id)
        self.panel.show_segment(
            segment,
            self.translation.choices(segment.id),
            waiting=self.translation.waiting_for_alternatives(segment.id),
            confidence=None if alternatives is None else alternatives.score,
            checks=findings_text(self.qa.findings(segment)),
            terms=terms_text(self.qa.segment_terms(segment.source)),
        )

    def show_figures(self) -> None:
        """Show the current segment's post-editing figures."""
        segment = self.editor.current_segment()
        self.panel.work.setText("" if segment is None else work_text(segment))

    def use_alternative(self, number: int) -> None:
        """Use alternative *number* (1 = the best) of the current segment (undoable)."""
        segment = self.editor.current_segment()
        choices = [] if segment is None else self.translation.choices(segment.id)
        if not 1 <= number <= len(choices):
            self.status.say(f"No alternative {number}: ask for them with Ctrl+Shift+A.")
            return
        self.editor.use_text(choices[number - 1], f"Use alternative {number}")
        self.editor.focus_current()

    def mark_not_errors(self) -> None:
        """Mark the current segment's findings "not an error" (undoable; kept in the
        project file), so they stay quiet."""
        segment, model = self.editor.current_segment(), self.editor.session.segment_model
        if segment is None or model is None:
            return
        self.editor.commit()
        keys = [finding.key for finding in self.qa.findings(segment)]
        if not keys:
            self.status.say(f"{segment.id} has no findings.")
            return
        model.change(segment, "Not an error", lambda s: s.mark_not_errors(keys))
        self.status.say(f"{len(keys)} finding(s) of {segment.id} marked as not errors.")
        self.refresh_soon()

    def _on_alternatives_changed(self, segment_id: str) -> None:
        # An answer for another segment is kept for later; it never moves the reviewer.
        current = self.editor.current_segment()
        if current is not None and current.id == segment_id:
            self.refresh_soon()
