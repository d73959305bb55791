#!/usr/bin/env bash
# Set up (or bring up to date) the project's virtual environment in .venv.
# Safe to run again: it does nothing when pyproject.toml has not changed since the last run.
#
# torch is installed first, in the build that fits this machine (printed as it is chosen):
#   Linux without an NVIDIA GPU  -> the CPU build, from PyTorch's own CPU wheel index
#                                   (PyPI's Linux build is the CUDA one: several GB of nvidia
#                                   packages a laptop without a GPU never uses);
#   Linux with an NVIDIA GPU     -> the CUDA build, from PyPI;
#   macOS, Windows               -> PyPI's build (CPU, or Apple's GPU).
# If the CPU index cannot be reached within a few seconds, pip installs what it can find
# itself (on a machine with a local wheel, that one). REVIEWER_TORCH=cpu|cuda|pypi overrides
# the choice; `bash scripts/setup.sh --torch-choice` prints it and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_VERSION=2.13.0
CPU_INDEX=https://download.pytorch.org/whl/cpu

has_nvidia_gpu() {
    { command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; } \
        || [ -e /proc/driver/nvidia/version ]
}

torch_choice() {
    if [ -n "${REVIEWER_TORCH:-}" ]; then
        echo "$REVIEWER_TORCH"
    elif [ "${REVIEWER_UNAME:-$(uname -s)}" != "Linux" ]; then
        echo pypi
    elif has_nvidia_gpu; then
        echo cuda
    else
        echo cpu
    fi
}

if [ "${1:-}" = "--torch-choice" ]; then
    torch_choice
    exit 0
fi

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
pip_install() { .venv/bin/python -m pip install --quiet "$@"; }
if .venv/bin/python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$TORCH_VERSION')" 2>/dev/null; then
    echo "torch $TORCH_VERSION is already installed: kept." >&2
else
    choice=$(torch_choice)
    case "$choice" in
        cpu)
            echo "torch: the CPU build (Linux, no NVIDIA GPU found)." >&2
            if ! pip_install --index-url "$CPU_INDEX" --timeout 5 --retries 0 "torch==$TORCH_VERSION" 2>/dev/null; then
                echo "torch: PyTorch's CPU index cannot be reached; installing what pip finds." >&2
                pip_install "torch==$TORCH_VERSION"
            fi
            ;;
        cuda)
            echo "torch: the CUDA build (an NVIDIA GPU was found)." >&2
            pip_install "torch==$TORCH_VERSION"
            ;;
        *)
            echo "torch: the build pip offers for this system." >&2
            pip_install "torch==$TORCH_VERSION"
            ;;
    esac
fi
.venv/bin/python -m pip install --quiet --editable ".[fast,test]"
echo "$wanted" > "$stamp"
