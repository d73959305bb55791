"""Behaviour that only the real opus-mt-ar-en weights show. Skipped where they are absent
(this project's CI cannot download them); run where `reviewer fetch-model` has been run."""

from __future__ import annotations

import pytest

from reviewer.engine import TranslationCache, load_translator
from reviewer.engine.locate import MODELS_FOLDER, local_copy_folder

# Looked up when the tests are collected, before the suite points the data folder elsewhere.
REAL_MODEL = next(
    (
        folder
        for folder in (local_copy_folder(), MODELS_FOLDER / "opus-mt-ar-en")
        if (folder / "config.json").is_file()
    ),
    None,
)
pytestmark = [
    pytest.mark.real_model,
    pytest.mark.skipif(
        REAL_MODEL is None,
        reason="the real opus-mt-ar-en model is not here (run `reviewer fetch-model`)",
    ),
]


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_the_real_model_translates_arabic_to_english(backend: str, tmp_path: object) -> None:
    translator = load_translator(
        str(REAL_MODEL), backend=backend, cache=TranslationCache(enabled=False)
    )
    machine = translator.translate_text(
        "القوات الأمريكية تغادر العراق بحلول نهاية العام. وقال الرئيس إن المهمة انتهت."
    )
    english = machine.text.lower()
    assert "iraq" in english
    assert "troops" in english or "forces" in english
    assert english.count(".") >= 2  # Both sentences came back, joined.
    assert machine.score is not None
    assert machine.score > 0.3
