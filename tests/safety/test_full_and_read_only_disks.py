"""A full disk and a read-only folder: real ones when this machine lets the test mount them
(a 64 KiB tmpfs, a read-only bind mount; root ignores chmod, so permissions prove nothing),
otherwise skipped; tests/test_storage.py covers the same with simulated ENOSPC and EROFS."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.errors import WriteError
from reviewer.exports import ExportOptions, export_to_file
from reviewer.formats import read_article
from reviewer.project import new_project_path, open_project, save_project
from reviewer.storage import backup_path
from tests.conftest import SAMPLE_ARTICLE
from tests.helpers.documents import reviewed_document


def _mount(*arguments: str) -> bool:
    if shutil.which("mount") is None:
        return False
    result = subprocess.run(["mount", *arguments], capture_output=True, check=False)
    return result.returncode == 0


def _unmount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system."""
    folder = tmp_path / "small"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here (the simulated tests cover this)")
    yield folder
    _unmount(folder)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(a writable folder, the same folder mounted read-only)."""
    source = tmp_path / "source"
    view = tmp_path / "read-only"
    source.mkdir()
    view.mkdir()
    if not _mount("--bind", str(source), str(view)):
        pytest.skip("cannot bind-mount here (the simulated tests cover this)")
    if not _mount("-o", "remount,bind,ro", str(view)):
        _unmount(view)
        pytest.skip("cannot remount read-only here")
    yield source, view
    _unmount(view)


def _fill(folder: Path) -> None:
    """Fill the file system to the last byte."""
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (4096, 64, 1):
            try:
                while True:
                    os.write(descriptor, b"x" * size)
            except OSError:
                continue
    finally:
        os.close(descriptor)


def test_saving_to_a_full_disk_keeps_the_old_file_and_says_so(small_disk: Path) -> None:
    path = small_disk / "a.reviewer.json"
    document = reviewed_document()
    save_project(document, path)
    before = path.read_bytes()
    _fill(small_disk)
    document.segments[1].edit("A long edit. " * 2000)
    with pytest.raises(WriteError, match="disk is full"):
        save_project(document, path)
    assert path.read_bytes() == before
    assert not [p for p in small_disk.iterdir() if p.name.endswith(".tmp")]
    assert open_project(path).document.segments[1].target == "The troops leave."


def test_exporting_to_a_full_disk_leaves_no_half_file(small_disk: Path) -> None:
    _fill(small_disk)
    out = small_disk / "pairs.tsv"
    document = reviewed_document()
    document.segments[1].edit("A long edit. " * 2000)
    with pytest.raises(WriteError, match="disk is full"):
        export_to_file(document, out, "tsv", ExportOptions())
    assert not out.exists()


def test_a_read_only_folder_refuses_saves_and_exports_and_keeps_the_old_file(
    read_only: tuple[Path, Path],
) -> None:
    source, view = read_only
    save_project(reviewed_document(), source / "a.reviewer.json")
    save_project(reviewed_document(), source / "a.reviewer.json")
    before = (view / "a.reviewer.json").read_bytes()
    with pytest.raises(WriteError, match="read-only"):
        save_project(reviewed_document(), view / "a.reviewer.json")
    with pytest.raises(WriteError, match="read-only"):
        export_to_file(reviewed_document(), view / "x.tmx", "tmx", ExportOptions())
    assert (view / "a.reviewer.json").read_bytes() == before
    assert backup_path(view / "a.reviewer.json").is_file()


def test_an_article_in_a_read_only_folder_gets_its_review_in_the_data_folder(
    read_only: tuple[Path, Path],
) -> None:
    source, view = read_only
    shutil.copy(SAMPLE_ARTICLE, source / "article.txt")
    project = new_project_path(view / "article.txt")
    assert view not in project.parents
    save_project(read_article(view / "article.txt").to_document(), project)
    assert open_project(project).document.segments[0].source == "العراق"


@pytest.mark.usefixtures("dialogs")
def test_the_window_keeps_edits_on_a_full_disk_and_save_as_rescues_them(
    small_disk: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    from reviewer.qt.main_window import MainWindow
    from tests.helpers.fake_engine import FakeEngine

    article = small_disk / "sample_article.txt"
    shutil.copy(SAMPLE_ARTICLE, article)
    window = MainWindow(FakeEngine())
    qtbot.addWidget(window)
    window.show()
    window.open_path(article)
    qtbot.waitUntil(lambda: window.document is not None and all(s.machine for s in window.document))
    assert window.save()
    _fill(small_disk)
    window.editor.go_to_row(0)
    assert window.table.editor is not None
    window.table.editor.setPlainText("An edit the full disk cannot take. " * 200)
    window.editor.confirm_current()
    assert not window.save()
    assert window.isWindowModified()
    assert window.document is not None
    assert window.document.segments[0].target.startswith("An edit the full disk")
    rescue = tmp_path / "rescued.reviewer.json"
    assert window.session.save_to(rescue)
    assert open_project(rescue).document.segments[0].target.startswith("An edit the full disk")
    window.session.autosaver.dirty = False
    window.close()
