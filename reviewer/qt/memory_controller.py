"""The window's side of the translation memory: fill, match, propagate, look up.

- Before the engine is asked for a segment, a 100% match of an approved unit fills it
  (status "From the memory"; the model is not asked).
- The current segment's matches (exact, fuzzy, and its sentences' exact ones) are looked up
  in a background thread and shown in the side panel, each usable with Ctrl+Alt+N.
- Confirming a segment stores it (and its aligned sentences) in the memory, in the same
  thread, and gives its English to the other segments with the same Arabic that hold no work
  of the reviewer's, in the same undo step as the review.
- The concordance panel (Ctrl+Shift+L) searches both sides of the memory.

The memory is a SQLite file; no keystroke ever waits on it: only the fill of a review's
segments, a handful of indexed lookups, runs on this thread.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.diff import diff_html
from reviewer.document import MemoryFill, Segment, Status
from reviewer.errors import ReviewerError
from reviewer.memory import ConcordanceHit, Match, TranslationMemory, same_source
from reviewer.qt.background import background_thread
from reviewer.qt.side_panel import DELETED_COLOUR, INSERTED_COLOUR, SidePanel
from reviewer.qt.translation_controller import TranslationController
from reviewer.search import Span

#: How many matches get a key of their own (Ctrl+Alt+1 … Ctrl+Alt+5).
KEYED_MATCHES = 5
_HIGHLIGHT = "#ffe082"


def arabic_diff_html(current: str, stored: str) -> str:
    """The memory's Arabic, with what differs from the segment's marked: words the segment
    does not have struck out, words it has that the unit lacks underlined."""
    return diff_html(
        stored,
        current,
        deleted=f'<s style="color:{DELETED_COLOUR}">{{}}</s>',
        inserted=f'<u style="color:{INSERTED_COLOUR}">{{}}</u>',
    )


def matches_html(matches: list[Match]) -> str:
    """The side panel's list of a segment's memory matches, each with its key."""
    if not matches:
        return "No match in the memory."
    rows = []
    for number, match in enumerate(matches, start=1):
        key = f"Ctrl+Alt+{number}" if number <= KEYED_MATCHES else ""
        where = f"sentence {match.sentence}, " if match.sentence else ""
        arabic = (
            html.escape(match.unit.source)
            if match.exact
            else arabic_diff_html(match.query, match.unit.source)
        )
        rows.append(
            f"<p><b>{match.score}%</b> <small>{key} · {where}"
            f"{html.escape(match.unit.provenance)}</small><br>"
            f"{html.escape(match.unit.target)}<br>"
            f'<span dir="rtl">{arabic}</span></p>'
        )
    return "".join(rows)


def hits_html(hits: list[ConcordanceHit], query: str) -> str:
    """The concordance panel's results: each pair with what was looked for highlighted."""
    if not hits:
        return f"Nothing in the memory holds “{html.escape(query)}”."
    rows = [
        f'<p><div dir="rtl" align="right">{_marked(hit.unit.source, hit.source_spans)}</div>'
        f"<div>{_marked(hit.unit.target, hit.target_spans)}</div>"
        f'<div style="color:gray"><small>{html.escape(hit.unit.provenance)}</small></div></p>'
        for hit in hits
    ]
    return f"<p>{len(hits)} pair{'s' * (len(hits) != 1)}:</p>" + "".join(rows)


def _marked(text: str, spans: list[Span]) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(html.escape(text[last:start]))
        out.append(
            f'<span style="background:{_HIGHLIGHT}"><b>{html.escape(text[start:end])}</b></span>'
        )
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


class ConcordancePanel(QDockWidget):
    """Search the memory for a word or phrase, Arabic or English, and see it in context."""

    #: Look this up.
    searched = Signal(str)
    #: Escape in the query: back to the English.
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Concordance", parent)
        self.setObjectName("concordancePanel")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.query = _QueryEdit(self)
        self.query.setPlaceholderText("A word or phrase, Arabic or English, then Enter")
        self.query.returnPressed.connect(lambda: self.searched.emit(self.query.text()))
        self.results = QTextBrowser()
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.note = QLabel("Searches the translation memory (Ctrl+Shift+L).")
        layout.addWidget(self.query)
        layout.addWidget(self.note)
        layout.addWidget(self.results, 1)
        self.setWidget(body)

    def show_hits(self, query: str, hits: list[ConcordanceHit]) -> None:
        """Show what was found for *query*."""
        # Begins in English: the line reads left to right whatever the query's script.
        self.note.setText(f"In the memory: “{query}”")
        self.results.setHtml(hits_html(hits, query))


class _QueryEdit(QLineEdit):
    def __init__(self, panel: ConcordancePanel) -> None:
        super().__init__()
        self._panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self._panel.left.emit()
            return
        super().keyPressEvent(event)


class MemoryController(QObject):
    """Fills, matches, stores and propagates with the translation memory."""

    #: Matches for this segment id arrived (the side panel shows them if it is current).
    matches_ready = Signal(str)
    #: From the memory's thread (queued to this one).
    _answer = Signal(str, str, object)
    _found = Signal(str, object)
    _failed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        translation: TranslationController,
        panel: SidePanel,
        path: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.editor = editor = translation.editor
        self.session = editor.session
        self.panel = panel
        self._say = translation.status.say
        self.memory = TranslationMemory(path)
        self.off: str | None = None
        self._matches: dict[str, tuple[str, list[Match]]] = {}
        self._pool = background_thread("memory")
        self.concordance = ConcordancePanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.concordance)
        self.concordance.hide()
        self.concordance.searched.connect(self.search)
        self.concordance.left.connect(editor.focus_current)
        self._answer.connect(self._on_answer)
        self._found.connect(self.concordance.show_hits)
        self._failed.connect(self._turn_off)
        translation.prefill = self.fill
        editor.current_changed.connect(self.look_up_current)
        editor.confirmed.connect(self.on_confirmed)
        self.session.opened.connect(self._on_opened)
        self.session.closed.connect(self._on_closed)
        #: Segments of the open review whose units the memory holds (reviewed ones).
        self._remembered: set[str] = set()

    # --- filling and propagating ------------------------------------------------------------

    def fill(self, segments: list[Segment]) -> None:
        """Fill *segments* that have no English with 100% matches (before the engine is
        asked for them)."""
        model = self.session.segment_model
        if self.off is not None or model is None or not segments:
            return
        try:
            filled = self.memory.fill(segments)
        except ReviewerError as error:
            self._turn_off(str(error))
            return
        if filled:
            model.refresh_segments([segment.id for segment in filled])
            count = len(filled)
            self._say(f"{count} segment{'s' * (count != 1)} filled from the memory (TM).")

    def _on_opened(self) -> None:
        document, model = self.session.document, self.session.segment_model
        assert document is not None
        assert model is not None
        self._remembered = {s.id for s in document if s.status is Status.REVIEWED}
        model.state_applied.connect(self._on_state_applied)

    def _on_closed(self) -> None:
        self._matches.clear()
        self._remembered = set()
        # Closed after what is queued (a review's last confirmations) is written.
        self._pool.submit(self.memory.close)

    def _on_state_applied(self, segment_id: str, _previous: str) -> None:
        """Keep the memory in step with the reviews: a confirmation stores the segment; an
        undo, a redo or a reopened review takes its units back out."""
        document, project = self.session.document, self.session.project_path
        if self.off is not None or document is None or project is None:
            return
        if segment_id not in document:
            return
        segment = document.segment(segment_id)
        if segment.status is Status.REVIEWED:
            self._remembered.add(segment_id)
            self._submit(self.memory.remember, str(project), dataclasses.replace(segment))
        elif segment_id in self._remembered:
            self._remembered.discard(segment_id)
            self._submit(self.memory.forget, str(project), segment_id)

    def on_confirmed(self, segment: Segment) -> None:
        """Give the confirmed *segment*'s English to the same Arabic elsewhere (the model
        stores it in the memory: see `_on_state_applied`)."""
        document, model = self.session.document, self.session.segment_model
        if document is None or model is None:
            return
        self._matches.clear()
        fill = MemoryFill(segment.target, segment.source, f"{segment.id} of this review", "")
        filled = [
            other.id
            for other in same_source(document, segment)
            if not other.holds_reviewer_work
            and other.target != segment.target
            and model.change(other, "Same English", lambda s: s.fill_from_memory(fill))
        ]
        if filled:
            self._say(
                f"The same Arabic in {', '.join(filled)} now has this English, to review "
                "(Ctrl+Z takes it back with the review)."
            )

    # --- matches ----------------------------------------------------------------------------

    def look_up_current(self, *_: object) -> None:
        """Look up the current segment's matches in the background."""
        segment = self.editor.current_segment()
        if segment is None:
            self.panel.show_memory("")
            return
        if self.off is not None:
            self.panel.show_memory(self.off)
            return
        # What was found last time shows at once; the memory may have grown since (another
        # window, an import), so it is asked again all the same.
        known = self.matches_for(segment)
        self.panel.show_memory("Looking in the memory…" if known is None else matches_html(known))
        source, segment_id = segment.source, segment.id
        self._submit(
            lambda: self._answer.emit(segment_id, source, self.memory.segment_matches(source))
        )

    def matches_for(self, segment: Segment) -> list[Match] | None:
        """The matches found for *segment* as it is, or None if not looked up yet."""
        known = self._matches.get(segment.id)
        return known[1] if known is not None and known[0] == segment.source else None

    def use_match(self, number: int) -> None:
        """Use match *number* (1 = the best) of the current segment: a match of the whole
        segment replaces its English (undoable); a sentence's goes in at the cursor."""
        segment = self.editor.current_segment()
        matches = None if segment is None else self.matches_for(segment)
        if not matches or not 1 <= number <= len(matches):
            self._say(f"No memory match {number} for this segment.")
            return
        match = matches[number - 1]
        if match.sentence == 0:
            self.editor.use_text(match.unit.target, f"Use memory match {number}")
            self.editor.focus_current()
            return
        target = self.editor.view.editor or self.editor.view.edit_english()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            target.insertPlainText(match.unit.target)

    def _on_answer(self, segment_id: str, source: str, matches: list[Match]) -> None:
        self._matches[segment_id] = (source, matches)
        current = self.editor.current_segment()
        if current is not None and current.id == segment_id and current.source == source:
            self.panel.show_memory(matches_html(matches))
        self.matches_ready.emit(segment_id)

    # --- concordance ------------------------------------------------------------------------

    def open_concordance(self) -> None:
        """Show the concordance panel, its query the selected text if any (Ctrl+Shift+L)."""
        view = self.editor.view
        selected = ""
        for widget in (view.editor, view.viewer):
            if widget is not None and widget.textCursor().hasSelection():
                selected = widget.textCursor().selectedText().strip()
        self.concordance.show()
        self.concordance.raise_()
        if selected:
            self.concordance.query.setText(selected)
            self.search(selected)
        self.concordance.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.concordance.query.selectAll()

    def search(self, query: str) -> None:
        """Look *query* up in the memory, in the background."""
        if not query.strip():
            return
        if self.off is not None:
            self.concordance.note.setText(self.off)
            return
        self.concordance.note.setText(f"Looking for “{query}”…")
        self._submit(lambda: self._found.emit(query, self.memory.concordance(query)))

    # --- the thread -------------------------------------------------------------------------

    def _submit(self, work: Callable[..., object], *arguments: object) -> None:
        future = self._pool.submit(work, *arguments)
        future.add_done_callback(self._check)

    def _check(self, future: concurrent.futures.Future[object]) -> None:
        error = future.exception()
        if isinstance(error, ReviewerError):
            self._failed.emit(str(error))
        elif error is not None:
            self._failed.emit(f"The translation memory failed ({error}).")

    def _turn_off(self, message: str) -> None:
        self.off = f"The translation memory is off: {message}"
        self._say(self.off)
        self.panel.show_memory(self.off)
