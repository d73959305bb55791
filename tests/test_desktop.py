"""Desktop integration: the application entry, its icon, and the command it starts."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from reviewer.bundled import bundled_file
from reviewer.cli import main
from reviewer.desktop import MIME_TYPES, install_desktop_entry
from tests.conftest import SAMPLE_ARTICLE


def test_the_icon_and_the_sample_come_with_reviewer() -> None:
    for name in ("reviewer.svg", "reviewer.png", "sample_article.txt"):
        found = bundled_file(name)
        assert found is not None
        assert found.stat().st_size > 0
    assert bundled_file("no-such-file.png") is None


def test_the_entry_is_installed_with_its_icon_and_starts_this_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    with pytest.raises(SystemExit) as done:
        main(["--install-desktop-entry"])
    assert done.value.code == 0
    assert "Open with reviewer" in capsys.readouterr().err
    entry_path = tmp_path / "share" / "applications" / "reviewer.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry_path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert Path(entry["Icon"]).is_file()
    assert set(entry["MimeType"].rstrip(";").split(";")) == set(MIME_TYPES)
    # The command in the entry, run as a file manager runs it (from another folder, the
    # file in place of %f), opens... here: inspects, since this machine has no display.
    command = shlex.split(entry["Exec"].replace("%f", ""))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [*command, "inspect", str(SAMPLE_ARTICLE)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "p1" in result.stdout


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no validator here")
def test_the_entry_is_valid_for_desktops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    entry = install_desktop_entry()
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_an_installed_reviewer_carries_its_resources(tmp_path: Path) -> None:
    """`pipx install .` installs a wheel: the icon and the sample must be in it."""
    import sys
    import zipfile

    from tests.conftest import ROOT

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("reviewer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("reviewer.png", "reviewer.svg", "sample_article.txt"):
        assert f"reviewer/resources/{name}" in names
    assert "reviewer/qt/main_window.py" in names
