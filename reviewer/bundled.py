"""Files that come with reviewer (``resources/``): the sample article and the icon.

In a checkout (and an editable install) they are read from ``resources/`` itself; an
installed reviewer (``pipx install .``) carries them as the package ``reviewer.resources``.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def bundled_file(name: str) -> Path | None:
    """The path of the bundled file *name*, or None if this installation lacks it."""
    candidate = _CHECKOUT / name
    if candidate.is_file():
        return candidate
    try:
        installed = importlib.resources.files("reviewer.resources") / name
    except ModuleNotFoundError:
        return None
    path = Path(str(installed))
    return path if path.is_file() else None
