"""Turning a model source into a checked local folder, before any weights are loaded.

A hub id is looked up in the Hugging Face cache first and downloaded only when that fails
and the machine is not marked offline; the download has a time limit, so an offline machine
gets a clear error, not a hang. A folder must hold a Marian model: a ``config.json`` of
``model_type`` "marian" that asks to run no code of its own, safetensors weights, and the
tokenizer's SentencePiece models and vocabulary. Anything else is refused with a message that
says what to do; nothing in a model folder is ever executed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reviewer.engine.locate import MODEL_ENVIRONMENT, ModelSource, local_copy_folder
from reviewer.errors import ModelError

TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
PICKLE_WEIGHTS = ("pytorch_model.bin",)
#: Seconds to wait for the hub before deciding the machine is offline.
HUB_TIMEOUT = 15
_FETCH_HINT = (
    "To use the machine translation offline, run `python models/fetch_model.py` once on a "
    f"machine that is online, or point --model or {MODEL_ENVIRONMENT} at a model folder."
)


def resolve_folder(source: ModelSource) -> Path:
    """The local folder holding *source*'s files (downloading from the hub if allowed)."""
    if source.is_folder:
        folder = Path(source.location)
        if not folder.is_dir():
            raise ModelError(f"No model folder at {folder} (from {source.origin}). {_FETCH_HINT}")
        return folder
    return _hub_snapshot(source.location)


def check_model_folder(folder: Path) -> None:
    """Refuse *folder* unless it holds a Marian model in safetensors with its tokenizer."""
    config_path = folder / "config.json"
    if not config_path.is_file():
        raise ModelError(
            f"{folder} holds no config.json, so it is not a transformers model folder. "
            f"{_FETCH_HINT}"
        )
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(
            f"{config_path} is damaged ({error}). Fetch the model again: {_FETCH_HINT}"
        ) from None
    if not isinstance(config, dict) or config.get("model_type") != "marian":
        kind = config.get("model_type") if isinstance(config, dict) else None
        raise ModelError(
            f"{folder} holds a {kind or 'unknown'} model, not a Marian translation model "
            "such as Helsinki-NLP/opus-mt-ar-en."
        )
    if "auto_map" in config:
        raise ModelError(
            f"{folder} asks to run code of its own (auto_map in config.json). reviewer never "
            "runs code from a model folder: use a standard Marian model."
        )
    if not any(folder.glob("*.safetensors")):
        pickled = [name for name in PICKLE_WEIGHTS if (folder / name).is_file()]
        if pickled:
            raise ModelError(
                f"{folder} has its weights only as a pickle checkpoint ({pickled[0]}), which "
                "reviewer does not load. Convert it once, safely, with "
                f"`python models/fetch_model.py --convert {folder}`."
            )
        raise ModelError(f"{folder} holds no model weights (*.safetensors). {_FETCH_HINT}")
    missing = [name for name in TOKENIZER_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(f"{folder} lacks the tokenizer files {', '.join(missing)}. {_FETCH_HINT}")


def folder_revision(folder: Path) -> str:
    """An identifier of the model's exact weights, for the translation cache.

    A hub snapshot folder is named by its commit; for any other folder a digest of its
    config and the size and time of its weight files stands in.
    """
    if folder.parent.name == "snapshots" and len(folder.name) == 40:
        return folder.name
    digest = hashlib.sha256((folder / "config.json").read_bytes())
    for weights in sorted(folder.glob("*.safetensors")):
        stat = weights.stat()
        digest.update(f"{weights.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return f"local-{digest.hexdigest()[:16]}"


def _hub_snapshot(hub_id: str) -> Path:
    # Imported here: only loading a model from the hub needs it.
    import huggingface_hub
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    patterns = ["*.json", "*.spm", "*.safetensors", *PICKLE_WEIGHTS]
    # Read at each call: huggingface_hub reads it only once, when imported.
    cache_dir = os.environ.get("HF_HUB_CACHE")
    try:
        return Path(
            huggingface_hub.snapshot_download(
                hub_id, allow_patterns=patterns, local_files_only=True, cache_dir=cache_dir
            )
        )
    except (LocalEntryNotFoundError, FileNotFoundError, OSError, ValueError):
        pass
    looked = (
        f"Looked in {local_copy_folder(hub_id)} and in the Hugging Face cache "
        f"({cache_dir or _default_hub_cache()})"
    )
    if _offline():
        raise ModelError(
            f"The model {hub_id} is not on this machine, and the machine is offline. "
            f"{looked}. {_FETCH_HINT}"
        )
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(HUB_TIMEOUT))
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(HUB_TIMEOUT))
    try:
        return Path(
            huggingface_hub.snapshot_download(hub_id, allow_patterns=patterns, cache_dir=cache_dir)
        )
    except (HfHubHTTPError, LocalEntryNotFoundError, OSError, ValueError) as error:
        raise ModelError(
            f"The model {hub_id} is not on this machine and could not be downloaded "
            f"({type(error).__name__}). {looked}. Check the connection and the model's name. "
            f"{_FETCH_HINT}"
        ) from None


def _default_hub_cache() -> str:
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def _offline() -> bool:
    return any(
        os.environ.get(name, "").lower() in ("1", "true", "yes", "on")
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )
