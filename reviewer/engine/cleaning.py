"""Cleaning text before the model sees it; the stored source is never touched.

Bidi controls, zero-width characters and tatweel are invisible or decorative to a reader, but
the SentencePiece model turns them into stray tokens that derail the translation.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    "["
    "\u061c"  # Arabic letter mark
    "\u0640"  # tatweel (kashida), a purely typographic stretch
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LRM, RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner and invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # zero-width no-break space (a stray BOM)
    "\u00ad"  # soft hyphen
    "]"
)
_SPACES = re.compile(r"\s+")


def clean_for_model(text: str) -> str:
    """*text* without invisible controls and tatweel, its spaces collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
