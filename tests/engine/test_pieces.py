"""The engine's own Marian tokenizer against transformers' MarianTokenizer, on real Arabic and
English (the UDHR, Sahih Muslim: tests/helpers/corpora.py) and on the cases that are not text,
and the CTranslate2 engine starting without transformers or torch."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.engine.pieces import MarianPieces
from tests.helpers.corpora import hadith_texts, udhr_pairs

EDGES = [
    "",
    "   ",
    "a </s> b",
    "<unk>",
    "x<pad>y",
    ">>fr<< bonjour",
    "  spaces at both ends  ",
    "tab\there",
    "نص\u200fمع\u200eعلامات",
    "٣٫٥ مليون و2,500",
]


@pytest.fixture(scope="module")
def both(tiny_model_master: Path) -> tuple[object, MarianPieces]:
    from transformers import MarianTokenizer

    return MarianTokenizer.from_pretrained(str(tiny_model_master)), MarianPieces.load(
        tiny_model_master
    )


def test_the_tokens_are_marian_tokenizers_on_real_text(
    both: tuple[object, MarianPieces],
) -> None:
    reference, ours = both
    texts = [text for pair in udhr_pairs() for text in pair] + hadith_texts()[:300] + EDGES
    for text in texts:
        expected = reference.convert_ids_to_tokens(reference(text).input_ids)  # type: ignore[attr-defined]
        assert ours.source_tokens(text) == expected, text[:60]
        assert ours.tokens(text) == expected[:-1]
    assert ours.max_length == reference.model_max_length  # type: ignore[attr-defined]


def test_output_tokens_read_back_as_marian_tokenizer_reads_them(
    both: tuple[object, MarianPieces],
) -> None:
    reference, ours = both
    vocabulary = list(reference.get_vocab())  # type: ignore[attr-defined]
    draw = random.Random(5)
    for _ in range(1000):
        tokens = [draw.choice(vocabulary) for _ in range(draw.randint(0, 12))]
        assert ours.text(tokens) == reference.convert_tokens_to_string(tokens), tokens  # type: ignore[attr-defined]


def test_the_ctranslate2_engine_starts_without_transformers_or_torch(
    tiny_model_master: Path,
) -> None:
    pytest.importorskip("ctranslate2")
    load = (
        "from reviewer.engine import ModelSource, load_backend\n"
        f"source = ModelSource({str(tiny_model_master)!r}, is_folder=True, origin='--model')\n"
        "backend = load_backend(source, backend='ctranslate2')\n"
        "text = backend.translate(['العراق'])[0][0].text\n"
    )
    # The first start converts the model (with transformers); the next ones need none of it.
    subprocess.run([sys.executable, "-c", load], check=True, capture_output=True)
    check = load + "import sys\nprint('torch' in sys.modules, 'transformers' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", check], check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["False", "False"]
