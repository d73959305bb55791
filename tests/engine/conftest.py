"""Fixtures of the engine tests (the tiny model itself is shared: tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def tiny_model(tiny_model_master: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model's folder."""
    return Path(shutil.copytree(tiny_model_master, tmp_path / "tiny-marian"))
