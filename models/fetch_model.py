"""Kept for old instructions: the model is fetched with ``reviewer fetch-model``.

    .venv/bin/reviewer fetch-model                     # Helsinki-NLP/opus-mt-ar-en
    .venv/bin/reviewer fetch-model --convert FOLDER    # a folder you already have

This script hands its arguments on to that command. Run it with the interpreter reviewer is
installed in (``.venv/bin/python models/fetch_model.py``).
"""

from __future__ import annotations

import sys

try:
    from reviewer.cli import main
except ImportError:
    sys.exit(
        "fetch_model: reviewer is not installed for this Python. Run "
        "`.venv/bin/reviewer fetch-model` (after `bash scripts/setup.sh`), or "
        "`python -m reviewer fetch-model` with the Python that reviewer is installed in."
    )

if __name__ == "__main__":
    sys.exit(main(["fetch-model", *sys.argv[1:]]))
