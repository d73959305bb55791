"""One contract for every translation backend: the real Marian backends (transformers and
CTranslate2, on the tiny model) and the stand-in the GUI tests use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewer.engine import ModelSource, load_backend
from reviewer.engine.types import SentenceTranslator
from tests.helpers.fake_translator import FakeTranslator

SENTENCES = ["القوات الأمريكية تغادر العراق", "العراق", "أعلن الرئيس جو بايدن"]


@pytest.fixture(params=["fake", "transformers", "ctranslate2"])
def backend(request: pytest.FixtureRequest, tiny_model_master: Path) -> SentenceTranslator:
    if request.param == "fake":
        return FakeTranslator()
    source = ModelSource(str(tiny_model_master), is_folder=True, origin="--model")
    return load_backend(source, backend=request.param)


def test_one_list_of_hypotheses_per_sentence_in_order(backend: SentenceTranslator) -> None:
    results = backend.translate(SENTENCES)
    assert len(results) == len(SENTENCES)
    assert all(len(options) == 1 for options in results)
    assert all(isinstance(options[0].text, str) and options[0].text for options in results)
    assert all(options[0].tokens > 0 and options[0].log_prob <= 0 for options in results)
    # Batching changes nothing: the longest sentence (whose output budget the batch shares)
    # gets the same translation alone.
    longest = max(range(len(SENTENCES)), key=lambda i: backend.count_tokens(SENTENCES[i]))
    assert backend.translate([SENTENCES[longest]])[0][0].text == results[longest][0].text


def test_n_best_are_ordered_best_first(backend: SentenceTranslator) -> None:
    (options,) = backend.translate([SENTENCES[0]], n_best=3)
    assert len(options) == 3
    scores = [h.log_prob / h.tokens for h in options]
    assert scores == sorted(scores, reverse=True)


def test_an_input_at_the_model_limit_is_accepted(backend: SentenceTranslator) -> None:
    words = ("العراق " * 400).split()
    sentence = " ".join(words)
    while backend.count_tokens(sentence) > backend.max_input_tokens:
        words.pop()
        sentence = " ".join(words)
    assert backend.count_tokens(sentence) == backend.max_input_tokens
    assert backend.translate([sentence])[0][0].text


def test_empty_input(backend: SentenceTranslator) -> None:
    assert backend.translate([]) == []


def test_it_names_itself_for_provenance(backend: SentenceTranslator) -> None:
    assert backend.model_id
    assert backend.revision
    assert backend.backend
    assert backend.device
    assert backend.batch_size >= 1
    assert backend.count_tokens("العراق") >= 1


def test_ctranslate2_float32_gives_the_transformers_translations(
    tiny_model_master: Path,
) -> None:
    from reviewer.engine.ct2 import CTranslate2Translator
    from reviewer.engine.folder import folder_revision

    source = ModelSource(str(tiny_model_master), is_folder=True, origin="--model")
    reference: Any = load_backend(source, backend="transformers")
    fast = CTranslate2Translator.load(
        tiny_model_master,
        model_id="tiny",
        revision=folder_revision(tiny_model_master),
        compute_type="float32",
    )
    for sentence in SENTENCES:
        assert fast.translate([sentence])[0][0].text == reference.translate([sentence])[0][0].text


def test_translate_each_gives_each_sentence_once_as_translate_does(
    backend: SentenceTranslator,
) -> None:
    """Streamed or not, each sentence comes once, with what `translate` gives it."""
    whole = backend.translate(SENTENCES)
    each = list(backend.translate_each(SENTENCES))
    assert sorted(index for index, _ in each) == list(range(len(SENTENCES)))
    for index, hypothesis in each:
        expected = whole[index][0]
        assert (hypothesis.text, hypothesis.tokens) == (expected.text, expected.tokens)
        assert hypothesis.pieces == expected.pieces
        assert hypothesis.log_prob == pytest.approx(expected.log_prob, rel=1e-4)
    assert list(backend.translate_each([])) == []
