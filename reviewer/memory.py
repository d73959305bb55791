"""The translation memory: every pair a reviewer approved, offered again.

Plain Python over SQLite (no Qt, no torch). A memory is one SQLite file: by default
``memory.sqlite`` in the user's data folder, shared by every review; any other file can serve
as a project's own memory (``--memory``). Each unit is an Arabic text, its English and where it
came from (project, segment, status, dates, or the file it was imported from).

Crash safety: SQLite's write-ahead log with ``synchronous=FULL``, one transaction per change,
so a kill or a power cut during a write loses at most that change, never the file.

Matching ignores what Arabic writers vary freely (`normalise`: diacritics, tatweel, the hamza
forms of alef, alef maqsura, taa marbuta, Arabic-Indic digits, spacing). Equal normalised text
is a 100% match (found through a hash index); fuzzy candidates come from a full-text index of
the normalised words (the rarest words of the query find them) and are scored by rapidfuzz's
Levenshtein distance over the words of the normalised text (`similarity`). Concordance uses a
trigram index of the normalised text of both sides, so a word is found inside the words it is
attached to (بمصر for مصر).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from reviewer.document import MemoryFill, ReviewDocument, Segment, Status, utc_now
from reviewer.errors import TranslationMemoryError
from reviewer.search import ARABIC_FOLDS, ARABIC_MARKS, Span, find_all
from reviewer.segmentation import split_sentences
from reviewer.storage import shown_name, user_data_folder

#: The schema this version writes (``PRAGMA user_version``); it reads this one only.
SCHEMA_VERSION = 1
#: Statuses of units that may fill a segment on their own (a 100% match): a reviewer approved
#: them here, or they came from a memory a translator made (an import).
APPROVED = frozenset({"reviewed", "imported"})
#: Fuzzy matches under this score (percent) are not worth showing.
DEFAULT_THRESHOLD = 60
#: How many of the query's rarest words look for fuzzy candidates, and how many units
#: holding them may be read (two words are always read, however common).
_CANDIDATE_WORDS = 6
_POSTINGS_BUDGET = 5000
#: How many candidates the full-text index hands over for scoring.
_CANDIDATES = 40

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_TOKENS = re.compile(r"\w+|[^\w\s]")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_key INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    project TEXT,
    segment TEXT,
    origin TEXT,
    created TEXT NOT NULL,
    changed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS units_by_key ON units (source_key);
CREATE INDEX IF NOT EXISTS units_by_segment ON units (project, segment);
CREATE VIRTUAL TABLE IF NOT EXISTS unit_words USING fts5 (words, content='');
CREATE TABLE IF NOT EXISTS word_counts (
    term TEXT PRIMARY KEY,
    units INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS unit_text USING fts5 (
    source, target, content='', tokenize='trigram'
);
"""
_UNIT_COLUMNS = "id, source, target, kind, status, project, segment, origin, created, changed"


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """*text* as matching sees it: Arabic variations and case folded (as find does), digits
    made Western, invisible marks dropped, white space collapsed."""
    # What `fold` does for find, without the map back to the original text it also builds.
    folded = ARABIC_MARKS.sub("", _INVISIBLE.sub("", text)).translate(ARABIC_FOLDS).casefold()
    return _SPACES.sub(" ", folded.translate(_DIGITS)).strip()


def source_key(text: str) -> int:
    """A 64-bit key of *text*'s normalised form: equal keys, a 100% match."""
    digest = hashlib.blake2b(normalise(text).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def similarity(query: str, other: str) -> int:
    """How alike two Arabic texts are, in percent (100: the same once normalised).

    Counted in words (and punctuation marks), as CAT tools do: one word in ten changed is
    90%, whether the change is a whole word or a prefix attached to it. (Counted in letters,
    a missing word in a long paragraph would still score 99%.)"""
    left, right = normalise(query), normalise(other)
    if left == right:
        return 100
    score = Levenshtein.normalized_similarity(_TOKENS.findall(left), _TOKENS.findall(right))
    # Never 100 for texts that differ: a rounded 99.6 is not an exact match.
    return min(99, round(100 * score))


@dataclasses.dataclass(frozen=True)
class NewUnit:
    """A pair to store, and where it came from."""

    source: str
    target: str
    status: str = "reviewed"
    kind: str = "segment"
    project: str | None = None
    segment: str | None = None
    origin: str | None = None
    created: str | None = None


@dataclasses.dataclass(frozen=True)
class MemoryUnit:
    """A stored pair."""

    id: int
    source: str
    target: str
    kind: str
    status: str
    project: str | None
    segment: str | None
    origin: str | None
    created: str
    changed: str

    @property
    def provenance(self) -> str:
        """Where the pair came from, in a few words."""
        if self.origin:
            where = self.origin
        elif self.project:
            # Projects are stored by their whole path (two articles may share a name).
            where = f"{Path(self.project).name} {self.segment or ''}".strip()
        else:
            where = "the memory"
        return f"{where}, {self.changed[:10]}"


@dataclasses.dataclass(frozen=True)
class Match:
    """A unit offered for some Arabic, and how alike the two are."""

    unit: MemoryUnit
    score: int
    #: The Arabic looked for (a segment, or one of its sentences).
    query: str
    #: Which sentence of the segment (1-based); 0 for the whole segment.
    sentence: int = 0

    @property
    def exact(self) -> bool:
        """A 100% match."""
        return self.score == 100


@dataclasses.dataclass(frozen=True)
class ConcordanceHit:
    """A unit holding what was looked for, with where it is on each side."""

    unit: MemoryUnit
    source_spans: list[Span]
    target_spans: list[Span]


@dataclasses.dataclass
class ImportSummary:
    """What an import did."""

    added: int = 0
    already: int = 0
    skipped: int = 0

    def describe(self, name: str) -> str:
        """One line for the user."""
        line = f"Imported {self.added} pair{'s' * (self.added != 1)} from {name}"
        details = []
        if self.already:
            details.append(f"{self.already} already in the memory")
        if self.skipped:
            details.append(f"{self.skipped} left out (not reviewed, or not Arabic–English)")
        return line + (f" ({'; '.join(details)})" if details else "") + "."


def default_path() -> Path:
    """The memory every review shares: ``memory.sqlite`` in the data folder."""
    return user_data_folder() / "memory.sqlite"


class TranslationMemory:
    """A translation memory file. Safe to share between threads (one at a time)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None

    # --- opening -------------------------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection (the file is opened, and made, on first use)."""
        if self._connection is None:
            self._connection = self._open()
        return self._connection

    def _open(self) -> sqlite3.Connection:
        name = shown_name(self.path, whole=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        except (OSError, sqlite3.Error) as error:
            raise TranslationMemoryError(
                f"The translation memory {name} cannot be opened ({error}). Check that its "
                "folder exists and can be written, or choose another file with --memory."
            ) from error
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise TranslationMemoryError(
                    f"The translation memory {name} was made by a newer version of reviewer "
                    f"(schema {version}; this version reads {SCHEMA_VERSION}). Update reviewer, "
                    "or use another memory file with --memory."
                )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            connection.commit()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise TranslationMemoryError(
                f"The translation memory {name} is damaged or is not a translation memory "
                f"({error}). Move it aside (reviewer then starts a new one) and import your "
                "TMX exports into the new one with “reviewer memory import”."
            ) from error
        except TranslationMemoryError:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        """Close the file (it is opened again if used)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is in the file, or none of it."""
        with self._lock:
            connection = self.connection
            try:
                with connection:
                    yield connection
            except sqlite3.OperationalError as error:
                raise TranslationMemoryError(
                    f"The translation memory {shown_name(self.path)} could not be written "
                    f"({error}). Free some disk space or check the folder's permissions; the "
                    "pairs already in it are safe."
                ) from error

    # --- writing -------------------------------------------------------------------------

    def add(self, units: Iterable[NewUnit]) -> ImportSummary:
        """Store *units*, leaving out pairs the memory already has (same normalised Arabic
        and same English); all in one transaction."""
        summary = ImportSummary()
        now = utc_now()
        with self._writing() as connection:
            for unit in units:
                if self._has_pair(connection, unit.source, unit.target):
                    summary.already += 1
                    continue
                self._insert(connection, unit, now)
                summary.added += 1
        return summary

    def remember(self, project: str, segment: Segment) -> int:
        """Store *segment* (reviewed) as the memory's units for it: the whole segment, and
        each of its sentences when both sides have as many. Units stored before for the same
        project and segment are replaced. Returns how many units were stored."""
        units = units_of(project, segment)
        now = utc_now()
        with self._writing() as connection:
            self._delete(
                connection,
                "project = ? AND segment = ?",
                (project, segment.id),
            )
            for unit in units:
                self._insert(connection, unit, now)
        return len(units)

    def forget(self, project: str, segment_id: str) -> None:
        """Drop the units stored for *segment_id* of *project* (its review was taken back)."""
        with self._writing() as connection:
            self._delete(connection, "project = ? AND segment = ?", (project, segment_id))

    @staticmethod
    def _has_pair(connection: sqlite3.Connection, source: str, target: str) -> bool:
        rows = connection.execute(
            "SELECT source FROM units WHERE source_key = ? AND target = ?",
            (source_key(source), target),
        )
        return any(normalise(row[0]) == normalise(source) for row in rows)

    @staticmethod
    def _insert(connection: sqlite3.Connection, unit: NewUnit, now: str) -> None:
        cursor = connection.execute(
            "INSERT INTO units (source, target, source_key, kind, status, project, segment, "
            "origin, created, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                unit.source,
                unit.target,
                source_key(unit.source),
                unit.kind,
                unit.status,
                unit.project,
                unit.segment,
                unit.origin,
                unit.created or now,
                now,
            ),
        )
        rowid = cursor.lastrowid
        words, source, target = _index_texts(unit.source, unit.target)
        connection.execute("INSERT INTO unit_words (rowid, words) VALUES (?, ?)", (rowid, words))
        connection.executemany(
            "INSERT INTO word_counts (term, units) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET units = units + 1",
            ((word,) for word in set(words.split())),
        )
        connection.execute(
            "INSERT INTO unit_text (rowid, source, target) VALUES (?, ?, ?)",
            (rowid, source, target),
        )

    @staticmethod
    def _delete(connection: sqlite3.Connection, where: str, parameters: Sequence[object]) -> None:
        rows = connection.execute(
            f"SELECT id, source, target FROM units WHERE {where}",
            parameters,
        ).fetchall()
        for rowid, source, target in rows:
            words, folded_source, folded_target = _index_texts(source, target)
            # Contentless indexes forget a row when told what they indexed for it.
            connection.execute(
                "INSERT INTO unit_words (unit_words, rowid, words) VALUES ('delete', ?, ?)",
                (rowid, words),
            )
            connection.execute(
                "INSERT INTO unit_text (unit_text, rowid, source, target) "
                "VALUES ('delete', ?, ?, ?)",
                (rowid, folded_source, folded_target),
            )
            connection.executemany(
                "UPDATE word_counts SET units = units - 1 WHERE term = ?",
                ((word,) for word in set(words.split())),
            )
            connection.execute("DELETE FROM units WHERE id = ?", (rowid,))

    # --- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return int(self.connection.execute("SELECT count(*) FROM units").fetchone()[0])

    def units(self, batch: int = 1000) -> Iterator[MemoryUnit]:
        """Every unit, oldest first (read in batches: a large memory never sits in memory)."""
        last = 0
        while True:
            with self._lock:
                rows = self.connection.execute(
                    f"SELECT {_UNIT_COLUMNS} FROM units WHERE id > ? ORDER BY id LIMIT ?",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield MemoryUnit(*row)
            last = rows[-1][0]

    def exact(self, source: str, *, approved_only: bool = False) -> list[MemoryUnit]:
        """Units whose Arabic is *source* once normalised, newest first."""
        wanted = normalise(source)
        with self._lock:
            rows = self.connection.execute(
                f"SELECT {_UNIT_COLUMNS} FROM units WHERE source_key = ? ORDER BY changed DESC, "
                "id DESC",
                (source_key(source),),
            ).fetchall()
        units = [MemoryUnit(*row) for row in rows if normalise(row[1]) == wanted]
        if approved_only:
            units = [unit for unit in units if unit.status in APPROVED]
        return units

    def matches(
        self, source: str, *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD
    ) -> list[Match]:
        """The best units for *source*: 100% matches first, then fuzzy ones of at least
        *threshold* percent; one per distinct English, newest first among equals."""
        if not normalise(source):
            return []
        found = {unit.id: unit for unit in self.exact(source)}
        for unit in self._candidates(source):
            found.setdefault(unit.id, unit)
        scored = [Match(unit, similarity(source, unit.source), source) for unit in found.values()]
        scored.sort(
            key=lambda match: (match.score, match.unit.changed, match.unit.id), reverse=True
        )
        best: list[Match] = []
        seen: set[tuple[str, str]] = set()
        for match in scored:
            pair = (normalise(match.unit.source), match.unit.target)
            if match.score < threshold or pair in seen:
                continue
            seen.add(pair)
            best.append(match)
            if len(best) == limit:
                break
        return best

    def segment_matches(
        self, source: str, *, limit: int = 5, threshold: int = DEFAULT_THRESHOLD
    ) -> list[Match]:
        """Matches for a whole segment, then 100% matches for each of its sentences when it
        has several (a repeated sentence inside another paragraph)."""
        found = self.matches(source, limit=limit, threshold=threshold)
        sentences = split_sentences(source)
        if len(sentences) > 1:
            for number, sentence in enumerate(sentences, start=1):
                for unit in self.exact(sentence)[:1]:
                    found.append(Match(unit, 100, sentence, number))
        return found

    def _candidates(self, source: str) -> list[MemoryUnit]:
        words = sorted(set(_WORDS.findall(normalise(source))))
        if not words:
            return []
        with self._lock:
            connection = self.connection
            marks = ",".join("?" * len(words))
            counts = connection.execute(
                f"SELECT term, units FROM word_counts WHERE units > 0 AND term IN ({marks})",
                words,
            ).fetchall()
            rarest: list[str] = []
            postings = 0
            for term, units in sorted(counts, key=lambda row: row[1]):
                # Rare words find the candidates; common ones would only cost time (each
                # is a list of every unit holding it), once two words are in.
                if len(rarest) == _CANDIDATE_WORDS or (
                    len(rarest) >= 2 and postings + units > _POSTINGS_BUDGET
                ):
                    break
                rarest.append(term)
                postings += units
            if not rarest:
                return []
            query = " OR ".join(f'"{term}"' for term in rarest)
            rows = connection.execute(
                f"SELECT {_UNIT_COLUMNS} FROM units WHERE id IN (SELECT rowid FROM unit_words "
                "WHERE unit_words MATCH ? ORDER BY rank LIMIT ?)",
                (query, _CANDIDATES),
            ).fetchall()
        return [MemoryUnit(*row) for row in rows]

    def concordance(self, query: str, *, limit: int = 50) -> list[ConcordanceHit]:
        """Units holding *query* on either side (Arabic-aware: variations ignored, found
        inside the words it is attached to; English case ignored), newest first."""
        needle = normalise(query)
        if not needle:
            return []
        if len(needle) >= 3:
            with self._lock:
                rows = self.connection.execute(
                    f"SELECT {_UNIT_COLUMNS} FROM units WHERE id IN (SELECT rowid FROM unit_text "
                    "WHERE unit_text MATCH ?) ORDER BY id DESC",
                    (_phrase(needle),),
                ).fetchall()
            candidates: Iterable[MemoryUnit] = (MemoryUnit(*row) for row in rows)
        else:
            candidates = self._newest_first()
        hits: list[ConcordanceHit] = []
        for unit in candidates:
            source_spans, target_spans = find_all(unit.source, query), find_all(unit.target, query)
            if source_spans or target_spans:
                hits.append(ConcordanceHit(unit, source_spans, target_spans))
                if len(hits) == limit:
                    break
        return hits

    def _newest_first(self, batch: int = 1000) -> Iterator[MemoryUnit]:
        last: int | None = None
        while True:
            with self._lock:
                rows = self.connection.execute(
                    f"SELECT {_UNIT_COLUMNS} FROM units WHERE id < ? ORDER BY id DESC LIMIT ?",
                    (last if last is not None else 2**63 - 1, batch),
                ).fetchall()
            if not rows:
                return
            yield from (MemoryUnit(*row) for row in rows)
            last = rows[-1][0]

    def fill(self, segments: Iterable[Segment]) -> list[Segment]:
        """Give each of *segments* that has no English yet the newest approved 100% match,
        as English from the memory (never over English the reviewer or the model wrote).
        Returns the segments filled."""
        filled = []
        for segment in segments:
            if segment.status is not Status.UNTRANSLATED or segment.has_target:
                continue
            units = self.exact(segment.source, approved_only=True)
            if units and segment.fill_from_memory(memory_fill(units[0], self.path.name)):
                filled.append(segment)
        return filled


def memory_fill(unit: MemoryUnit, memory_name: str) -> MemoryFill:
    """A segment's record of English taken from *unit*."""
    return MemoryFill(
        text=unit.target,
        source=unit.source,
        origin=unit.provenance,
        memory=memory_name,
    )


def units_of(project: str, segment: Segment) -> list[NewUnit]:
    """The units a reviewed *segment* gives: itself, and its sentences when the Arabic and
    the English have as many (the alignment is then clear)."""
    if not segment.has_target:
        return []
    units = [NewUnit(segment.source, segment.target, project=project, segment=segment.id)]
    sources, targets = split_sentences(segment.source), split_sentences(segment.target)
    if len(sources) > 1 and len(sources) == len(targets):
        units.extend(
            NewUnit(source, target, kind="sentence", project=project, segment=segment.id)
            for source, target in zip(sources, targets, strict=True)
        )
    return units


def reviewed_units(project: str, document: ReviewDocument) -> list[NewUnit]:
    """The units of every reviewed segment of *document*."""
    return [
        unit
        for segment in document
        if segment.status is Status.REVIEWED
        for unit in units_of(project, segment)
    ]


def same_source(document: ReviewDocument, segment: Segment) -> list[Segment]:
    """The other segments of *document* whose Arabic is *segment*'s once normalised."""
    wanted = normalise(segment.source)
    return [
        other for other in document if other is not segment and normalise(other.source) == wanted
    ]


def _index_texts(source: str, target: str) -> tuple[str, str, str]:
    """What the indexes hold for a pair: the normalised Arabic's words, and both sides
    normalised (for the trigram index)."""
    folded = normalise(source)
    return " ".join(_WORDS.findall(folded)), folded, normalise(target)


def _phrase(text: str) -> str:
    """*text* as one FTS5 phrase (double quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'
