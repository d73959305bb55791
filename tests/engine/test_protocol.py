"""The engine protocol: every message survives the wire; bad lines are refused clearly."""

from __future__ import annotations

import pytest

from reviewer.document import MachineTranslation
from reviewer.engine import protocol
from reviewer.engine.protocol import (
    AlternativesReady,
    Event,
    Failed,
    Idle,
    Loaded,
    ProtocolError,
    Translated,
)


def test_the_protocol_round_trips_every_message() -> None:
    machine = MachineTranslation("Iraq", "m", {"num_beams": 1}, score=0.5, alternatives=("a",))
    messages: list[protocol.Request | Event] = [
        protocol.LoadRequest("m", device="cpu", backend="ctranslate2", settings={"x": 1}),
        protocol.TranslateRequest(4, (("p1", "العراق"), ("p2", "\t\n"))),
        protocol.PrioritizeRequest(4, "p2"),
        protocol.DiscardRequest(4, "p1"),
        protocol.CancelRequest(),
        protocol.AlternativesRequest(4, "p1", "العراق", 3),
        protocol.QuitRequest(),
    ]
    for message in messages:
        assert protocol.decode_request(protocol.encode(message)) == message
    for event in [
        Loaded("m", "r", "transformers", "cpu", 1.5),
        Translated(4, "p1", machine, cached=True),
        AlternativesReady(4, "p1", machine),
        Idle(),
        Failed("no", 5, fatal=True, crashed=True),
    ]:
        assert protocol.decode_event(protocol.encode(event)) == event


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (b"\xff\xfe", "not JSON"),
        (b"[" * 100_000, "not JSON"),
        (b"42", "not a JSON object"),
        (b'{"type": "launch"}', "unknown message type"),
        (b'{"type": "prioritize", "generation": 1}', "id is missing"),
        (b'{"type": "prioritize", "generation": true, "id": "p1"}', "generation is not valid"),
        (
            b'{"type": "translate", "generation": 1, "paragraphs": [{"id": "p1", "text": 5}]}',
            "paragraphs is not valid",
        ),
        (
            b'{"type": "translate", "generation": 1, '
            b'"paragraphs": [{"id": "p1", "text": "\\udc00"}]}',
            "not valid Unicode",
        ),
    ],
)
def test_a_bad_line_is_a_protocol_error_that_says_what_is_wrong(line: bytes, says: str) -> None:
    with pytest.raises(ProtocolError, match=says):
        protocol.decode_request(line)


def test_a_lone_surrogate_in_a_machine_translation_still_encodes() -> None:
    machine = MachineTranslation("\ud800", "m")
    line = protocol.encode(Translated(1, "p1", machine))
    assert line.isascii()
