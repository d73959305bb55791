"""The review window: Arabic beside English, paragraph by paragraph.

The window only lays out and wires its parts: the open review (`ReviewSession`, with its
autosaver), the table (`SegmentTableView`), the reviewer's actions on segments
(`EditorController`), machine translation (`TranslationController`), find and replace
(`FindController`), the side panel, the status bar and the table of actions. It never waits
on the engine: requests go out, answers come back as signals.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from reviewer.document import ReviewDocument
from reviewer.formats.decoding import describe_encoding
from reviewer.qt import dialogs
from reviewer.qt.actions import ActionTable
from reviewer.qt.banner import Banner
from reviewer.qt.editor_controller import EditorController
from reviewer.qt.file_actions import FileActions
from reviewer.qt.find_bar import FindBar
from reviewer.qt.find_controller import FindController
from reviewer.qt.memory_controller import MemoryController
from reviewer.qt.qa_controller import QaController, QaPanel
from reviewer.qt.restructure_controller import RestructureController
from reviewer.qt.segment_model import StatusFilterModel
from reviewer.qt.segment_view import SegmentTableView
from reviewer.qt.session import ReviewSession
from reviewer.qt.side_panel import SidePanel, SidePanelController
from reviewer.qt.spell_controller import SpellController
from reviewer.qt.start_page import RecentFiles, StartPage
from reviewer.qt.status_widgets import StatusWidgets
from reviewer.qt.terms_controller import TermsController
from reviewer.qt.translation_controller import Engine, TranslationController
from reviewer.qt.view_controller import ViewController
from reviewer.qt.view_settings import ViewSettings
from reviewer.qt.window_actions import window_actions
from reviewer.qt.work_recorder import WorkRecorder


class MainWindow(QMainWindow):
    """The reviewer's window."""

    #: A review was opened (tests and the benchmark wait on it).
    review_opened = Signal()

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        model: str | None = None,
        device: str = "auto",
        backend: str = "auto",
        memory: Path | None = None,
    ) -> None:
        super().__init__()
        if engine is None:
            from reviewer.qt.engine_bridge import EngineBridge

            engine = EngineBridge(self)
        self.setWindowTitle("reviewer")
        self.setAcceptDrops(True)
        self.view_settings = ViewSettings()
        self.status = StatusWidgets(self.statusBar())
        self.session = ReviewSession(
            self,
            commit=self._commit,
            report=self._report,
            say=self.status.say,
            resolve=partial(dialogs.resolve_conflict, self),
        )
        self.saved = self.session.autosaver.saved
        self.filter_model = StatusFilterModel()
        self.table = SegmentTableView()
        self.table.setModel(self.filter_model)
        self.editor = EditorController(self.session, self.table, self.filter_model, self.status.say)
        options = {"model": model, "device": device, "backend": backend}
        self.translation = TranslationController(
            engine, self.session, self.editor, self.status, options
        )
        self._build_parts(memory)
        self._build_pages()
        self.action_table = ActionTable(self, self.menuBar(), window_actions(self))
        self.files.actions = self.action_table
        self._build_menus()
        self._connect()
        self.view.restore()
        self.view_settings.restore_window(self)
        self._on_session_closed()
        # Start the engine once the window is on screen: it never delays the window.
        QTimer.singleShot(0, self.translation.start_engine)

    # --- building --------------------------------------------------------------------------

    def _build_parts(self, memory_path: Path | None) -> None:
        """The window's parts beside the table: find, view, side panel, pages, files."""
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.finder = FindController(self.find_bar, self.editor, partial(dialogs.ask, self))
        self.view = ViewController(self.editor, self.status, self.view_settings)
        self.qa = QaController(self.session)
        self.editor.confirm_guard = self.qa.may_confirm
        self.side_panel = SidePanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_panel)
        self.panel = SidePanelController(
            self.side_panel, self.editor, self.translation, self.status, self.qa
        )
        self.terms = TermsController(self.editor, self.qa, self.status.say)
        self.spelling = SpellController(self.table, self.translation, self.qa, self.status.say)
        self.restructure = RestructureController(self.editor, self.translation, self.status.say)
        self.work = WorkRecorder(self.editor)
        self.memory = MemoryController(self, self.translation, self.side_panel, memory_path)
        self.qa_panel = QaPanel(self.qa, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.qa_panel)
        self.qa_panel.hide()
        self.qa_panel.segment_requested.connect(self.editor.go_to_segment)
        self.banner = Banner()
        self.start_page = StartPage(RecentFiles(self.view_settings.store))
        self.files = FileActions(
            self,
            self.session,
            open_path=self.open_path,
            commit=self._commit,
            report=self._report,
            say=self.status.say,
        )

    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self.pages.addWidget(self.start_page)
        review = QWidget()
        layout = QVBoxLayout(review)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.find_bar)
        self.pages.addWidget(review)

    def _build_menus(self) -> None:
        file_menu = self.action_table.menus["File"]
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.insertMenu(self.action_table["save"], self.recent_menu)
        self.view.build_filter_menu(self.action_table.menu(self.menuBar(), "View/Show"))
        self.table.segment_delegate.window_keys = self.action_table.keys()

    def _connect(self) -> None:
        self.session.opened.connect(self._on_session_opened)
        self.session.closing.connect(self._commit)
        self.session.closed.connect(self._on_session_closed)
        self.session.autosaver.dirty_changed.connect(self._update_title)
        self.table.refused.connect(self.status.say)
        self.start_page.open_requested.connect(self.open_path)
        self.start_page.browse_requested.connect(self.files.open_dialog)
        self.banner.retry_requested.connect(self.translation.start_engine)
        self.translation.state_changed.connect(self._on_engine_state)
        # Counting a 2,000-paragraph review at every streamed translation would be
        # quadratic: at most five times a second instead.
        self._progress_timer = QTimer(self, singleShot=True, interval=200)
        self._progress_timer.timeout.connect(self._update_progress)

    # --- the review ----------------------------------------------------------------------

    @property
    def document(self) -> ReviewDocument | None:
        """The review open (None: the start page shows)."""
        return self.session.document

    def open_path(self, path: Path, *, encoding: str | None = None) -> bool:
        """Open an article (resuming its review) or a project file."""
        if not self.session.open_path(path, encoding=encoding):
            return False
        self.start_page.recent.add(path)
        self.start_page.refresh(self.recent_menu)
        return True

    def save(self) -> bool:
        """Save the review now."""
        return self.session.autosaver.save()

    def close_review(self) -> None:
        """Close the review and go back to the start page."""
        self.session.leave()

    def _on_session_opened(self) -> None:
        document, model = self.session.document, self.session.segment_model
        assert document is not None
        assert model is not None
        self.filter_model.setSourceModel(model)
        model.modified.connect(self._on_modified)
        self.table.set_column_layout()
        self.view.restore_columns()
        self.pages.setCurrentIndex(1)
        info = document.article
        guessed = " (guessed: File › Reopen with Encoding to change)" * info.encoding_guessed
        self.status.article_label.setText(
            f"{Path(info.path).name} · {describe_encoding(info.encoding)}{guessed}"
        )
        self.action_table.set_review_open(True)
        self._update_title()
        self._update_progress()
        if self.session.notices:
            self.banner.show_message("\n".join(self.session.notices), retry=False)
        first = next((row for row, s in enumerate(document.segments) if s.needs_review), 0)
        if not self.editor.go_to_row(first):
            self.editor.go_to_end(last=False)
        self.review_opened.emit()

    def _on_session_closed(self) -> None:
        self.filter_model.setSourceModel(None)  # type: ignore[arg-type]
        self.pages.setCurrentIndex(0)
        self.start_page.refresh(self.recent_menu)
        self.status.article_label.clear()
        self.status.show_progress(None)
        self.action_table.set_review_open(False)
        self.find_bar.hide()
        self._update_title()
        self.panel.refresh()

    def _on_modified(self, _status_changed: bool) -> None:
        if not self._progress_timer.isActive():
            self._progress_timer.start()
        self.panel.refresh_soon()

    # --- viewing ---------------------------------------------------------------------------

    def _on_engine_state(self, state: str, message: str) -> None:
        self.status.show_engine(state, message)
        delegate = self.table.segment_delegate
        if state == "unavailable":
            delegate.placeholder = "no machine translation: write the English here"
            self.banner.show_message(message, retry=True)
        else:
            delegate.placeholder = type(delegate).placeholder
            self.banner.hide()
        self.table.viewport().update()

    def _update_title(self, *_: object) -> None:
        document = self.session.document
        name = (
            "reviewer" if document is None else f"{Path(document.article.path).name}[*] — reviewer"
        )
        self.setWindowTitle(name)
        self.setWindowModified(document is not None and self.session.autosaver.dirty)

    def _update_progress(self) -> None:
        document = self.session.document
        self.status.show_progress(None if document is None else document.progress())

    # --- dialogs -----------------------------------------------------------------------------

    def _commit(self) -> None:
        self.editor.commit()

    def _report(self, title: str, message: str) -> None:
        dialogs.show_error(self, title, message)

    # --- window events -----------------------------------------------------------------------

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
        self._commit()
        if self.session.document is not None and self.session.autosaver.dirty:
            answer = dialogs.ask_to_save(self)
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
        self.view_settings.save_window(self)
        self.work.save_figures()
        self.session.release()
        self.translation.engine.close()
        event.accept()


__all__ = ["Engine", "MainWindow"]
