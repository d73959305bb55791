"""Pressing keys the way the reviewer does: on whichever widget really has the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def focused() -> QWidget:
    """The widget with the keyboard focus (a test fails if none has it)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, sequence: str) -> QWidget:
    """Press *sequence* ("Ctrl+Shift+A", "Escape", "F2") on the focused widget; returns it."""
    combination = QKeySequence(sequence)[0]
    widget = focused()
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())
    return widget


def type_text(qtbot: QtBot, text: str) -> QWidget:
    """Type *text* on the focused widget, key by key (any script: QTest's own typing only
    knows Latin keys)."""
    widget = focused()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return widget
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(focused(), event)
    return widget


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make *window* the active window, so its shortcuts work."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


__all__ = ["Qt", "activate", "focused", "press", "type_text"]
