"""Project files: saving, reopening, crashes, newer versions, damaged files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from reviewer import project
from reviewer.errors import ProjectError
from reviewer.formats import read_article
from reviewer.project import (
    FORMAT_VERSION,
    find_project,
    new_project_path,
    open_project,
    open_review,
    save_project,
)
from reviewer.storage import backup_path
from tests.conftest import SAMPLE_ARTICLE
from tests.helpers.documents import reviewed_document


def _article(tmp_path: Path, text: str = "العراق\n\nالقوات تغادر.\n") -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_saved_review_reopens_identical(tmp_path: Path) -> None:
    document = reviewed_document()
    path = tmp_path / "a.reviewer.json"
    save_project(document, path)
    reopened = open_project(path).document
    assert reopened.segments == document.segments
    assert reopened.article == document.article
    assert reopened.created == document.created


def test_the_project_file_is_readable_json_with_its_version(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["format"] == "reviewer-project"
    # No English from the memory: version 1, which older versions of reviewer read.
    assert payload["version"] == 1 < FORMAT_VERSION
    assert "العراق" in path.read_text(encoding="utf-8")  # Arabic stays readable, not \u escapes
    assert payload["segments"][3]["machine"]["score"] == 0.42


def test_english_from_the_memory_round_trips_in_format_2(tmp_path: Path) -> None:
    from reviewer.document import MemoryFill, Status

    document = reviewed_document()
    segment = document.segments[0]
    segment.status, segment.target = Status.UNTRANSLATED, ""
    fill = MemoryFill("From memory.", "نص", "old.reviewer.json p4, 2026-11-01", "memory.sqlite")
    assert segment.fill_from_memory(fill)
    path = tmp_path / "a.reviewer.json"
    save_project(document, path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["version"] == FORMAT_VERSION == 2
    reopened = open_project(path).document.segments[0]
    assert (reopened.memory, reopened.status, reopened.target) == (
        fill,
        Status.FROM_MEMORY,
        "From memory.",
    )
    # Undo of the fill: the English, the status and the record all go back.
    segment.restore(segment.snapshot().__class__(target="", status=Status.UNTRANSLATED))
    assert segment.memory is None


def test_the_project_lives_beside_its_article(tmp_path: Path) -> None:
    article = _article(tmp_path)
    path = new_project_path(article)
    assert path == tmp_path / "article.txt.reviewer.json"
    assert find_project(article) is None
    save_project(read_article(article).to_document(), path)
    assert find_project(article) == path


def test_the_project_goes_to_the_data_folder_when_the_article_folder_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _article(tmp_path)
    monkeypatch.setattr(project, "is_writable_directory", lambda _: False)
    path = new_project_path(article)
    assert path.parent == project.data_folder()
    assert path.parent.is_dir()
    assert str(tmp_path) not in str(path.parent)
    save_project(read_article(article).to_document(), path)
    assert find_project(article) == path


def test_opening_an_article_resumes_its_review(tmp_path: Path) -> None:
    article = _article(tmp_path)
    fresh = open_review(article)
    assert fresh.project_path is None
    fresh.document.segments[0].edit("Iraq")
    save_project(fresh.document, new_project_path(article))
    resumed = open_review(article)
    assert resumed.project_path == new_project_path(article)
    assert resumed.document.segments[0].target == "Iraq"
    assert resumed.notices == []


def test_opening_cleans_up_after_a_crash_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    (tmp_path / ".a.reviewer.json.k3j4.tmp").write_bytes(b'{"format": "revi')
    opened = open_project(path)
    assert any("crash" in notice for notice in opened.notices)
    assert not (tmp_path / ".a.reviewer.json.k3j4.tmp").exists()
    assert len(opened.document) == 5


def test_opening_says_when_the_article_changed(tmp_path: Path) -> None:
    article = _article(tmp_path)
    path = new_project_path(article)
    save_project(read_article(article).to_document(), path)
    article.write_text("نص مختلف تماما\n", encoding="utf-8")
    opened = open_project(path)
    assert any("has changed" in notice for notice in opened.notices)
    assert opened.document.segments[0].source == "العراق"  # The review keeps its own text.


def test_opening_says_when_the_article_is_gone(tmp_path: Path) -> None:
    article = _article(tmp_path)
    path = new_project_path(article)
    save_project(read_article(article).to_document(), path)
    article.unlink()
    assert any("no longer" in notice for notice in open_project(path).notices)


def test_a_project_moved_with_its_article_still_finds_it(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    article = _article(old)
    path = new_project_path(article)
    save_project(read_article(article).to_document(), path)
    moved = tmp_path / "new"
    old.rename(moved)
    opened = open_project(moved / path.name)
    assert opened.notices == []
    assert project.locate_article(opened.document.article, opened.path) == moved / article.name


def test_a_project_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(payload), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer version of reviewer"):
        open_project(path)
    assert path.read_bytes() == before


def test_unknown_fields_from_a_later_minor_change_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["segments"][1]["comment"] = "new field"
    payload["article"]["language"] = "ar"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert len(open_project(path).document) == 5


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"\xff\xfe" + data,
        lambda data: data.replace(b'"status": "reviewed"', b'"status": "approved"'),
        lambda data: data.replace(b'"segments": [', b'"segments": [17, '),
    ],
)
def test_a_damaged_project_names_its_backup(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "a.reviewer.json"
    document = reviewed_document()
    save_project(document, path)
    save_project(document, path)  # The second save keeps the first as the backup.
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.raises(ProjectError, match=r"damaged.*a\.reviewer\.json\.bak"):
        open_project(path)
    assert open_project(backup_path(path)).document.segments == document.segments


def test_a_file_that_is_not_a_project_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(ProjectError, match="not a reviewer project"):
        open_project(path)


def test_a_missing_project_with_a_backup_points_to_it(tmp_path: Path) -> None:
    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    save_project(reviewed_document(), path)
    path.unlink()
    with pytest.raises(ProjectError, match="previous save"):
        open_project(path)


def test_the_sample_article_round_trips_through_a_project(tmp_path: Path) -> None:
    document = read_article(SAMPLE_ARTICLE).to_document()
    path = tmp_path / "s.reviewer.json"
    save_project(document, path)
    reopened = open_project(path).document
    assert [dataclasses.astuple(s) for s in reopened] == [dataclasses.astuple(s) for s in document]


def test_a_kept_encoder_writes_what_a_fresh_one_writes_after_any_change() -> None:
    from reviewer.project import ProjectEncoder, decode_project, encode_project
    from tests.helpers.documents import machine

    document = reviewed_document()
    encoder = ProjectEncoder()
    encoder.encode(document)
    document.segments[0].accept_machine_translation(machine("Iraq"))
    document.segments[1].edit("Changed.")
    document.segments[3].reopen()
    document.segments[4].exclude()
    kept = decode_project(encoder.encode(document), Path("a.reviewer.json"))
    fresh = decode_project(encode_project(document), Path("a.reviewer.json"))
    assert kept.segments == fresh.segments == document.segments


def test_text_that_is_not_valid_unicode_is_repaired_on_opening_and_saves_again(
    tmp_path: Path,
) -> None:
    """A lone surrogate (valid JSON, not valid text) used to open, then fail every save."""
    from reviewer.cli import main

    path = tmp_path / "a.reviewer.json"
    save_project(reviewed_document(), path)
    data = json.loads(path.read_text("utf-8"))
    data["segments"][0]["target"] = "Iraq \ud800 today"
    path.write_text(json.dumps(data), "ascii")  # the lone surrogate as a JSON escape
    assert "\\ud800" in path.read_text("ascii")
    opened = open_project(path)
    assert opened.document.segments[0].target == "Iraq \ufffd today"
    assert any("not valid text" in notice for notice in opened.notices)
    save_project(opened.document, path)  # and it saves
    assert open_project(path).document.segments[0].target == "Iraq \ufffd today"
    assert main(["export", str(path), "-o", str(tmp_path / "pairs.tsv")]) == 0


def test_a_lone_surrogate_typed_in_memory_never_makes_a_save_fail(tmp_path: Path) -> None:
    document = reviewed_document()
    document.segments[0].edit("pasted \ud800 here")
    path = tmp_path / "a.reviewer.json"
    save_project(document, path)
    assert open_project(path).document.segments[0].target == "pasted \ufffd here"
