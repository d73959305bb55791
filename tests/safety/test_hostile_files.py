"""Hostile files get reviewer's own error, fast, in one line: never a hang, a traceback or
gigabytes of memory (issue 9: each of these hung, crashed or blew up before)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reviewer.errors import ExitCode
from reviewer.project import open_project, save_project
from tests.conftest import ROOT
from tests.helpers.documents import reviewed_document
from tests.qt.conftest import Dialogs

#: Seconds a refusal may take at most (a hang or a gigabyte read takes far longer).
QUICK = 20


def run_cli(*arguments: str) -> tuple[int, str, float]:
    """Run ``reviewer ARGUMENTS`` in a process of its own; its exit code, stderr and peak
    memory in MB. A hang fails the test at QUICK seconds."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through exec, so a
    # child of a big test process would report the parent's size.
    code = (
        "import sys\n"
        "from reviewer.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "lines = open('/proc/self/status').read().splitlines()\n"
        "peak = next(int(l.split()[1]) for l in lines if l.startswith('VmHWM')) / 1024\n"
        "print(f'PEAK {peak:.0f}', file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        timeout=QUICK,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
    )
    lines = result.stderr.splitlines()
    assert lines, f"no output (exit code {result.returncode})"
    assert lines[-1].startswith("PEAK"), result.stderr
    return result.returncode, "\n".join(lines[:-1]), float(lines[-1].split()[1])


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    os.mkfifo(path)
    return path


def test_a_pipe_as_the_article_is_refused_not_waited_on(fifo: Path) -> None:
    out = str(fifo.with_name("out.tsv"))
    for command in (["inspect"], ["translate"], ["export", "-o", out]):
        code, err, _ = run_cli(*command, str(fifo))
        assert code == ExitCode.BAD_ARTICLE, err
        assert "is a pipe (FIFO), not a file" in err


def test_a_pipe_as_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    os.mkfifo(project)
    code, err, _ = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "a pipe" in err


def test_a_loop_of_links_is_refused_with_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "other.txt")
    (tmp_path / "other.txt").symlink_to(loop)
    code, err, _ = run_cli("inspect", str(loop))
    assert code == ExitCode.BAD_ARTICLE
    assert "loop of symbolic links" in err
    assert "internal error" not in err


def test_a_file_name_with_a_newline_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    code, err, _ = run_cli("inspect", str(path))
    assert code == ExitCode.BAD_ARTICLE
    assert len(err.splitlines()) == 1
    assert "two\\nlines.txt is empty" in err


def test_a_project_linked_to_an_endless_device_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    project = tmp_path / "a.reviewer.json"
    project.symlink_to("/dev/zero")
    started = time.monotonic()
    code, err, peak = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "a device" in err
    assert peak < 400  # MB: before, 3.7 GB and a MemoryError
    assert time.monotonic() - started < QUICK


def test_a_number_too_long_to_read_is_a_damaged_project(tmp_path: Path) -> None:
    project = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), project)
    data = json.loads(project.read_text("utf-8"))
    text = json.dumps(data).replace('"version": 1', '"version": ' + "9" * 5000)
    project.write_text(text, "utf-8")
    code, err, _ = run_cli("export", str(project), "-o", str(tmp_path / "out.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "is damaged" in err


def test_an_article_that_became_a_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    document = reviewed_document()
    huge = tmp_path / "article.txt"
    with huge.open("wb") as stream:  # 12 GB, sparse: nothing is written but its size
        stream.truncate(12 * 2**30)
    document.article = type(document.article)(**{**document.article.__dict__, "path": str(huge)})
    project = tmp_path / "a.reviewer.json"
    save_project(document, project)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    opened = open_project(project)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024
    assert any("has changed since this review began" in notice for notice in opened.notices)


def test_the_window_refuses_a_pipe_in_a_dialog(qtbot: QtBot, dialogs: Dialogs, fifo: Path) -> None:
    from reviewer.qt.main_window import MainWindow
    from tests.helpers.fake_engine import FakeEngine

    window = MainWindow(FakeEngine())
    qtbot.addWidget(window)
    assert not window.open_path(fifo)
    ((title, message),) = dialogs.errors
    assert "cannot be opened" in title
    assert "a pipe (FIFO)" in message


def _docx(path: Path, document_xml: Iterable[bytes], extra: tuple[str, int] | None = None) -> Path:
    """A minimal .docx whose text part is written from *document_xml* in pieces (and an
    *extra* part of that many zero bytes): deflate packs the repetition a thousandfold."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        with package.open("word/document.xml", "w", force_zip64=True) as stream:
            for piece in document_xml:
                stream.write(piece)
        if extra is not None:
            with package.open(extra[0], "w", force_zip64=True) as stream:
                for _ in range(extra[1] // 2**20):
                    stream.write(bytes(2**20))
    return path


_W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def test_a_docx_that_unpacks_to_a_gigabyte_is_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = _docx(
        tmp_path / "bomb.docx",
        [_W, b"<w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>"],
        extra=("word/media/image1.bin", 1024 * 2**20),
    )
    assert bomb.stat().st_size < 2 * 2**20
    code, err, peak = run_cli("inspect", str(bomb))
    assert code == ExitCode.BAD_ARTICLE
    assert "would unpack to 1,024 MB" in err
    assert peak < 400  # MB: before, 2 GB


def test_a_docx_of_millions_of_empty_paragraphs_is_refused(tmp_path: Path) -> None:
    empty = b"<w:p/>" * 100_000
    bomb = _docx(tmp_path / "paragraphs.docx", [_W, *([empty] * 30), b"</w:body></w:document>"])
    code, err, peak = run_cli("inspect", str(bomb))
    assert code == ExitCode.BAD_ARTICLE
    assert "more than 100,000 paragraphs" in err
    assert peak < 400  # MB: before, 2.2 GB and an XPathEvalError


def test_a_real_sized_docx_still_opens(tmp_path: Path) -> None:
    paragraph = "<w:p><w:r><w:t>القوات الأمريكية تغادر العراق</w:t></w:r></w:p>".encode()
    article = _docx(tmp_path / "fine.docx", [_W, paragraph * 2000, b"</w:body></w:document>"])
    code, err, _ = run_cli("inspect", str(article))
    assert code == ExitCode.OK, err
