"""The set-up script picks the torch build that fits the machine, and says so."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def choice(tmp_path: Path, **environment: str) -> str:
    variables = {k: v for k, v in os.environ.items() if k != "REVIEWER_TORCH"}
    variables.update(environment)
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "setup.sh"), "--torch-choice"],
        capture_output=True,
        text=True,
        env=variables,
        check=True,
        cwd=tmp_path,
    )
    return result.stdout.strip()


@pytest.fixture
def no_gpu_path(tmp_path: Path) -> str:
    """A PATH without nvidia-smi (the machine has no NVIDIA driver)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("uname", "sha256sum", "cut", "cat", "dirname"):
        (folder / tool).symlink_to(f"/usr/bin/{tool}")
    return str(folder)


@pytest.mark.skipif(Path("/proc/driver/nvidia/version").exists(), reason="an NVIDIA GPU is here")
def test_linux_without_an_nvidia_gpu_gets_the_cpu_build(tmp_path: Path, no_gpu_path: str) -> None:
    assert choice(tmp_path, PATH=no_gpu_path, REVIEWER_UNAME="Linux") == "cpu"


def test_linux_with_an_nvidia_gpu_gets_the_cuda_build(tmp_path: Path, no_gpu_path: str) -> None:
    fake = Path(no_gpu_path) / "nvidia-smi"
    fake.write_text('#!/bin/sh\necho "GPU 0: NVIDIA H200 (UUID: GPU-0)"\n')
    fake.chmod(0o755)
    assert choice(tmp_path, PATH=no_gpu_path, REVIEWER_UNAME="Linux") == "cuda"


@pytest.mark.skipif(Path("/proc/driver/nvidia/version").exists(), reason="an NVIDIA GPU is here")
def test_a_driver_tool_that_finds_no_gpu_is_no_gpu(tmp_path: Path, no_gpu_path: str) -> None:
    fake = Path(no_gpu_path) / "nvidia-smi"
    fake.write_text("#!/bin/sh\nexit 9\n")
    fake.chmod(0o755)
    assert choice(tmp_path, PATH=no_gpu_path, REVIEWER_UNAME="Linux") == "cpu"


@pytest.mark.parametrize("system", ["Darwin", "MINGW64_NT-10.0"])
def test_macos_and_windows_take_what_pypi_serves(tmp_path: Path, system: str) -> None:
    assert choice(tmp_path, REVIEWER_UNAME=system) == "pypi"


def test_the_choice_can_be_forced(tmp_path: Path) -> None:
    assert choice(tmp_path, REVIEWER_TORCH="cuda", REVIEWER_UNAME="Linux") == "cuda"
