"""Fixtures of the engine tests: a tiny Marian model, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.tiny_marian import build_tiny_marian


@pytest.fixture(scope="session")
def tiny_model_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model, built once; tests that change a model folder copy it first."""
    from reviewer.engine import quiet_libraries

    quiet_libraries()
    return build_tiny_marian(tmp_path_factory.mktemp("models") / "tiny-marian", init_std=0.5)


@pytest.fixture
def tiny_model(tiny_model_master: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model's folder."""
    return Path(shutil.copytree(tiny_model_master, tmp_path / "tiny-marian"))
