"""A disk cache of sentence translations, so reopening or re-translating costs nothing.

Keyed by model, revision, decoding settings and the cleaned source sentence; stored in SQLite
in the user's cache folder. SQLite's journal makes every committed batch survive a crash or a
power cut, and several processes (the window and a command line run) can share the file.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import platformdirs

from reviewer.engine.types import Hypothesis
from reviewer.hashing import sha256

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    log_prob REAL NOT NULL,
    tokens INTEGER NOT NULL
)
"""


def default_cache_path() -> Path:
    """The cache file in the user's cache folder."""
    return platformdirs.user_cache_path("reviewer", appauthor=False) / "translations.sqlite3"


class TranslationCache:
    """Best translations of sentences, by model, revision, settings and source."""

    def __init__(self, path: Path | None = None, *, enabled: bool = True) -> None:
        self.path = path or default_cache_path()
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if not enabled:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_SCHEMA)
            connection.commit()
            self._connection = connection
        except sqlite3.Error:
            # A damaged or unwritable cache must not stop translation: run without it.
            self._connection = None

    @property
    def enabled(self) -> bool:
        """Whether the cache file could be opened."""
        return self._connection is not None

    @staticmethod
    def key(model_id: str, revision: str, settings: Mapping[str, object], source: str) -> str:
        """The cache key of one sentence translation."""
        blob = json.dumps([model_id, revision, dict(settings), source], sort_keys=True)
        return sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: Iterable[str]) -> dict[str, Hypothesis]:
        """The cached translations among *keys*."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Hypothesis] = {}
        if self._connection is None or not wanted:
            return found
        with self._lock, contextlib.suppress(sqlite3.Error):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self._connection.execute(
                    "SELECT key, text, log_prob, tokens FROM translations WHERE key IN "
                    f"({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                for key, text, log_prob, tokens in rows:
                    found[key] = Hypothesis(text, log_prob, tokens)
        return found

    def put_many(self, entries: Mapping[str, Hypothesis]) -> None:
        """Store *entries* and commit them (one transaction)."""
        if self._connection is None or not entries:
            return
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._connection.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)",
                [(key, h.text, h.log_prob, h.tokens) for key, h in entries.items()],
            )
            self._connection.commit()

    def close(self) -> None:
        """Close the cache file."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
