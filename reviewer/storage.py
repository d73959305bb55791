"""Writing files so that a crash, a power cut or a full disk never leaves half a file.

A file is written to a temporary file in the same folder, flushed and fsynced, then renamed over
the old one (atomic on POSIX and Windows), and the folder is fsynced so the rename itself
survives a power cut. The previous version can be kept as ``NAME.bak``: it is hard-linked
before the rename, so at every moment both the file and its backup are complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

import platformdirs

from reviewer.errors import WriteError

BACKUP_SUFFIX = ".bak"
_TEMP_SUFFIX = ".tmp"


def user_data_folder() -> Path:
    """The reviewer's own data folder (glossary, dictionary, models, projects)."""
    return platformdirs.user_data_path("reviewer", appauthor=False)


def backup_path(path: Path) -> Path:
    """Where the previous good copy of *path* is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = False) -> None:
    """Replace *path* with *data* all at once, or raise `WriteError` leaving it untouched."""
    directory = path.parent
    temp_name: str | None = None
    try:
        descriptor, temp_name = tempfile.mkstemp(
            prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX, dir=directory
        )
        # mkstemp makes the file private (0600); the file it becomes keeps the mode of the
        # one it replaces, or gets what the user's umask gives a new file.
        with contextlib.suppress(OSError):
            os.fchmod(descriptor, _mode_for(path))
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(temp_name, path)
        temp_name = None
        _fsync_directory(directory)
    except OSError as error:
        raise WriteError(describe_write_error(path, error)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


class UnreadableFile(Exception):  # noqa: N818 - a reason, turned into each caller's error
    """A file that must not or cannot be read; ``str()`` says why, for a message."""


def shown_name(path: Path | str, *, whole: bool = False) -> str:
    """*path*'s name (or the *whole* path) as a message shows it: characters that would
    break the message (a newline in a file name) are written as escapes."""
    text = str(path) if whole else Path(path).name
    return text if text.isprintable() else repr(text)[1:-1]


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of *path*, read only if it is a regular file of at most *max_bytes*.

    A pipe, a device (a link to /dev/zero), a socket or a loop of links is refused before
    anything is read, so reading never hangs and never fills the memory; FileNotFoundError,
    IsADirectoryError and PermissionError pass through for the caller's own messages.
    """
    try:
        status = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnreadableFile("it is a loop of symbolic links") from None
        raise
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "a folder", str(path))
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile(f"it is {_kind_of(status.st_mode)}, not a file")
    if status.st_size > max_bytes:
        raise UnreadableFile(f"it is too large ({status.st_size / 2**20:.1f} MB)")
    # Non-blocking, and checked again once open: the path may have been swapped for a pipe
    # between stat() and open().
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UnreadableFile("it is not a regular file")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFile(f"it is too large (over {max_bytes // 2**20} MB)")
    return data


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _mode_for(path: Path) -> int:
    """The permission bits *path* should have after a write."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask (read from /proc where there is one: setting it to read it back
    would race with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temporary files a crash left while *path* was being written; return them."""
    prefix = _temp_prefix(path)
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if name.startswith(prefix) and name.endswith(_TEMP_SUFFIX):
            candidate = path.parent / name
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def is_writable_directory(directory: Path) -> bool:
    """Whether a file can really be created in *directory*.

    Tries it, rather than trusting permission bits: root ignores them, and a read-only
    mount or a full disk do not show in them.
    """
    try:
        with tempfile.TemporaryFile(dir=directory):
            return True
    except OSError:
        return False


def describe_write_error(path: Path, error: OSError) -> str:
    """A message for the user about a failed write of *path*, saying what to do."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk is full: {path.name} could not be saved in {path.parent}, and the "
            "previous version is intact. Free some space, or save to another place."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"{path.parent} cannot be written to (read-only or no permission): {path.name} "
            "was not saved. Save to another place."
        )
    if error.errno == errno.ENOENT:
        return f"The folder {path.parent} does not exist: {path.name} was not saved."
    reason = error.strerror or str(error)
    return f"{path.name} could not be saved in {path.parent}: {reason}."


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    descriptor, temp_name = tempfile.mkstemp(
        prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX, dir=path.parent
    )
    os.close(descriptor)
    try:
        os.unlink(temp_name)
        try:
            os.link(path, temp_name)
        except OSError:
            # No hard links here (FAT, some network shares): copy instead.
            with path.open("rb") as source, open(temp_name, "wb") as copy:
                copy.write(source.read())
                copy.flush()
                os.fsync(copy.fileno())
        os.replace(temp_name, backup)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


def _fsync_directory(directory: Path) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; its rename is durable enough.
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # Some file systems refuse fsync on a folder; the rename still happened.
    finally:
        os.close(descriptor)
