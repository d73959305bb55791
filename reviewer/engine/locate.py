"""Where the translation model comes from, in order:

1. an explicit choice (``--model``): a hub id or a local folder;
2. the ``REVIEWER_MODEL`` environment setting: the same;
3. a copy fetched by ``reviewer fetch-model``, in the user's data folder (for example
   ``~/.local/share/reviewer/models/opus-mt-ar-en``), or under ``models/`` in a checkout;
4. the Hugging Face cache, or a download from the hub when the machine is online.

No torch here: this only decides where to look, and remembers where it looked for the message
when nothing is found.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys
from pathlib import Path

from reviewer.engine.types import DEFAULT_MODEL
from reviewer.storage import user_data_folder

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


def user_models_folder() -> Path:
    """Where ``reviewer fetch-model`` keeps models: the user's data folder."""
    return user_data_folder() / "models"


def local_copy_folder(hub_id: str = DEFAULT_MODEL) -> Path:
    """Where ``reviewer fetch-model`` keeps a copy of *hub_id*."""
    return user_models_folder() / hub_id.rsplit("/", 1)[-1]


def fetch_command() -> str:
    """The command that fetches the model, as it can be run from any folder: this very
    interpreter (the one reviewer is installed in) with ``-m reviewer``."""
    return f"{shlex.quote(sys.executable)} -m reviewer fetch-model"


def fetch_hint() -> str:
    """What to do when no model is at hand."""
    return (
        f"To get the model, run `{fetch_command()}` once on a machine that is online (it says "
        f"how to carry the model to one that is not), or point --model or {MODEL_ENVIRONMENT} "
        "at a model folder."
    )


def choose_source(explicit: str | None = None) -> ModelSource:
    """The model to load: the first of the choices above that is given or present."""
    choices = (("--model", explicit), (MODEL_ENVIRONMENT, os.environ.get(MODEL_ENVIRONMENT)))
    for origin, value in choices:
        if value:
            return _source(value, origin)
    name = DEFAULT_MODEL.rsplit("/", 1)[-1]
    for local in (local_copy_folder(), MODELS_FOLDER / name):
        if local.is_dir():
            return ModelSource(str(local), is_folder=True, origin="fetch-model")
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
