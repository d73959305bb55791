"""The one exception family of reviewer.

Every message is written for the person using the tool: it says what went wrong and what to
do about it. Each kind carries the exit code the command line uses for it, so scripts can tell
a bad article from an unreadable project or an unavailable model. Internal invariants are
``assert``s, never these.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Exit codes of the ``reviewer`` command (documented in the README)."""

    OK = 0
    INTERNAL_ERROR = 1
    USAGE = 2
    BAD_ARTICLE = 3
    BAD_PROJECT = 4
    MODEL_UNAVAILABLE = 5
    CANNOT_WRITE = 6
    NOTHING_TO_EXPORT = 7
    IN_USE = 8
    NO_WINDOW = 9
    FINDINGS = 10
    BAD_MEMORY = 11


class ReviewerError(Exception):
    """Base of every error shown to the user; ``str(error)`` is the message."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR


class ArticleError(ReviewerError):
    """An article file cannot be read: missing, binary, empty, too large, undecodable."""

    exit_code = ExitCode.BAD_ARTICLE


class ProjectError(ReviewerError):
    """A project file cannot be read: corrupt, from a newer version, not ours."""

    exit_code = ExitCode.BAD_PROJECT


class DataFileError(ReviewerError):
    """A data file reviewer reads back (a TSV export) is not what it should be."""

    exit_code = ExitCode.BAD_ARTICLE


class ModelError(ReviewerError):
    """No usable translation model could be loaded."""

    exit_code = ExitCode.MODEL_UNAVAILABLE


class WriteError(ReviewerError):
    """A file could not be written (full disk, read-only folder...); nothing was replaced."""

    exit_code = ExitCode.CANNOT_WRITE


class NothingToExportError(ReviewerError):
    """An export was asked for, but no segment qualifies."""

    exit_code = ExitCode.NOTHING_TO_EXPORT


class TranslationMemoryError(ReviewerError):
    """The translation memory cannot be opened, read or written."""

    exit_code = ExitCode.BAD_MEMORY
