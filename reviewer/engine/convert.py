"""Converting a pickle-only checkpoint (``pytorch_model.bin``) to safetensors, safely, once.

Pickle files can run code when loaded. The conversion loads them with torch's restricted
unpickler (``weights_only=True``), which accepts tensors and plain containers and refuses
anything else, then writes safetensors with the tokenizer and config beside them. reviewer
only ever loads the converted folder.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import platformdirs

from reviewer.errors import ModelError

#: Files copied as they are into the converted folder.
COPIED_FILES = (
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "source.spm",
    "target.spm",
)


def safe_copy(folder: Path, revision: str) -> Path:
    """A safetensors copy of the pickle-only model *folder* (a hub snapshot at *revision*),
    converted on first use into the user's cache folder."""
    cache = platformdirs.user_cache_path("reviewer", appauthor=False)
    destination = cache / "converted" / revision
    if not (destination / "model.safetensors").is_file():
        convert_to_safetensors(folder, destination)
    return destination


def convert_to_safetensors(folder: Path, destination: Path) -> Path:
    """Write a safetensors copy of the Marian model in *folder* to *destination*.

    The copy appears all at once (built beside it, then renamed), so an interrupted
    conversion leaves nothing half-written. Raises `ModelError` if the checkpoint holds
    anything but tensors.
    """
    import torch
    from safetensors.torch import save_file

    checkpoint = folder / "pytorch_model.bin"
    if not checkpoint.is_file():
        raise ModelError(f"{folder} has no pytorch_model.bin to convert.")
    try:
        state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    except Exception as error:  # The restricted unpickler raises UnpicklingError and others.
        raise ModelError(
            f"{checkpoint} holds more than tensors ({type(error).__name__}); it was not "
            "loaded, and nothing in it was run. Use a model from a source you trust."
        ) from None
    if not isinstance(state, dict) or not all(
        isinstance(key, str) and isinstance(value, torch.Tensor) for key, value in state.items()
    ):
        raise ModelError(f"{checkpoint} is not a model checkpoint (a mapping of tensors).")
    destination.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        # Tied weights share memory; safetensors stores each tensor once, so clone them apart.
        tensors = {key: value.contiguous().clone() for key, value in state.items()}
        save_file(tensors, str(building / "model.safetensors"), metadata={"format": "pt"})
        for name in COPIED_FILES:
            if (folder / name).is_file():
                shutil.copy2(folder / name, building / name)
        if destination.exists():
            shutil.rmtree(destination)
        building.rename(destination)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
    return destination
