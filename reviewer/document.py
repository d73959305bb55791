"""The review document: an article's segments, their machine translation and the reviewer's English.

Plain Python with no Qt and no torch: the window, the command line and the project file all
work on these objects. A segment's status follows from what happens to it (a machine
translation arrives, the reviewer edits, confirms or excludes it), so the methods below are the
only way statuses change, and the rules live in one place.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence

from reviewer.segmentation import count_words, split_sentences

#: Decoding settings recorded with a machine translation (beam size, max length...).
Settings = Mapping[str, "str | int | float | bool | None"]


class Status(enum.StrEnum):
    """Where a segment stands in the review."""

    UNTRANSLATED = "untranslated"
    MACHINE_TRANSLATED = "machine-translated"
    #: Filled with a 100% match from the translation memory; still to be reviewed.
    FROM_MEMORY = "from-memory"
    EDITED = "edited"
    REVIEWED = "reviewed"
    EXCLUDED = "excluded"


class SegmentKind(enum.StrEnum):
    """What a segment is in the article."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    #: Probably page furniture (a web page's comment policy, a caption of the page, a
    #: paragraph a boilerplate detector doubts): kept, but excluded until the reviewer
    #: includes it (Ctrl+E).
    FURNITURE = "furniture"


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp, to the second."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


@dataclasses.dataclass(frozen=True)
class MachineTranslation:
    """A machine translation of one segment and where it came from."""

    text: str
    model: str
    settings: Settings = dataclasses.field(default_factory=dict)
    created: str = dataclasses.field(default_factory=utc_now)
    revision: str | None = None
    #: Confidence from the model's own token probabilities (0 to 1), when asked for.
    score: float | None = None
    #: Other candidates from beam search, best first, when asked for.
    alternatives: tuple[str, ...] = ()

    @property
    def shareable_model(self) -> str:
        """The model's name fit to leave this machine (exports): reviews made before models
        were named by their hub id recorded a folder's path, which is cut to its name."""
        model = self.model
        if model.startswith(("/", "~", "\\")) or (len(model) > 2 and model[1:3] in (":\\", ":/")):
            return model.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return model


@dataclasses.dataclass(frozen=True)
class MemoryFill:
    """English taken from the translation memory (a 100% match), and where it came from."""

    text: str
    #: The Arabic of the memory's unit (it may differ in diacritics, spelling variants).
    source: str
    #: Where the unit came from: a project and segment, or an imported file; and its date.
    origin: str
    #: The memory file's name, or "this review" for English propagated inside the review.
    memory: str
    created: str = dataclasses.field(default_factory=utc_now)


@dataclasses.dataclass(frozen=True)
class WorkRecord:
    """What the reviewer's work on a segment took, recorded as it happens (undo does not
    take time back). See reviewer.metrics for how each figure is defined."""

    #: Active editing time: seconds with the segment current and the reviewer active, each
    #: pause counted up to the idle cut-off only.
    seconds: float = 0.0
    #: How many times the segment became the current one.
    visits: int = 0
    #: Keys that typed text, keys that deleted it, keys that moved the cursor.
    inserted: int = 0
    deleted: int = 0
    navigation: int = 0
    #: The English the reviewer's first edit changed (the machine's, or the memory's).
    started_from: str | None = None
    #: When the segment was last confirmed (ISO 8601, UTC).
    confirmed: str | None = None

    @property
    def keys(self) -> int:
        """Every key counted."""
        return self.inserted + self.deleted + self.navigation

    @property
    def empty(self) -> bool:
        """Nothing recorded yet."""
        return self == WorkRecord()


@dataclasses.dataclass(frozen=True)
class SegmentState:
    """What the reviewer can change about a segment: its English, its status, and the
    findings of the quality checks they marked "not an error".

    Undo and redo store these before and after each change, so they are exact whatever the
    change was (an edit, a review, an exclusion, a revert, a replace).
    """

    target: str
    status: Status
    not_errors: frozenset[str] = frozenset()
    memory: MemoryFill | None = None


#: Statuses that mean the reviewer has put work into a segment.
REVIEWER_STATUSES = frozenset({Status.EDITED, Status.REVIEWED, Status.EXCLUDED})


@dataclasses.dataclass
class Segment:
    """One paragraph (or heading) of the article under review."""

    id: str
    source: str
    kind: SegmentKind = SegmentKind.PARAGRAPH
    #: The English the reviewer stands behind: the machine translation until they edit it.
    target: str = ""
    status: Status = Status.UNTRANSLATED
    machine: MachineTranslation | None = None
    #: Findings of the quality checks (their keys) the reviewer marked "not an error".
    not_errors: frozenset[str] = frozenset()
    #: The Arabic as the article had it, when the reviewer corrected it (provenance).
    original_source: str | None = None
    #: The segments this one was made from by a split or a merge (their ids).
    derived_from: tuple[str, ...] = ()
    #: English the translation memory filled in (a 100% match or a propagation).
    memory: MemoryFill | None = None
    #: What the reviewer's work on it took (time, visits, keys).
    work: WorkRecord = WorkRecord()

    @property
    def sentences(self) -> list[str]:
        """The source split into sentences, as the engine translates it."""
        return split_sentences(self.source)

    @property
    def needs_translation(self) -> bool:
        """Whether the engine should be asked for this segment (no machine translation yet,
        none from the memory either, and not excluded from the review)."""
        return self.machine is None and self.memory is None and self.status is not Status.EXCLUDED

    @property
    def needs_review(self) -> bool:
        """Whether the reviewer still has to confirm (or exclude) this segment."""
        return self.status not in (Status.REVIEWED, Status.EXCLUDED)

    @property
    def holds_reviewer_work(self) -> bool:
        """Whether the reviewer has edited, confirmed or excluded this segment."""
        return self.status in REVIEWER_STATUSES

    def snapshot(self) -> SegmentState:
        """The English and status as they are now (see `restore`)."""
        return SegmentState(self.target, self.status, self.not_errors, self.memory)

    def restore(self, state: SegmentState) -> None:
        """Put the English and status back as *state* recorded them (undo and redo)."""
        self.target = state.target
        self.status = state.status
        self.not_errors = state.not_errors
        self.memory = state.memory

    def mark_not_errors(self, keys: Iterable[str]) -> None:
        """Keep these findings quiet from now on (the reviewer judged them fine)."""
        self.not_errors = self.not_errors | frozenset(keys)

    @property
    def has_target(self) -> bool:
        """Whether the segment has English worth exporting."""
        return bool(self.target.strip())

    @functools.cached_property
    def word_count(self) -> int:
        """Words in the Arabic source (which never changes: counted once)."""
        return count_words(self.source)

    def accept_machine_translation(self, machine: MachineTranslation) -> bool:
        """Record *machine*; use its text as the English only if the reviewer has not
        written any yet. Returns whether the English changed.

        A late translation must never overwrite the reviewer's work, so an edited, reviewed
        or excluded segment keeps its English and only gains the new suggestion.
        """
        self.machine = machine
        if self.status in (Status.UNTRANSLATED, Status.MACHINE_TRANSLATED):
            # (English from the memory stays: a reviewer approved it, the model did not.)
            changed = self.target != machine.text
            self.target = machine.text
            self.status = self._status_from_text()
            return changed
        return False

    def fill_from_memory(self, fill: MemoryFill) -> bool:
        """Take *fill*'s English from the translation memory, unless the reviewer has
        written English of their own (edited, reviewed or excluded). Returns whether the
        English changed."""
        if self.holds_reviewer_work:
            return False
        self.memory = fill
        changed = self.target != fill.text
        self.target = fill.text
        self.status = Status.FROM_MEMORY
        return changed

    def edit(self, text: str) -> None:
        """Set the English to what the reviewer typed.

        An edit reopens a reviewed segment (it needs review again) but leaves an excluded
        one excluded.
        """
        self.target = text
        if self.status is not Status.EXCLUDED:
            self.status = self._status_from_text()

    def mark_reviewed(self) -> bool:
        """Confirm the English. Returns False (and changes nothing) when there is none."""
        if not self.has_target:
            return False
        self.status = Status.REVIEWED
        return True

    def reopen(self) -> None:
        """Take back a review or an exclusion: the status follows the English again."""
        self.status = self._status_from_text()

    def exclude(self) -> None:
        """Leave the segment out of exports (page furniture such as a comment form)."""
        self.status = Status.EXCLUDED

    def revert_to_machine_translation(self) -> bool:
        """Throw away the reviewer's English for the machine translation; or, when the model
        was never asked, for the memory's English the segment was filled with."""
        if self.machine is not None:
            self.target, self.status = self.machine.text, Status.MACHINE_TRANSLATED
        elif self.memory is not None:
            self.target, self.status = self.memory.text, Status.FROM_MEMORY
        else:
            return False
        return True

    def use_machine_translation(self, machine: MachineTranslation) -> None:
        """Record *machine* and take its text as the English, even over the reviewer's
        (a re-translation the reviewer asked for)."""
        self.machine = machine
        self.revert_to_machine_translation()

    def _status_from_text(self) -> Status:
        if not self.has_target:
            return Status.UNTRANSLATED
        if self.memory is not None and self.target == self.memory.text:
            return Status.FROM_MEMORY
        if self.machine is not None and self.target == self.machine.text:
            return Status.MACHINE_TRANSLATED
        return Status.EDITED


@dataclasses.dataclass(frozen=True)
class ArticleInfo:
    """The article file a review was made from."""

    path: str
    format: str
    encoding: str
    encoding_guessed: bool
    #: SHA-256 of the file's bytes, to notice when the article changes under a review.
    sha256: str
    size: int


@dataclasses.dataclass(frozen=True)
class Progress:
    """How far a review has come."""

    total: int
    translated: int
    reviewed: int
    excluded: int
    words: int
    words_reviewed: int

    @property
    def to_review(self) -> int:
        """Segments still to be reviewed (excluded ones need no review)."""
        return self.total - self.reviewed - self.excluded


@dataclasses.dataclass
class ReviewDocument:
    """An article's segments under review."""

    article: ArticleInfo
    segments: list[Segment]
    created: str = dataclasses.field(default_factory=utc_now)

    def __post_init__(self) -> None:
        self._by_id = {segment.id: segment for segment in self.segments}
        assert len(self._by_id) == len(self.segments), "segment ids must be unique"

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._by_id

    def segment(self, segment_id: str) -> Segment:
        """The segment with *segment_id* (KeyError if there is none)."""
        return self._by_id[segment_id]

    def replace(self, row: int, count: int, segments: Sequence[Segment]) -> list[Segment]:
        """Put *segments* in place of the *count* segments from *row* (a split, a merge, a
        corrected source, or the undoing of one); returns those taken out."""
        taken = self.segments[row : row + count]
        kept = {segment.id for segment in self.segments} - {segment.id for segment in taken}
        assert not kept & {segment.id for segment in segments}, "segment ids must be unique"
        self.segments[row : row + count] = list(segments)
        self.__post_init__()
        return taken

    def unused_id(self, wanted: str) -> str:
        """*wanted*, or *wanted* with a number after it, whichever no segment has."""
        candidate, number = wanted, 1
        while candidate in self._by_id:
            number += 1
            candidate = f"{wanted}~{number}"
        return candidate

    def holds_reviewer_work(self) -> list[Segment]:
        """The segments the reviewer has edited, confirmed or excluded."""
        return [segment for segment in self.segments if segment.holds_reviewer_work]

    def needing_translation(self) -> list[Segment]:
        """The segments the engine should translate, in reading order."""
        return [segment for segment in self.segments if segment.needs_translation]

    def progress(self) -> Progress:
        """Counts of segments and words by where they stand."""
        total = translated = reviewed = excluded = words = words_reviewed = 0
        for segment in self.segments:
            total += 1
            count = segment.word_count
            words += count
            if segment.has_target:
                translated += 1
            if segment.status is Status.REVIEWED:
                reviewed += 1
                words_reviewed += count
            elif segment.status is Status.EXCLUDED:
                excluded += 1
        return Progress(total, translated, reviewed, excluded, words, words_reviewed)

    @classmethod
    def from_blocks(
        cls, article: ArticleInfo, blocks: Iterable[tuple[SegmentKind, str]]
    ) -> ReviewDocument:
        """A fresh review of *article*, one untranslated segment per block of text.

        Ids are ``p1``, ``p2``... in reading order and never change for the life of the
        review, so exports and project files can refer to them.
        """
        segments = [
            Segment(
                id=f"p{number}",
                source=text,
                kind=kind,
                status=Status.EXCLUDED if kind is SegmentKind.FURNITURE else Status.UNTRANSLATED,
            )
            for number, (kind, text) in enumerate(blocks, start=1)
        ]
        return cls(article=article, segments=segments)


# --- changing the segmentation and the source ------------------------------------------------


def split_segment(document: ReviewDocument, segment: Segment, position: int) -> list[Segment]:
    """*segment* cut in two at *position* of its Arabic (spaces at the cut dropped): two new
    segments with ids of their own, to be translated again. English the reviewer wrote stays
    with the first part (nothing typed is lost); raises ValueError if a part would be empty."""
    first, second = segment.source[:position].rstrip(), segment.source[position:].lstrip()
    if not first.strip() or not second.strip():
        raise ValueError("a part would have no text")
    parts = [
        Segment(
            id=document.unused_id(f"{segment.id}.{number}"),
            source=text,
            kind=segment.kind,
            derived_from=(segment.id,),
        )
        for number, text in ((1, first), (2, second))
    ]
    if segment.status is Status.EXCLUDED:
        for part in parts:
            part.status = Status.EXCLUDED
    elif segment.holds_reviewer_work and segment.has_target:
        parts[0].target, parts[0].status = segment.target, Status.EDITED
    return parts


def merge_segments(document: ReviewDocument, first: Segment, second: Segment) -> Segment:
    """*first* and *second* as one segment (their Arabic, and their English when the
    reviewer wrote some, joined by a space), with an id of its own, to be translated again."""
    merged = Segment(
        id=document.unused_id(f"{first.id}+{second.id}"),
        source=f"{first.source} {second.source}",
        kind=first.kind,
        derived_from=(first.id, second.id),
    )
    if first.status is Status.EXCLUDED and second.status is Status.EXCLUDED:
        merged.status = Status.EXCLUDED
    elif first.holds_reviewer_work or second.holds_reviewer_work:
        merged.target = " ".join(part.target for part in (first, second) if part.has_target)
        merged.status = Status.EDITED if merged.has_target else Status.UNTRANSLATED
    return merged


def with_corrected_source(segment: Segment, source: str) -> Segment:
    """*segment* with its Arabic corrected to *source*: the article's text is kept as
    provenance, the machine translation is dropped (it is asked for again), and English
    the reviewer wrote is kept for them to check against the new translation."""
    if not source.strip():
        raise ValueError("the Arabic cannot be empty")
    corrected = Segment(
        id=segment.id,
        source=source,
        kind=segment.kind,
        not_errors=segment.not_errors,
        original_source=segment.source
        if segment.original_source is None
        else segment.original_source,
        derived_from=segment.derived_from,
    )
    if corrected.original_source == source:
        corrected.original_source = None  # corrected back to what the article says
    if segment.holds_reviewer_work and segment.has_target:
        corrected.target, corrected.status = segment.target, Status.EDITED
    return corrected
