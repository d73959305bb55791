"""Drawing and editing segments: Arabic right-to-left, English edited in place.

The Arabic cell is laid out with a right-to-left base direction (so a final full stop or a
quote lands where an Arabic reader expects it) in a font chosen for Arabic. The English cell
is edited in a wrapping plain-text editor; what the reviewer types reaches the document a
moment after they pause, so autosave sees it even before they leave the cell.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reviewer.qt.segment_model import Column

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


class TargetEditor(QPlainTextEdit):
    """The English editor: wraps, and speaks the review shortcuts."""

    #: Ctrl+Enter: confirm this segment and go to the next one that needs review.
    confirm_requested = Signal()
    #: Ctrl+Up / Ctrl+Down: go to the previous (-1) or next (+1) segment.
    move_requested = Signal(int)
    #: The reviewer paused typing: time to hand the text to the document.
    paused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setTabChangesFocus(True)
        # The document's undo stack undoes edits across segments; a second, local one
        # inside the cell would make Ctrl+Z mean two different things.
        self.setUndoRedoEnabled(False)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(COMMIT_DELAY_MS)
        self._pause.timeout.connect(self.paused)
        self.textChanged.connect(self._pause.start)

    def stop_waiting(self) -> None:
        """Forget a pending pause: the editor is closing and has been committed."""
        self._pause.stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        key = event.key()
        if control and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm_requested.emit()
        elif control and key == Qt.Key.Key_Up:
            self.move_requested.emit(-1)
        elif control and key == Qt.Key.Key_Down:
            self.move_requested.emit(1)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Let the window's shortcuts (undo, redo, save...) win over the editor's own keys.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and event.key() in (Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_S):
                event.ignore()
                return False
        return super().event(event)


class SegmentDelegate(QStyledItemDelegate):
    """Paints the Arabic right-to-left and edits the English in a `TargetEditor`."""

    #: An editor was opened (the window connects its shortcuts).
    editor_created = Signal(object)

    def __init__(self, parent: QObject | None = None, *, point_size: float = 12.0) -> None:
        super().__init__(parent)
        self.set_point_size(point_size)

    #: Shown in grey in an English cell that is still empty.
    placeholder = "machine translation on its way…"

    def set_point_size(self, point_size: float) -> None:
        """The text size; Arabic is shown a little larger, as it reads smaller."""
        self.point_size = point_size
        self.source_font = arabic_font(point_size * 1.2)
        self.target_font = QFont()
        self.target_font.setPointSizeF(point_size)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.column() == Column.SOURCE:
            option.direction = Qt.LayoutDirection.RightToLeft
            option.font = self.source_font
            option.fontMetrics = QFontMetrics(self.source_font)
        elif index.column() == Column.TARGET:
            option.direction = Qt.LayoutDirection.LeftToRight
            option.font = self.target_font
            option.fontMetrics = QFontMetrics(self.target_font)
            if not option.text:
                option.text = self.placeholder
                option.palette.setColor(QPalette.ColorRole.Text, QColor("#9a9a9a"))
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        # Room for the editor's frame, so a row does not jump when editing starts.
        return QSize(size.width(), size.height() + 10)

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = TargetEditor(parent)
        editor.setFont(self.target_font)
        editor.paused.connect(lambda: self.commitData.emit(editor))
        self.editor_created.emit(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, TargetEditor)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.toPlainText() != text:
            # Keep the cursor where the reviewer was, if the text still reaches that far.
            position = editor.textCursor().position()
            editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.setPosition(min(position, len(text)))
            editor.setTextCursor(cursor)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex
    ) -> None:
        assert isinstance(editor, TargetEditor)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
