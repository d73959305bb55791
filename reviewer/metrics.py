"""Post-editing figures: how much the reviewer changed, how long it took, where the model is
weakest. Plain Python (no Qt); the edit-distance metrics are sacrebleu's.

Definitions (compared with PET, Aziz et al. 2012, and PosEdiOn, Oliver et al. 2021):

- **HTER**: TER of the English the reviewer started from (the machine's, or the memory's)
  against their final English as the reference, in percent: the word edits (insertions,
  deletions, substitutions, shifts) that turn the machine's English into the final one, per
  word of the final one (sacrebleu's TER, case-sensitive, its default tokenisation). Same as
  PET's and PosEdiOn's HTER, which use tercom with the same defaults. Over a review it is the
  corpus TER: all edits over all words, not a mean of percentages.
- **chrF**: sacrebleu's chrF (character 6-grams, β = 2) of the machine's English against the
  final one, 0 to 100 (100: unchanged). PosEdiOn reports it too; PET does not.
- **Active editing time**: seconds with the segment current and the reviewer active. Each
  interval between two of the reviewer's actions (a key, a click, the segment becoming
  current) counts in full up to the idle cut-off (`IDLE_CUTOFF`, 30 s) and as the cut-off
  beyond it, so a coffee break is not counted; time with the window inactive counts nothing.
  PET counts the whole time a segment is open (pauses apart, reported separately); PosEdiOn
  counts from opening to closing a segment.
- **Keys**: keys that typed text (letters, digits, spaces, Enter), keys that deleted
  (Backspace, Delete), keys that moved the cursor (arrows, Home, End, Page Up/Down), counted
  in the English editor only. PET and PosEdiOn count every key event the same way; shortcuts
  (Ctrl+Enter, Ctrl+Z…) are not counted here.
- **Words**: words of the Arabic (as the progress counts them); per hour: words of the
  reviewed segments per hour of active editing time.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reviewer.document import ReviewDocument, Segment, Status

if TYPE_CHECKING:
    # Imported when first used: the window opens without loading sacrebleu.
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

#: Seconds of inactivity after which a pause stops counting as editing time.
IDLE_CUTOFF = 30.0
#: How many segments the summary lists as the ones that needed the most work.
MOST_WORK = 5


@functools.lru_cache(maxsize=1)
def _ter() -> TER:
    from sacrebleu.metrics.ter import TER

    return TER()


@functools.lru_cache(maxsize=1)
def _chrf() -> CHRF:
    from sacrebleu.metrics.chrf import CHRF

    return CHRF()


def hter(start: str, final: str) -> float:
    """HTER in percent: TER of *start* (the machine's English) against *final*."""
    return float(_ter().sentence_score(start, [final]).score)


def chrf(start: str, final: str) -> float:
    """chrF of *start* (the machine's English) against *final*, 0 to 100."""
    return float(_chrf().sentence_score(start, [final]).score)


def corpus_hter(pairs: Iterable[tuple[str, str]]) -> float | None:
    """HTER of a whole review: all edits over all words of the final English."""
    return _corpus(_ter(), pairs)


def corpus_chrf(pairs: Iterable[tuple[str, str]]) -> float | None:
    """chrF of a whole review."""
    return _corpus(_chrf(), pairs)


def _corpus(metric: TER | CHRF, pairs: Iterable[tuple[str, str]]) -> float | None:
    pairs = list(pairs)
    if not pairs:
        return None
    starts, finals = zip(*pairs, strict=True)
    return float(metric.corpus_score(list(starts), [list(finals)]).score)


def shown(value: float | None) -> str:
    """A figure as the summary and the report print it: one decimal, or a dash."""
    return "—" if value is None else f"{value:.1f}"


def starting_english(segment: Segment) -> str | None:
    """The English the reviewer started from: what their first edit changed, or else what
    the segment was given (the machine's English, the memory's)."""
    if segment.work.started_from is not None:
        return segment.work.started_from
    if segment.machine is not None:
        return segment.machine.text
    if segment.memory is not None:
        return segment.memory.text
    return None


@dataclasses.dataclass(frozen=True)
class SegmentFigures:
    """One segment's post-editing figures."""

    segment: Segment
    #: The English the reviewer started from (None: they wrote it all).
    start: str | None
    hter: float | None
    chrf: float | None

    @property
    def seconds(self) -> float:
        return self.segment.work.seconds

    @property
    def words(self) -> int:
        return self.segment.word_count

    @property
    def seconds_per_word(self) -> float:
        return self.seconds / self.words if self.words else 0.0


def segment_figures(segment: Segment) -> SegmentFigures:
    """*segment*'s figures (no HTER without English to compare)."""
    start = starting_english(segment)
    if start is None or not start.strip() or not segment.target.strip():
        return SegmentFigures(segment, start, None, None)
    return SegmentFigures(segment, start, hter(start, segment.target), chrf(start, segment.target))


@dataclasses.dataclass(frozen=True)
class ReviewSummary:
    """A review's post-editing figures, totalled."""

    figures: list[SegmentFigures]
    reviewed: int
    words: int
    words_reviewed: int
    seconds: float
    keys: int
    visits: int
    hter: float | None
    chrf: float | None

    @property
    def words_per_hour(self) -> float | None:
        """Words of the reviewed segments per hour of active editing time."""
        return self.words_reviewed / (self.seconds / 3600) if self.seconds > 0 else None

    @property
    def most_work(self) -> list[SegmentFigures]:
        """The segments that needed the most work: the most edited first (HTER), then the
        longest per word."""
        worked = [f for f in self.figures if f.hter is not None and f.hter > 0]
        return sorted(worked, key=lambda f: (f.hter or 0.0, f.seconds_per_word), reverse=True)[
            :MOST_WORK
        ]


def summarise(document: ReviewDocument) -> ReviewSummary:
    """The figures of every segment of *document* and their totals (excluded ones left
    out: they are not part of the translation)."""
    figures = [segment_figures(s) for s in document if s.status is not Status.EXCLUDED]
    compared = [
        (f.start, f.segment.target)
        for f in figures
        if f.hter is not None and f.start is not None and f.segment.status is Status.REVIEWED
    ]
    reviewed = [f for f in figures if f.segment.status is Status.REVIEWED]
    return ReviewSummary(
        figures=figures,
        reviewed=len(reviewed),
        words=sum(f.words for f in figures),
        words_reviewed=sum(f.words for f in reviewed),
        seconds=sum(f.seconds for f in figures),
        keys=sum(f.segment.work.keys for f in figures),
        visits=sum(f.segment.work.visits for f in figures),
        hter=corpus_hter(compared),
        chrf=corpus_chrf(compared),
    )


def duration(seconds: float) -> str:
    """*seconds* as a person reads it: 45 s, 3 min 5 s, 1 h 12 min."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
