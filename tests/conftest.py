"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must never try to reach a display, here or in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = ROOT / "resources" / "sample_article.txt"
SAMPLE_PARAGRAPHS = 23


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's data, cache and config folders."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        monkeypatch.setenv(variable, str(home / folder))


@pytest.fixture
def sample_text() -> str:
    """The bundled sample article, as text."""
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_model_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny Marian model, built once per session; tests that change a model folder copy
    it first (the `tiny_model` fixture of tests/engine)."""
    from reviewer.engine import quiet_libraries
    from tests.helpers.tiny_marian import build_tiny_marian

    quiet_libraries()
    return build_tiny_marian(tmp_path_factory.mktemp("models") / "tiny-marian", init_std=0.5)
