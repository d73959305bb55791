"""Drive the real window on a real X server with real key presses, and take screenshots.

Run under a virtual X server, from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py OUT_DIR

Needs Debian's xvfb, xdotool and imagemagick (`import` takes the screenshots). The window
runs on the stand-in engine of the tests (instant, predictable translations: ``EN(...)``
around the Arabic), so what is shown is the window's behaviour, not a model's English.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reviewer.qt.main_window import MainWindow
from tests.helpers.fake_engine import FakeEngine

ROOT = Path(__file__).resolve().parent.parent


def wait(app: QApplication, seconds: float) -> None:
    """Let the window work for *seconds*."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def keys(app: QApplication, *names: str) -> None:
    """Press keys with xdotool (real X events), letting the window answer each."""
    for name in names:
        process = subprocess.Popen(["xdotool", "key", "--clearmodifiers", name])
        while process.poll() is None:
            app.processEvents()
        wait(app, 0.15)


def typed(app: QApplication, text: str) -> None:
    """Type *text* with xdotool, any script."""
    process = subprocess.Popen(["xdotool", "type", "--delay", "30", text])
    while process.poll() is None:
        app.processEvents()
    wait(app, 0.3)


def shot(app: QApplication, folder: Path, name: str) -> None:
    """A screenshot of the whole X screen."""
    wait(app, 0.5)
    subprocess.run(["import", "-window", "root", str(folder / f"{name}.png")], check=True)
    print("saved", folder / f"{name}.png", flush=True)


def dark_palette() -> QPalette:
    """A dark palette, as a dark desktop theme gives."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#2b2c2f",
        QPalette.ColorRole.AlternateBase: "#323336",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#1a73e8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def checks_and_terms(app: QApplication, window: MainWindow, folder: Path) -> None:
    """A changed number marked, the list of checks, terms in the Arabic, a misspelling."""
    window.editor.go_to_row(6)
    keys(app, "ctrl+a")
    typed(app, "There are currently 2,000 US troops in Iraq helping local forces.")
    keys(app, "Escape")
    shot(app, folder, "6-a-changed-number-marked")
    keys(app, "ctrl+Shift+k")
    shot(app, folder, "7-checks-of-the-whole-review")
    keys(app, "ctrl+Shift+k")
    window.editor.go_to_row(5)
    keys(app, "Tab")
    shot(app, folder, "8-glossary-terms-in-the-arabic")
    keys(app, "Tab", "ctrl+a")
    typed(app, "The goverment said the troops will recieve new orders.")
    wait(app, 1.0)
    window.table.editor.place_cursor(len("The gover"))  # type: ignore[union-attr]
    QTimer.singleShot(
        800, lambda: (shot(app, folder, "9-spelling-suggestions"), keys(app, "Escape"))
    )
    keys(app, "Menu")


def structure(app: QApplication, window: MainWindow, folder: Path) -> None:
    """A glued paragraph split at the Arabic cursor, a merge, the Arabic corrected."""
    window.editor.go_to_row(11)
    keys(app, "Tab")
    source = window.document.segments[11].source  # type: ignore[union-attr]
    window.table.viewer.place_cursor(source.index("وقال هذا العام"))  # type: ignore[union-attr]
    keys(app, "ctrl+Shift+d")
    wait(app, 0.5)
    shot(app, folder, "10-split-at-the-arabic-cursor")
    window.editor.go_to_row(2)
    keys(app, "ctrl+Shift+m")
    wait(app, 0.5)
    shot(app, folder, "11-merged-with-the-next")
    keys(app, "ctrl+z")
    window.editor.go_to_row(3)
    keys(app, "ctrl+Shift+e")
    wait(app, 0.5)
    window.restructure.dialog.editor.setPlainText("العراق اليوم")  # type: ignore[union-attr]
    shot(app, folder, "12-correct-the-arabic")
    keys(app, "ctrl+Return")
    wait(app, 0.5)
    shot(app, folder, "13-corrected-and-translated-again")


def translation_memory(app: QApplication, window: MainWindow, folder: Path, work: Path) -> None:
    """A second copy of the article, opened over a memory that knows parts of it."""
    from reviewer.memory import NewUnit, TranslationMemory

    document = window.document
    assert document is not None
    sources = [segment.source for segment in document]
    # p7 reviewed before, word for word (vowelled: the memory ignores diacritics);
    # p9 with "and" attached to its first word and a word less; two more about Iraq.
    vowelled = sources[6].replace("يوجد", "يُوجَدُ")
    words = sources[8].split()
    near = " ".join(["و" + words[0], *words[1:7], *words[8:]])
    TranslationMemory().add(
        [
            NewUnit(
                vowelled,
                "There are currently 2,500 US troops in Iraq, helping local "
                "forces fight the remnants of the Islamic State group.",
                project="earlier-article.txt.reviewer.json",
                segment="p12",
            ),
            NewUnit(
                near,
                "And the US presence in Iraq has become a major issue since the "
                "killing of Iranian General Qassem Soleimani.",
                project="earlier-article.txt.reviewer.json",
                segment="p14",
            ),
            NewUnit(
                "زار رئيس الوزراء العراقي واشنطن الأسبوع الماضي.",
                "The Iraqi prime minister visited Washington last week.",
                origin="omegat.tmx",
            ),
            NewUnit(
                "وقالت بغداد إن القوات العراقية جاهزة.",
                "Baghdad said Iraqi forces are ready.",
                origin="omegat.tmx",
            ),
        ]
    )
    second = Path(shutil.copy(work / "article.txt", work / "second-article.txt"))
    window.open_path(second)
    wait(app, 1.5)
    window.editor.go_to_row(6)
    wait(app, 0.8)
    shot(app, folder, "14-memory-100-percent-match-fills-the-segment")
    window.editor.go_to_row(8)
    wait(app, 0.8)
    shot(app, folder, "15-memory-fuzzy-match-with-the-arabic-differences")
    keys(app, "ctrl+Shift+l")
    # xdotool garbles Arabic as it types it: the query is set, the keys are real.
    window.memory.concordance.query.setText("العراق")
    keys(app, "Return")
    wait(app, 0.5)
    shot(app, folder, "16-concordance-with-an-arabic-query")
    keys(app, "Escape")


def review_summary(app: QApplication, window: MainWindow, folder: Path) -> None:
    """The review summary (Ctrl+Shift+R) after some post-editing. The stand-in engine's
    English is the Arabic in brackets, so the reference translation of the sample is put in
    as a machine's (words dropped) and as the reviewer's English, with the work it took."""
    import random

    from reviewer.document import MachineTranslation, Status, WorkRecord

    document = window.document
    assert document is not None
    english = (ROOT / "tests" / "data" / "sample_article.en.txt").read_text("utf-8").splitlines()
    rng = random.Random(7)
    for number, (segment, final) in enumerate(zip(document, english, strict=True)):
        words = final.split()
        machine = " ".join(w for i, w in enumerate(words) if i == 0 or (i + number) % 5 != 2)
        segment.machine = MachineTranslation(machine, "Helsinki-NLP/opus-mt-ar-en")
        segment.target, segment.status = machine, Status.MACHINE_TRANSLATED
        if number < 16:
            segment.target, segment.status = final, Status.REVIEWED
            segment.work = WorkRecord(
                seconds=rng.uniform(4, 70) * max(1, len(words) / 10),
                visits=rng.randint(1, 3),
                inserted=rng.randint(5, 80),
                deleted=rng.randint(0, 20),
                navigation=rng.randint(0, 30),
                started_from=machine,
                confirmed=f"2026-11-29T10:{number:02d}:00+00:00",
            )
    window.editor.go_to_row(16)
    wait(app, 0.3)
    keys(app, "ctrl+Shift+r")
    wait(app, 1.5)
    shot(app, folder, "17-review-summary")
    keys(app, "Escape")


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    # The translation memory (and every other data file) of this run, not the user's.
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work))
    article = Path(shutil.copy(ROOT / "resources" / "sample_article.txt", work / "article.txt"))
    # The article's own glossary: its terms are marked in the Arabic and listed in the panel.
    article.with_name("article.txt.glossary.txt").write_text(
        "الكاظمي\tKadhimi\nالبيت الأبيض\tWhite House\nالعراق\tIraq\n", "utf-8"
    )
    app = QApplication([])
    app.setStyle("Fusion")
    window = MainWindow(FakeEngine())
    window.resize(1024, 700)
    window.move(0, 0)
    window.show()
    window.open_path(article)
    wait(app, 1.5)
    window.activateWindow()
    wait(app, 0.3)
    keys(app, *["ctrl+Down"] * 9, "ctrl+End")
    typed(app, " The reviewer adds a sentence, and the row grows with it as it is typed.")
    keys(app, "Return")
    typed(app, "A second line.")
    shot(app, folder, "1-editing-a-long-paragraph-1024x700")
    keys(app, "ctrl+Return", "ctrl+Return", "ctrl+f")
    window.find_bar.scope.setCurrentIndex(1)
    window.find_bar.query.setFocus()
    # xdotool garbles Arabic as it types it: the query is set, the keys are real.
    window.find_bar.query.setText("العراقي")
    keys(app, "Return", "Return")
    shot(app, folder, "2-find-a-highlighted-arabic-match")
    keys(app, "Escape", "ctrl+Shift+a")
    wait(app, 0.5)
    keys(app, "ctrl+a")
    typed(app, "Iraq: the combat mission ends, the training goes on.")
    keys(app, "Escape")
    shot(app, folder, "3-side-panel-alternatives-and-diff")
    keys(app, "ctrl+Shift+f")
    shot(app, folder, "4-filter-on-segments-to-review")
    keys(app, "ctrl+Shift+f")
    checks_and_terms(app, window, folder)
    structure(app, window, folder)
    translation_memory(app, window, folder, work)
    review_summary(app, window, folder)
    app.setPalette(dark_palette())
    window.banner.show_message(
        "No machine translation: no model folder at models/opus-mt-ar-en.\n"
        "You can still translate by hand; everything else works.",
        retry=True,
    )
    keys(app, "ctrl+Home")
    shot(app, folder, "5-dark-palette-with-banner")
    window.session.autosaver.save()
    window.close()


if __name__ == "__main__":
    main()
