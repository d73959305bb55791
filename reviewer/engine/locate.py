"""Where the translation model comes from, in order:

1. an explicit choice (``--model``): a hub id or a local folder;
2. the ``REVIEWER_MODEL`` environment setting: the same;
3. a copy under ``models/`` (``models/opus-mt-ar-en``, fetched by ``models/fetch_model.py``);
4. the Hugging Face cache, or a download from the hub when the machine is online.

No torch here: this only decides where to look, and remembers where it looked for the message
when nothing is found.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from reviewer.engine.types import DEFAULT_MODEL

MODEL_ENVIRONMENT = "REVIEWER_MODEL"
#: The folder of local model copies, beside the package in a checkout.
MODELS_FOLDER = Path(__file__).resolve().parents[2] / "models"


@dataclasses.dataclass(frozen=True)
class ModelSource:
    """A place to load a model from."""

    #: A local folder, or a hub id.
    location: str
    is_folder: bool
    #: How the source was chosen, for messages: "--model", "REVIEWER_MODEL", "models/", "hub".
    origin: str


def local_copy_folder(hub_id: str = DEFAULT_MODEL) -> Path:
    """Where ``models/fetch_model.py`` keeps a copy of *hub_id*."""
    return MODELS_FOLDER / hub_id.rsplit("/", 1)[-1]


def choose_source(explicit: str | None = None) -> ModelSource:
    """The model to load: the first of the choices above that is given or present."""
    choices = (("--model", explicit), (MODEL_ENVIRONMENT, os.environ.get(MODEL_ENVIRONMENT)))
    for origin, value in choices:
        if value:
            return _source(value, origin)
    local = local_copy_folder()
    if local.is_dir():
        return ModelSource(str(local), is_folder=True, origin="models/")
    return ModelSource(DEFAULT_MODEL, is_folder=False, origin="hub")


def _source(value: str, origin: str) -> ModelSource:
    path = Path(value).expanduser()
    # Anything that looks like a path is one, even if missing, so the error says "no folder".
    # A hub id is "name" or "owner/name"; anything else that looks like a path is one, even
    # when missing, so the error says "no such folder" rather than "not on the hub".
    looks_like_path = (
        path.exists() or value.startswith((".", "/", "~")) or value.count("/") > 1 or "\\" in value
    )
    if looks_like_path:
        return ModelSource(str(path), is_folder=True, origin=origin)
    return ModelSource(value, is_folder=False, origin=origin)
