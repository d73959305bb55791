"""Fetch the default translation model into models/ for offline use, stored as safetensors.

    .venv/bin/python models/fetch_model.py                  # Helsinki-NLP/opus-mt-ar-en
    .venv/bin/python models/fetch_model.py --model Helsinki-NLP/opus-mt-ar-fr
    .venv/bin/python models/fetch_model.py --convert FOLDER  # a pickle-only folder you have

Run it once on a machine that is online; reviewer then finds the model in
models/opus-mt-ar-en with no network. A checkpoint that exists only as a pickle
(pytorch_model.bin) is converted once to safetensors with torch's restricted unpickler, which
loads tensors and refuses anything else, so nothing in the file can run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.engine.convert import convert_to_safetensors
from reviewer.engine.folder import PICKLE_WEIGHTS, check_model_folder
from reviewer.engine.locate import local_copy_folder
from reviewer.engine.types import DEFAULT_MODEL
from reviewer.errors import ReviewerError


def fetch(hub_id: str) -> Path:
    """Download *hub_id*'s tokenizer, config and weights into models/, then make sure the
    weights are safetensors."""
    import huggingface_hub

    folder = local_copy_folder(hub_id)
    print(f"Downloading {hub_id} into {folder} ...")
    huggingface_hub.snapshot_download(
        hub_id,
        local_dir=folder,
        allow_patterns=["*.json", "*.spm", "*.safetensors", *PICKLE_WEIGHTS],
    )
    return folder


def ensure_safetensors(folder: Path) -> None:
    """Convert *folder*'s pickle checkpoint to model.safetensors beside it, if needed."""
    if any(folder.glob("*.safetensors")):
        return
    print(f"Converting {folder / 'pytorch_model.bin'} to safetensors (safely, once) ...")
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        converted = convert_to_safetensors(folder, Path(scratch) / "converted")
        shutil.move(str(converted / "model.safetensors"), folder / "model.safetensors")
    (folder / "pytorch_model.bin").unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="hub id to fetch")
    parser.add_argument("--convert", type=Path, metavar="FOLDER", help="convert this folder")
    arguments = parser.parse_args()
    try:
        folder = arguments.convert or fetch(arguments.model)
        ensure_safetensors(folder)
        check_model_folder(folder)
    except ReviewerError as error:
        print(f"fetch_model: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"fetch_model: error: {error}. Is this machine online?", file=sys.stderr)
        return 1
    print(f"Ready: {folder}. reviewer will use it (or pass --model {folder}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
