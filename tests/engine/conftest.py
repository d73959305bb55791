"""Fixtures of the engine tests (the tiny model itself is shared: tests/conftest.py)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reviewer.engine import DecodingSettings, Translator
from reviewer.engine.scheduler import TranslationQueue

if TYPE_CHECKING:
    from reviewer.engine.ct2 import CTranslate2Translator


@pytest.fixture
def tiny_model(tiny_model_master: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny model's folder."""
    return Path(shutil.copytree(tiny_model_master, tmp_path / "tiny-marian"))


def load_ct2(folder: Path, shortlist: bool | None = None) -> CTranslate2Translator:
    """The model in *folder* with CTranslate2 (int8, greedy), converted once per folder."""
    pytest.importorskip("ctranslate2")
    from reviewer.engine.ct2 import CTranslate2Translator
    from reviewer.engine.folder import folder_revision

    return CTranslate2Translator.load(
        folder,
        model_id="tiny",
        revision=folder_revision(folder),
        settings=DecodingSettings(num_beams=1),
        shortlist=shortlist,
    )


def translate_in_background(
    translator: Translator, queue: TranslationQueue
) -> tuple[threading.Thread, list[str]]:
    """A started thread translating *queue* with *translator*, and the ids of the paragraphs
    it delivers, in order, as they come."""
    delivered: list[str] = []
    worker = threading.Thread(
        target=lambda: delivered.extend(r.id for r in translator.translate_paragraphs(queue))
    )
    worker.start()
    return worker, delivered
