"""The review window's table of actions: every menu entry and shortcut, in menu order."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reviewer.qt.actions import ActionSpec
from reviewer.qt.editor_controller import not_reviewed, untranslated
from reviewer.qt.memory_controller import KEYED_MATCHES
from reviewer.qt.side_panel import KEYED_ALTERNATIVES, KEYED_TERMS

if TYPE_CHECKING:
    from reviewer.qt.main_window import MainWindow

EXPORTS = (("tsv", "TSV…"), ("tmx", "TMX…"), ("xliff", "XLIFF…"), ("csv", "CSV for Spreadsheets…"))
ENCODINGS = (
    ("utf-8", "UTF-8"),
    ("cp1256", "Windows-1256"),
    ("iso8859_6", "ISO-8859-6"),
    ("utf-16", "UTF-16"),
)


def window_actions(window: MainWindow) -> list[ActionSpec]:
    """Every action of *window*, in the order its menus show them.

    Keys are spelt out rather than taken from Qt's platform bindings, which give Quit no key
    on some platforms and Close only Ctrl+F4 on others: a reviewer's keys are the same
    everywhere.
    """
    return [
        *_file_menu(window),
        *_edit_menu(window),
        *_go_menu(window),
        *_view_menu(window),
        *_translation_menu(window),
    ]


def _file_menu(window: MainWindow) -> list[ActionSpec]:
    files = window.files
    return [
        ActionSpec("open", "File", "&Open…", files.open_dialog, ("Ctrl+O",), False),
        ActionSpec("save", "File", "&Save", window.save, ("Ctrl+S",)),
        ActionSpec("save_as", "File", "Save &As…", files.save_as, ("Ctrl+Shift+S",)),
        *(
            ActionSpec(f"export_{name}", "File/Export", label, partial(files.export_dialog, name))
            for name, label in EXPORTS
        ),
        ActionSpec(
            "reviewed_only", "File/Export", "Reviewed segments only", _nothing, (), False, True
        ),
        ActionSpec("tsv_header", "File/Export", "TSV: header line", _nothing, (), False, True),
        *(
            ActionSpec(
                f"encoding_{codec}",
                "File/Reopen with Encoding",
                label,
                partial(window.session.reopen_with_encoding, codec),
            )
            for codec, label in ENCODINGS
        ),
        ActionSpec("close", "File", "&Close", window.close_review, ("Ctrl+W", "Ctrl+F4")),
        ActionSpec("quit", "File", "&Quit", window.close, ("Ctrl+Q",), False),
    ]


def _edit_menu(window: MainWindow) -> list[ActionSpec]:
    editor, translation, finder = window.editor, window.translation, window.finder
    return [
        ActionSpec("undo", "Edit", "&Undo", editor.undo, ("Ctrl+Z",)),
        ActionSpec("redo", "Edit", "&Redo", editor.redo, ("Ctrl+Shift+Z", "Ctrl+Y")),
        ActionSpec(
            "confirm",
            "Edit",
            "Mark &Reviewed and Go to Next",
            editor.confirm_current,
            ("Ctrl+Return", "Ctrl+Enter"),
        ),
        ActionSpec(
            "reopen", "Edit", "Take Back the Review", editor.reopen_current, ("Ctrl+Shift+Return",)
        ),
        ActionSpec("exclude", "Edit", "E&xclude / Include", editor.toggle_excluded, ("Ctrl+E",)),
        ActionSpec(
            "revert", "Edit", "Re&vert to Machine Translation", editor.revert_current, ("Ctrl+R",)
        ),
        ActionSpec(
            "retranslate", "Edit", "Re-&translate", translation.retranslate_current, ("Ctrl+T",)
        ),
        ActionSpec(
            "alternatives",
            "Edit",
            "Ask for &Alternatives",
            translation.ask_alternatives,
            ("Ctrl+Shift+A",),
        ),
        *_alternatives_and_terms(window),
        ActionSpec(
            "not_errors",
            "Edit",
            "Findings Are &Not Errors",
            window.panel.mark_not_errors,
            ("Ctrl+Shift+I",),
        ),
        *_segment_structure(window),
        ActionSpec("find", "Edit", "&Find…", finder.open, ("Ctrl+F",)),
        ActionSpec("replace", "Edit", "&Replace…", partial(finder.open, replace=True), ("Ctrl+H",)),
        ActionSpec("find_next", "Edit", "Find &Next", partial(finder.find, 1), ("F3",)),
        ActionSpec(
            "find_previous", "Edit", "Find Pre&vious", partial(finder.find, -1), ("Shift+F3",)
        ),
    ]


def _alternatives_and_terms(window: MainWindow) -> list[ActionSpec]:
    """Keys that put the model's alternatives, the glossary's terms and the memory's matches
    in the English."""
    return [
        *_numbered(
            "use_alternative",
            "Edit/Use Alternative",
            "Alternative",
            "Ctrl+",
            handler=window.panel.use_alternative,
            count=KEYED_ALTERNATIVES,
        ),
        *_numbered(
            "insert_term",
            "Edit/Insert Term",
            "Term",
            "Alt+",
            handler=window.terms.insert_term,
            count=KEYED_TERMS,
        ),
        ActionSpec(
            "add_term", "Edit", "Add &Glossary Term…", window.terms.add_term, ("Ctrl+Shift+G",)
        ),
        *_numbered(
            "use_memory_match",
            "Edit/Use Memory Match",
            "Match",
            "Ctrl+Alt+",
            handler=window.memory.use_match,
            count=KEYED_MATCHES,
        ),
    ]


def _numbered(
    name: str, menu: str, label: str, keys: str, *, handler: Callable[[int], object], count: int
) -> list[ActionSpec]:
    """Actions 1 … *count* of a numbered list (keys *keys*1 …), each calling *handler* with
    its number."""
    return [
        ActionSpec(
            f"{name}_{number}",
            menu,
            f"{label} {number}",
            partial(handler, number),
            (f"{keys}{number}",),
        )
        for number in range(1, count + 1)
    ]


def _segment_structure(window: MainWindow) -> list[ActionSpec]:
    """Keys that fix what the article file got wrong: its paragraphs and its Arabic."""
    restructure = window.restructure
    return [
        ActionSpec(
            "split",
            "Edit/Segments",
            "&Split at the Arabic Cursor",
            restructure.split_current,
            ("Ctrl+Shift+D",),
        ),
        ActionSpec(
            "merge",
            "Edit/Segments",
            "&Merge with the Next Segment",
            restructure.merge_with_next,
            ("Ctrl+Shift+M",),
        ),
        ActionSpec(
            "correct_source",
            "Edit/Segments",
            "&Correct the Arabic…",
            restructure.correct_source,
            ("Ctrl+Shift+E",),
        ),
    ]


def _go_menu(window: MainWindow) -> list[ActionSpec]:
    editor = window.editor
    return [
        ActionSpec("previous", "Go", "&Previous Segment", partial(editor.go_by, -1), ("Ctrl+Up",)),
        ActionSpec("next", "Go", "&Next Segment", partial(editor.go_by, 1), ("Ctrl+Down",)),
        ActionSpec(
            "first", "Go", "&First Segment", partial(editor.go_to_end, False), ("Ctrl+Home",)
        ),
        ActionSpec("last", "Go", "&Last Segment", partial(editor.go_to_end, True), ("Ctrl+End",)),
        ActionSpec(
            "next_untranslated",
            "Go",
            "Next &Untranslated",
            partial(editor.next_with, untranslated),
            ("Ctrl+U",),
        ),
        ActionSpec(
            "next_not_reviewed",
            "Go",
            "Next Not &Reviewed",
            partial(editor.next_with, not_reviewed),
            ("Ctrl+J",),
        ),
    ]


def _view_menu(window: MainWindow) -> list[ActionSpec]:
    view = window.view
    return [
        ActionSpec("swap_columns", "View", "&Swap Columns", view.swap_columns, ("Ctrl+Shift+X",)),
        ActionSpec(
            "zoom_in", "View", "&Larger Text", partial(view.zoom, 1), ("Ctrl++", "Ctrl+="), False
        ),
        ActionSpec("zoom_out", "View", "S&maller Text", partial(view.zoom, -1), ("Ctrl+-",), False),
        ActionSpec("zoom_reset", "View", "&Normal Size", partial(view.zoom, 0), ("Ctrl+0",), False),
        ActionSpec(
            "filter_not_reviewed",
            "View",
            "Show Only &Segments to Review",
            view.toggle_filter,
            ("Ctrl+Shift+F",),
        ),
        ActionSpec(
            "side_panel",
            "View",
            "Side &Panel",
            partial(_toggle, window.side_panel),
            ("Ctrl+Shift+P",),
            False,
        ),
        ActionSpec(
            "checks",
            "View",
            "&Checks of the Whole Review",
            partial(_toggle, window.qa_panel),
            ("Ctrl+Shift+K",),
        ),
        ActionSpec("summary", "View", "Review S&ummary…", view.show_summary, ("Ctrl+Shift+R",)),
        ActionSpec(
            "concordance",
            "View",
            "&Look Up in the Memory (Concordance)…",
            window.memory.open_concordance,
            ("Ctrl+Shift+L",),
            False,
        ),
    ]


def _translation_menu(window: MainWindow) -> list[ActionSpec]:
    translation = window.translation
    return [
        ActionSpec(
            "translate_untranslated",
            "Translation",
            "Translate &Untranslated Segments",
            translation.translate_untranslated,
        ),
        ActionSpec("cancel_translation", "Translation", "&Cancel Translation", translation.cancel),
        ActionSpec(
            "restart_engine",
            "Translation",
            "&Restart the Engine",
            translation.start_engine,
            (),
            False,
        ),
    ]


def _toggle(widget: QWidget) -> None:
    """Show *widget* if hidden, hide it if shown."""
    widget.setVisible(not widget.isVisible())


def _nothing() -> None:
    """Checkable options are read where they are used."""
