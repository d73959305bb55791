"""An output vocabulary shortlist for the CTranslate2 backend, and the gate that decides
whether it is on by default.

At every step the model scores all 62,834 English pieces; that output layer is 59% of the
decoder's work. CTranslate2 can restrict it to the pieces a *vocabulary map* allows for the
Arabic pieces of the batch (`vmap.txt` in the converted model's folder, ``use_vmap``). The map
is built from what the full model itself emits:

- translate a body of Arabic text with the full model;
- for each Arabic piece, keep the English pieces most often emitted in the sentences that hold
  it (20 by default), and keep the most frequent English pieces overall (1,000) for every
  sentence;
- add whatever else is needed so that, on the text it was built from, every piece the full
  model emitted stays allowed.

So greedy decoding of that text is unchanged by construction. On other text the map may leave
out the piece the full model would have chosen. `gate` measures that with real weights on
parallel text (chrF and BLEU with and without the map, and the share of sentences whose output
changes), and records the result beside the map. The map is used by default only when the
recorded chrF loss is under `MAX_CHRF_LOSS`; otherwise only when asked for (``--shortlist``).
"""

from __future__ import annotations

import collections
import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from reviewer.document import utc_now
from reviewer.storage import atomic_write

#: The map, in CTranslate2's format: "source pieces<TAB>target pieces" per line, the line
#: with no source piece listing the pieces always allowed.
VMAP_FILE = "vmap.txt"
#: Where the map came from (corpus, sizes, model).
PROVENANCE_FILE = "shortlist.json"
#: What the quality gate measured.
GATE_FILE = "shortlist-gate.json"
#: The most chrF the map may cost (points, on the gate's text) to be on by default.
MAX_CHRF_LOSS = 0.3
FREQUENT = 1000
PER_PIECE = 20

#: Translates tokenised sentences (lists of source pieces) to lists of target pieces.
PieceTranslator = Callable[[list[list[str]]], list[list[str]]]


@dataclasses.dataclass
class Shortlist:
    """A vocabulary map: the pieces always allowed, and those each source piece allows."""

    always: list[str]
    by_piece: dict[str, list[str]]

    def allowed(self, source: Iterable[str]) -> set[str]:
        """The target pieces allowed for a sentence of *source* pieces."""
        found = set(self.always)
        for piece in source:
            found.update(self.by_piece.get(piece, ()))
        return found

    def vmap_text(self) -> str:
        """The map in CTranslate2's vmap.txt format."""
        lines = ["\t" + " ".join(self.always)]
        lines.extend(
            f"{piece}\t{' '.join(targets)}"
            for piece, targets in sorted(self.by_piece.items())
            if targets and piece.strip() and "\t" not in piece
        )
        return "\n".join(lines) + "\n"


def build(
    sources: Sequence[list[str]],
    outputs: Sequence[list[str]],
    *,
    frequent: int = FREQUENT,
    per_piece: int = PER_PIECE,
) -> Shortlist:
    """The shortlist from the full model's *outputs* for *sources* (tokenised sentences)."""
    overall: collections.Counter[str] = collections.Counter()
    together: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for source, output in zip(sources, outputs, strict=True):
        emitted = set(output)
        overall.update(output)
        for piece in set(source):
            together[piece].update(emitted)
    always = [piece for piece, _ in overall.most_common(frequent)]
    by_piece = {
        piece: [
            target
            for target, _ in sorted(counts.items(), key=lambda item: (-item[1], -overall[item[0]]))
        ][:per_piece]
        for piece, counts in together.items()
    }
    shortlist = Shortlist(always, by_piece)
    # Every piece the full model emitted stays allowed for its sentence: given to the
    # sentence's source piece that saw it most often.
    for source, output in zip(sources, outputs, strict=True):
        missing = set(output) - shortlist.allowed(source)
        for target in sorted(missing):
            owner = max(set(source), key=lambda piece: (together[piece][target], piece))
            shortlist.by_piece.setdefault(owner, []).append(target)
    return shortlist


def save(folder: Path, shortlist: Shortlist, provenance: dict[str, object]) -> None:
    """Write the map and its provenance into the converted model's *folder*."""
    atomic_write(folder / VMAP_FILE, shortlist.vmap_text().encode("utf-8"))
    record = {
        "created": utc_now(),
        "always": len(shortlist.always),
        "source_pieces": len(shortlist.by_piece),
        **provenance,
    }
    atomic_write(folder / PROVENANCE_FILE, json.dumps(record, indent=2).encode("utf-8"))


def record_gate(folder: Path, figures: dict[str, float | int | str]) -> bool:
    """Record the gate's *figures* (they hold chrF with and without the map) beside the
    map; returns whether the map is now on by default."""
    loss = float(figures["chrf_without"]) - float(figures["chrf_with"])
    passed = loss < MAX_CHRF_LOSS
    record = {**figures, "chrf_loss": round(loss, 4), "on_by_default": passed, "when": utc_now()}
    atomic_write(folder / GATE_FILE, json.dumps(record, indent=2).encode("utf-8"))
    return passed


def use_shortlist(folder: Path, requested: bool | None) -> bool:
    """Whether to decode with the map in *folder*: asked for (True) or refused (False), or
    by default only when there is one and its recorded gate passed."""
    if not (folder / VMAP_FILE).is_file():
        return False
    if requested is not None:
        return requested
    try:
        gate = json.loads((folder / GATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(gate.get("on_by_default")) and float(gate.get("chrf_loss", 99)) < MAX_CHRF_LOSS
