"""The review window: Arabic beside English, paragraph by paragraph.

The window owns the open review (document, project file, lock), the undo stack, and the
engine bridge. It never waits on the engine: requests go out, answers come back as signals.
Work is saved a moment after typing stops and at once when a status changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.document import MachineTranslation, ReviewDocument, Segment, Status
from reviewer.errors import ReviewerError
from reviewer.formats.decoding import describe_encoding
from reviewer.lock import LockedError, ProjectLock
from reviewer.project import ProjectEncoder
from reviewer.qt.find_bar import FindBar
from reviewer.qt.segment_delegate import SegmentDelegate, TargetEditor
from reviewer.qt.segment_model import Column, SegmentTableModel, StatusFilterModel
from reviewer.search import find_all, replace_all

#: Milliseconds after the last change before an automatic save.
AUTOSAVE_DELAY_MS = 1500
#: Seconds of continuous changes after which a save happens anyway.
AUTOSAVE_MAX_S = 5.0
RECENT_LIMIT = 10
ENCODINGS = (
    ("utf-8", "UTF-8"),
    ("cp1256", "Windows-1256"),
    ("iso8859_6", "ISO-8859-6"),
    ("utf-16", "UTF-16"),
)
FILTERS: tuple[tuple[str, frozenset[Status] | None], ...] = (
    ("All segments", None),
    ("Not reviewed yet", frozenset(set(Status) - {Status.REVIEWED, Status.EXCLUDED})),
    ("Untranslated", frozenset({Status.UNTRANSLATED})),
    ("Machine-translated", frozenset({Status.MACHINE_TRANSLATED})),
    ("Edited", frozenset({Status.EDITED})),
    ("Reviewed", frozenset({Status.REVIEWED})),
    ("Excluded", frozenset({Status.EXCLUDED})),
)


class Engine(Protocol):
    """What the window needs of a translation engine (`EngineBridge`, or a test double)."""

    loaded: SignalInstance
    translated: SignalInstance
    alternatives_ready: SignalInstance
    idle: SignalInstance
    failed: SignalInstance

    def start(self, model: str | None = None, *, device: str = ..., backend: str = ...) -> None:
        """Start, and load the model."""

    def translate(self, paragraphs: list[tuple[str, str]]) -> None:
        """Queue paragraphs."""

    def prioritize(self, segment_id: str) -> None:
        """Translate this one next."""

    def discard(self, segment_id: str) -> None:
        """Drop this one from the queue."""

    def cancel(self) -> None:
        """Drop everything queued."""

    def request_alternatives(self, segment_id: str, text: str, count: int = ...) -> None:
        """Ask for alternatives."""

    def close(self) -> None:
        """Stop."""


class MainWindow(QMainWindow):
    """The reviewer's window."""

    #: A review was opened (tests and the benchmark wait on it).
    review_opened = Signal()
    #: The review was saved to disk.
    saved = Signal()

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        model: str | None = None,
        device: str = "auto",
        backend: str = "auto",
    ) -> None:
        super().__init__()
        if engine is None:
            from reviewer.qt.engine_bridge import EngineBridge

            engine = EngineBridge(self)
        self.engine: Engine = engine
        self._engine_options = {"model": model, "device": device, "backend": backend}
        self.engine_state = "starting"
        self._engine_started = False
        self.undo_stack = QUndoStack(self)
        self.document: ReviewDocument | None = None
        self.project_path: Path | None = None
        self.segment_model: SegmentTableModel | None = None
        self._lock: ProjectLock | None = None
        self._dirty = False
        self._dirty_since = 0.0
        self._save_error_shown = False
        self._retranslating: set[str] = set()
        self._translation_total = 0
        self._translation_done = 0
        self._translation_started = 0.0
        self._editor: TargetEditor | None = None
        self._current_match: tuple[int, int] | None = None

        self.setWindowTitle("reviewer")
        self.resize(1280, 820)
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._connect_engine()
        self._refresh_recent()

        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(self._update_progress)
        # Several changes in one turn of the event loop (an edit and a review) save once.
        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(0)
        self._save_soon.timeout.connect(self.save)
        self._encoder = ProjectEncoder()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save)
        self.undo_stack.cleanChanged.connect(self._update_title)
        # Start the engine once the window is on screen: it never delays the window.
        QTimer.singleShot(0, self._start_engine)

    # --- building -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)

        start = QWidget()
        start_layout = QVBoxLayout(start)
        start_layout.addStretch(1)
        title = QLabel("<h2>reviewer</h2>Review Arabic-to-English machine translation.")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton("Open an article or a review…")
        open_button.clicked.connect(self.open_dialog)
        hint = QLabel(".txt, .md, .html, .docx or .reviewer.json — or drop a file here")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent_list = QListWidget()
        self.recent_list.setMinimumWidth(640)
        self.recent_list.setMaximumWidth(900)
        self.recent_list.itemActivated.connect(
            lambda item: self.open_path(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        start_layout.addWidget(title)
        start_layout.addWidget(open_button, alignment=Qt.AlignmentFlag.AlignCenter)
        start_layout.addWidget(hint)
        start_layout.addWidget(QLabel("Recent files:"), alignment=Qt.AlignmentFlag.AlignCenter)
        start_layout.addWidget(self.recent_list, alignment=Qt.AlignmentFlag.AlignCenter)
        start_layout.addStretch(2)
        self.pages.addWidget(start)

        review = QWidget()
        layout = QVBoxLayout(review)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(
            "#banner { background: #fff4ce; border-bottom: 1px solid #e0c36a; }"
        )
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_retry = QPushButton("Try again")
        self.banner_retry.clicked.connect(self._start_engine)
        banner_close = QPushButton("Hide")
        banner_close.clicked.connect(self.banner.hide)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_retry)
        banner_layout.addWidget(banner_close)
        self.banner.hide()

        self.table = QTableView()
        self.delegate = SegmentDelegate(self.table)
        self.delegate.editor_created.connect(self._on_editor_created)
        self.delegate.closeEditor.connect(self._on_editor_closed)
        self.table.setItemDelegate(self.delegate)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        # Rows are fitted to their text only when they come into view (see _fit_visible_rows):
        # ResizeToContents measures every row of the article at every change, which took
        # seconds for 2,000 paragraphs.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fitted: set[str] = set()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_visible_rows)
        self.table.verticalScrollBar().valueChanged.connect(self._fit_timer.start)
        self.table.horizontalHeader().sectionResized.connect(self._refit_all_rows)

        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        self.filter_model = StatusFilterModel()
        self.table.setModel(self.filter_model)
        self.filter_model.layoutChanged.connect(self._fit_timer.start)
        self.filter_model.rowsInserted.connect(self._fit_timer.start)
        self.filter_model.modelReset.connect(self._refit_all_rows)

        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self.find_text)
        self.find_bar.replace_requested.connect(self.replace_text)
        self.find_bar.closed.connect(self._focus_current)

        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.find_bar)
        self.pages.addWidget(review)

        bar = self.statusBar()
        self.progress_label = QLabel()
        self.article_label = QLabel()
        self.model_label = QLabel("Model: starting…")
        self.translation_bar = QProgressBar()
        self.translation_bar.setMaximumWidth(320)
        self.translation_bar.setTextVisible(True)
        self.translation_bar.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.cancel_button.hide()
        bar.addWidget(self.progress_label)
        bar.addWidget(self.article_label)
        bar.addPermanentWidget(self.translation_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.model_label)

    def _build_actions(self) -> None:
        def action(
            menu: Any,
            text: str,
            slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            created = QAction(text, self)
            if shortcut is not None:
                created.setShortcut(QKeySequence(shortcut))
            created.triggered.connect(lambda _checked=False: slot())
            menu.addAction(created)
            return created

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        action(file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        action(file_menu, "&Save", self.save, QKeySequence.StandardKey.Save)
        action(file_menu, "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        export_menu = file_menu.addMenu("&Export")
        for name, label in (
            ("tsv", "TSV…"),
            ("tmx", "TMX…"),
            ("xliff", "XLIFF…"),
            ("csv", "CSV for Spreadsheets…"),
        ):
            action(export_menu, label, partial(self.export_dialog, name))
        export_menu.addSeparator()
        self.reviewed_only_action = QAction("Reviewed segments only", self, checkable=True)
        self.header_action = QAction("TSV: header line", self, checkable=True)
        export_menu.addAction(self.reviewed_only_action)
        export_menu.addAction(self.header_action)
        encoding_menu = file_menu.addMenu("Reopen with &Encoding")
        for codec, label in ENCODINGS:
            action(encoding_menu, label, partial(self.reopen_with_encoding, codec))
        file_menu.addSeparator()
        action(file_menu, "&Close", self.close_review, QKeySequence.StandardKey.Close)
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = menus.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        # Undo and redo while an editor is open: commit its text first, then step back.
        undo.triggered.disconnect()
        undo.triggered.connect(self.undo)
        redo.triggered.disconnect()
        redo.triggered.connect(self.redo)
        edit_menu.addSeparator()
        action(edit_menu, "Mark &Reviewed and Go to Next", self.confirm_current, "Ctrl+Return")
        action(edit_menu, "Take Back the Review", self.reopen_current, "Ctrl+Shift+Return")
        action(edit_menu, "E&xclude / Include", self.toggle_excluded, "Ctrl+E")
        action(edit_menu, "Re&vert to Machine Translation", self.revert_current, "Ctrl+R")
        action(edit_menu, "Re-&translate", self.retranslate_current, "Ctrl+T")
        action(edit_menu, "&Alternatives…", self.show_alternatives, "Ctrl+Shift+A")
        edit_menu.addSeparator()
        action(
            edit_menu, "&Find and Replace…", self.find_bar.open_bar, QKeySequence.StandardKey.Find
        )

        go_menu = menus.addMenu("&Go")
        action(go_menu, "&Previous Segment", lambda: self.go_by(-1), "Ctrl+Up")
        action(go_menu, "&Next Segment", lambda: self.go_by(1), "Ctrl+Down")
        action(go_menu, "Next &Untranslated", lambda: self.next_with(_untranslated), "Ctrl+U")
        action(go_menu, "Next Not &Reviewed", lambda: self.next_with(_not_reviewed), "Ctrl+J")

        view_menu = menus.addMenu("&View")
        action(view_menu, "&Swap Columns", self.swap_columns)
        action(view_menu, "&Larger Text", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        action(view_menu, "S&maller Text", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        show_menu = view_menu.addMenu("S&how")
        group = QActionGroup(self)
        self.filter_actions: list[QAction] = []
        for label, statuses in FILTERS:
            choice = QAction(label, self, checkable=True)
            choice.triggered.connect(lambda _c=False, s=statuses: self.set_filter(s))
            group.addAction(choice)
            show_menu.addAction(choice)
            self.filter_actions.append(choice)
        self.filter_actions[0].setChecked(True)

        translate_menu = menus.addMenu("&Translation")
        action(translate_menu, "Translate &Untranslated Segments", self.translate_untranslated)
        action(translate_menu, "&Cancel Translation", self.cancel_translation)
        action(translate_menu, "&Restart the Engine", self._start_engine)

    def _connect_engine(self) -> None:
        self.engine.loaded.connect(self._on_engine_loaded)
        self.engine.translated.connect(self._on_engine_translated)
        self.engine.alternatives_ready.connect(self._on_engine_alternatives_ready)
        self.engine.idle.connect(self._on_engine_idle)
        self.engine.failed.connect(self._on_engine_failed)

    # --- opening ------------------------------------------------------------------------

    def open_dialog(self) -> None:
        """Ask for a file and open it."""
        from reviewer.formats import ARTICLE_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in (*ARTICLE_SUFFIXES, ".reviewer.json"))
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Open an article or a review",
            "",
            f"Articles and reviews ({patterns});;All files (*)",
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, *, encoding: str | None = None) -> bool:
        """Open an article (resuming its review) or a project file. Errors are shown in a
        dialog; the window stays as it was."""
        from reviewer.formats import read_article
        from reviewer.project import new_project_path, open_review

        try:
            if encoding is not None:
                review_document = read_article(path, encoding=encoding).to_document()
                project_path = new_project_path(Path(review_document.article.path))
                notices: list[str] = []
            else:
                review = open_review(path)
                review_document = review.document
                project_path = review.project_path or new_project_path(
                    Path(review_document.article.path)
                )
                notices = review.notices
        except ReviewerError as error:
            self._show_error("This file cannot be opened", str(error))
            return False
        reopening = self._lock is not None and project_path == self.project_path
        if reopening:
            # The same review again (another encoding): this window holds its lock already.
            lock, self._lock = self._lock, None
        else:
            lock = ProjectLock(project_path)
            try:
                lock.acquire()
            except LockedError as error:
                answer = QMessageBox.warning(
                    self,
                    "Already open",
                    f"{error}\n\nOpen it here anyway?",
                    QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel,
                )
                if answer != QMessageBox.StandardButton.Open:
                    return False
                lock.acquire(force=True)
        assert lock is not None
        if not self._leave_current_review():
            if reopening:
                self._lock = lock
            else:
                lock.release()
            return False
        self._show_review(review_document, project_path, lock)
        self._add_recent(path)
        if notices:
            self._show_banner("\n".join(notices), retry=False)
        return True

    def _show_review(self, document: ReviewDocument, project_path: Path, lock: ProjectLock) -> None:
        self.document = document
        self.project_path = project_path
        self._lock = lock
        self._encoder = ProjectEncoder()
        self.undo_stack.clear()
        self.segment_model = SegmentTableModel(document, self.undo_stack)
        self.segment_model.modified.connect(self._on_model_modified)
        self.segment_model.dataChanged.connect(self._on_rows_changed)
        self.filter_model.setSourceModel(self.segment_model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.STATUS, 44)
        header.setSectionResizeMode(Column.SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.TARGET, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.pages.setCurrentIndex(1)
        self._dirty = False
        self._update_title()
        self._update_progress()
        info = document.article
        guessed = (
            " (guessed: File › Reopen with Encoding to change)" if info.encoding_guessed else ""
        )
        self.article_label.setText(
            f"{Path(info.path).name} · {describe_encoding(info.encoding)}{guessed} · "
            f"{len(document)} paragraphs"
        )
        self.review_opened.emit()
        self.translate_untranslated()
        first = next((row for row, s in enumerate(document.segments) if _not_reviewed(s)), 0)
        self.go_to_row(first)

    def _leave_current_review(self) -> bool:
        """Save and close what is open; False if the reviewer chose to stay."""
        if self.document is None:
            return True
        self._commit_editor()
        if self._dirty and not self.save():
            answer = QMessageBox.question(
                self,
                "Not saved",
                "The review could not be saved. Leave it anyway and lose the last changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        self.engine.cancel()
        self._finish_translation_progress()
        if self._lock is not None:
            self._lock.release()
        self.document = None
        self.segment_model = None
        self.filter_model.setSourceModel(None)  # type: ignore[arg-type]
        self.undo_stack.clear()
        return True

    def close_review(self) -> None:
        """Close the review and go back to the start page."""
        if self._leave_current_review():
            self.pages.setCurrentIndex(0)
            self._refresh_recent()
            self._update_title()
            self.article_label.clear()
            self.progress_label.clear()

    def reopen_with_encoding(self, codec: str) -> None:
        """Read the article again in *codec* (only before any work is done on it)."""
        if self.document is None:
            return
        touched = [
            s
            for s in self.document
            if s.status in (Status.EDITED, Status.REVIEWED, Status.EXCLUDED)
        ]
        if touched:
            self._show_error(
                "Cannot re-read the article",
                f"{len(touched)} segments already hold your work, which re-reading would "
                "replace. Re-read it as a new review: copy the article to a new name first.",
            )
            return
        path = Path(self.document.article.path)
        self.open_path(path, encoding=codec)

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the review to its project file. On failure the edits stay in memory and
        the reviewer is told (once per run of failures)."""
        from reviewer.project import save_project

        self._autosave.stop()
        self._save_soon.stop()
        if self.document is None or self.project_path is None:
            return True
        self._commit_editor(keep_open=True)
        try:
            save_project(self.document, self.project_path, self._encoder)
        except ReviewerError as error:
            self.statusBar().showMessage(f"Not saved: {error}")
            if not self._save_error_shown:
                self._save_error_shown = True
                self._show_error(
                    "Your changes are not saved yet",
                    f"{error}\n\nYour work stays open here. Use File › Save As to save it "
                    "elsewhere.",
                )
            return False
        self._save_error_shown = False
        self._dirty = False
        self.undo_stack.setClean()
        self._update_title()
        self.saved.emit()
        return True

    def save_as(self) -> bool:
        """Save the review under a new name (also the way out of a full or read-only disk)."""
        if self.document is None:
            return False
        start = str(self.project_path or "")
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the review as", start, "Reviews (*.reviewer.json)"
        )
        if not name:
            return False
        return self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Save the review to *path* and keep working there."""
        from reviewer.project import PROJECT_SUFFIX

        if not path.name.endswith(PROJECT_SUFFIX):
            path = path.with_name(path.name.removesuffix(".json") + PROJECT_SUFFIX)
        previous_path, previous_lock = self.project_path, self._lock
        self.project_path = path
        lock = ProjectLock(path)
        lock.acquire(force=True)
        self._lock = lock
        if self.save():
            if previous_lock is not None:
                previous_lock.release()
            self._add_recent(path)
            return True
        lock.release()
        self.project_path, self._lock = previous_path, previous_lock
        return False

    def export_dialog(self, export_format: str) -> None:
        """Ask where to export, then export."""
        if self.document is None:
            return
        suffix = {"tsv": ".tsv", "tmx": ".tmx", "xliff": ".xlf", "csv": ".csv"}[export_format]
        suggestion = str(Path(self.document.article.path).with_suffix(suffix))
        name, _ = QFileDialog.getSaveFileName(
            self, f"Export {export_format.upper()}", suggestion, f"*{suffix}"
        )
        if name:
            self.export_to(Path(name), export_format)

    def export_to(self, path: Path, export_format: str) -> bool:
        """Export the review to *path*; problems are shown, nothing half-written."""
        from reviewer.exports import ExportOptions, export_to_file

        if self.document is None:
            return False
        self._commit_editor()
        options = ExportOptions(
            reviewed_only=self.reviewed_only_action.isChecked(),
            header=self.header_action.isChecked(),
        )
        try:
            result = export_to_file(self.document, path, export_format, options)
        except ReviewerError as error:
            self._show_error("Not exported", str(error))
            return False
        message = f"Exported {result.pairs} pairs to {path.name}."
        if result.warnings:
            self._show_error("Exported, with changes", "\n".join([message, *result.warnings]))
        self.statusBar().showMessage(message, 8000)
        return True

    def _on_model_modified(self, status_changed: bool) -> None:
        if not self._dirty:
            self._dirty_since = time.monotonic()
        self._dirty = True
        self._update_title()
        # Counting the whole document at every change of a 2,000-paragraph review would be
        # quadratic while translations stream in: at most five times a second instead.
        if not self._progress_timer.isActive():
            self._progress_timer.start()
        if status_changed or time.monotonic() - self._dirty_since > AUTOSAVE_MAX_S:
            # A status change is a decision worth keeping at once.
            self._save_soon.start()
        else:
            self._autosave.start()

    # --- the engine -----------------------------------------------------------------------

    def _start_engine(self) -> None:
        self.engine_state = "starting"
        self._engine_started = True
        self.model_label.setText("Model: loading…")
        self.banner.hide()
        self.engine.start(**self._engine_options)  # type: ignore[arg-type]
        # A fresh engine knows nothing: queue (again) what still needs translating.
        self._finish_translation_progress()
        self._retranslating.clear()
        if self.document is not None:
            self.translate_untranslated()

    def translate_untranslated(self) -> None:
        """Queue every segment without a machine translation, the current one first."""
        if self.document is None or not self._engine_started:
            return  # Starting the engine queues the work.
        todo = [
            (s.id, s.source)
            for s in self.document
            if s.machine is None and s.status is not Status.EXCLUDED
        ]
        if not todo:
            return
        self.engine.translate(todo)
        current = self.current_segment()
        if current is not None:
            self.engine.prioritize(current.id)
        self._translation_total += len(todo)
        if not self._translation_started:
            self._translation_started = time.monotonic()
        self._update_translation_progress()

    def cancel_translation(self) -> None:
        """Stop translating (the batch under way finishes in the background)."""
        self.engine.cancel()
        self._finish_translation_progress()
        self.statusBar().showMessage("Translation cancelled.", 5000)

    def retranslate_current(self) -> None:
        """Ask the engine for this segment again; its answer replaces the English (undoable)."""
        segment = self.current_segment()
        if segment is None:
            return
        self._retranslating.add(segment.id)
        self.engine.translate([(segment.id, segment.source)])
        self.engine.prioritize(segment.id)
        self._translation_total += 1
        self._update_translation_progress()

    def show_alternatives(self) -> None:
        """Ask the engine for alternatives of this segment (shown when they arrive)."""
        segment = self.current_segment()
        if segment is None:
            return
        self.statusBar().showMessage("Asking the model for alternatives…", 5000)
        self.engine.request_alternatives(segment.id, segment.source, 5)

    def _on_engine_loaded(self, info: dict[str, Any]) -> None:
        self.engine_state = "ready"
        self.delegate.placeholder = SegmentDelegate.placeholder
        name = str(info.get("model_id", "")).rstrip("/").rsplit("/", 1)[-1]
        self.model_label.setText(f"Model: {name} ({info.get('backend')}, {info.get('device')})")

    def _on_engine_translated(
        self, segment_id: str, machine: MachineTranslation, _cached: bool
    ) -> None:
        if self.segment_model is None or self.document is None:
            return
        try:
            segment = self.document.segment(segment_id)
        except KeyError:
            return  # A late answer for a review that is no longer open.
        current = self.current_segment()
        if current is not None and current.id == segment_id:
            # What the reviewer is typing counts as theirs before the machine's arrives.
            self._commit_editor(keep_open=True)
        if segment_id in self._retranslating:
            self._retranslating.discard(segment_id)
            self.segment_model.change(
                segment, "Re-translate", lambda s: _use_machine_translation(s, machine)
            )
        else:
            self.segment_model.apply_machine_translation(segment_id, machine)
        self._translation_done += 1
        self._update_translation_progress()

    def _on_engine_alternatives_ready(self, segment_id: str, machine: MachineTranslation) -> None:
        if self.document is None or self.segment_model is None:
            return
        try:
            segment = self.document.segment(segment_id)
        except KeyError:
            return
        dialog = AlternativesDialog(self, segment, machine)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            chosen = dialog.chosen
            self.segment_model.change(segment, "Use alternative", lambda s: s.edit(chosen))

    def _on_engine_idle(self) -> None:
        self._finish_translation_progress()

    def _on_engine_failed(self, message: str, fatal: bool) -> None:
        if fatal:
            self.delegate.placeholder = "no machine translation: write the English here"
            self.table.viewport().update()
            self.engine_state = "unavailable"
            self.model_label.setText("Model: unavailable")
            self._finish_translation_progress()
            self._show_banner(
                f"No machine translation: {message}\nYou can still translate by hand; "
                "everything else works.",
                retry=True,
            )
        else:
            self.statusBar().showMessage(message, 10000)

    def _update_translation_progress(self) -> None:
        total, done = self._translation_total, self._translation_done
        if total <= 0 or done >= total:
            self._finish_translation_progress()
            return
        self.translation_bar.setMaximum(total)
        self.translation_bar.setValue(done)
        left = ""
        if done:
            per_item = (time.monotonic() - self._translation_started) / done
            left = f" · about {max(1, round(per_item * (total - done)))} s left"
        self.translation_bar.setFormat(f"Translating {done}/{total}{left}")
        self.translation_bar.show()
        self.cancel_button.show()

    def _finish_translation_progress(self) -> None:
        self._translation_total = self._translation_done = 0
        self._translation_started = 0.0
        self.translation_bar.hide()
        self.cancel_button.hide()

    # --- working on segments --------------------------------------------------------------

    def current_row(self) -> int | None:
        """The source row of the current segment."""
        index = self.table.currentIndex()
        if not index.isValid() or self.segment_model is None:
            return None
        return self.filter_model.mapToSource(index).row()

    def current_segment(self) -> Segment | None:
        """The segment the reviewer is on."""
        row = self.current_row()
        return (
            None
            if row is None or self.segment_model is None
            else self.segment_model.segment_at(row)
        )

    def go_to_row(self, row: int, *, edit: bool = True) -> None:
        """Make the segment in source *row* current, and open its English for editing."""
        if self.segment_model is None or not 0 <= row < self.segment_model.rowCount():
            return
        index = self.filter_model.mapFromSource(self.segment_model.index(row, Column.TARGET))
        if not index.isValid():
            return  # Hidden by the filter.
        self._commit_editor()
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if edit:
            self.table.edit(index)

    def go_by(self, step: int) -> None:
        """Go to the previous (-1) or next (+1) visible segment."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = index.row() + step
        if 0 <= row < self.filter_model.rowCount():
            source = self.filter_model.mapToSource(self.filter_model.index(row, Column.TARGET))
            self.go_to_row(source.row())

    def next_with(self, test: Callable[[Segment], bool]) -> None:
        """Go to the next segment (after the current one, wrapping) that passes *test*."""
        if self.segment_model is None or self.document is None:
            return
        start = self.current_row()
        count = len(self.document)
        begin = -1 if start is None else start
        for offset in range(1, count + 1):
            row = (begin + offset) % count
            if test(self.document.segments[row]):
                self.go_to_row(row)
                return
        self.statusBar().showMessage("No such segment left.", 5000)

    def confirm_current(self) -> None:
        """Mark the current segment reviewed and go to the next one that is not."""
        segment = self.current_segment()
        if segment is None or self.segment_model is None:
            return
        self._commit_editor()
        if not segment.has_target:
            self.statusBar().showMessage("Write the English before marking it reviewed.", 5000)
            return
        self.segment_model.change(segment, "Review", Segment.mark_reviewed)
        self.next_with(_not_reviewed)

    def reopen_current(self) -> None:
        """Take back the review (or exclusion) of the current segment."""
        segment = self.current_segment()
        if segment is not None and self.segment_model is not None:
            self.segment_model.change(segment, "Reopen", Segment.reopen)

    def toggle_excluded(self) -> None:
        """Exclude the current segment from exports, or include it again."""
        segment = self.current_segment()
        if segment is None or self.segment_model is None:
            return
        self._commit_editor()
        if segment.status is Status.EXCLUDED:
            self.segment_model.change(segment, "Include", Segment.reopen)
        else:
            self.segment_model.change(segment, "Exclude", Segment.exclude)

    def revert_current(self) -> None:
        """Put the machine translation back in place of the reviewer's English."""
        segment = self.current_segment()
        if segment is None or self.segment_model is None:
            return
        self._commit_editor()
        if not self.segment_model.change(segment, "Revert", Segment.revert_to_machine_translation):
            self.statusBar().showMessage("There is no machine translation to go back to.", 5000)
        self._refresh_editor()

    def undo(self) -> None:
        """Undo the last change anywhere in the document."""
        self._commit_editor()
        self.undo_stack.undo()
        self._refresh_editor()

    def redo(self) -> None:
        """Redo the last undone change."""
        self._commit_editor()
        self.undo_stack.redo()
        self._refresh_editor()

    # --- finding --------------------------------------------------------------------------

    def find_text(self, query: str, in_arabic: bool, direction: int) -> bool:
        """Go to the next (or previous) segment matching *query*."""
        if self.document is None or not query:
            return False
        count = len(self.document)
        start = self.current_row()
        begin = (-1 if direction > 0 else count) if start is None else start
        matches = 0
        for segment in self.document:
            matches += len(find_all(segment.source if in_arabic else segment.target, query))
        for offset in range(1, count + 1):
            row = (begin + direction * offset) % count
            segment = self.document.segments[row]
            spans = find_all(segment.source if in_arabic else segment.target, query)
            if spans:
                self.go_to_row(row)
                self._current_match = (row, spans[0][0])
                if not in_arabic and self._editor is not None:
                    cursor = self._editor.textCursor()
                    cursor.setPosition(spans[0][0])
                    cursor.setPosition(spans[0][1], cursor.MoveMode.KeepAnchor)
                    self._editor.setTextCursor(cursor)
                self.find_bar.status.setText(f"{matches} matches")
                return True
        self.find_bar.status.setText("No match")
        return False

    def replace_text(self, query: str, replacement: str, everywhere: bool) -> int:
        """Replace *query* in the English: in the current segment, or everywhere (one undo
        step either way). Returns how many were replaced."""
        if self.document is None or self.segment_model is None or not query:
            return 0
        self._commit_editor()
        segments = list(self.document) if everywhere else [self.current_segment()]
        replaced = 0
        self.undo_stack.beginMacro(f"Replace “{query}”")
        for segment in segments:
            if segment is None:
                continue
            new_text, count = replace_all(segment.target, query, replacement)
            if count:
                replaced += count
                self.segment_model.change(segment, "Replace", lambda s, t=new_text: s.edit(t))
        self.undo_stack.endMacro()
        self._refresh_editor()
        self.find_bar.status.setText(f"Replaced {replaced}")
        return replaced

    # --- viewing --------------------------------------------------------------------------

    def swap_columns(self) -> None:
        """Put the English left of the Arabic, or back."""
        header = self.table.horizontalHeader()
        header.swapSections(header.visualIndex(Column.SOURCE), header.visualIndex(Column.TARGET))

    def zoom(self, step: int) -> None:
        """Make the text larger (+1) or smaller (-1)."""
        size = min(32.0, max(8.0, self.delegate.point_size + step))
        self.delegate.set_point_size(size)
        self._refit_all_rows()
        self.table.viewport().update()

    def set_filter(self, statuses: frozenset[Status] | None) -> None:
        """Show only segments with *statuses* (None: all)."""
        self._commit_editor()
        self.filter_model.set_statuses(statuses)

    # --- fitting rows to their text ----------------------------------------------------------

    def _fit_visible_rows(self) -> None:
        """Fit the rows in view (and a few beyond) to their text, once each."""
        if self.segment_model is None:
            return
        view_height = self.table.viewport().height()
        count = self.filter_model.rowCount()
        row = max(0, self.table.rowAt(0))
        extra = 3
        while row < count:
            source = self.filter_model.mapToSource(self.filter_model.index(row, 0)).row()
            segment_id = self.segment_model.segment_at(source).id
            if segment_id not in self._fitted:
                self._fitted.add(segment_id)
                self.table.resizeRowToContents(row)
            if self.table.rowViewportPosition(row) > view_height:
                extra -= 1
                if extra <= 0:
                    break
            row += 1

    def _refit_all_rows(self) -> None:
        self._fitted.clear()
        self._fit_timer.start()

    def _on_rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        if self.segment_model is None:
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._fitted.discard(self.segment_model.segment_at(row).id)
        self._fit_timer.start()

    # --- plumbing -------------------------------------------------------------------------

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.segment_model is None:
            return
        segment = self.segment_model.segment_at(self.filter_model.mapToSource(current).row())
        if segment.machine is None:
            # The paragraph the reviewer is looking at goes first.
            self.engine.prioritize(segment.id)

    def _on_editor_created(self, editor: TargetEditor) -> None:
        self._editor = editor
        editor.confirm_requested.connect(self.confirm_current)
        editor.move_requested.connect(self.go_by)

    def _on_editor_closed(self, editor: QWidget, _hint: object = None) -> None:
        if isinstance(editor, TargetEditor):
            editor.stop_waiting()
        if self._editor is editor:
            self._editor = None

    def _commit_editor(self, *, keep_open: bool = False) -> None:
        """Hand what is typed in the open editor to the document."""
        editor = self._editor
        if editor is None:
            return
        try:
            self.delegate.commitData.emit(editor)
            if not keep_open:
                self.delegate.closeEditor.emit(editor)
        except RuntimeError:
            self._editor = None  # Already deleted by Qt.

    def _refresh_editor(self) -> None:
        index = self.table.currentIndex()
        if self._editor is not None and index.isValid():
            self.delegate.setEditorData(self._editor, index.siblingAtColumn(Column.TARGET))

    def _focus_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index.siblingAtColumn(Column.TARGET))

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle("reviewer")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{Path(self.document.article.path).name}[*] — reviewer")
        self.setWindowModified(self._dirty)

    def _update_progress(self) -> None:
        if self.document is None:
            return
        progress = self.document.progress()
        self.progress_label.setText(
            f"Reviewed {progress.reviewed} of {progress.total - progress.excluded} · "
            f"{progress.words_reviewed} of {progress.words} words · "
            f"{progress.translated} with English"
        )

    def _show_banner(self, text: str, *, retry: bool) -> None:
        self.banner_text.setText(text)
        self.banner_retry.setVisible(retry)
        self.banner.show()

    def _show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def _settings(self) -> QSettings:
        return QSettings("reviewer", "reviewer")

    def _recent(self) -> list[str]:
        value = self._settings().value("recent", [])
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [str(item) for item in value]
        return []

    def _add_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name, *(item for item in self._recent() if item != name)][:RECENT_LIMIT]
        self._settings().setValue("recent", recent)
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        recent = [item for item in self._recent() if Path(item).exists()]
        self.recent_list.clear()
        self.recent_menu.clear()
        for item in recent:
            entry = QListWidgetItem(Path(item).name + "   —   " + str(Path(item).parent))
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.recent_list.addItem(entry)
            choice = self.recent_menu.addAction(Path(item).name)
            choice.triggered.connect(lambda _c=False, p=item: self.open_path(Path(p)))

    # --- window events --------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_path(Path(urls[0].toLocalFile()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._commit_editor()
        if self.document is not None and self._dirty:
            answer = QMessageBox.question(
                self,
                "Save the review?",
                "Save your last changes before closing?",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
            self._dirty = False
        if self._lock is not None:
            self._lock.release()
        self.engine.close()
        event.accept()


class AlternativesDialog(QDialog):
    """The engine's alternatives for one segment, with its confidence; pick one."""

    def __init__(self, parent: QWidget, segment: Segment, machine: MachineTranslation) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Alternatives for {segment.id}")
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        source = QLabel(segment.source)
        source.setWordWrap(True)
        source.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        source.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(source)
        confidence = "" if machine.score is None else f" (model confidence {machine.score:.0%})"
        layout.addWidget(QLabel(f"Best translation first{confidence}:"))
        self.choices = QListWidget()
        self.choices.setWordWrap(True)
        for text in (machine.text, *machine.alternatives):
            self.choices.addItem(text)
        self.choices.setCurrentRow(0)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use this one")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def accept(self) -> None:
        item = self.choices.currentItem()
        self.chosen = item.text() if item is not None else None
        super().accept()


def _untranslated(segment: Segment) -> bool:
    return segment.status is Status.UNTRANSLATED


def _not_reviewed(segment: Segment) -> bool:
    return segment.status not in (Status.REVIEWED, Status.EXCLUDED)


def _use_machine_translation(segment: Segment, machine: MachineTranslation) -> None:
    segment.machine = machine
    segment.revert_to_machine_translation()


__all__ = ["AlternativesDialog", "Engine", "MainWindow"]
