"""The ``reviewer memory`` commands: search, import, export, and the ``--memory`` option."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reviewer.errors import ExitCode
from reviewer.search import Span
from reviewer.storage import shown_name


def add_memory_option(parser: argparse.ArgumentParser) -> None:
    """``--memory FILE``: a project's own memory instead of the shared one."""
    parser.add_argument(
        "--memory",
        type=Path,
        metavar="FILE",
        help="the translation memory to use (default: memory.sqlite in your data folder); "
        "any file name makes a memory of its own, for one project or client",
    )


def add_memory_commands(commands: Any) -> None:
    """Add ``reviewer memory search|import|export`` to the subcommands *commands*."""
    memory = commands.add_parser(
        "memory",
        help="the translation memory: search it, import TMX or TSV into it, export it",
        description="Every segment a reviewer confirms goes into the translation memory, "
        "with its sentences when they align; a 100% match fills a new segment before the "
        "model is asked, and fuzzy matches are offered in the window's side panel.",
    )
    actions = memory.add_subparsers(title="actions", metavar="ACTION", required=True)
    search = actions.add_parser(
        "search",
        help="find an Arabic or English word or phrase in the memory, in context",
        description="Concordance: the memory's pairs holding TEXT on either side. Arabic is "
        "found whatever its diacritics, hamza forms or attached prefixes (بمصر for مصر); "
        "English case is ignored.",
    )
    search.add_argument("text", help="a word or phrase, Arabic or English")
    search.add_argument("--limit", type=int, default=20, help="at most this many pairs (20)")
    search.add_argument("--json", action="store_true", help="one JSON object per pair")
    add_memory_option(search)
    search.set_defaults(handler=_search)
    load = actions.add_parser(
        "import",
        help="add the pairs of TMX files, TSV exports or project files to the memory",
        description="Add approved Arabic-English pairs: a TMX file from any CAT tool (OmegaT, "
        "MateCat, Trados, reviewer), a TSV export (Arabic, tab, English), or a "
        ".reviewer.json project (its reviewed segments). Pairs the memory has are skipped; "
        "machine translations in reviewer's own exports are left out.",
    )
    load.add_argument("files", type=Path, nargs="+", metavar="FILE")
    add_memory_option(load)
    load.set_defaults(handler=_import)
    export = actions.add_parser(
        "export",
        help="write the whole memory as TMX, for any CAT tool",
        description="Write every pair of the memory as TMX 1.4b, with its provenance.",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="the .tmx file to write")
    add_memory_option(export)
    export.set_defaults(handler=_export)


def open_memory(arguments: argparse.Namespace) -> Any:
    """The memory the command line names (``--memory``), or the shared one."""
    from reviewer.memory import TranslationMemory

    return TranslationMemory(getattr(arguments, "memory", None))


def _absent(arguments: argparse.Namespace) -> str | None:
    """A message when the memory to read does not exist (none is made to read it)."""
    from reviewer.memory import default_path

    path = getattr(arguments, "memory", None) or default_path()
    if path.exists():
        return None
    return (
        f"There is no translation memory at {shown_name(path, whole=True)} yet: it fills as "
        "you confirm segments in the window, or import a TMX or TSV file into it with "
        "`reviewer memory import FILE`."
    )


def _search(arguments: argparse.Namespace) -> int:
    absent = _absent(arguments)
    if absent is not None:
        print(absent, file=sys.stderr)
        return int(ExitCode.OK)
    memory = open_memory(arguments)
    hits = memory.concordance(arguments.text, limit=max(1, arguments.limit))
    if not hits:
        print(f"Nothing in the memory holds “{arguments.text}”.", file=sys.stderr)
        return int(ExitCode.OK)
    for hit in hits:
        unit = hit.unit
        if arguments.json:
            print(
                json.dumps(
                    {
                        "ar": unit.source,
                        "en": unit.target,
                        "ar_spans": hit.source_spans,
                        "en_spans": hit.target_spans,
                        "from": unit.provenance,
                        "status": unit.status,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(f"ar  {_marked(unit.source, hit.source_spans)}")
            print(f"en  {_marked(unit.target, hit.target_spans)}")
            print(f"    ({unit.provenance})\n")
    return int(ExitCode.OK)


def _marked(text: str, spans: list[Span]) -> str:
    """*text* with each span between brackets, for a terminal."""
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]}[{text[start:end]}]{text[end:]}"
    return text


def _import(arguments: argparse.Namespace) -> int:
    from reviewer.memory_files import import_file

    memory = open_memory(arguments)
    for path in arguments.files:
        summary = import_file(memory, path)
        print(summary.describe(shown_name(path)), file=sys.stderr)
    print(f"The memory ({shown_name(memory.path, whole=True)}) holds {len(memory)} pairs.")
    return int(ExitCode.OK)


def _export(arguments: argparse.Namespace) -> int:
    from reviewer.errors import NothingToExportError
    from reviewer.memory_files import export_tmx

    absent = _absent(arguments)
    if absent is not None:
        raise NothingToExportError(absent)
    memory = open_memory(arguments)
    count = export_tmx(memory, arguments.output)
    print(f"Wrote {count} pairs to {shown_name(arguments.output)}.", file=sys.stderr)
    return int(ExitCode.OK)
