"""The one protocol between the window (or any client) and the engine process.

Requests and events are small frozen dataclasses; on the wire each is one JSON object per
line, UTF-8, with a ``type`` field naming it. `encode` writes any of them; `decode_request`
and `decode_event` read them back and check every field, so a malformed line becomes a
`ProtocolError` (answered with a ``failed`` event) instead of a crash or a wedged engine.

Every request about paragraphs carries the review's *generation*: the window counts up each
time it opens a review (or re-reads one), and the engine echoes the generation in its
answers, so an answer meant for a review that is no longer open is recognised and dropped
(segment ids such as ``p1`` repeat from one article to the next).

The machine translation inside an answer uses the project file's codec (`machine_to_json`),
so what the engine sends is exactly what a project file stores.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, ClassVar

from reviewer.document import MachineTranslation
from reviewer.project import machine_from_json, machine_to_json

#: The most alternatives one request may ask for.
MAX_ALTERNATIVES = 16


class ProtocolError(ValueError):
    """A line that is not a valid request or event."""


# --- requests (client to engine) ----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LoadRequest:
    """Load a model (answered by `Loaded` or a fatal `Failed`)."""

    kind: ClassVar[str] = "load"
    model: str | None = None
    device: str = "auto"
    backend: str = "auto"
    settings: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class TranslateRequest:
    """Queue paragraphs, (id, Arabic) each; every one is answered by a `Translated`."""

    kind: ClassVar[str] = "translate"
    generation: int
    paragraphs: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True)
class PrioritizeRequest:
    """Translate this paragraph next, if it is still waiting."""

    kind: ClassVar[str] = "prioritize"
    generation: int
    id: str


@dataclasses.dataclass(frozen=True)
class DiscardRequest:
    """No longer translate this paragraph."""

    kind: ClassVar[str] = "discard"
    generation: int
    id: str


@dataclasses.dataclass(frozen=True)
class CancelRequest:
    """Drop everything queued (the batch under way finishes, its answers are stale)."""

    kind: ClassVar[str] = "cancel"


@dataclasses.dataclass(frozen=True)
class AlternativesRequest:
    """Ask for up to *count* translations of one paragraph (answered by `AlternativesReady`)."""

    kind: ClassVar[str] = "alternatives"
    generation: int
    id: str
    text: str
    count: int = 5


@dataclasses.dataclass(frozen=True)
class QuitRequest:
    """Stop the engine."""

    kind: ClassVar[str] = "quit"


Request = (
    LoadRequest
    | TranslateRequest
    | PrioritizeRequest
    | DiscardRequest
    | CancelRequest
    | AlternativesRequest
    | QuitRequest
)

# --- events (engine to client) ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Loaded:
    """The model is ready."""

    kind: ClassVar[str] = "loaded"
    model_id: str
    revision: str
    backend: str
    device: str
    seconds: float = 0.0


@dataclasses.dataclass(frozen=True)
class Translated:
    """A paragraph is translated."""

    kind: ClassVar[str] = "translated"
    generation: int
    id: str
    machine: MachineTranslation
    #: Whether every sentence came from the cache.
    cached: bool = False


@dataclasses.dataclass(frozen=True)
class AlternativesReady:
    """Alternatives for a paragraph: a machine translation with its `alternatives`."""

    kind: ClassVar[str] = "alternatives"
    generation: int
    id: str
    machine: MachineTranslation


@dataclasses.dataclass(frozen=True)
class Idle:
    """Everything asked for is done."""

    kind: ClassVar[str] = "idle"


@dataclasses.dataclass(frozen=True)
class Failed:
    """Something failed: *message* is written for the user; *fatal* means no model."""

    kind: ClassVar[str] = "failed"
    message: str
    exit_code: int = 1
    fatal: bool = False
    #: The engine process itself died (a crash, out of memory, killed).
    crashed: bool = False


Event = Loaded | Translated | AlternativesReady | Idle | Failed

_REQUESTS: dict[str, type[Any]] = {
    cls.kind: cls
    for cls in (
        LoadRequest,
        TranslateRequest,
        PrioritizeRequest,
        DiscardRequest,
        CancelRequest,
        AlternativesRequest,
        QuitRequest,
    )
}
_EVENTS: dict[str, type[Any]] = {
    cls.kind: cls for cls in (Loaded, Translated, AlternativesReady, Idle, Failed)
}


def encode(message: Request | Event) -> str:
    """*message* as one line of JSON, newline included."""
    fields: dict[str, Any] = {"type": message.kind}
    for field in dataclasses.fields(message):
        value = getattr(message, field.name)
        if isinstance(value, MachineTranslation):
            value = machine_to_json(value)
        elif field.name == "paragraphs":
            value = [{"id": pid, "text": text} for pid, text in value]
        elif field.name == "settings":
            value = dict(value)
        fields[field.name] = value
    # ensure_ascii: a lone surrogate in a text becomes an escape, never an encoding error.
    return json.dumps(fields, ensure_ascii=True) + "\n"


def decode_request(line: str | bytes) -> Request:
    """The request on *line* (ProtocolError if it is not one)."""
    return _decode(line, _REQUESTS)  # type: ignore[no-any-return]


def decode_event(line: str | bytes) -> Event:
    """The event on *line* (ProtocolError if it is not one)."""
    return _decode(line, _EVENTS)  # type: ignore[no-any-return]


def _decode(line: str | bytes, registry: Mapping[str, type[Any]]) -> Any:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"not JSON ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise ProtocolError("not a JSON object")
    kind = data.get("type")
    cls = registry.get(kind) if isinstance(kind, str) else None
    if cls is None or not isinstance(kind, str):
        raise ProtocolError(f"unknown message type {kind!r}")
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            if field.default is dataclasses.MISSING and field.default_factory is (
                dataclasses.MISSING
            ):
                raise ProtocolError(f"{kind}: {field.name} is missing")
            continue
        values[field.name] = _check(kind, field.name, data[field.name])
    return cls(**values)


def _check(kind: str, name: str, value: Any) -> Any:
    """*value* of field *name*, checked and converted to its Python form."""
    problem = f"{kind}: {name} is not valid"
    check = _CHECKS.get(name)
    if check is None:
        raise ProtocolError(problem)
    try:
        return check(value)
    except (TypeError, ValueError) as error:
        detail = str(error)
        raise ProtocolError(f"{problem} ({detail})" if detail else problem) from None


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError
    return value


def _count(value: Any) -> int:
    return max(1, min(MAX_ALTERNATIVES, _integer(value)))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    if not _encodable(value):
        raise ValueError("text that is not valid Unicode")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _number(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError
    return float(value)


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError
    return value


def _paragraphs(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TypeError
    return tuple((_text(item.get("id")), _text(item.get("text"))) for item in value)


_CHECKS: dict[str, Any] = {
    "generation": _integer,
    "exit_code": _integer,
    "count": _count,
    "model": _optional_text,
    "seconds": _number,
    "settings": _mapping,
    "machine": machine_from_json,
    "cached": bool,
    "fatal": bool,
    "crashed": bool,
    "paragraphs": _paragraphs,
    **dict.fromkeys(("id", "text", "message", "model_id", "revision", "backend", "device"), _text),
}


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
