"""`reviewer translate`: pre-translating a whole article headless, on the tiny model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.document import Status
from reviewer.errors import ExitCode
from reviewer.exports import tsv
from reviewer.project import find_project, open_project, save_project
from tests.conftest import SAMPLE_ARTICLE, SAMPLE_PARAGRAPHS


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE_ARTICLE, tmp_path / "article.txt"))


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_translate_saves_the_review_and_exports_the_pairs(
    article: Path,
    tiny_model_master: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    backend: str,
) -> None:
    out = tmp_path / "pairs.tsv"
    model = str(tiny_model_master)
    code = main(["translate", str(article), "--model", model, "--backend", backend, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"Translated {SAMPLE_PARAGRAPHS} paragraphs" in err
    assert "100%" in err  # the progress bar
    project = find_project(article)
    assert project is not None
    document = open_project(project).document
    assert all(s.status is Status.MACHINE_TRANSLATED for s in document)
    assert all(
        s.machine is not None and s.machine.model == tiny_model_master.name for s in document
    )
    rows = tsv.read(out.read_bytes())
    assert [row[0] for row in rows] == [s.source for s in document]
    assert [row[1] for row in rows] == [s.target for s in document]


def test_translate_resumes_a_review_and_never_touches_the_reviewers_english(
    article: Path, tiny_model_master: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.formats import read_article
    from reviewer.project import new_project_path

    document = read_article(article).to_document()
    document.segments[4].edit("My own translation.")
    document.segments[4].mark_reviewed()
    save_project(document, new_project_path(article))
    args = ["translate", str(article), "--model", str(tiny_model_master)]
    assert main([*args, "--backend", "transformers"]) == 0
    reopened = open_project(new_project_path(article)).document
    mine = reopened.segments[4]
    assert (mine.target, mine.status) == ("My own translation.", Status.REVIEWED)
    assert mine.machine is not None  # the suggestion is there for the reviewer
    capsys.readouterr()
    # A second run has nothing left to do and does not even load the model.
    assert main([*args, "--model", str(tiny_model_master / "nowhere")]) == 0
    assert "Nothing to translate" in capsys.readouterr().err


def test_an_unavailable_model_has_its_own_exit_code_and_keeps_nothing_half_done(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["translate", str(article), "--model", str(tmp_path / "no-model")])
    assert code == ExitCode.MODEL_UNAVAILABLE
    err = capsys.readouterr().err
    assert "No model folder" in err
    assert "Traceback" not in err


def test_a_bad_article_is_reported_before_any_model_is_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    assert main(["translate", str(bad), "--model", "/no/such/model"]) == ExitCode.BAD_ARTICLE
    assert "PDF" in capsys.readouterr().err


def test_translate_refuses_a_review_open_in_a_window(
    article: Path, tiny_model_master: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One writer per review: the window's saves and the command's would overwrite each
    other (both sides would believe they hold the latest review)."""
    import subprocess
    import sys

    from reviewer.lock import lock_path
    from reviewer.project import new_project_path

    project = new_project_path(article)
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        from reviewer.lock import _identity

        lock_path(project).write_text(__import__("json").dumps(_identity(window.pid)))
        code = main(["translate", str(article), "--model", str(tiny_model_master)])
        err = capsys.readouterr().err
        assert code == ExitCode.IN_USE
        assert "already open in another reviewer window" in err
        assert "Close it there first" in err
        assert not project.exists()  # nothing written
    finally:
        window.kill()
        window.wait()
    assert main(["translate", str(article), "--model", str(tiny_model_master)]) == 0
    assert not lock_path(project).exists()  # released when done


def test_translate_fills_from_the_memory_first_and_says_how_many(
    article: Path, tiny_model_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.formats import read_article
    from reviewer.memory import NewUnit, TranslationMemory

    sources = [s.source for s in read_article(article).to_document()]
    memory_path = tmp_path / "client.sqlite"
    memory = TranslationMemory(memory_path)
    # The sample's first paragraph ("Iraq") comes again as its fourth: both are filled.
    assert sources[0] == sources[3]
    memory.add([NewUnit(sources[0], "Iraq."), NewUnit(sources[5], "Approved.")])
    memory.close()
    args = ["translate", str(article), "--model", str(tiny_model_master), "--memory"]
    assert main([*args, str(memory_path), "--backend", "ctranslate2"]) == 0
    err = capsys.readouterr().err
    assert "3 paragraphs from the translation memory" in err
    assert f"Translated {SAMPLE_PARAGRAPHS - 3} paragraphs" in err
    project = find_project(article)
    assert project is not None
    document = open_project(project).document
    filled = [s for s in document if s.status is Status.FROM_MEMORY]
    assert [(s.id, s.target) for s in filled] == [
        (document.segments[0].id, "Iraq."),
        (document.segments[3].id, "Iraq."),
        (document.segments[5].id, "Approved."),
    ]
    assert all(s.machine is None for s in filled)  # the model was never asked for them


def test_translate_without_the_memory_asks_the_model_for_everything(
    article: Path, tiny_model_master: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.formats import read_article
    from reviewer.memory import NewUnit, TranslationMemory

    source = read_article(article).to_document().segments[0].source
    TranslationMemory().add([NewUnit(source, "Approved.")])
    args = ["translate", str(article), "--model", str(tiny_model_master), "--no-memory"]
    assert main([*args, "--backend", "ctranslate2"]) == 0
    assert f"Translated {SAMPLE_PARAGRAPHS} paragraphs" in capsys.readouterr().err
