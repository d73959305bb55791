"""The translation engine: a MarianMT model (default Helsinki-NLP/opus-mt-ar-en), run locally.

`load_translator` finds the model (see `locate`), checks its folder, loads it with the best
backend installed and wraps it with the cache in a `Translator`. Nothing here imports torch,
transformers or CTranslate2 at module level: they are imported when a model is loaded.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from reviewer.engine.cache import TranslationCache
from reviewer.engine.folder import (
    check_model_folder,
    folder_revision,
    resolve_folder,
    saved_hub_id,
)
from reviewer.engine.locate import ModelSource, choose_source
from reviewer.engine.scheduler import (
    ParagraphRequest,
    ParagraphResult,
    TranslationQueue,
    Translator,
)
from reviewer.engine.types import DEFAULT_MODEL, DecodingSettings, Hypothesis, SentenceTranslator
from reviewer.errors import ModelError

__all__ = [
    "BACKENDS",
    "DEFAULT_MODEL",
    "DecodingSettings",
    "Hypothesis",
    "ModelSource",
    "ParagraphRequest",
    "ParagraphResult",
    "SentenceTranslator",
    "TranslationCache",
    "TranslationQueue",
    "Translator",
    "load_backend",
    "load_translator",
    "quiet_libraries",
]

#: Backend names for --backend. "auto" picks CTranslate2 when it is installed.
BACKENDS = ("auto", "ctranslate2", "transformers")
#: Device names for --device. "auto" uses a GPU where there is one.
DEVICES = ("auto", "cpu", "cuda")


def load_translator(
    model: str | None = None,
    *,
    device: str = "auto",
    backend: str = "auto",
    settings: DecodingSettings | None = None,
    cache: TranslationCache | None = None,
    shortlist: bool | None = None,
) -> Translator:
    """Load the translation model and return a ready `Translator`.

    *model* is an explicit hub id or folder (``--model``); without it the usual places are
    tried (`choose_source`). Raises `ModelError`, saying where it looked and what to do,
    when no usable model is found.
    """
    return Translator(
        load_backend(
            choose_source(model),
            device=device,
            backend=backend,
            settings=settings,
            shortlist=shortlist,
        ),
        cache if cache is not None else TranslationCache(),
    )


def load_backend(
    source: ModelSource,
    *,
    device: str = "auto",
    backend: str = "auto",
    settings: DecodingSettings | None = None,
    shortlist: bool | None = None,
) -> SentenceTranslator:
    """Load the model at *source* with *backend* ("auto", "ctranslate2", "transformers");
    *shortlist* is CTranslate2's output shortlist (reviewer.engine.shortlist)."""
    if backend not in BACKENDS:
        raise ModelError(f"Unknown backend {backend!r}: use {', '.join(BACKENDS)}.")
    from reviewer.engine import ct2

    use_ct2 = backend == "ctranslate2" or (backend == "auto" and ct2.is_available())
    _check_device(device, use_ct2=use_ct2)
    # CTranslate2 runs without transformers (and torch): importing them was 1.9 s of its
    # cold start. They are imported for the transformers backend and to convert a model.
    quiet_libraries(import_transformers=not use_ct2)
    folder = resolve_folder(source)
    if not source.is_folder and not any(folder.glob("*.safetensors")):
        from reviewer.engine.convert import safe_copy

        # Hub models of the opus-mt family ship pickle weights only: convert them once.
        revision = folder.name
        folder = safe_copy(folder, revision)
        check_model_folder(folder)
    else:
        check_model_folder(folder)
        revision = folder_revision(folder)
    model_id = model_name(source, folder)
    if use_ct2:
        if not ct2.is_available():
            raise ModelError(
                "CTranslate2 is not installed. Install it with "
                f"`{shlex.quote(sys.executable)} -m pip install ctranslate2`, or use "
                "--backend transformers."
            )
        return ct2.CTranslate2Translator.load(
            folder,
            model_id=model_id,
            revision=revision,
            device=device,
            settings=settings,
            shortlist=shortlist,
        )
    from reviewer.engine.marian import MarianTranslator

    return MarianTranslator.load(
        folder, model_id=model_id, revision=revision, device=device, settings=settings
    )


def _check_device(device: str, *, use_ct2: bool) -> None:
    """Refuse a device this machine cannot run, before anything is converted or loaded
    (once, the same way for both backends)."""
    if device not in DEVICES:
        raise ModelError(f"Unknown device {device!r}: use {', '.join(DEVICES)}.")
    if device != "cuda":
        return
    if use_ct2:
        from reviewer.engine import ct2

        available = ct2.is_available() and ct2.cuda_devices() > 0
    else:
        from reviewer.engine.marian import cuda_available

        available = cuda_available()
    if not available:
        raise ModelError(
            "No CUDA GPU is available here (no NVIDIA GPU, or no CUDA build of the backend). "
            "Use --device cpu, or --device auto to use a GPU only where there is one."
        )


def model_name(source: ModelSource, folder: Path) -> str:
    """The model's name as translations record it and exports show it: the hub id, never a
    path on the reviewer's machine (exports travel to clients and colleagues). A folder is
    named by the hub id it was saved from, if its config says, else by its own name."""
    if not source.is_folder:
        return source.location
    return saved_hub_id(folder) or folder.name


def quiet_libraries(*, import_transformers: bool = True) -> None:
    """Silence the progress bars and chatter transformers and the hub print on their own
    (importing transformers to tell it so, unless *import_transformers* is False)."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if import_transformers:
        from reviewer.engine.marian import quiet_transformers

        quiet_transformers()
