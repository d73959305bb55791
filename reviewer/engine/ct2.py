"""The fast backend: the same Marian checkpoint run by CTranslate2, int8 on the CPU.

CTranslate2 is the fastest CPU engine for Marian models (Argos Translate uses it). The
transformers checkpoint is converted once, into the user's cache folder, and reused. The
tokens come from `reviewer.engine.pieces`, which does what transformers' MarianTokenizer does
from the same files without importing transformers or torch (the engine starts in a fraction
of the time), so both backends see the same tokens.
Batches run as parallel jobs of one thread each, which measured faster here than one job
using every core (see the README's benchmark).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from reviewer.engine.pieces import MarianPieces
from reviewer.engine.shortlist import use_shortlist
from reviewer.engine.types import DecodingSettings, Hypothesis, Interrupted
from reviewer.errors import ModelError

#: The most sentences one `translate` call takes (the scheduler's rounds are smaller).
ROUND_LIMIT = 256


def is_available() -> bool:
    """Whether CTranslate2 is installed."""
    try:
        import ctranslate2  # noqa: F401
    except ImportError:
        return False
    return True


def cuda_devices() -> int:
    """How many CUDA GPUs CTranslate2 can use here."""
    import ctranslate2

    return int(ctranslate2.get_cuda_device_count())


def converted_folder(revision: str, compute_type: str) -> Path:
    """Where the converted model of *revision* is kept."""
    cache = platformdirs.user_cache_path("reviewer", appauthor=False)
    return cache / "ctranslate2" / f"{revision}-{compute_type}"


class CTranslate2Translator:
    """A Marian model run by CTranslate2; implements `SentenceTranslator`."""

    def __init__(
        self,
        translator: Any,
        tokenizer: MarianPieces,
        *,
        model_id: str,
        revision: str,
        device: str,
        compute_type: str,
        settings: DecodingSettings,
        max_input_tokens: int,
        parallel_batches: int,
        forced_eos: bool,
        use_vmap: bool = False,
        converted: Path | None = None,
    ) -> None:
        self._translator = translator
        self._tokenizer = tokenizer
        self.model_id = model_id
        self.revision = revision
        self.device = device
        # The shortlist changes what the model may emit: part of the provenance, and of the
        # cache's keys.
        self.backend = f"ctranslate2-{compute_type}" + ("-shortlist" if use_vmap else "")
        self.use_vmap = use_vmap
        #: The converted model's folder (where a shortlist and its gate are kept).
        self.converted = converted
        self.settings = settings
        self.max_input_tokens = max_input_tokens
        self.parallel_batches = parallel_batches
        # A whole round of the scheduler in one call: `translate` balances it over the jobs.
        self.batch_size = ROUND_LIMIT
        self._forced_eos = forced_eos

    @classmethod
    def load(
        cls,
        folder: Path,
        *,
        model_id: str,
        revision: str,
        device: str = "cpu",
        settings: DecodingSettings | None = None,
        compute_type: str | None = None,
        shortlist: bool | None = None,
    ) -> CTranslate2Translator:
        """Convert (once) and load the checked transformers model folder *folder*.

        *shortlist*: decode with the output vocabulary shortlist beside the converted model
        (True), never (False), or as its recorded quality gate decides (None; the
        REVIEWER_SHORTLIST variable, "on" or "off", decides first). See `shortlist`."""
        import ctranslate2

        from reviewer.engine.pieces import model_settings

        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        compute_type = compute_type or ("int8" if device == "cpu" else "int8_float16")
        target = converted_folder(revision, compute_type)
        if not (target / "model.bin").is_file():
            _convert(folder, target, compute_type)
        jobs = (os.cpu_count() or 1) if device == "cpu" else 1
        if shortlist is None:
            shortlist = {"on": True, "off": False}.get(os.environ.get("REVIEWER_SHORTLIST", ""))
        use_vmap = use_shortlist(target, shortlist)
        tokenizer = MarianPieces.load(folder)
        config = model_settings(folder)
        try:
            translator = ctranslate2.Translator(
                str(target),
                device=device,
                compute_type=compute_type,
                inter_threads=jobs,
                intra_threads=1 if device == "cpu" else 0,
            )
        except Exception as error:  # CTranslate2 raises many kinds here
            raise ModelError(
                f"CTranslate2 could not load {target} ({error}). Delete that folder to "
                "convert the model again, or use --backend transformers."
            ) from None
        positions = int(config.get("max_position_embeddings", tokenizer.max_length))
        limit = min(positions, tokenizer.max_length)
        return cls(
            translator,
            tokenizer,
            model_id=model_id,
            revision=revision,
            device=device,
            compute_type=compute_type,
            settings=settings or DecodingSettings(),
            max_input_tokens=limit - 1,
            parallel_batches=jobs,
            forced_eos=config.get("forced_eos_token_id") is not None,
            use_vmap=use_vmap,
            converted=target,
        )

    def count_tokens(self, text: str) -> int:
        """Tokens of *text* without the end-of-sentence token."""
        return len(self._tokenizer.tokens(text))

    def translate(
        self,
        sentences: list[str],
        n_best: int = 1,
        *,
        interrupt: Callable[[], bool] | None = None,
    ) -> list[list[Hypothesis]]:
        """The *n_best* best translations of each sentence.

        One batch per parallel job, all queued at once: the sentences sorted longest first
        and dealt in turn, so every job gets its share of the long ones and the jobs finish
        together. CTranslate2 drops a sentence from its batch once it has ended, so a batch
        costs about as many decoder steps as its longest sentence: batches balanced by
        length beat many small sorted ones (benchmarks/translate_speed.py).
        """
        if not sentences:
            return []
        sources = [self._tokenizer.source_tokens(sentence) for sentence in sentences]
        stopped: list[bool] = []
        options: dict[str, Any] = {}
        if interrupt is not None and max(self.settings.num_beams, n_best) == 1:
            # Asked at every decoding step of every sentence (greedy decoding only): the
            # reviewer who moves to another paragraph waits a step, not the whole batch.
            def stop_here(_step: Any) -> bool:
                if stopped or interrupt():
                    stopped.append(True)
                    return True
                return False

            options["callback"] = stop_here
        order = sorted(range(len(sources)), key=lambda index: len(sources[index]), reverse=True)
        jobs = max(1, min(self.parallel_batches, len(order)))
        batches = [order[job::jobs] for job in range(jobs)]
        pending = []
        for batch in batches:
            longest = max(len(sources[index]) for index in batch) - 1
            maximum = self.settings.max_new_tokens(longest, self.max_input_tokens)
            # transformers forces the end token into the last place; match its output.
            maximum = max(1, maximum - 1) if self._forced_eos else maximum
            minimum = self.settings.min_new_tokens(longest, self.max_input_tokens)
            pending.extend(
                self._translator.translate_batch(
                    [sources[index] for index in batch],
                    asynchronous=True,
                    beam_size=max(self.settings.num_beams, n_best),
                    num_hypotheses=n_best,
                    max_decoding_length=maximum,
                    min_decoding_length=min(minimum, maximum) if minimum else 1,
                    max_input_length=0,
                    return_scores=True,
                    use_vmap=self.use_vmap,
                    **options,
                )
            )
        results: list[list[Hypothesis]] = [[] for _ in sentences]
        for index, job in zip((i for batch in batches for i in batch), pending, strict=True):
            result = job.result()
            results[index] = [
                Hypothesis(
                    self._tokenizer.text(tokens),
                    float(score) * max(1, len(tokens)),
                    len(tokens),
                    tuple(tokens),
                )
                for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
        if stopped:
            raise Interrupted
        return results


def _convert(folder: Path, target: Path, compute_type: str) -> None:
    from ctranslate2.converters import TransformersConverter

    from reviewer.engine import quiet_libraries

    quiet_libraries(import_transformers=True)  # converting is the one use of transformers here
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        TransformersConverter(str(folder)).convert(
            str(building), quantization=compute_type, force=True
        )
        if target.exists():
            shutil.rmtree(target)
        building.rename(target)
    except (OSError, ValueError, RuntimeError) as error:
        raise ModelError(
            f"The model in {folder} could not be converted for CTranslate2 ({error}). Use "
            "--backend transformers."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
