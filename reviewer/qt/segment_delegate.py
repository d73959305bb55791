"""Drawing and editing segments: Arabic right-to-left, English edited in place.

Both text cells are laid out by one `QTextDocument` recipe (`cell_document`), used to paint
a cell, to size its row and inside the editors, so a row is always as tall as its text, the
editor opens at the height of what it edits, and a find match can be highlighted in place.
The Arabic is laid out right-to-left in a font chosen for Arabic; the English always
left-to-right, whatever character it starts with.

The English editor (`TargetEditor`) hands its text to the document a moment after the
reviewer pauses, and at least once a second while they type without pausing, so autosave
always has what was typed. The Arabic cell opens a read-only `SourceViewer` in which words
can be selected and copied.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

from reviewer.document import Status
from reviewer.qt.segment_model import SEGMENT_ID_ROLE, STATUS_ROLE, Column

AnyIndex = QModelIndex | QPersistentModelIndex

#: Fonts that render Arabic well, best first; the first one installed is used.
ARABIC_FONTS = (
    "Noto Naskh Arabic",
    "Amiri",
    "Scheherazade New",
    "Noto Sans Arabic",
    "Dubai",
    "Segoe UI",
    "Arial",
    "DejaVu Sans",
)
#: Milliseconds of pause in typing after which the English reaches the document.
COMMIT_DELAY_MS = 700
#: While the reviewer types without pausing, the English reaches the document at least this
#: often (so a crash loses at most this much typing plus one autosave delay).
COMMIT_MAX_MS = 1000
#: Space around the text in a cell, the same in the painted cell and in its editor.
CELL_MARGIN = 5
#: The most characters a cell lays out: a paragraph of megabytes (a whole book without a
#: blank line) would take seconds at every paint. The rest is kept, saved and exported; the
#: cell says how much is not shown.
DISPLAY_LIMIT = 20_000
#: The longest English that is edited in place: laying out megabytes in the editor froze the
#: window for seconds (7.8 s for 14 MB).
EDIT_LIMIT = 200_000
#: The find match's colours: strong enough to see at a glance on light and dark palettes.
MATCH_BACKGROUND = QColor("#ffd54f")
MATCH_FOREGROUND = QColor("#000000")
#: Glossary terms in the Arabic: a faint teal tint (text stays readable on any palette's
#: light or dark cells) and a dotted teal underline.
TERM_BACKGROUND = QColor(0, 150, 136, 48)
TERM_UNDERLINE = QColor("#00897b")
#: The place of a finding in the English.
FINDING_BACKGROUND = QColor(255, 152, 0, 110)
FINDING_UNDERLINE = QColor("#ef6c00")
#: Misspelt words.
SPELLING_UNDERLINE = QColor("#d32f2f")

#: A span of a cell's text and how it is marked.
Mark = tuple[tuple[int, int], QTextCharFormat]


def arabic_font(point_size: float) -> QFont:
    """The best installed font for Arabic text, at *point_size* points."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.Arabic))
    font = QFont()
    for family in ARABIC_FONTS:
        if family in families:
            font.setFamily(family)
            break
    font.setPointSizeF(point_size)
    return font


def text_option(right_to_left: bool) -> QTextOption:
    """How a cell's text is laid out: wrapped, in the direction of its language (the Arabic
    column: each paragraph in its own; the English: always left to right)."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if right_to_left:
        # Each paragraph in its own direction: Arabic right to left from the right edge; a
        # paragraph the article wrote in English (a quote, an untranslated passage) left to
        # right, its final stop at its end. The first strong letter decides, as in browsers
        # (dir="auto"); the marks word processors put around Arabic stops count as Arabic.
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    else:
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    return option


def shown_text(text: str) -> str:
    """*text* as a cell shows it: whole, or its beginning and how much more there is."""
    if len(text) <= DISPLAY_LIMIT:
        return text
    rest = len(text) - DISPLAY_LIMIT
    return (
        f"{text[:DISPLAY_LIMIT]}\n… {rest:,} more characters, not shown here (too long to "
        "lay out); they are kept, saved and exported."
    )


def cell_document(
    text: str,
    font: QFont,
    width: float,
    *,
    right_to_left: bool,
    highlight: tuple[int, int] | None = None,
    marks: Iterable[Mark] = (),
) -> QTextDocument:
    """*text* laid out as a cell of *width* pixels shows it (and its editor edits it), with
    *marks* (terms, findings) and the find match *highlight* over them."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(CELL_MARGIN)
    document.setDefaultTextOption(text_option(right_to_left))
    shown = shown_text(text)
    document.setPlainText(shown)
    document.setTextWidth(max(1.0, width))
    limit = min(len(text), DISPLAY_LIMIT)
    for (start, end), look in marks:
        if start < limit:
            _format_span(document, start, min(end, limit), look)
    if highlight is not None:
        mark = QTextCharFormat()
        mark.setBackground(MATCH_BACKGROUND)
        mark.setForeground(MATCH_FOREGROUND)
        _format_span(document, min(highlight[0], limit), min(highlight[1], limit), mark)
    return document


def _format_span(document: QTextDocument, start: int, end: int, look: QTextCharFormat) -> None:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(look)


def term_look() -> QTextCharFormat:
    """How a glossary term is marked in the Arabic: a dotted underline on a faint tint."""
    look = QTextCharFormat()
    look.setBackground(TERM_BACKGROUND)
    look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    look.setUnderlineColor(TERM_UNDERLINE)
    return look


def finding_look() -> QTextCharFormat:
    """How the place of a finding is marked in the English: a wavy orange underline."""
    look = QTextCharFormat()
    look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    look.setUnderlineColor(FINDING_UNDERLINE)
    look.setBackground(FINDING_BACKGROUND)
    return look


def spelling_look() -> QTextCharFormat:
    """How a misspelt word is marked while typing: the red wavy line of word processors."""
    look = QTextCharFormat()
    look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    look.setUnderlineColor(SPELLING_UNDERLINE)
    return look


class _CellEditor(QTextEdit):
    """What both cell editors share: the cell's layout, no frame, window shortcuts win."""

    #: Tab (False) or Shift+Tab (True): go to the other text of the same segment.
    switch_requested = Signal(bool)
    #: Escape: leave the editor (the English editor keeps what was typed).
    leave_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        font: QFont,
        *,
        right_to_left: bool,
        window_keys: Collection[QKeySequence] = (),
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptRichText(False)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(CELL_MARGIN)
        self.document().setDefaultTextOption(text_option(right_to_left))
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self._window_keys = {key.toString() for key in window_keys}
        #: The cell being edited (the view may drop it when its model changes).
        self.index = QPersistentModelIndex()
        self._marks: dict[str, list[QTextEdit.ExtraSelection]] = {}

    def set_marks(self, kind: str, spans: Iterable[tuple[int, int]], look: QTextCharFormat) -> None:
        """Mark *spans* of the text with *look*, in place of the earlier marks of *kind*
        (spelling, findings, terms): the marks move with the text as it is edited."""
        selections = []
        length = len(self.toPlainText())
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = look
            selections.append(selection)
        self._marks[kind] = selections
        self.setExtraSelections([mark for group in self._marks.values() for mark in group])

    def marked(self, kind: str) -> list[tuple[int, int]]:
        """Where the marks of *kind* are now."""
        return [
            (mark.cursor.selectionStart(), mark.cursor.selectionEnd())
            for mark in self._marks.get(kind, [])
        ]

    def set_text(self, text: str) -> None:
        """Show *text*, keeping the cursor where it was if the text still reaches that far."""
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        self.setPlainText(text)
        # setPlainText resets the block format: lay it out again in the cell's direction.
        self.document().setDefaultTextOption(self.document().defaultTextOption())
        self.place_cursor(min(position, len(text)))

    def needed_height(self) -> int:
        """Pixels needed to show all of the text."""
        return int(self.document().size().height()) + 2

    def sizeHint(self) -> QSize:  # noqa: N802
        # The view sizes a row with an open editor by the editor's hint: the text's height.
        return QSize(self.width(), self.needed_height())

    def place_cursor(self, position: int) -> None:
        """Put the cursor at *position* (no selection)."""
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def event(self, event: QEvent) -> bool:
        # The window's shortcuts (confirm, move, undo, save...) win over the editor's own
        # meaning of the same keys; plain editing keys (copy, paste, select all) stay its own.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self._window_keys:
                event.ignore()
                return False
        return super().event(event)


class TargetEditor(_CellEditor):
    """The English editor: wraps, grows with its text, and hands what is typed to the
    document a moment after a pause and at least once a second while typing."""

    #: Time to hand the text to the document (a pause, or a second of typing).
    commit_wanted = Signal()
    #: The height (in pixels) the editor needs to show all its text.
    height_wanted = Signal(int)
    #: Its context menu (mouse, or the Menu key) is about to show: the menu, and the text
    #: position it is about (where the click was, or the cursor). Connect directly.
    menu_wanted = Signal(object, int)

    def __init__(
        self, parent: QWidget | None, font: QFont, window_keys: Collection[QKeySequence] = ()
    ) -> None:
        super().__init__(parent, font, right_to_left=False, window_keys=window_keys)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(COMMIT_DELAY_MS)
        self._pause.timeout.connect(self._commit_now)
        self._longest_wait = QTimer(self)
        self._longest_wait.setSingleShot(True)
        self._longest_wait.setInterval(COMMIT_MAX_MS)
        self._longest_wait.timeout.connect(self._commit_now)
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._on_size_changed)

    def stop_waiting(self) -> None:
        """Forget a pending commit: the editor is closing and has been committed."""
        self._pause.stop()
        self._longest_wait.stop()

    def _on_text_changed(self) -> None:
        self._pause.start()
        if not self._longest_wait.isActive():
            self._longest_wait.start()

    def _commit_now(self) -> None:
        self.stop_waiting()
        self.commit_wanted.emit()

    def _on_size_changed(self) -> None:
        self.height_wanted.emit(self.needed_height())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.show_menu()
        else:
            self.show_menu(event.pos())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The Menu key and Shift+F10 open the menu at the cursor on every platform (not all
        # of them turn the keys into a context menu event).
        if event.key() == Qt.Key.Key_Menu or (
            event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            self.show_menu()
            return
        super().keyPressEvent(event)

    def show_menu(self, point: QPoint | None = None) -> None:
        """The context menu about the word at *point* (in the viewport), or at the cursor."""
        if point is None:
            point = self.cursorRect().bottomLeft()
            position = self.textCursor().position()
        else:
            position = self.cursorForPosition(point).position()
        menu = self.createStandardContextMenu(point)
        self.menu_wanted.emit(menu, position)
        menu.exec(self.viewport().mapToGlobal(point))
        menu.deleteLater()


class SourceViewer(_CellEditor):
    """The Arabic cell opened for reading: select and copy, never change. Keys that would
    type, and Enter or F2, go to the English of the same segment."""

    #: The reviewer wants to write the English; the key event to hand on, if any.
    english_requested = Signal(object)

    def __init__(
        self, parent: QWidget | None, font: QFont, window_keys: Collection[QKeySequence] = ()
    ) -> None:
        super().__init__(parent, font, right_to_left=True, window_keys=window_keys)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        typing = bool(event.text().strip()) and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.english_requested.emit(None)
        elif typing:
            self.english_requested.emit(
                QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            )
        else:
            super().keyPressEvent(event)


class SegmentDelegate(QStyledItemDelegate):
    """Paints the segments and opens their editors."""

    #: An editor was opened (the view connects its signals).
    editor_created = Signal(object)

    #: Shown in grey in an English cell that is still empty.
    placeholder = "machine translation on its way…"

    def __init__(self, parent: QObject | None = None, *, point_size: float = 12.0) -> None:
        super().__init__(parent)
        self.window_keys: list[QKeySequence] = []
        #: The find match to highlight: (segment id, column, (start, end)).
        self.highlight: tuple[str, Column, tuple[int, int]] | None = None
        #: The marks of a text cell (terms in the Arabic, findings in the English); cheap,
        #: as it is asked at every paint.
        self.marks_for: Callable[[AnyIndex], list[Mark]] = lambda _index: []
        self.set_point_size(point_size)

    def set_point_size(self, point_size: float) -> None:
        """The text size; Arabic is shown a little larger, as it reads smaller."""
        self.point_size = point_size
        self.source_font = arabic_font(point_size * 1.2)
        self.target_font = QFont()
        self.target_font.setPointSizeF(point_size)

    def document_for(self, index: AnyIndex, width: float) -> QTextDocument:
        """The laid-out text of a text cell at *width* pixels."""
        column = index.column()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        highlight = None
        if self.highlight is not None:
            segment_id, match_column, span = self.highlight
            if match_column == column and index.data(SEGMENT_ID_ROLE) == segment_id:
                highlight = span
        marks = self.marks_for(index) if text else []
        if column == Column.SOURCE:
            return cell_document(
                text, self.source_font, width, right_to_left=True, highlight=highlight, marks=marks
            )
        empty = self.placeholder
        if index.data(STATUS_ROLE) is Status.EXCLUDED:
            empty = "excluded from the translation (Ctrl+E includes it)"
        return cell_document(
            text or empty,
            self.target_font,
            width,
            right_to_left=False,
            highlight=highlight if text else None,
            marks=marks,
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        column = index.column()
        if column == Column.STATUS:
            self._paint_status(painter, option, index)
            return
        status = index.data(STATUS_ROLE)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self.document_for(index, option.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = palette.color(role)
        if (column == Column.TARGET and not index.data(Qt.ItemDataRole.DisplayRole)) or (
            status is Status.EXCLUDED
        ):
            colour = palette.color(QPalette.ColorRole.PlaceholderText)
            if selected:
                colour = palette.color(QPalette.ColorRole.HighlightedText)
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def _paint_status(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        # The status colour always shows, selected or not; the current row is marked by a
        # bar in the palette's highlight colour instead of being painted over.
        painter.save()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(option.rect, background)
        if option.state & QStyle.StateFlag.State_Selected:
            bar = option.rect.adjusted(0, 0, -(option.rect.width() - 5), 0)
            painter.fillRect(bar, option.palette.color(QPalette.ColorRole.Highlight))
        # Every status colour is a light one: dark text reads on all of them.
        painter.setPen(QColor("#1a1a1a"))
        font = QFont(self.target_font)
        font.setPointSizeF(max(7.0, self.point_size * 0.85))
        painter.setFont(font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            option.rect.adjusted(4, 4, -2, -2),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            text,
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        if index.column() == Column.STATUS:
            return QSize(44, 44)
        view = option.widget
        width = option.rect.width()
        if view is not None and hasattr(view, "columnWidth"):
            width = view.columnWidth(index.column())
        document = self.document_for(index, width)
        return QSize(int(width), int(document.size().height()) + 2)

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor: _CellEditor
        if index.column() == Column.SOURCE:
            editor = SourceViewer(parent, self.source_font, self.window_keys)
        else:
            editor = TargetEditor(parent, self.target_font, self.window_keys)
            editor.commit_wanted.connect(lambda: self._commit_if_current(editor))
        editor.index = QPersistentModelIndex(index)
        self.editor_created.emit(editor)
        return editor

    def _commit_if_current(self, editor: TargetEditor) -> None:
        # A pause timer may fire after the view dropped the editor's row (a filter, a
        # review closed): there is nothing left to hand the text to.
        if editor.index.isValid():
            self.commitData.emit(editor)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, _CellEditor)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.set_text(shown_text(text) if isinstance(editor, SourceViewer) else text)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        if isinstance(editor, TargetEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Tab and Escape mean something else here than in a plain item view: Tab goes to the
        # other text of the same segment, Escape leaves the editor keeping what was typed
        # (Qt's default would move to another cell, or throw the last typing away).
        if isinstance(watched, _CellEditor) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                backwards = key == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                watched.switch_requested.emit(backwards)
                return True
            if key == Qt.Key.Key_Escape:
                watched.leave_requested.emit()
                return True
        if (
            isinstance(watched, _CellEditor)
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusOut
            and event.reason()
            in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
        ):
            # A menu opened over the editor (its own context menu), or the reviewer went to
            # another window: the editor stays open, as in a word processor, and gets the
            # keyboard back after. What was typed reaches the document now all the same.
            if isinstance(watched, TargetEditor) and watched.index.isValid():
                self.commitData.emit(watched)
            return False
        return super().eventFilter(watched, event)
