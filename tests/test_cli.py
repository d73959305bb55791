"""The command line: what a new user types, and what a script relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.errors import ExitCode
from reviewer.exports import tsv
from reviewer.formats import read_article
from reviewer.project import new_project_path, save_project
from tests.conftest import SAMPLE_ARTICLE, SAMPLE_PARAGRAPHS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_inspect_json_is_what_scripts_rely_on(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "inspect", str(SAMPLE_ARTICLE), "--json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["encoding"] == "utf-8"
    assert payload["encoding_guessed"] is False
    assert len(payload["paragraphs"]) == SAMPLE_PARAGRAPHS
    first = payload["paragraphs"][0]
    assert first == {
        "id": "p1",
        "kind": "paragraph",
        "text": "العراق",
        "sentences": ["العراق"],
        "words": 1,
    }
    assert len(payload["paragraphs"][11]["sentences"]) == 2


def test_inspect_shows_encoding_paragraphs_and_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_text: str
) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(sample_text.encode("cp1256"))
    code, out, _ = run(capsys, "inspect", str(legacy))
    assert code == 0
    assert "Windows-1256 (guessed)" in out
    assert f"segments  {SAMPLE_PARAGRAPHS}," in out
    assert "p23" in out
    assert "العراق" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"%PDF-1.5\n" + bytes(range(256)), "PDF"),
        (b"\x00\x01\x02" * 30, "binary"),
    ],
)
def test_bad_articles_give_one_line_and_their_exit_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "inspect", str(path))
    assert code == ExitCode.BAD_ARTICLE
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("reviewer: error: ")
    assert words in err


def test_missing_path_and_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "inspect", str(tmp_path / "nope.txt"))[0] == ExitCode.BAD_ARTICLE
    assert run(capsys, "inspect", str(tmp_path))[0] == ExitCode.BAD_ARTICLE


def _reviewed_sample(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "sample.txt"
    article.write_bytes(SAMPLE_ARTICLE.read_bytes())
    document = read_article(article).to_document()
    for number, segment in enumerate(document, start=1):
        segment.edit(f"English {number}")
    document.segments[0].mark_reviewed()
    document.segments[-1].exclude()
    project = new_project_path(article)
    save_project(document, project)
    return article, project


@pytest.mark.parametrize("use_article", [False, True])
def test_export_tsv_from_a_project_or_its_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, use_article: bool
) -> None:
    article, project = _reviewed_sample(tmp_path)
    out_path = tmp_path / "pairs.tsv"
    code, _, err = run(
        capsys, "export", str(article if use_article else project), "-o", str(out_path)
    )
    assert code == 0
    assert f"Exported {SAMPLE_PARAGRAPHS - 1} pairs" in err
    rows = tsv.read(out_path.read_bytes())
    assert len(rows) == SAMPLE_PARAGRAPHS - 1  # The excluded comment form is left out.
    assert rows[0] == ["العراق", "English 1"]


def test_export_format_follows_the_suffix_or_the_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, project = _reviewed_sample(tmp_path)
    assert run(capsys, "export", str(project), "-o", str(tmp_path / "a.tmx"))[0] == 0
    assert b"<tmx" in (tmp_path / "a.tmx").read_bytes()
    assert run(capsys, "export", str(project), "-o", str(tmp_path / "a.xlf"))[0] == 0
    assert b"<xliff" in (tmp_path / "a.xlf").read_bytes()
    out = tmp_path / "a.dat"
    assert run(capsys, "export", str(project), "-o", str(out), "--format", "xliff")[0] == 0
    assert b"<xliff" in out.read_bytes()


def test_export_reviewed_only_with_header_and_columns_to_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, project = _reviewed_sample(tmp_path)
    code = main(
        ["export", str(project), "-o", "-", "--reviewed-only", "--header", "--columns", "id,status"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out == "ar\ten\tid\tstatus\nالعراق\tEnglish 1\tp1\treviewed\n"


def test_export_of_an_article_without_a_review_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(SAMPLE_ARTICLE), "-o", str(tmp_path / "x.tsv"))
    assert code == ExitCode.NOTHING_TO_EXPORT
    assert "reviewer translate" in err
    assert not (tmp_path / "x.tsv").exists()


def test_export_of_a_damaged_project(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "x.reviewer.json"
    project.write_text("{broken", encoding="utf-8")
    code, _, err = run(capsys, "export", str(project), "-o", str(tmp_path / "x.tsv"))
    assert code == ExitCode.BAD_PROJECT
    assert "damaged" in err


def test_export_to_a_folder_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, project = _reviewed_sample(tmp_path)
    code, _, err = run(capsys, "export", str(project), "-o", str(tmp_path / "no" / "x.tsv"))
    assert code == ExitCode.CANNOT_WRITE
    assert "does not exist" in err


def test_unknown_columns_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "x", "-o", "y", "--columns", "id,colour"])
    assert exit_info.value.code == ExitCode.USAGE
    assert "choose from id, status, mt" in capsys.readouterr().err


def test_an_internal_error_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("reviewer.formats.read_article", explode)
    code, _, err = run(capsys, "inspect", str(SAMPLE_ARTICLE))
    assert code == ExitCode.INTERNAL_ERROR
    assert "Traceback" not in err
    assert "internal error (RuntimeError: boom)" in err


def test_the_installed_command_runs_with_help_everywhere() -> None:
    reviewer = Path(sys.executable).with_name("reviewer")
    for argv in ([], ["inspect"], ["export"]):
        result = subprocess.run(
            [str(reviewer), *argv, "--help"], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "usage: reviewer" in result.stdout


def test_memory_import_search_and_export_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "عقد الاجتماع بمصر أمس.\tThe meeting was held in Egypt yesterday.\n"
        "ارتفعت أسعار النفط.\tOil prices rose.\n",
        encoding="utf-8",
    )
    memory = tmp_path / "client.sqlite"
    assert main(["memory", "import", str(pairs), "--memory", str(memory)]) == 0
    captured = capsys.readouterr()
    assert "Imported 2 pairs from pairs.tsv" in captured.err
    assert "holds 2 pairs" in captured.out
    assert main(["memory", "search", "مصر", "--memory", str(memory)]) == 0
    out = capsys.readouterr().out
    assert "ب[مصر]" in out
    assert "Egypt" in out
    assert "Oil" not in out
    assert main(["memory", "search", "oil", "--json", "--memory", str(memory)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    hit = json.loads(line)
    assert hit["en"] == "Oil prices rose."
    assert hit["en_spans"] == [[0, 3]]
    tmx = tmp_path / "out.tmx"
    assert main(["memory", "export", "-o", str(tmx), "--memory", str(memory)]) == 0
    assert "Wrote 2 pairs" in capsys.readouterr().err
    assert "Oil prices rose." in tmx.read_text(encoding="utf-8")


def test_memory_commands_explain_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "memory.sqlite"
    broken.write_bytes(b"garbage" * 500)
    code = main(["memory", "search", "x", "--memory", str(broken)])
    assert code == ExitCode.BAD_MEMORY
    assert "Move it aside" in capsys.readouterr().err
    other = tmp_path / "a.pdf"
    other.write_bytes(b"%PDF")
    assert main(["memory", "import", str(other)]) == ExitCode.BAD_ARTICLE
    assert "give a .tmx file" in capsys.readouterr().err


def test_reading_a_memory_that_does_not_exist_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none" / "memory.sqlite"
    assert main(["memory", "search", "مصر", "--memory", str(missing)]) == 0
    assert "no translation memory at" in capsys.readouterr().err
    out = tmp_path / "out.tmx"
    code = main(["memory", "export", "-o", str(out), "--memory", str(missing)])
    assert code == ExitCode.NOTHING_TO_EXPORT
    assert "reviewer memory import" in capsys.readouterr().err
    assert not missing.parent.exists()
    assert not out.exists()
