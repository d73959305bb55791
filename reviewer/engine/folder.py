"""Turning a model source into a checked local folder, before any weights are loaded.

A hub id is looked up in the Hugging Face cache first and downloaded only when that fails
and the machine is not marked offline; the download has a time limit, so an offline machine
gets a clear error, not a hang. A folder must hold a Marian model: a ``config.json`` of
``model_type`` "marian" that asks to run no code of its own, safetensors weights, and the
tokenizer's SentencePiece models and vocabulary. Anything else is refused with a message that
says what to do; nothing in a model folder is ever executed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

from reviewer.engine.locate import ModelSource, fetch_command, fetch_hint, local_copy_folder
from reviewer.errors import ModelError
from reviewer.hashing import sha256
from reviewer.storage import UnreadableFile, read_regular_file

TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
PICKLE_WEIGHTS = ("pytorch_model.bin",)
#: Seconds to wait for the hub before deciding the machine is offline.
HUB_TIMEOUT = 15


def resolve_folder(source: ModelSource) -> Path:
    """The local folder holding *source*'s files (downloading from the hub if allowed)."""
    if source.is_folder:
        folder = Path(source.location)
        if not folder.is_dir():
            raise ModelError(f"No model folder at {folder} (from {source.origin}). {fetch_hint()}")
        return folder
    return _hub_snapshot(source.location)


def check_model_folder(folder: Path) -> None:
    """Refuse *folder* unless it holds a Marian model in safetensors with its tokenizer."""
    config_path = folder / "config.json"
    if not config_path.exists():
        raise ModelError(
            f"{folder} holds no config.json, so it is not a transformers model folder. "
            f"{fetch_hint()}"
        )
    try:
        config = json.loads(read_regular_file(config_path, MAX_CONFIG_BYTES).decode("utf-8"))
    except (OSError, UnreadableFile, ValueError, RecursionError) as error:
        # ValueError: bad UTF-8, bad JSON, a number too long to read; RecursionError: nesting.
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)[:200]
        raise ModelError(
            f"{config_path} is damaged ({detail}). Fetch the model again: {fetch_hint()}"
        ) from None
    if not isinstance(config, dict) or config.get("model_type") != "marian":
        kind = config.get("model_type") if isinstance(config, dict) else None
        raise ModelError(
            f"{folder} holds a {kind or 'unknown'} model, not a Marian translation model "
            "such as Helsinki-NLP/opus-mt-ar-en."
        )
    _check_sizes(config, config_path)
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
                f"`{fetch_command()} --convert {shlex.quote(str(folder))}`."
            )
        raise ModelError(f"{folder} holds no model weights (*.safetensors). {fetch_hint()}")
    missing = [name for name in TOKENIZER_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(f"{folder} lacks the tokenizer files {', '.join(missing)}. {fetch_hint()}")


#: The largest config.json read (a real one is about 1.5 KB).
MAX_CONFIG_BYTES = 1 << 20
#: Sane upper bounds of a Marian model's sizes, checked before anything is built: a config
#: asking for 100,000 layers or 10^9 positions had the backends try to allocate gigabytes,
#: and fail only minutes later. opus-mt-ar-en has 6 + 6 layers of 512, 62,834 pieces and
#: 512 positions; the largest Marian models are far inside these bounds too.
SIZE_LIMITS = {
    "d_model": 8192,
    "encoder_layers": 64,
    "decoder_layers": 64,
    "encoder_attention_heads": 128,
    "decoder_attention_heads": 128,
    "encoder_ffn_dim": 65536,
    "decoder_ffn_dim": 65536,
    "vocab_size": 1_000_000,
    "decoder_vocab_size": 1_000_000,
    "max_position_embeddings": 8192,
    "max_length": 8192,
    "num_beams": 64,
}
#: Parameters at most (opus-mt-ar-en has about 76 million).
MAX_PARAMETERS = 2_000_000_000


def _check_sizes(config: dict[str, object], config_path: Path) -> None:
    sizes: dict[str, int] = {}
    for key, limit in SIZE_LIMITS.items():
        value = config.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= limit:
            raise ModelError(
                f"{config_path} asks for {key} = {str(value)[:40]}, outside what a translation "
                f"model uses (1 to {limit:,}). The folder is damaged or not a Marian model: "
                f"{fetch_hint()}"
            )
        sizes[key] = value
    width = sizes.get("d_model", 512)
    layers = sizes.get("encoder_layers", 6) + sizes.get("decoder_layers", 6)
    feed_forward = max(sizes.get("encoder_ffn_dim", 2048), sizes.get("decoder_ffn_dim", 2048))
    vocabulary = sizes.get("vocab_size", 60_000) + sizes.get("decoder_vocab_size", 0)
    parameters = (
        vocabulary * width
        + layers * (4 * width * width + 2 * width * feed_forward)
        + 2 * sizes.get("max_position_embeddings", 512) * width
    )
    if parameters > MAX_PARAMETERS:
        raise ModelError(
            f"{config_path} describes a model of about {parameters / 1e9:.0f} billion "
            "parameters, far beyond a Marian translation model. The folder is damaged or "
            f"not the right model: {fetch_hint()}"
        )


#: A hub id such as Helsinki-NLP/opus-mt-ar-en (owner/name), not a path.
_HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*")


def saved_hub_id(folder: Path) -> str | None:
    """The hub id *folder*'s model was saved from, if its config.json says (a path there
    is not one: it names some machine's folder)."""
    try:
        config = json.loads(read_regular_file(folder / "config.json", MAX_CONFIG_BYTES))
    except (OSError, UnreadableFile, ValueError, RecursionError):
        return None
    name = config.get("_name_or_path") if isinstance(config, dict) else None
    return name if isinstance(name, str) and _HUB_ID.fullmatch(name) else None


def folder_revision(folder: Path) -> str:
    """An identifier of the model's exact weights, for the translation cache.

    A hub snapshot folder is named by its commit; for any other folder a digest of its
    config and the size and time of its weight files stands in.
    """
    if folder.parent.name == "snapshots" and len(folder.name) == 40:
        return folder.name
    digest = sha256((folder / "config.json").read_bytes())
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
            f"{looked}. {fetch_hint()}"
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
            f"{fetch_hint()}"
        ) from None


def _default_hub_cache() -> str:
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def _offline() -> bool:
    return any(
        os.environ.get(name, "").lower() in ("1", "true", "yes", "on")
        for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )
