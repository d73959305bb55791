"""The engine in its own process: loading, streaming, order, cancel, failures, crashes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.engine.client import EngineProcess
from reviewer.errors import ExitCode
from reviewer.project import machine_from_json

TIMEOUT = 120
# Each test starts an engine process, which imports torch and transformers: seconds each.
pytestmark = pytest.mark.slow


class Events:
    """Events from the engine, with a way to wait for one."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._changed = threading.Condition()

    def __call__(self, event: dict[str, Any]) -> None:
        with self._changed:
            self.items.append(event)
            self._changed.notify_all()

    def wait_for(self, test: Callable[[list[dict[str, Any]]], bool]) -> list[dict[str, Any]]:
        with self._changed:
            assert self._changed.wait_for(lambda: test(self.items), timeout=TIMEOUT), self.items
            return list(self.items)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [event for event in self.items if event["type"] == kind]


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
    engine.translate(PARAGRAPHS)
    events.wait_for(lambda items: any(e["type"] == "idle" for e in items))
    (loaded,) = events.of("loaded")
    assert loaded["model_id"] == str(tiny_model_master)
    assert loaded["backend"] == "transformers"
    translated = events.of("translated")
    assert sorted(e["id"] for e in translated) == sorted(p for p, _ in PARAGRAPHS)
    machine = machine_from_json(translated[0]["machine"])
    assert machine.text
    assert machine.model == str(tiny_model_master)


def test_priority_and_cancel_sent_while_loading_take_effect(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    engine.translate(PARAGRAPHS[:4])
    engine.prioritize("p4")
    engine.cancel()  # drops p1-p4 before the model is even loaded
    engine.translate(PARAGRAPHS[4:])
    engine.prioritize("p8")
    events.wait_for(lambda items: any(e["type"] == "idle" for e in items))
    order = [e["id"] for e in events.of("translated")]
    assert order[0] == "p8"
    assert sorted(order) == ["p5", "p6", "p7", "p8"]


def test_alternatives_come_with_a_confidence(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    engine.alternatives("p1", "القوات الأمريكية تغادر العراق", 3)
    events.wait_for(lambda items: any(e["type"] == "alternatives" for e in items))
    (event,) = events.of("alternatives")
    machine = machine_from_json(event["machine"])
    assert event["id"] == "p1"
    assert machine.score is not None
    assert len(machine.alternatives) <= 2
    assert machine.settings["num_beams"] == 3


def test_a_missing_model_is_a_fatal_failure_with_its_message(
    engine: EngineProcess, events: Events, tmp_path: Path
) -> None:
    engine.load(str(tmp_path / "no-model"))
    engine.translate(PARAGRAPHS[:1])
    items = events.wait_for(lambda items: len([e for e in items if e["type"] == "failed"]) >= 2)
    failed = [e for e in items if e["type"] == "failed"]
    assert failed[0]["fatal"]
    assert failed[0]["exit_code"] == ExitCode.MODEL_UNAVAILABLE
    assert "No model folder" in failed[0]["message"]
    assert "No model is loaded" in failed[1]["message"]
    assert engine.running  # the engine stays up: another model can be loaded


def test_a_crash_of_the_engine_is_reported_not_inherited(
    engine: EngineProcess, events: Events, tiny_model_master: Path
) -> None:
    engine.load(str(tiny_model_master), backend="transformers")
    events.wait_for(lambda items: any(e["type"] == "loaded" for e in items))
    engine.kill()
    items = events.wait_for(lambda items: any(e.get("crashed") for e in items))
    assert "stopped unexpectedly" in items[-1]["message"]
    assert not engine.running
