"""Atomic writes: the file is always either the old or the new version."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reviewer import storage
from reviewer.errors import WriteError
from reviewer.storage import atomic_write, backup_path, remove_stale_temporaries


def test_atomic_write_replaces_and_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    atomic_write(path, b"first", keep_backup=True)
    assert not backup_path(path).exists()
    atomic_write(path, b"second", keep_backup=True)
    atomic_write(path, b"third", keep_backup=True)
    assert path.read_bytes() == b"third"
    assert backup_path(path).read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.json", "review.json.bak"]


def test_the_backup_is_copied_where_hard_links_are_not_supported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "review.json"
    atomic_write(path, b"old")

    def no_links(*_: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_write(path, b"new", keep_backup=True)
    assert (path.read_bytes(), backup_path(path).read_bytes()) == (b"new", b"old")


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only"), (errno.EIO, "could not be saved")],
)
@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str, failing: str
) -> None:
    path = tmp_path / "review.json"
    atomic_write(path, b"old")

    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage.os, failing, fail)
    with pytest.raises(WriteError, match=words):
        atomic_write(path, b"new", keep_backup=True)
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temporaries_of_this_file_only_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_bytes(b"good")
    left = [tmp_path / ".review.json.abc123.tmp", tmp_path / ".review.json.xyz.tmp"]
    other = tmp_path / ".other.json.abc.tmp"
    for temp in [*left, other]:
        temp.write_bytes(b"half")
    assert sorted(remove_stale_temporaries(path)) == sorted(left)
    assert other.exists()
    assert path.read_bytes() == b"good"
