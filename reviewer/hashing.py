"""SHA-256 without loading OpenSSL.

`hashlib` loads OpenSSL's libcrypto as it is imported, whichever hash is then used: 3.4 MB
of the engine process's memory, for the SHA-256 of cache keys and model revisions. CPython
has its own SHA-256 (the module `random` takes its SHA-512 the same way, for the same
reason); the digests are the same. Where a Python is built without it, `hashlib`'s is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol


class Hash(Protocol):
    """A hash object, as `hashlib.sha256` makes."""

    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


def _constructor() -> Callable[[bytes], Hash]:
    for module in ("_sha2", "_sha256"):  # CPython's own: from 3.12, and in 3.11
        try:
            made: Callable[[bytes], Hash] = importlib.import_module(module).sha256
        except (ImportError, AttributeError):
            continue
        return made
    import hashlib

    return hashlib.sha256


#: `hashlib.sha256`'s equal: ``sha256(data).hexdigest()``.
sha256 = _constructor()
