"""The quality checks in the window: a mark in the status column, the current segment's
findings in the side panel, a list of the whole review's findings, and a warning before a
segment with findings is confirmed.

Findings of a segment are computed when it is shown and kept until its English or status
changes (the checks are plain functions of the segment: reviewer.qa), so painting and typing
never wait for them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.document import Segment, SegmentState
from reviewer.qa import (
    DEFAULT_LENGTH_RATIO,
    Finding,
    Term,
    check_document,
    check_segment,
    term_matches,
)
from reviewer.qt.session import ReviewSession

#: The mark a segment with findings gets in the status column.
FINDING_MARK = "⚠"


class QaController(QObject):
    """Keeps each segment's findings, and asks before confirming a segment that has some."""

    #: The findings of the review may have changed.
    changed = Signal()
    #: Something to tell the reviewer (a glossary that cannot be read).
    notice = Signal(str)
    #: The glossaries were read again (a review opened, a term added).
    glossary_changed = Signal()

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(session)
        self.session = session
        self._cache: dict[str, tuple[tuple[SegmentState, str], list[Finding]]] = {}
        self._ratio = DEFAULT_LENGTH_RATIO
        self._warned: str | None = None
        #: The terms of the review's glossaries (the user's and the article's).
        self.glossary: list[Term] = []
        self._term_spans: dict[str, list[tuple[Term, tuple[int, int]]]] = {}
        self._soon = QTimer(self, singleShot=True, interval=300)
        self._soon.timeout.connect(self.changed)
        session.opened.connect(self._on_opened)

    def findings(self, segment: Segment) -> list[Finding]:
        """*segment*'s own findings (cached until it changes)."""
        # The Arabic is part of the key: a corrected Arabic is checked again even when the
        # reviewer's English and status stay as they were.
        state = (segment.snapshot(), segment.source)
        cached = self._cache.get(segment.id)
        if cached is not None and cached[0] == state:
            return cached[1]
        found = check_segment(segment, expected_ratio=self._ratio, glossary=self.glossary)
        self._cache[segment.id] = (state, found)
        return found

    def term_spans(self, source: str) -> list[tuple[Term, tuple[int, int]]]:
        """The glossary's terms in the Arabic *source*, where they are (cached by text: the
        cells ask at every paint)."""
        found = self._term_spans.get(source)
        if found is None:
            found = self._term_spans[source] = term_matches(source, self.glossary)
        return found

    def segment_terms(self, source: str) -> list[Term]:
        """A segment's terms, each once, in reading order: the side panel numbers them so,
        and Alt+N inserts the Nth."""
        return list(dict.fromkeys(term for term, _ in self.term_spans(source)))

    def all_findings(self) -> list[Finding]:
        """Every finding of the review, across segments too (the list shows these)."""
        document = self.session.document
        return [] if document is None else check_document(document, self.glossary)

    def may_confirm(self, segment: Segment) -> str | None:
        """None if *segment* may be confirmed now; else what to tell the reviewer. Asked
        once per segment: confirming again goes ahead."""
        found = self.findings(segment)
        if not found or self._warned == segment.id:
            self._warned = None
            return None
        self._warned = segment.id
        kinds = ", ".join(dict.fromkeys(finding.kind for finding in found))
        return (
            f"{segment.id} has {len(found)} finding{'s' if len(found) > 1 else ''} ({kinds}): "
            "see the side panel. Ctrl+Enter again confirms it anyway."
        )

    def load_glossary(self) -> None:
        """Read the review's glossaries again (the user's and the article's)."""
        from pathlib import Path

        from reviewer.glossary import glossary_files, load_glossaries

        self._cache.clear()
        self._term_spans.clear()
        document = self.session.document
        files = [] if document is None else glossary_files(Path(document.article.path))
        self.glossary, problems = load_glossaries(files)
        for problem in problems:
            self.notice.emit(problem)
        self.glossary_changed.emit()
        self.changed.emit()

    def _on_opened(self) -> None:
        self._warned = None
        self.load_glossary()
        model = self.session.segment_model
        if model is not None:
            model.finding_count = lambda segment: len(self.findings(segment))
            model.modified.connect(self._on_modified)
        self.changed.emit()

    def _on_modified(self, status_changed: bool) -> None:
        if status_changed and self.session.document is not None:
            from reviewer.qa import expected_length_ratio

            ratio = expected_length_ratio(self.session.document)
            if ratio != self._ratio:
                self._ratio = ratio
                self._cache.clear()  # length findings were judged against the old ratio
        self._soon.start()


class QaPanel(QDockWidget):
    """The list of the review's findings; double-click (or Enter) goes to the segment."""

    #: Go to this segment id.
    segment_requested = Signal(str)

    def __init__(self, qa: QaController, parent: QWidget | None = None) -> None:
        super().__init__("Checks", parent)
        self.setObjectName("qaPanel")
        self.qa = qa
        body = QWidget()
        layout = QVBoxLayout(body)
        self.kind = QComboBox()
        self.kind.addItem("All checks", "")
        for kind in (
            "numbers",
            "arabic",
            "repetition",
            "length",
            "brackets",
            "spaces",
            "final-stop",
            "terminology",
            "consistency",
        ):
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Segment", "Check", "What"])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(
            lambda item, _column: self.segment_requested.emit(item.text(0))
        )
        layout.addWidget(self.kind)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        qa.changed.connect(self._refresh_if_shown)
        self.visibilityChanged.connect(self._refresh_if_shown)

    def refresh(self) -> None:
        """List the findings again (of the chosen kind)."""
        wanted = self.kind.currentData()
        found = [f for f in self.qa.all_findings() if not wanted or f.kind == wanted]
        self.list.clear()
        for finding in found:
            item = QTreeWidgetItem([finding.segment_id, finding.kind, finding.message])
            item.setToolTip(2, finding.message)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        self.list.resizeColumnToContents(1)
        count = len(found)
        self.summary.setText("Nothing found." if not count else f"{count} to look at.")

    def _refresh_if_shown(self, *_: object) -> None:
        if self.isVisible():
            self.refresh()


def findings_text(findings: list[Finding]) -> str:
    """The side panel's text for a segment's findings."""
    if not findings:
        return "Nothing found."
    # Each line starts left to right (LRM), whatever Arabic a message quotes.
    return "\n".join(f"\u200e• {finding.message}" for finding in findings)


__all__ = ["FINDING_MARK", "QaController", "QaPanel", "findings_text"]
