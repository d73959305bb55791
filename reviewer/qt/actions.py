"""The window's actions as a table: name, menu, label, keys, handler, when enabled.

Menus and shortcuts are built from `ActionSpec` rows, so each key is bound in one place, the
tests can walk the same table, and the editors learn from it which keys belong to the window
(see segment_delegate: those keys are never swallowed by a focused editor).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Key = str | QKeySequence.StandardKey


@dataclasses.dataclass(frozen=True)
class ActionSpec:
    """One thing the reviewer can do from a menu or a key."""

    name: str
    #: Menu path, "File" or "File/Export"; "" for a key without a menu entry.
    menu: str
    label: str
    handler: Callable[[], object]
    keys: tuple[Key, ...] = ()
    #: Only available while a review is open.
    needs_review: bool = True
    checkable: bool = False


class ActionTable:
    """The QActions built from a list of `ActionSpec`, by name."""

    def __init__(self, owner: QWidget, menubar: QMenuBar, specs: Iterable[ActionSpec]) -> None:
        self.specs = {spec.name: spec for spec in specs}
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        for spec in self.specs.values():
            action = QAction(spec.label, owner)
            action.setObjectName(spec.name)
            action.setCheckable(spec.checkable)
            action.setShortcuts([QKeySequence(key) for key in spec.keys])
            action.triggered.connect(lambda _checked=False, run=spec.handler: run())
            owner.addAction(action)
            if spec.menu:
                self.menu(menubar, spec.menu).addAction(action)
            self.actions[spec.name] = action

    def menu(self, menubar: QMenuBar, path: str) -> QMenu:
        """The menu at *path* ("File/Export"), made on first use."""
        if path not in self.menus:
            parent, _, name = path.rpartition("/")
            container: QMenuBar | QMenu = self.menu(menubar, parent) if parent else menubar
            self.menus[path] = container.addMenu(_MNEMONICS.get(name, name))
        return self.menus[path]

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def keys(self) -> list[QKeySequence]:
        """Every key sequence bound to an action."""
        return [key for action in self.actions.values() for key in action.shortcuts()]

    def set_review_open(self, review_open: bool) -> None:
        """Enable the actions that need a review only while one is open."""
        for name, spec in self.specs.items():
            if spec.needs_review:
                self.actions[name].setEnabled(review_open)


_MNEMONICS = {
    "File": "&File",
    "Edit": "&Edit",
    "Go": "&Go",
    "View": "&View",
    "Translation": "&Translation",
    "Export": "&Export",
    "Reopen with Encoding": "Reopen with &Encoding",
    "Show": "S&how",
    "Use Alternative": "&Use Alternative",
    "Insert Term": "&Insert Term",
    "Use Memory Match": "Use &Memory Match",
    "Segments": "Se&gments",
    "Open Recent": "Open &Recent",
}
