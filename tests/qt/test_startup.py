"""Starting the window where it cannot start: one clear message and exit code 9, no abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reviewer.errors import ExitCode
from reviewer.qt import startup
from tests.conftest import ROOT, SAMPLE_ARTICLE


def start(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    variables = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    variables.update(environment, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reviewer", str(SAMPLE_ARTICLE)],
        capture_output=True,
        text=True,
        env=variables,
        timeout=60,
        check=False,
    )


def test_without_a_display_the_window_says_so_and_exits_9() -> None:
    result = start({})
    assert result.returncode == ExitCode.NO_WINDOW  # not 134 (SIGABRT) as before
    (line,) = result.stderr.splitlines()
    assert "There is no display to open the window on" in line
    assert "reviewer translate" in line


def test_an_unknown_platform_plugin_is_named_with_the_ones_there_are() -> None:
    result = start({"QT_QPA_PLATFORM": "nonsense"})
    assert result.returncode == ExitCode.NO_WINDOW
    assert "'nonsense', which this Qt does not have" in result.stderr
    assert "xcb" in result.stderr


def test_missing_libraries_are_named_with_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    absent = [
        ("libreviewer-absent-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
        ("libreviewer-absent-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ]
    monkeypatch.setattr(startup, "XCB_LIBRARIES", (*startup.XCB_LIBRARIES[:2], *absent))
    with pytest.raises(startup.StartupError) as refused:
        startup.check_can_show_window()
    message = str(refused.value)
    assert "libreviewer-absent-cursor.so.0, libreviewer-absent-icccm.so.4" in message
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in message
    assert refused.value.exit_code == ExitCode.NO_WINDOW


def test_the_libraries_the_window_needs_are_all_known_to_the_check() -> None:
    """Every X11 library Qt's xcb plugin links to is in the table (so none can be missing
    without the check naming it)."""
    import PySide6

    plugin = f"{os.path.dirname(PySide6.__file__)}/Qt/lib/libQt6XcbQpa.so.6"
    linked = subprocess.run(["ldd", plugin], capture_output=True, text=True, check=False).stdout
    needed = {
        line.split()[0]
        for line in linked.splitlines()
        if line.strip().startswith(("libxcb", "libX11-xcb", "libxkbcommon"))
    }
    assert needed
    assert needed <= {row[0] for row in startup.XCB_LIBRARIES}
