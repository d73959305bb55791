"""Saving a review over and over, for tests that kill the process mid-save.

    python -m tests.helpers.save_loop PROJECT

Each round confirms one more segment (its English is "confirmed N", status reviewed), records
N in the first segment, saves the project file the way the window does, and prints
"SAVED N" once the save has returned. It never stops by itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reviewer.project import open_project, save_project


def main() -> None:
    path = Path(sys.argv[1])
    document = open_project(path).document
    counter = int(document.segments[0].target or 0)
    while True:
        counter += 1
        segment = document.segments[1 + counter % (len(document) - 1)]
        segment.edit(f"confirmed {counter}")
        segment.mark_reviewed()
        document.segments[0].edit(str(counter))
        save_project(document, path)
        print(f"SAVED {counter}", flush=True)


if __name__ == "__main__":
    main()
