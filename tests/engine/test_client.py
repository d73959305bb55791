"""The engine process's environment: unbuffered UTF-8, and glibc's small-block cache off."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from reviewer.engine.client import ENGINE_TUNABLES, EngineProcess, engine_environment
from reviewer.engine.protocol import Event, Failed


def tunables(environment: dict[str, str]) -> list[str]:
    return environment["GLIBC_TUNABLES"].split(":")


def test_the_engine_gets_the_cache_off_and_keeps_the_rest_of_the_environment() -> None:
    environment = engine_environment({"HOME": "/home/r", "PYTHONIOENCODING": "latin-1"})
    assert tunables(environment) == ["glibc.malloc.tcache_count=0"]
    assert environment["HOME"] == "/home/r"
    assert environment["PYTHONUNBUFFERED"] == "1"
    assert environment["PYTHONIOENCODING"] == "utf-8"  # the protocol is UTF-8 lines


def test_the_users_other_tunables_are_kept_and_theirs_for_the_cache_wins() -> None:
    others = engine_environment({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"})
    assert tunables(others) == ["glibc.malloc.arena_max=2", "glibc.malloc.tcache_count=0"]
    own = "glibc.malloc.tcache_count=7:glibc.malloc.arena_max=2"
    assert engine_environment({"GLIBC_TUNABLES": own})["GLIBC_TUNABLES"] == own


def test_the_callers_own_environment_is_not_changed() -> None:
    base = {"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}
    engine_environment(base)
    assert base == {"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands for Python")
def test_the_engine_process_is_started_in_that_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")
    seen = tmp_path / "environment"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\nenv > "{seen}"\n', encoding="utf-8")
    python.chmod(0o755)
    gone = threading.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, Failed):
            gone.set()

    engine = EngineProcess(on_event, python=str(python))
    try:
        assert gone.wait(30)  # the stand-in wrote its environment and exited
    finally:
        engine.close()
    lines = seen.read_text(encoding="utf-8").splitlines()
    ours = ":".join(f"{name}={value}" for name, value in ENGINE_TUNABLES.items())
    assert f"GLIBC_TUNABLES=glibc.malloc.arena_max=2:{ours}" in lines
    assert "PYTHONUNBUFFERED=1" in lines
