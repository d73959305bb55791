"""Finding and replacing across the review.

Matches are walked one by one, every match in a segment included, in reading order; the
current one is highlighted in its cell while the keyboard stays in the find bar. Replace
changes the highlighted match only; Replace all says first how many segments change and how
many reviewed ones it would reopen, and is one undo step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject

from reviewer.document import Segment, Status
from reviewer.qt.editor_controller import EditorController
from reviewer.qt.find_bar import FindBar
from reviewer.qt.segment_model import Column
from reviewer.search import find_all, replace_spans


@dataclasses.dataclass(frozen=True)
class Match:
    """One match: the segment's document row and id, and the span in its text."""

    row: int
    segment_id: str
    start: int
    end: int


class FindController(QObject):
    """Connects the find bar to the review."""

    def __init__(
        self,
        bar: FindBar,
        editor: EditorController,
        ask: Callable[[str, str], bool],
    ) -> None:
        super().__init__(bar)
        self.bar = bar
        self.editor = editor
        self.session = editor.session
        self._ask = ask
        self._matches: list[Match] | None = None
        self._current: Match | None = None
        bar.find_requested.connect(self.find)
        bar.replace_requested.connect(self.replace_current)
        bar.replace_all_requested.connect(self.replace_all)
        bar.criteria_changed.connect(self._on_criteria_changed)
        bar.closed.connect(self._on_closed)
        self.session.opened.connect(self._on_session_opened)

    def open(self, *, replace: bool = False) -> None:
        """Show the find bar (Ctrl+F), or with the replacement ready (Ctrl+H)."""
        self.editor.commit()
        self.bar.open_bar(replace=replace)

    # --- finding ---------------------------------------------------------------------------

    def matches(self) -> list[Match]:
        """Every match of the bar's query in the segments the filter shows, in order."""
        if self._matches is None:
            self._matches = self._search()
        return self._matches

    def _search(self) -> list[Match]:
        document, model = self.session.document, self.session.segment_model
        query = self.bar.query.text()
        if document is None or model is None or not query:
            return []
        found: list[Match] = []
        proxy = self.editor.filter_model
        for row, segment in enumerate(document.segments):
            if not proxy.mapFromSource(model.index(row, 0)).isValid():
                continue
            text = segment.source if self.bar.in_arabic else segment.target
            for start, end in find_all(
                text,
                query,
                whole_word=self.bar.whole_words.isChecked(),
                match_case=self.bar.match_case.isChecked(),
            ):
                found.append(Match(row, segment.id, start, end))
        return found

    def find(self, direction: int) -> bool:
        """Highlight the next (+1) or previous (-1) match, wrapping around the review."""
        matches = self.matches()
        if not matches:
            self._show(None)
            self.bar.status.setText("No match" if self.bar.query.text() else "")
            return False
        anchor = self._anchor()
        if direction > 0:
            chosen = next((m for m in matches if (m.row, m.start) > anchor), matches[0])
        else:
            chosen = next((m for m in reversed(matches) if (m.row, m.start) < anchor), matches[-1])
        self._show(chosen)
        return True

    def _anchor(self) -> tuple[int, int]:
        """Where the search goes on from: the current match, else the current segment."""
        if self._current is not None:
            return (self._current.row, self._current.start)
        row = self.editor.current_row()
        return (-1, 0) if row is None else (row, -1)

    def _show(self, match: Match | None) -> None:
        self._current = match
        delegate = self.editor.view.segment_delegate
        if match is None:
            delegate.highlight = None
        else:
            column = Column.SOURCE if self.bar.in_arabic else Column.TARGET
            delegate.highlight = (match.segment_id, column, (match.start, match.end))
            self.editor.go_to_row(match.row, edit=False)
            matches = self.matches()
            number = matches.index(match) + 1 if match in matches else 0
            total = len(matches)
            self.bar.status.setText("1 match" if total == 1 else f"{number} of {total} matches")
        self.editor.view.viewport().update()

    # --- replacing -------------------------------------------------------------------------

    def replace_current(self) -> bool:
        """Replace the highlighted match (finding one first if none is highlighted)."""
        if self.bar.in_arabic:
            self.bar.status.setText("Only the English can be replaced")
            return False
        model = self.session.segment_model
        match = self._current
        if model is None or match is None or match not in self.matches():
            self._current = None
            return self.find(1) and False
        segment = model.segment_at(match.row)
        replacement = self.bar.replacement.text()
        new_text = replace_spans(segment.target, [(match.start, match.end)], replacement)
        model.change(segment, "Replace", lambda s: s.edit(new_text))
        self.editor.current_updated.emit()
        # Go on after the replacement (a replacement that contains the query is not found
        # again).
        after = match.start + len(replacement)
        self._current = Match(match.row, match.segment_id, after - 1, after)
        self._matches = None
        self.find(1)
        return True

    def replace_all(self) -> int:
        """Replace every match in the English, after saying what it will change."""
        model = self.session.segment_model
        if self.bar.in_arabic or model is None:
            self.bar.status.setText("Only the English can be replaced")
            return 0
        by_row: dict[int, list[tuple[int, int]]] = {}
        for match in self.matches():
            by_row.setdefault(match.row, []).append((match.start, match.end))
        if not by_row:
            self.bar.status.setText("No match")
            return 0
        segments = [model.segment_at(row) for row in by_row]
        reviewed = sum(s.status is Status.REVIEWED for s in segments)
        count = sum(len(spans) for spans in by_row.values())
        question = f"Replace {count} matches in {len(segments)} segments?"
        if reviewed:
            question += f"\n\n{reviewed} of them are reviewed and will need review again."
        if not self._ask("Replace all", question):
            return 0
        replacement = self.bar.replacement.text()
        self.editor.commit()
        stack = self.session.undo_stack
        stack.beginMacro(f"Replace all “{self.bar.query.text()}”")
        for row, spans in by_row.items():
            segment: Segment = model.segment_at(row)
            new_text = replace_spans(segment.target, spans, replacement)
            model.change(segment, "Replace", lambda s, text=new_text: s.edit(text))
        stack.endMacro()
        self.editor.current_updated.emit()
        self._on_document_changed()
        self.bar.status.setText(f"Replaced {count} in {len(segments)} segments")
        return count

    # --- keeping up --------------------------------------------------------------------------

    def _on_criteria_changed(self) -> None:
        self._matches = None
        self._current = None
        self._show(None)
        self.bar.status.clear()

    def _on_session_opened(self) -> None:
        self._on_document_changed()
        self._current = None
        model = self.session.segment_model
        if model is not None:
            model.modified.connect(self._on_document_changed)

    def _on_document_changed(self, *_: object) -> None:
        self._matches = None

    def _on_closed(self) -> None:
        self._current = None
        self._show(None)
        self.editor.focus_current()
