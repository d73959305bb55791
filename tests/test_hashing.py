"""SHA-256 without OpenSSL: the same digests as hashlib's."""

from __future__ import annotations

import hashlib
import random

from reviewer.hashing import sha256


def test_the_digests_are_hashlibs() -> None:
    draw = random.Random(3)
    for size in (0, 1, 55, 56, 63, 64, 65, 1000, 100_000):  # around SHA-256's 64-byte blocks
        data = draw.randbytes(size)
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert sha256(data).digest() == hashlib.sha256(data).digest()


def test_updates_hash_as_one_piece() -> None:
    digest = sha256(b"config")
    digest.update(b" model.safetensors:12:34")
    assert digest.hexdigest() == hashlib.sha256(b"config model.safetensors:12:34").hexdigest()


def test_it_is_not_hashlibs_own_where_cpython_has_its_sha256() -> None:
    """Otherwise importing it loads OpenSSL, which is the point of not using hashlib."""
    assert sha256 is not hashlib.sha256
    assert type(sha256(b"")).__module__ in ("_sha2", "_sha256")
