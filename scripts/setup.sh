#!/usr/bin/env bash
# Set up (or bring up to date) the project's virtual environment in .venv.
# Safe to run again: it does nothing when pyproject.toml has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "Creating the virtual environment in .venv ..." >&2
    "$python" -m venv .venv
fi

stamp=.venv/.reviewer-setup
wanted=$(sha256sum pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi

echo "Installing reviewer and its dependencies into .venv (a few minutes the first time) ..." >&2
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first, pinned: a bare "torch" requirement can pull a multi-GB CUDA build where a
# CPU build is all that is needed. On a machine with an NVIDIA GPU, install the CUDA build of
# torch 2.13.0 yourself first; this line then keeps it.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet --editable ".[fast,test]"
echo "$wanted" > "$stamp"
