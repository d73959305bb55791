"""Project files: a review saved as versioned JSON, next to its article.

The project file holds everything: the article's segments as they were read, the machine
translations with their provenance, the reviewer's English and each status. A review can
therefore be resumed, exported or moved even if the article file changes or disappears.

It lives next to the article (``ARTICLE.reviewer.json``), or in the user's data folder when the
article's folder cannot be written to. Saves are atomic and keep the previous good copy as
``.bak``; opening cleans up what a crash left and says so.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.document import (
    ArticleInfo,
    MachineTranslation,
    MemoryFill,
    ReviewDocument,
    Segment,
    SegmentKind,
    Status,
    WorkRecord,
    utc_now,
)
from reviewer.errors import ProjectError
from reviewer.hashing import sha256
from reviewer.storage import (
    UnreadableFile,
    atomic_write,
    backup_path,
    is_writable_directory,
    read_regular_file,
    remove_stale_temporaries,
    shown_name,
    user_data_folder,
)

FORMAT_NAME = "reviewer-project"
#: The newest project file format this version writes; it reads it and every older one.
#: Version 2 adds the "from-memory" status; files without it are still written as version 1,
#: so that older versions of reviewer keep reading them.
FORMAT_VERSION = 2
PROJECT_SUFFIX = ".reviewer.json"
#: The largest project file read: the largest article (16 MB of text) with its English and
#: machine translation, and room to spare.
MAX_PROJECT_BYTES = 256 * 2**20


@dataclasses.dataclass(frozen=True)
class OpenedProject:
    """A project read from disk, and what the user should be told about it."""

    document: ReviewDocument
    path: Path
    notices: list[str]


def is_project_path(path: Path) -> bool:
    """Whether *path* names a project file rather than an article."""
    return path.name.endswith(PROJECT_SUFFIX)


def data_folder() -> Path:
    """The user's data folder, for projects whose article folder is read-only."""
    return user_data_folder() / "projects"


def project_candidates(article_path: Path) -> list[Path]:
    """Where the project of *article_path* may be, in the order they are tried."""
    article_path = article_path.resolve()
    beside = article_path.with_name(article_path.name + PROJECT_SUFFIX)
    digest = sha256(str(article_path).encode("utf-8", "surrogatepass")).hexdigest()
    elsewhere = data_folder() / f"{article_path.name}-{digest[:12]}{PROJECT_SUFFIX}"
    return [beside, elsewhere]


def find_project(article_path: Path) -> Path | None:
    """The existing project file of *article_path*, if there is one."""
    for candidate in project_candidates(article_path):
        if candidate.is_file() or backup_path(candidate).is_file():
            return candidate
    return None


def new_project_path(article_path: Path) -> Path:
    """Where a new review of *article_path* is saved: beside it if that folder can be
    written to, else in the user's data folder."""
    beside, elsewhere = project_candidates(article_path)
    if is_writable_directory(beside.parent):
        return beside
    elsewhere.parent.mkdir(parents=True, exist_ok=True)
    return elsewhere


def save_project(
    document: ReviewDocument, path: Path, encoder: ProjectEncoder | None = None
) -> None:
    """Write *document* to *path* atomically, keeping the previous version as a backup.

    Raises `WriteError` (the old file intact) when the disk is full or read-only. An
    *encoder* kept from save to save re-encodes only the segments that changed.
    """
    atomic_write(path, (encoder or ProjectEncoder()).encode(document), keep_backup=True)


def encode_project(document: ReviewDocument) -> bytes:
    """The bytes of the project file for *document*."""
    return ProjectEncoder().encode(document)


class ProjectEncoder:
    """Encodes a review to project-file bytes, again and again.

    The file is JSON with one segment per line, so it reads (and diffs) well. Each segment's
    line is kept and reused while the segment is unchanged: the window saves a 2,000-paragraph
    review every few seconds, and re-encoding every segment each time kept the GUI busy for
    tens of milliseconds.
    """

    def __init__(self) -> None:
        self._lines: dict[
            str,
            tuple[
                Segment,
                str,
                Status,
                MachineTranslation | None,
                str,
                frozenset[str],
                MemoryFill | None,
                WorkRecord,
            ],
        ] = {}

    def encode(self, document: ReviewDocument) -> bytes:
        """The bytes of the project file for *document*."""
        lines = []
        for segment in document.segments:
            cached = self._lines.get(segment.id)
            if (
                cached is not None
                and cached[0] is segment
                and cached[1] == segment.target
                and cached[2] is segment.status
                and cached[3] is segment.machine
                and cached[5] is segment.not_errors
                and cached[6] is segment.memory
                and cached[7] is segment.work
            ):
                lines.append(cached[4])
                continue
            line = _json_line(_segment_to_json(segment))
            self._lines[segment.id] = (
                segment,
                segment.target,
                segment.status,
                segment.machine,
                line,
                segment.not_errors,
                segment.memory,
                segment.work,
            )
            lines.append(line)
        body = ",\n".join(lines)
        return f'{_header(document)[:-1]}, "segments": [\n{body}\n]}}\n'.encode()


def _json_line(value: object) -> str:
    """*value* as JSON that always encodes to UTF-8: text that is not valid Unicode (a lone
    surrogate pasted from somewhere) is written as a JSON escape, never a save that fails."""
    line = json.dumps(value, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True)
    return line


def _version_needed(document: ReviewDocument) -> int:
    """The oldest format that holds *document*."""
    from_memory = any(segment.status is Status.FROM_MEMORY for segment in document)
    return FORMAT_VERSION if from_memory else 1


def _header(document: ReviewDocument) -> str:
    return _json_line(
        {
            "format": FORMAT_NAME,
            "version": _version_needed(document),
            "app_version": __version__,
            "created": document.created,
            "saved": utc_now(),
            "article": dataclasses.asdict(document.article),
        },
    )


def open_project(path: Path) -> OpenedProject:
    """Read the project at *path*, cleaning up after a crash.

    Raises `ProjectError` when the file is damaged (naming the backup, if there is one), is
    not a project file, or was written by a newer version of reviewer.
    """
    notices: list[str] = []
    removed = remove_stale_temporaries(path)
    if removed:
        notices.append(
            f"Cleaned up {len(removed)} unfinished save(s) left by a crash; the last "
            "complete save was kept."
        )
    try:
        data = read_regular_file(path, MAX_PROJECT_BYTES)
    except FileNotFoundError:
        raise ProjectError(_missing_message(path)) from None
    except UnreadableFile as reason:
        raise ProjectError(
            f"{shown_name(path)} cannot be opened as a review: {reason}. Give the path of a "
            f"{PROJECT_SUFFIX} file."
        ) from None
    except OSError as error:
        raise ProjectError(
            f"{shown_name(path)} cannot be read: {error.strerror or error}."
        ) from None
    document = decode_project(data, path, notices)
    notices.extend(_article_notices(document, path))
    return OpenedProject(document=document, path=path, notices=notices)


def decode_project(data: bytes, path: Path, notices: list[str] | None = None) -> ReviewDocument:
    """The review held in project-file bytes read from *path* (named in messages); what
    had to be repaired is added to *notices*."""
    try:
        payload = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        # ValueError covers bad UTF-8, bad JSON and numbers too long to convert.
        raise ProjectError(_damaged_message(path, f"not valid JSON: {error}")) from None
    if _SURROGATE_ESCAPE.search(data):
        payload, repaired = _repair_text(payload)
        if repaired and notices is not None:
            notices.append(
                f"{repaired} character(s) of {path.name} were not valid text (lone "
                "surrogates) and were replaced by \ufffd; look for \ufffd in the review."
            )
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise ProjectError(
            f"{path.name} is not a reviewer project file. Open the article itself, or a "
            f"file ending in {PROJECT_SUFFIX}."
        )
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectError(_damaged_message(path, "it has no format version"))
    if version > FORMAT_VERSION:
        raise ProjectError(
            f"{path.name} was saved by a newer version of reviewer (project format "
            f"{version}; this version reads up to {FORMAT_VERSION}). Update reviewer to "
            "open it; the file has not been touched."
        )
    try:
        article = ArticleInfo(**_fields(payload["article"], ArticleInfo))
        segments = [_segment_from_json(item) for item in payload["segments"]]
        document = ReviewDocument(
            article=article, segments=segments, created=str(payload.get("created") or utc_now())
        )
    except (KeyError, TypeError, ValueError, AssertionError) as error:
        raise ProjectError(_damaged_message(path, f"{type(error).__name__}: {error}")) from None
    return document


#: A JSON escape of a UTF-16 surrogate: the only way a project file can hold text that is
#: not valid Unicode (a lone surrogate), which could never be saved again as UTF-8.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _repair_text(value: Any) -> tuple[Any, int]:
    """*value* (decoded JSON) with every lone surrogate replaced by U+FFFD; and how many."""
    if isinstance(value, str):
        repaired, count = _LONE_SURROGATE.subn("\ufffd", value)
        return repaired, count
    if isinstance(value, list):
        pairs = [_repair_text(item) for item in value]
        return [item for item, _ in pairs], sum(count for _, count in pairs)
    if isinstance(value, dict):
        total = 0
        result = {}
        for key, item in value.items():
            result[key], count = _repair_text(item)
            total += count
        return result, total
    return value, 0


def _segment_to_json(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.id,
        "kind": segment.kind.value,
        "source": segment.source,
        "target": segment.target,
        "status": segment.status.value,
        "machine": None if segment.machine is None else machine_to_json(segment.machine),
        # Only when there are some: files stay as they were, and older versions read them.
        **({"not_errors": sorted(segment.not_errors)} if segment.not_errors else {}),
        **(
            {"original_source": segment.original_source}
            if segment.original_source is not None
            else {}
        ),
        **({"derived_from": list(segment.derived_from)} if segment.derived_from else {}),
        **({"memory": dataclasses.asdict(segment.memory)} if segment.memory is not None else {}),
        **({"work": _work_to_json(segment.work)} if not segment.work.empty else {}),
    }


def _work_to_json(work: WorkRecord) -> dict[str, Any]:
    """The figures recorded, without the ones still at zero."""
    default = WorkRecord()
    return {
        field.name: getattr(work, field.name)
        for field in dataclasses.fields(work)
        if getattr(work, field.name) != getattr(default, field.name)
    }


def _work_from_json(item: Any) -> WorkRecord:
    work = WorkRecord(**_fields(item, WorkRecord))
    numbers = (work.seconds, work.visits, work.inserted, work.deleted, work.navigation)
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        raise TypeError("the work recorded on a segment is not numbers")
    if not all(isinstance(t, str | None) for t in (work.started_from, work.confirmed)):
        raise TypeError("the work recorded on a segment holds something other than text")
    return work


def machine_to_json(machine: MachineTranslation) -> dict[str, Any]:
    """*machine* as a JSON object (the project file's and the engine process's form)."""
    # Field by field: dataclasses.asdict deep-copies, and dominated the save time.
    return {
        "text": machine.text,
        "model": machine.model,
        "settings": dict(machine.settings),
        "created": machine.created,
        "revision": machine.revision,
        "score": machine.score,
        "alternatives": list(machine.alternatives),
    }


def _segment_from_json(item: Any) -> Segment:
    if not isinstance(item, Mapping):
        raise TypeError("a segment is not an object")
    machine_json = item.get("machine")
    machine = None if machine_json is None else machine_from_json(machine_json)
    segment = Segment(
        id=str(item["id"]),
        source=item["source"],
        kind=SegmentKind(item.get("kind", SegmentKind.PARAGRAPH.value)),
        target=item.get("target", ""),
        status=Status(item["status"]),
        machine=machine,
        not_errors=frozenset(_strings(item.get("not_errors") or [], "not_errors")),
        original_source=item.get("original_source"),
        derived_from=tuple(_strings(item.get("derived_from") or [], "derived_from")),
        memory=None if item.get("memory") is None else _memory_fill(item["memory"]),
        work=WorkRecord() if item.get("work") is None else _work_from_json(item["work"]),
    )
    if segment.original_source is not None and not isinstance(segment.original_source, str):
        raise TypeError(f"segment {segment.id} has an original source that is not text")
    if not isinstance(segment.source, str) or not isinstance(segment.target, str):
        raise TypeError(f"segment {segment.id} holds something other than text")
    return segment


def _memory_fill(item: Any) -> MemoryFill:
    fill = MemoryFill(**_fields(item, MemoryFill))
    if not all(isinstance(getattr(fill, name), str) for name in ("text", "source", "origin")):
        raise TypeError("English from the memory is not text")
    return fill


def machine_from_json(item: Any) -> MachineTranslation:
    """The machine translation a JSON object holds (TypeError or ValueError if none)."""
    fields = _fields(item, MachineTranslation)
    fields["settings"] = dict(fields.get("settings") or {})
    fields["alternatives"] = tuple(_strings(fields.get("alternatives") or ()))
    machine = MachineTranslation(**fields)
    if not isinstance(machine.text, str):
        raise TypeError("a machine translation is not text")
    return machine


def _fields(item: Any, cls: type) -> dict[str, Any]:
    """The entries of *item* that are fields of the dataclass *cls* (later versions of the
    format may add more; they are ignored, not fatal)."""
    if not isinstance(item, Mapping):
        raise TypeError(f"{cls.__name__} is not an object")
    names = {field.name for field in dataclasses.fields(cls)}
    return {key: value for key, value in item.items() if key in names}


def _strings(values: Any, what: str = "alternatives") -> list[str]:
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"{what} are not a list of text")
    return list(values)


def _article_notices(document: ReviewDocument, project_path: Path) -> list[str]:
    article = locate_article(document.article, project_path)
    if article is None:
        return [
            f"The article {Path(document.article.path).name} is no longer where it was; "
            "the review keeps its own copy of the text."
        ]
    from reviewer.formats import MAX_DOCX_BYTES

    try:
        # Bounded: an article path that now points at a huge file (or a pipe) is not read.
        data = read_regular_file(article, max(MAX_DOCX_BYTES, document.article.size))
    except (OSError, UnreadableFile):
        data = None
    if data is None or sha256(data).hexdigest() != document.article.sha256:
        return [
            f"The article {article.name} has changed since this review began. The review "
            "keeps the text it was started on; open the article as a new review to see "
            "the changes."
        ]
    return []


def locate_article(article: ArticleInfo, project_path: Path) -> Path | None:
    """The article file of a review: where it was, or beside the project if both moved."""
    recorded = Path(article.path)
    for candidate in (recorded, project_path.parent / recorded.name):
        if candidate.is_file():
            return candidate
    return None


def _damaged_message(path: Path, detail: str) -> str:
    backup = backup_path(path)
    if backup.is_file():
        return (
            f"{path.name} is damaged ({detail}). The previous save is in {backup.name}: "
            f"copy it over {path.name} to go on from there."
        )
    return (
        f"{path.name} is damaged ({detail}), and there is no backup of it. Move it away "
        "(keep it: some of it may be recoverable by hand), then open the article again to "
        "start a new review of it."
    )


def _missing_message(path: Path) -> str:
    backup = backup_path(path)
    if backup.is_file():
        return (
            f"{path.name} is missing, but its previous save is in {backup.name}: rename it "
            f"to {path.name} to go on from there."
        )
    return f"No project file at {path}. Check the path."


@dataclasses.dataclass(frozen=True)
class Review:
    """A review to work on: its document, where it is saved, and what to tell the user."""

    document: ReviewDocument
    #: The project file; None for a fresh review of an article that has none yet.
    project_path: Path | None
    notices: list[str]


def open_review(path: Path) -> Review:
    """The review behind *path*: a project file, or an article (resuming its project if it
    has one, else a fresh review). Raises `ProjectError` or `ArticleError`."""
    # Imported here: the formats pull in lxml, python-docx and markdown-it, which opening
    # a project file does not need.
    from reviewer.formats import read_article

    if is_project_path(path):
        opened = open_project(path)
        return Review(opened.document, opened.path, opened.notices)
    existing = find_project(path)
    if existing is not None:
        opened = open_project(existing)
        return Review(opened.document, opened.path, opened.notices)
    return Review(read_article(path).to_document(), None, [])
