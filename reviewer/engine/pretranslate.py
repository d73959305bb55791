"""Pre-translating a whole review headless, for the command line and batches.

Every segment without a machine translation (excluded ones aside) is translated; the
reviewer's own English is never replaced (the suggestion is only recorded). The review is
saved every few seconds and at the end, so an interrupted run keeps what it translated.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable
from typing import TextIO

from reviewer.document import ReviewDocument, Segment
from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue, Translator

#: Seconds between saves during a long run.
SAVE_INTERVAL = 3.0


@dataclasses.dataclass
class PretranslateSummary:
    """What a pre-translation run did."""

    translated: int = 0
    from_cache: int = 0
    already: int = 0
    interrupted: bool = False

    def describe(self, seconds: float) -> str:
        """One line for the user."""
        parts = [f"Translated {self.translated} paragraph{'s' * (self.translated != 1)}"]
        if self.from_cache:
            parts.append(f"{self.from_cache} from the cache")
        if self.already:
            parts.append(f"{self.already} already translated")
        line = ", ".join(parts) + f" in {seconds:.1f} s."
        if self.interrupted:
            line += " Interrupted: run the same command again to go on."
        return line


def needs_translation(document: ReviewDocument) -> list[Segment]:
    """The segments a pre-translation run translates: every one without a machine
    translation, excluded ones and those the translation memory filled aside."""
    return [s for s in document if s.needs_translation]


def pretranslate(
    document: ReviewDocument,
    translator: Translator,
    *,
    save: Callable[[], None],
    stream: TextIO | None = None,
) -> PretranslateSummary:
    """Translate *document*'s untranslated segments with *translator*, showing a progress
    bar on *stream* (stderr by default) and calling *save* as it goes."""
    from tqdm import tqdm

    summary = PretranslateSummary()
    todo = needs_translation(document)
    summary.already = sum(1 for s in document if s.machine is not None)
    queue = TranslationQueue(ParagraphRequest(s.id, s.source) for s in todo)
    last_save = time.monotonic()
    bar = tqdm(
        total=len(todo),
        unit="paragraph",
        file=stream or sys.stderr,
        mininterval=0.5,
        dynamic_ncols=True,
        leave=True,
    )
    try:
        for result in translator.translate_paragraphs(queue):
            document.segment(result.id).accept_machine_translation(result.machine)
            summary.translated += 1
            summary.from_cache += result.cached
            bar.update(1)
            if time.monotonic() - last_save > SAVE_INTERVAL:
                save()
                last_save = time.monotonic()
    except KeyboardInterrupt:
        queue.cancel()
        summary.interrupted = True
    finally:
        bar.close()
        save()
    return summary
