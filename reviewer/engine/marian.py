"""The reference backend: MarianMT with Hugging Face transformers on torch.

``MarianTokenizer`` and ``MarianMTModel`` are called directly (the translation pipeline is
deprecated): tokenize with padding, ``generate`` under ``torch.inference_mode()``, decode
without special tokens. torch and transformers are imported inside `load` alone, so nothing
pays for them until a model is really wanted.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reviewer.engine.types import DecodingSettings, Hypothesis, Interrupted, each_at_once
from reviewer.errors import ModelError


def pick_device(requested: str) -> str:
    """ "cpu" or "cuda" for a requested "auto", "cpu" or "cuda"."""
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ModelError("No CUDA GPU is available here. Use --device cpu (or auto).")
    if requested not in ("cpu", "cuda"):
        raise ModelError(f"Unknown device {requested!r}: use auto, cpu or cuda.")
    return requested


def cuda_available() -> bool:
    """Whether torch can use a CUDA GPU here."""
    import torch

    return bool(torch.cuda.is_available())


class MarianTranslator:
    """A Marian model loaded with transformers; implements `SentenceTranslator`."""

    backend = "transformers"
    #: Sentences per generate() call: sorted by length, 8 pad little and keep both cores busy
    #: (16 measured slower: the longest sentence sets every row's output budget).
    batch_size = 8
    streams = False

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        model_id: str,
        revision: str,
        device: str,
        settings: DecodingSettings,
    ) -> None:
        self._model = model
        self._tokenizer = tokenizer
        self.model_id = model_id
        self.revision = revision
        self.device = device
        self.settings = settings
        limit = min(
            int(model.config.max_position_embeddings),
            int(getattr(tokenizer, "model_max_length", 10**9)),
        )
        self.max_input_tokens = limit - 1  # Room for the end-of-sentence token.

    @classmethod
    def load(
        cls,
        folder: Path,
        *,
        model_id: str,
        revision: str,
        device: str = "auto",
        settings: DecodingSettings | None = None,
    ) -> MarianTranslator:
        """Load the (already checked) model folder *folder* onto *device*."""
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        device = pick_device(device)
        if device == "cpu":
            torch.set_num_threads(os.cpu_count() or 1)
        try:
            tokenizer = MarianTokenizer.from_pretrained(str(folder))
            model: Any = MarianMTModel.from_pretrained(
                str(folder), use_safetensors=True, trust_remote_code=False
            )
        except Exception as error:  # transformers and safetensors raise many kinds here
            raise ModelError(
                f"The model in {folder} could not be loaded ({type(error).__name__}: "
                f"{_first_line(error)}). It may be damaged: fetch it again."
            ) from None
        model.eval()
        model.to(device)
        return cls(
            model,
            tokenizer,
            model_id=model_id,
            revision=revision,
            device=device,
            settings=settings or DecodingSettings(),
        )

    def count_tokens(self, text: str) -> int:
        """Tokens of *text* without the end-of-sentence token."""
        return len(self._tokenizer(text, add_special_tokens=False).input_ids)

    def translate(
        self,
        sentences: list[str],
        n_best: int = 1,
        *,
        interrupt: Callable[[], bool] | None = None,
    ) -> list[list[Hypothesis]]:
        """The *n_best* best translations of each sentence, as one padded batch (*interrupt*
        is asked before it starts: a padded batch cannot drop its sentences midway)."""
        if interrupt is not None and interrupt():
            raise Interrupted
        import torch

        if not sentences:
            return []
        settings = self.settings
        beams = max(settings.num_beams, n_best)
        batch = self._tokenizer(sentences, return_tensors="pt", padding=True).to(self.device)
        source_tokens = int(batch["attention_mask"].sum(dim=1).max()) - 1
        with torch.inference_mode():
            output = self._model.generate(
                **batch,
                num_beams=beams,
                num_return_sequences=n_best,
                do_sample=False,
                max_new_tokens=settings.max_new_tokens(source_tokens, self.max_input_tokens),
                min_new_tokens=settings.min_new_tokens(source_tokens, self.max_input_tokens),
                output_scores=True,
                return_dict_in_generate=True,
            )
            transition = self._model.compute_transition_scores(
                output.sequences,
                output.scores,
                getattr(output, "beam_indices", None) if beams > 1 else None,
                normalize_logits=beams == 1,
            )
        sequences = output.sequences[:, 1:]  # Drop the decoder start token.
        pad = self._tokenizer.pad_token_id
        generated = sequences != pad
        finite = torch.isfinite(transition)
        log_probs = torch.where(generated & finite, transition, 0.0).sum(dim=1)
        token_counts = generated.sum(dim=1)
        texts = self._tokenizer.batch_decode(sequences, skip_special_tokens=True)
        hypotheses = [
            Hypothesis(text.strip(), float(log_prob), int(count))
            for text, log_prob, count in zip(texts, log_probs, token_counts, strict=True)
        ]
        return [hypotheses[index : index + n_best] for index in range(0, len(hypotheses), n_best)]

    def translate_each(
        self,
        sentences: list[str],
        *,
        interrupt: Callable[[], bool] | None = None,
        lead: int = 0,
    ) -> Iterator[tuple[int, Hypothesis]]:
        """Every sentence when the whole padded batch is done (see `translate`); *lead*
        makes no difference here."""
        return each_at_once(self, sentences, interrupt)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else ""


def quiet_transformers() -> None:
    """Turn off transformers' progress bars and warnings (see `quiet_libraries`)."""
    try:
        import transformers
    except ImportError:  # pragma: no cover - a dependency; an install without it is broken
        raise ModelError(
            "transformers is not installed. Install reviewer's dependencies again: "
            f"`{shlex.quote(sys.executable)} -m pip install 'transformers>=4.45'`."
        ) from None
    transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers.utils.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
