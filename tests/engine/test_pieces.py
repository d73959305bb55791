"""The engine's own Marian tokenizer against transformers' MarianTokenizer, on real Arabic and
English (the UDHR, Sahih Muslim: tests/helpers/corpora.py) and on the cases that are not text,
and the CTranslate2 engine starting without transformers or torch."""

from __future__ import annotations

import os
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
    "漢字 😀 ∮ نص",  # characters neither SentencePiece model has seen
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
    """The same tokens, once a piece the vocabulary lacks is read as <unk>, which is what
    CTranslate2 does with it (the next test)."""
    reference, ours = both
    vocabulary = reference.get_vocab()  # type: ignore[attr-defined]
    texts = [text for pair in udhr_pairs() for text in pair] + hadith_texts()[:300] + EDGES
    absent = 0
    for text in texts:
        expected = reference.convert_ids_to_tokens(reference(text).input_ids)  # type: ignore[attr-defined]
        given = ours.source_tokens(text)
        assert [t if t in vocabulary else "<unk>" for t in given] == expected, text[:60]
        assert ours.tokens(text) == given[:-1]
        absent += sum(t not in vocabulary for t in given)
    assert absent  # the texts do have pieces the vocabulary lacks
    assert ours.max_length == reference.model_max_length  # type: ignore[attr-defined]


def test_ctranslate2_reads_a_piece_the_vocabulary_lacks_as_unk(
    both: tuple[object, MarianPieces], tiny_model_master: Path
) -> None:
    """The engine passes such a piece on as it is: the model gets <unk> all the same."""
    pytest.importorskip("ctranslate2")
    from reviewer.engine import ModelSource, load_backend

    reference, ours = both
    vocabulary = reference.get_vocab()  # type: ignore[attr-defined]
    given = ours.source_tokens("漢字 😀 ∮ نص")
    assert any(t not in vocabulary for t in given)
    source = ModelSource(str(tiny_model_master), is_folder=True, origin="--model")
    translator = load_backend(source, backend="ctranslate2")._translator  # type: ignore[attr-defined]
    pieces = sorted(vocabulary, key=vocabulary.__getitem__)
    target = pieces[10:20]

    def scores(instead: str) -> list[float]:
        """What the model makes of *target* after the source, its absent pieces *instead*."""
        read = [t if t in vocabulary else instead for t in given]
        return list(translator.score_batch([read], [target])[0].log_probs)

    as_given = list(translator.score_batch([given], [target])[0].log_probs)
    assert as_given == scores("<unk>")
    assert as_given != scores(pieces[100])  # another piece there: the model would tell


def test_output_tokens_read_back_as_marian_tokenizer_reads_them(
    both: tuple[object, MarianPieces],
) -> None:
    reference, ours = both
    vocabulary = list(reference.get_vocab())  # type: ignore[attr-defined]
    draw = random.Random(5)
    for _ in range(1000):
        tokens = [draw.choice(vocabulary) for _ in range(draw.randint(0, 12))]
        assert ours.text(tokens) == reference.convert_tokens_to_string(tokens), tokens  # type: ignore[attr-defined]


def test_the_ctranslate2_engine_starts_without_transformers_torch_asyncio_or_openssl(
    tiny_model_master: Path, tmp_path: Path
) -> None:
    """Not even the first time, when the model is converted (with transformers): that is
    done in a child process, and the engine does not keep its memory for the session."""
    pytest.importorskip("ctranslate2")
    check = (
        "import sys\n"
        "from reviewer.engine import ModelSource, load_backend\n"
        f"source = ModelSource({str(tiny_model_master)!r}, is_folder=True, origin='--model')\n"
        "backend = load_backend(source, backend='ctranslate2')\n"
        "text = backend.translate(['العراق'])[0][0].text\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules)\n"
        # Nor asyncio (and ssl) for CTranslate2's asynchronous extensions, which still work.
        "print('asyncio' in sys.modules, 'ssl' in sys.modules)\n"
        # Nor OpenSSL, for hashlib (3.4 MB): the engine's modules hash with reviewer.hashing.
        "import reviewer.engine.service, reviewer.engine.cache\n"
        "print('_hashlib' in sys.modules)\n"
        "import asyncio, ctranslate2.extensions\n"
        "print(ctranslate2.extensions.asyncio.Queue is asyncio.Queue)\n"
    )
    environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))  # nothing converted yet
    for _ in ("converting", "converted"):
        done = subprocess.run(
            [sys.executable, "-c", check],
            check=True,
            capture_output=True,
            text=True,
            env=environment,
        )
        assert done.stdout.split() == ["False", "False", "False", "False", "False", "True"]
    assert list(tmp_path.glob("reviewer/ctranslate2/*/model.bin"))


def test_a_module_imported_on_first_use_is_the_real_one_when_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stand-in ctranslate2's extensions get for asyncio: used, it imports the real
    module, which takes its place (here colorsys, which nothing here imports)."""
    from reviewer.engine.ct2 import _ImportedOnFirstUse

    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    stand_in = _ImportedOnFirstUse("colorsys")
    monkeypatch.setitem(sys.modules, "colorsys", stand_in)
    assert stand_in.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert sys.modules["colorsys"] is not stand_in
    assert sys.modules["colorsys"].rgb_to_hsv is stand_in.rgb_to_hsv
