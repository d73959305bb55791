"""The engine in its own process: loading, streaming, order, cancel, failures, crashes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from reviewer.engine import protocol
from reviewer.engine.client import EngineProcess
from reviewer.engine.protocol import AlternativesReady, Event, Failed, Idle, Loaded, Translated
from reviewer.engine.types import Hypothesis
from reviewer.errors import ExitCode
from tests.helpers.fake_translator import FakeTranslator

TIMEOUT = 120
T = TypeVar("T")
# Each test starts an engine process, which imports torch and transformers: seconds each.
pytestmark = pytest.mark.slow


class Events:
    """Events from the engine, with a way to wait for one."""

    def __init__(self) -> None:
        self.items: list[Event] = []
        self._changed = threading.Condition()

    def __call__(self, event: Event) -> None:
        with self._changed:
            self.items.append(event)
            self._changed.notify_all()

    def wait_for(self, test: Callable[[list[Event]], bool]) -> list[Event]:
        with self._changed:
            assert self._changed.wait_for(lambda: test(self.items), timeout=TIMEOUT), self.items
            return list(self.items)

    def of(self, kind: type[T]) -> list[T]:
        return [event for event in self.items if isinstance(event, kind)]

    def count(self, kind: type) -> Callable[[list[Event]], int]:
        return lambda items: sum(isinstance(event, kind) for event in items)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def engine(events: Events) -> Iterator[EngineProcess]:
    process = EngineProcess(events)
    yield process
    process.close()


PARAGRAPHS = [(f"p{n}", f"العراق {n}. القوات الأمريكية") for n in range(1, 9)]


def test_loads_then_streams_every_paragraph_then_goes_idle(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    engine.translate(PARAGRAPHS, generation=7)
    events.wait_for(lambda items: events.count(Idle)(items) > 0)
    (loaded,) = events.of(Loaded)
    assert loaded.model_id == tiny_model_master.name
    assert loaded.backend == "transformers"
    translated = events.of(Translated)
    assert sorted(e.id for e in translated) == sorted(p for p, _ in PARAGRAPHS)
    assert {e.generation for e in translated} == {7}  # echoed, so stale answers are known
    machine = translated[0].machine
    assert machine.text
    assert machine.model == tiny_model_master.name


def test_priority_and_cancel_sent_while_loading_take_effect(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    engine.translate(PARAGRAPHS[:4])
    engine.prioritize("p4")
    engine.cancel()  # drops p1-p4 before the model is even loaded
    engine.translate(PARAGRAPHS[4:])
    engine.prioritize("p8")
    events.wait_for(lambda items: events.count(Idle)(items) > 0)
    order = [e.id for e in events.of(Translated)]
    assert order[0] == "p8"
    assert sorted(order) == ["p5", "p6", "p7", "p8"]


def test_alternatives_come_with_a_confidence(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    engine.alternatives("p1", "القوات الأمريكية تغادر العراق", 3, generation=2)
    events.wait_for(lambda items: events.count(AlternativesReady)(items) > 0)
    (event,) = events.of(AlternativesReady)
    machine = event.machine
    assert (event.id, event.generation) == ("p1", 2)
    assert machine.score is not None
    assert len(machine.alternatives) <= 2
    assert machine.settings["num_beams"] == 3


def test_a_missing_model_is_a_fatal_failure_with_its_message(
    engine: EngineProcess, events: Events, tmp_path: Path
) -> None:
    engine.load(str(tmp_path / "no-model"))
    engine.translate(PARAGRAPHS[:1])
    events.wait_for(lambda items: events.count(Failed)(items) >= 2)
    failed = events.of(Failed)
    assert failed[0].fatal
    assert failed[0].exit_code == ExitCode.MODEL_UNAVAILABLE
    assert "No model folder" in failed[0].message
    assert "No model is loaded" in failed[1].message
    assert engine.running  # the engine stays up: another model can be loaded


def test_a_crash_of_the_engine_is_reported_not_inherited(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    events.wait_for(lambda items: events.count(Loaded)(items) > 0)
    engine.kill()
    events.wait_for(lambda items: any(isinstance(e, Failed) and e.crashed for e in items))
    assert "stopped unexpectedly" in events.of(Failed)[-1].message
    assert not engine.running


BAD_LINES = [
    b"\xff\xfe not UTF-8\n",
    b"[" * 100_000 + b"\n",
    b'{"type": "translate", "generation": 1, "paragraphs": [{"id": "p1", "text": 5}]}\n',
    b'{"type": "translate", "generation": 1, "paragraphs": [{"id": "p1", "text": "\\ud800"}]}\n',
    b'{"type": "translate", "generation": 1, "paragraphs": 3}\n',
    b'{"type": "alternatives", "generation": 1, "id": ["p1"], "text": "x"}\n',
    b'{"type": "no-such-request"}\n',
    b"42\n",
]


def test_bad_requests_are_refused_and_the_engine_keeps_serving(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    process = engine._process
    assert process.stdin is not None
    for line in BAD_LINES:
        process.stdin.write(line)
    process.stdin.flush()
    events.wait_for(lambda items: events.count(Failed)(items) >= len(BAD_LINES))
    assert all("refused a request" in e.message for e in events.of(Failed))
    assert not any(e.fatal for e in events.of(Failed))
    engine.translate(PARAGRAPHS[:2], generation=3)
    events.wait_for(lambda items: events.count(Translated)(items) >= 2)
    assert engine.running


class _Sink:
    """The service's event stream, collected as typed events (it writes from two threads)."""

    def __init__(self) -> None:
        self.events = Events()
        self._buffer = ""

    def write(self, text: str) -> int:
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self.events(protocol.decode_event(line))
        return len(text)

    def flush(self) -> None:
        pass


class _ExplodingTranslator(FakeTranslator):
    def translate(
        self, sentences: list[str], n_best: int = 1, **options: Any
    ) -> list[list[Hypothesis]]:
        if any("boom" in sentence for sentence in sentences):
            raise RuntimeError("the backend failed")
        return super().translate(sentences, n_best, **options)


def test_a_failure_while_translating_is_reported_and_the_engine_serves_on() -> None:
    """Any exception during translation: a `failed` event, and the next request is served
    (before, the failing work stayed queued and the worker spun a core forever)."""
    from reviewer.engine.scheduler import Translator
    from reviewer.engine.service import EngineService

    sink = _Sink()
    service = EngineService(sink)  # type: ignore[arg-type]
    service._translator = Translator(_ExplodingTranslator())

    def requests() -> Iterator[bytes]:
        yield protocol.encode(protocol.TranslateRequest(1, (("p1", "boom"),))).encode()
        sink.events.wait_for(lambda items: sink.events.count(Failed)(items) > 0)
        yield protocol.encode(protocol.TranslateRequest(1, (("p2", "بخير"),))).encode()
        sink.events.wait_for(lambda items: sink.events.count(Translated)(items) > 0)
        yield protocol.encode(protocol.QuitRequest()).encode()

    service.serve(requests())
    (failed,) = sink.events.of(Failed)
    assert "Translation failed (RuntimeError: the backend failed)" in failed.message
    assert not failed.fatal
    assert [e.id for e in sink.events.of(Translated)] == ["p2"]
