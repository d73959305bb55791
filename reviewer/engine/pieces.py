"""A Marian model's tokens without transformers: its two SentencePiece models, read
directly.

CTranslate2 takes and gives tokens, so the tokenizer is all it needs of transformers, and
importing transformers (and torch with it) took about 1.9 s of the engine's 2.4 s cold start.
This gives the model what ``MarianTokenizer`` gives it for a Marian model with one shared
vocabulary (tests/engine/test_pieces.py compares the two on real Arabic and English): the
source model cuts the text into pieces, ``</s>`` ends the input; the target model joins the
output pieces back into text. A piece the vocabulary lacks (a character the source model
never saw, or a piece the model was not trained with) is passed on as it is: CTranslate2,
which holds the model's vocabulary, reads it as ``<unk>`` as MarianTokenizer does. Keeping
the 62,834-word ``vocab.json`` here as well took 11 MB of the engine's memory, and even
reading it only to check it left 3.7 MB behind: the CTranslate2 backend checks its own copy
of the vocabulary instead, line by line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from reviewer.errors import ModelError

EOS, UNK, PAD = "</s>", "<unk>", "<pad>"
SPECIAL_TOKENS = (EOS, UNK, PAD)
#: What MarianTokenizer assumes when the folder does not say.
DEFAULT_MAX_LENGTH = 512
_SPECIAL = re.compile("(" + "|".join(re.escape(token) for token in SPECIAL_TOKENS) + ")")
_WORD_START = "\u2581"


class MarianPieces:
    """Turns text into a Marian model's input tokens, and its output tokens into text."""

    def __init__(self, source: Any, target: Any, max_length: int):
        self._source = source
        self._target = target
        #: The longest input the tokenizer allows (``model_max_length``).
        self.max_length = max_length

    @classmethod
    def load(cls, folder: Path) -> MarianPieces:
        """The tokenizer files of the model folder *folder* (ModelError if they are wrong)."""
        import sentencepiece

        try:
            source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
            target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
            settings = _json_or_empty(folder / "tokenizer_config.json")
        except (OSError, RuntimeError, ValueError) as error:
            raise ModelError(
                f"The tokenizer files of {folder} cannot be read ({error}). Fetch the model "
                "again (reviewer fetch-model)."
            ) from None
        if (folder / "target_vocab.json").exists():
            raise ModelError(f"{folder} has separate vocabularies, which this reader does not.")
        max_length = settings.get("model_max_length", DEFAULT_MAX_LENGTH)
        if not isinstance(max_length, int) or max_length > 10**6:
            max_length = DEFAULT_MAX_LENGTH  # transformers' "no limit" is a huge number
        return cls(source, target, max_length)

    def tokens(self, text: str) -> list[str]:
        """*text* as the model's tokens, without the end-of-sentence token (a piece the
        vocabulary lacks as it is: the model reads it as ``<unk>``)."""
        tokens: list[str] = []
        for part in _SPECIAL.split(text):
            if part in SPECIAL_TOKENS:
                tokens.append(part)
            elif part.strip():
                tokens.extend(self._pieces(part.strip()))
        return tokens

    def source_tokens(self, text: str) -> list[str]:
        """*text* as the model takes it: its tokens and the end-of-sentence token."""
        return [*self.tokens(text), EOS]

    def text(self, tokens: list[str]) -> str:
        """The text the model's output *tokens* spell (special tokens kept as written)."""
        out, pending = "", list[str]()
        for token in tokens:
            if token in SPECIAL_TOKENS:
                out += str(self._target.decode_pieces(pending)) + token + " "
                pending = []
            else:
                pending.append(token)
        out += self._target.decode_pieces(pending)
        return str(out).replace(_WORD_START, " ").strip()

    def _pieces(self, text: str) -> list[str]:
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return [*code, *self._source.encode(text, out_type=str)]


def model_settings(folder: Path) -> dict[str, Any]:
    """The model's ``config.json`` (what MarianConfig would read), as a dictionary."""
    settings = _json_or_empty(folder / "config.json")
    if not settings:
        raise ModelError(f"{folder} has no readable config.json.")
    return settings


def _json_or_empty(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    value = json.loads(path.read_text("utf-8"))
    return value if isinstance(value, dict) else {}


__all__ = ["EOS", "UNK", "MarianPieces", "model_settings"]
