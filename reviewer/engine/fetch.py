"""Getting a model onto this machine for good: ``reviewer fetch-model``.

Downloads a Marian model from the hub (or takes a folder you already have), makes sure its
weights are safetensors (a pickle checkpoint is converted once with torch's restricted
unpickler, so nothing in it can run), checks it, and puts it where reviewer looks for it:
the user's data folder. It then says how to carry the model to a machine that is offline.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from reviewer.engine.folder import PICKLE_WEIGHTS, check_model_folder, saved_hub_id
from reviewer.engine.locate import MODEL_ENVIRONMENT, local_copy_folder
from reviewer.engine.types import DEFAULT_MODEL
from reviewer.errors import ModelError


def fetch(hub_id: str = DEFAULT_MODEL) -> Path:
    """Download *hub_id* into the folder reviewer looks in; its path."""
    import huggingface_hub
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    folder = local_copy_folder(hub_id)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        download = Path(scratch) / folder.name
        try:
            huggingface_hub.snapshot_download(
                hub_id,
                local_dir=download,
                allow_patterns=["*.json", "*.spm", "*.safetensors", *PICKLE_WEIGHTS],
            )
        except (HfHubHTTPError, LocalEntryNotFoundError, OSError, ValueError) as error:
            raise ModelError(
                f"{hub_id} could not be downloaded ({type(error).__name__}). Check that this "
                "machine is online and that the name is right, then run this again."
            ) from None
        _record_name(download, hub_id)
        return _install(download, folder)


def adopt(source: Path) -> Path:
    """Put the model folder *source* (pickle or safetensors) where reviewer looks for it,
    converted to safetensors; its new path. *source* itself is not changed."""
    if not (source / "config.json").is_file():
        raise ModelError(f"{source} is not a model folder (it holds no config.json).")
    name = saved_hub_id(source) or source.name
    folder = local_copy_folder(name)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        copy = Path(scratch) / folder.name
        shutil.copytree(source, copy)
        return _install(copy, folder)


def carry_instructions(folder: Path) -> str:
    """How to use *folder*'s model on a machine without a network."""
    return (
        f"To use it on a machine that is offline, copy the folder {folder} to the same place "
        f"there ({folder.parent} must exist), or anywhere and set {MODEL_ENVIRONMENT} to the "
        "copy's path."
    )


def _install(download: Path, folder: Path) -> Path:
    """Make *download* safetensors, check it, and move it to *folder* in one step."""
    from reviewer.engine.convert import convert_to_safetensors

    if not any(download.glob("*.safetensors")):
        with tempfile.TemporaryDirectory(dir=download.parent) as scratch:
            converted = convert_to_safetensors(download, Path(scratch) / "converted")
            shutil.move(str(converted / "model.safetensors"), download / "model.safetensors")
    for name in PICKLE_WEIGHTS:
        (download / name).unlink(missing_ok=True)
    check_model_folder(download)
    if folder.exists():
        shutil.rmtree(folder)
    download.rename(folder)
    return folder


def _record_name(folder: Path, hub_id: str) -> None:
    """Note the hub id in the copy's config, so translations name the model by it."""
    path = folder / "config.json"
    try:
        config = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return
    if isinstance(config, dict):
        config["_name_or_path"] = hub_id
        path.write_text(json.dumps(config, indent=2), "utf-8")
