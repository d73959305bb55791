"""Spell check of the English being typed, off the typing path.

A keystroke only restarts a short timer. When the reviewer pauses, the editor's text goes to
one background thread, which finds the misspelt words (reviewer.spelling, Hunspell); the
answer comes back as a signal and is drawn as wavy underlines only if the text has not
changed since. The context menu (right click, or the Menu key) offers corrections and "Add
to Dictionary" for the word it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu

from reviewer.errors import ReviewerError
from reviewer.qt.background import background_thread
from reviewer.qt.qa_controller import QaController
from reviewer.qt.segment_delegate import TargetEditor, spelling_look
from reviewer.qt.segment_view import SegmentTableView
from reviewer.qt.translation_controller import TranslationController
from reviewer.spelling import (
    SpellChecker,
    dictionaries_folder,
    names_in,
    personal_dictionary_path,
    review_words,
)

#: Milliseconds of pause in typing before the English is checked again.
CHECK_DELAY_MS = 250
#: The kind of the editor's marks that are misspellings.
MARK_KIND = "spelling"


class SpellController(QObject):
    """Underlines the misspelt words of the open English editor and corrects them."""

    #: The checker is loaded (or could not be: then the message says why).
    ready = Signal(str)
    #: A check is done: the editor, the text revision checked, the misspelt spans.
    checked = Signal(object, int, object)
    #: From the checking thread (queued to this one).
    _answer = Signal(object, int, object)
    _loaded = Signal(object)

    def __init__(
        self,
        view: SegmentTableView,
        translation: TranslationController,
        qa: QaController,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.session = translation.session
        self.qa = qa
        self._say = say
        self.checker: SpellChecker | None = None
        self._accepted: frozenset[str] = frozenset()
        self._pool = background_thread("spelling")
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._answer.connect(self._on_answer)
        self._loaded.connect(self._on_loaded)
        view.segment_delegate.editor_created.connect(self._on_editor_created)
        self._pool.submit(self._load)
        qa.glossary_changed.connect(self._learn_review_words)
        translation.translated.connect(self._learn_names)

    def set_accepted(self, words: frozenset[str]) -> None:
        """Words of the review that are never errors (glossary English, names)."""
        self._accepted = words
        if self.checker is not None:
            self.checker.accepted = words
        self.check_soon()

    def _learn_review_words(self) -> None:
        document = self.session.document
        if document is not None:
            self.set_accepted(review_words(document, self.qa.glossary))

    def _learn_names(self, segment_id: str) -> None:
        # Names of each translation as it arrives: going over the whole review each time
        # would be quadratic in its length.
        document = self.session.document
        machine = None if document is None else document.segment(segment_id).machine
        if machine is not None:
            names = names_in(machine.text)
            if not names <= self._accepted:
                self.set_accepted(self._accepted | names)

    def check_soon(self) -> None:
        """Check the open editor once the reviewer pauses."""
        self._timer.start()

    def check_now(self) -> None:
        """Send the open editor's text to the checking thread."""
        editor = self.view.editor
        if editor is None or self.checker is None:
            return
        text, revision = editor.toPlainText(), editor.document().revision()
        future = self._pool.submit(self.checker.misspellings, text)
        future.add_done_callback(
            lambda done: (
                self._answer.emit(editor, revision, done.result())
                if not done.cancelled() and done.exception() is None
                else None
            )
        )

    def _load(self) -> None:
        try:
            result: SpellChecker | str = SpellChecker.load(
                personal_dictionary_path(), dictionaries_folder()
            )
        except ReviewerError as error:
            result = str(error)
        self._loaded.emit(result)

    def _on_loaded(self, result: SpellChecker | str) -> None:
        if isinstance(result, str):
            self._say(result)
            self.ready.emit(result)
            return
        self.checker = result
        result.accepted = self._accepted
        self.ready.emit("")
        self.check_now()

    def _on_editor_created(self, editor: object) -> None:
        if isinstance(editor, TargetEditor):
            editor.textChanged.connect(self.check_soon)
            editor.menu_wanted.connect(partial(self._add_suggestions, editor))

    def _on_answer(self, editor: TargetEditor, revision: int, spans: list[tuple[int, int]]) -> None:
        # The answer is for a text the reviewer has changed since, or an editor closed
        # since: the next check (already on its way) brings the right one.
        if not shiboken6.isValid(editor) or editor is not self.view.editor:
            return
        if editor.document().revision() != revision:
            return
        editor.set_marks(MARK_KIND, spans, spelling_look())
        self.checked.emit(editor, revision, spans)

    def _add_suggestions(self, editor: TargetEditor, menu: QMenu, position: int) -> None:
        if self.checker is None:
            return
        span = next(
            (
                (start, end)
                for start, end in editor.marked(MARK_KIND)
                if start <= position <= end and start < end
            ),
            None,
        )
        if span is None:
            return
        word = editor.toPlainText()[span[0] : span[1]]
        actions = menu.actions()
        first = actions[0] if actions else menu.addSeparator()
        suggestions = self.checker.suggestions(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            font = QFont(action.font())
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(partial(self._replace, editor, span, word, suggestion))
            menu.insertAction(first, action)
        if not suggestions:
            nothing = QAction("No suggestions", menu)
            nothing.setEnabled(False)
            menu.insertAction(first, nothing)
        add = QAction(f"Add “{word}” to Dictionary", menu)
        add.triggered.connect(partial(self._add_word, word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)

    def _replace(self, editor: TargetEditor, span: tuple[int, int], word: str, new: str) -> None:
        if not shiboken6.isValid(editor):
            return
        start, end = span
        if editor.toPlainText()[start:end] != word:
            return  # The text moved under the menu: replace nothing rather than the wrong word.
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
        editor.setTextCursor(cursor)

    def _add_word(self, word: str) -> None:
        if self.checker is None:
            return
        try:
            self.checker.add_to_dictionary(word)
        except ReviewerError as error:
            self._say(str(error))
        else:
            self._say(f"“{word}” added to your dictionary.")
        self.check_now()


__all__ = ["CHECK_DELAY_MS", "MARK_KIND", "SpellController"]
