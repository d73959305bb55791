"""Word-level differences between two versions of a text (the machine's English and the
reviewer's), as a list of operations a view can colour."""

from __future__ import annotations

import dataclasses
import difflib
import enum
import html
import re

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


class Change(enum.StrEnum):
    """What happened to a run of words."""

    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclasses.dataclass(frozen=True)
class DiffPart:
    """A run of text that was kept, deleted (only in the old text) or inserted."""

    change: Change
    text: str


def tokens(text: str) -> list[str]:
    """*text* cut into words, single punctuation marks and runs of white space; joined, they
    give *text* back."""
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """How *new* differs from *old*, word by word. The kept and inserted parts joined give
    *new*; the kept and deleted parts joined give *old*."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    parts: list[DiffPart] = []

    def add(change: Change, pieces: list[str]) -> None:
        text = "".join(pieces)
        if not text:
            return
        if parts and parts[-1].change is change:
            parts[-1] = DiffPart(change, parts[-1].text + text)
        else:
            parts.append(DiffPart(change, text))

    for opcode, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if opcode == "equal":
            add(Change.SAME, new_tokens[new_start:new_end])
        else:
            add(Change.DELETED, old_tokens[old_start:old_end])
            add(Change.INSERTED, new_tokens[new_start:new_end])
    return parts


def diff_html(old: str, new: str, *, deleted: str, inserted: str) -> str:
    """*new* against *old* as HTML, each run escaped: kept runs as they are, deleted and
    inserted ones put in the *deleted* and *inserted* templates ("<del>{}</del>")."""
    templates = {Change.SAME: "{}", Change.DELETED: deleted, Change.INSERTED: inserted}
    return "".join(
        templates[part.change].format(html.escape(part.text)) for part in word_diff(old, new)
    )
