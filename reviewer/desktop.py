"""Desktop integration on Linux: an application menu entry, an icon, "Open with reviewer".

``reviewer --install-desktop-entry`` writes a freedesktop.org ``.desktop`` entry and the icon
into the user's folders (``~/.local/share/applications`` and ``.../icons``), so reviewer
appears among the applications and article files can be opened with it from a file manager.
The entry starts this very installation (its Python, ``-m reviewer``), wherever it lives.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs

from reviewer import __version__
from reviewer.bundled import bundled_file
from reviewer.errors import WriteError
from reviewer.storage import atomic_write

#: The article files the entry offers to open.
MIME_TYPES = (
    "text/plain",
    "text/markdown",
    "text/html",
    "application/xhtml+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


def data_home() -> Path:
    """The user's data folder (``$XDG_DATA_HOME``, else ``~/.local/share``)."""
    return platformdirs.user_data_path()


def launch_command() -> str:
    """The command that starts this installation's window."""
    return f"{shlex.quote(sys.executable)} -m reviewer"


def desktop_entry(icon: str) -> str:
    """The text of reviewer's ``.desktop`` entry, with *icon* (a name or a path)."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=reviewer",
            "GenericName=Translation Review",
            "Comment=Review Arabic-to-English machine translation, paragraph by paragraph",
            f"Exec={launch_command()} %f",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Office;Utility;TextTools;",
            f"MimeType={';'.join(MIME_TYPES)};",
            "Keywords=translation;Arabic;post-editing;CAT;MT;",
            "StartupWMClass=reviewer",
            f"X-Reviewer-Version={__version__}",
            "",
        ]
    )


def install_desktop_entry() -> Path:
    """Write the entry and the icon into the user's folders; the entry's path."""
    home = data_home()
    icon = "reviewer"  # by name, from the theme, if the files below cannot be written
    for name, size in (("reviewer.svg", "scalable"), ("reviewer.png", "256x256")):
        source = bundled_file(name)
        if source is not None:
            target = home / "icons" / "hicolor" / size / "apps" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, source.read_bytes())
            icon = str(target)  # a path: found whatever the icon theme's cache says
    entry = home / "applications" / "reviewer.desktop"
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(
            f"{entry.parent} cannot be created ({error.strerror or error}). Check that your "
            "home folder is writable."
        ) from None
    atomic_write(entry, desktop_entry(icon).encode("utf-8"))
    # Menus and file managers read a cache of entries; refresh it where the tool exists.
    updater = shutil.which("update-desktop-database")
    if updater is not None:
        subprocess.run([updater, str(entry.parent)], check=False, capture_output=True)
    return entry
