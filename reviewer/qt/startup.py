"""Checks before the window starts: a display, and the system libraries Qt needs for it.

Without them Qt aborts the process (SIGABRT) with a message that names the wrong library (it
blamed libxcb-cursor0, installed, when libxcb-icccm4 was missing). These checks run first and
say in one message what is missing and which package gives it, on Debian/Ubuntu and Fedora.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from reviewer.errors import ExitCode, ReviewerError

#: What the X11 (xcb) window system plugin loads: library, Debian/Ubuntu package, Fedora package.
XCB_LIBRARIES = (
    ("libxcb.so.1", "libxcb1", "libxcb"),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    ("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    ("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    ("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    ("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    ("libEGL.so.1", "libegl1", "libglvnd-egl"),
    ("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    ("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)


class StartupError(ReviewerError):
    """The window cannot be shown on this machine as it is."""

    exit_code = ExitCode.NO_WINDOW


def check_can_show_window() -> None:
    """Raise `StartupError` if the window could not start here (Linux and other X11
    systems; macOS and Windows always have their window system)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform:
        _check_platform_plugin(platform)
        if platform != "xcb":
            return
    elif os.environ.get("WAYLAND_DISPLAY"):
        return  # Qt picks Wayland, whose libraries come with the desktop itself.
    if not os.environ.get("DISPLAY"):
        raise StartupError(
            "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set): this is a terminal without a desktop. Use the command line instead "
            "(reviewer translate, reviewer export; reviewer --help), or run the window in a "
            "desktop session (or under xvfb-run on a server)."
        )
    missing = missing_libraries()
    if missing:
        raise StartupError(missing_libraries_message(missing))


def missing_libraries() -> list[tuple[str, str, str]]:
    """The rows of `XCB_LIBRARIES` whose library cannot be loaded here."""
    missing = []
    for row in XCB_LIBRARIES:
        try:
            ctypes.CDLL(row[0])
        except OSError:
            missing.append(row)
    return missing


def missing_libraries_message(missing: list[tuple[str, str, str]]) -> str:
    """What to install, for *missing* rows of `XCB_LIBRARIES`."""
    names = ", ".join(row[0] for row in missing)
    debian = " ".join(dict.fromkeys(row[1] for row in missing))
    fedora = " ".join(dict.fromkeys(row[2] for row in missing))
    return (
        f"The window needs system libraries that are not installed: {names}. Install them "
        f"(Debian/Ubuntu: sudo apt install {debian}; Fedora: sudo dnf install {fedora}), then "
        "start reviewer again. The command line works without them."
    )


def _check_platform_plugin(platform: str) -> None:
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    available = sorted(
        path.name.removeprefix("libq").removesuffix(".so") for path in plugins.glob("libq*.so")
    )
    if available and platform not in available:
        raise StartupError(
            f"QT_QPA_PLATFORM is set to {platform!r}, which this Qt does not have (it has: "
            f"{', '.join(available)}). Unset QT_QPA_PLATFORM, or set it to one of those."
        )
