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


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_written_files_follow_the_umask_and_keep_a_replaced_files_mode(
    tmp_path: Path, umask: int
) -> None:
    """Exports and project files used to be 0600 whatever the umask, and re-exporting over
    a shared 0644 file made it private."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import os, sys; from pathlib import Path; from reviewer.storage import atomic_write\n"
        "os.umask(int(sys.argv[2], 8)); atomic_write(Path(sys.argv[1]), b'data')\n"
    )

    def write(path: Path) -> int:
        subprocess.run(
            [sys.executable, "-c", code, str(path), oct(umask)[2:]],
            check=True,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        return path.stat().st_mode & 0o777

    new = tmp_path / "pairs.tsv"
    assert write(new) == 0o666 & ~umask
    shared = tmp_path / "shared.tsv"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    assert write(shared) == 0o664  # a replaced file keeps its mode
