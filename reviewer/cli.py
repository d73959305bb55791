"""The ``reviewer`` command line: inspect an article, export a review.

Every error is one line on stderr that says what to do, with an exit code from `ExitCode`;
never a traceback (set ``REVIEWER_DEBUG=1`` to see one for an internal error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from reviewer import __version__
from reviewer.errors import ExitCode, ReviewerError

PROG = "reviewer"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    _make_streams_safe()
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        result: int = arguments.handler(arguments)
        return result
    except ReviewerError as error:
        _print_error(str(error))
        return int(error.exit_code)
    except KeyboardInterrupt:
        _print_error("interrupted.")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reviewer inspect ... | head`): not an error.
        # Point stdout at /dev/null so the interpreter's final flush fails quietly too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as error:  # The last line of defence: one readable line, no traceback.
        if os.environ.get("REVIEWER_DEBUG"):
            traceback.print_exc()
        _print_error(
            f"internal error ({type(error).__name__}: {error}). This is a bug in reviewer: "
            "please report it with the command you ran (REVIEWER_DEBUG=1 shows the details)."
        )
        return int(ExitCode.INTERNAL_ERROR)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Review Arabic-to-English machine translation, paragraph by paragraph.",
        epilog="Exit codes: "
        + ", ".join(f"{code.value} {code.name.lower().replace('_', ' ')}" for code in ExitCode)
        + ".",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    inspect = commands.add_parser(
        "inspect",
        help="show how an article is read: its encoding, paragraphs and sentences",
        description="Show what reviewer sees in an article: the encoding (and whether it "
        "was guessed), and each paragraph with its id, sentences and words.",
    )
    inspect.add_argument("article", type=Path, help="a .txt, .md, .html or .docx file")
    inspect.add_argument("--json", action="store_true", help="print one JSON object, for scripts")
    inspect.set_defaults(handler=_inspect)

    export = commands.add_parser(
        "export",
        help="export a review as aligned pairs: TSV, TMX or XLIFF",
        description="Export the segments that have English (not the excluded ones) as "
        "aligned Arabic-English pairs.",
    )
    export.add_argument(
        "source",
        type=Path,
        metavar="PROJECT_OR_ARTICLE",
        help="a project file (.reviewer.json), or an article whose review to export",
    )
    export.add_argument(
        "-o", "--output", type=Path, required=True, help="the file to write; - for stdout"
    )
    export.add_argument(
        "--format",
        choices=("tsv", "tmx", "xliff"),
        help="the export format (default: from the output's suffix, else tsv)",
    )
    export.add_argument(
        "--reviewed-only", action="store_true", help="export only the reviewed segments"
    )
    export.add_argument(
        "--header", action="store_true", help="TSV: start with a line naming the columns"
    )
    export.add_argument(
        "--columns",
        type=_extra_columns,
        default=(),
        metavar="id,status,mt",
        help="TSV: extra columns after the Arabic and the English (segment id, review "
        "status, machine translation), comma-separated",
    )
    export.set_defaults(handler=_export)
    return parser


def _inspect(arguments: argparse.Namespace) -> int:
    from reviewer.formats import read_article
    from reviewer.formats.decoding import describe_encoding
    from reviewer.segmentation import count_words, split_sentences

    article = read_article(arguments.article)
    info = article.info
    paragraphs: list[dict[str, Any]] = []
    for number, (kind, text) in enumerate(article.blocks, start=1):
        paragraphs.append(
            {
                "id": f"p{number}",
                "kind": kind.value,
                "text": text,
                "sentences": split_sentences(text),
                "words": count_words(text),
            }
        )
    if arguments.json:
        payload = {
            "path": info.path,
            "format": info.format,
            "encoding": info.encoding,
            "encoding_name": describe_encoding(info.encoding),
            "encoding_guessed": info.encoding_guessed,
            "sha256": info.sha256,
            "paragraphs": paragraphs,
            "sentences": sum(len(p["sentences"]) for p in paragraphs),
            "words": sum(p["words"] for p in paragraphs),
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    sure = "guessed" if info.encoding_guessed else "certain"
    sentences = sum(len(p["sentences"]) for p in paragraphs)
    words = sum(p["words"] for p in paragraphs)
    headings = sum(1 for p in paragraphs if p["kind"] == "heading")
    out = sys.stdout
    out.write(f"{Path(info.path).name}\n")
    out.write(f"  format    {info.format}\n")
    out.write(f"  encoding  {describe_encoding(info.encoding)} ({sure})\n")
    out.write(
        f"  segments  {len(paragraphs)}"
        + (f" ({headings} headings)" if headings else "")
        + f", {sentences} sentences, {words} words\n\n"
    )
    for paragraph in paragraphs:
        count = len(paragraph["sentences"])
        label = "heading, " if paragraph["kind"] == "heading" else ""
        out.write(
            f"{paragraph['id']:>5}  [{label}{count} sentence{'s' * (count != 1)}, "
            f"{paragraph['words']} word{'s' * (paragraph['words'] != 1)}]\n"
        )
        out.write(f"       {paragraph['text']}\n")
    return ExitCode.OK


def _export(arguments: argparse.Namespace) -> int:
    from reviewer.exports import ExportOptions, export_to_file, format_for_path, render
    from reviewer.project import open_review

    review = open_review(arguments.source)
    for notice in review.notices:
        _print_notice(notice)
    output: Path = arguments.output
    export_format = arguments.format or format_for_path(output) or "tsv"
    options = ExportOptions(
        reviewed_only=arguments.reviewed_only,
        header=arguments.header,
        extra_columns=arguments.columns,
    )
    if str(output) == "-":
        result = render(review.document, export_format, options)
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
    else:
        result = export_to_file(review.document, output, export_format, options)
    for warning in result.warnings:
        _print_notice(warning)
    if str(output) != "-":
        print(
            f"Exported {result.pairs} pair{'s' * (result.pairs != 1)} to {output} "
            f"({export_format.upper()}).",
            file=sys.stderr,
        )
    return ExitCode.OK


def _extra_columns(value: str) -> tuple[Any, ...]:
    from reviewer.exports import ExtraColumn

    names = [name.strip() for name in value.split(",") if name.strip()]
    try:
        return tuple(ExtraColumn(name) for name in names)
    except ValueError:
        choices = ", ".join(column.value for column in ExtraColumn)
        raise argparse.ArgumentTypeError(
            f"unknown column in {value!r}; choose from {choices}"
        ) from None


def _print_error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _print_notice(message: str) -> None:
    print(f"{PROG}: note: {message}", file=sys.stderr)


def _make_streams_safe() -> None:
    """Never crash on a terminal that cannot show Arabic: escape what it cannot print."""
    for stream in (sys.stdout, sys.stderr):
        _reconfigure(stream)


def _reconfigure(stream: TextIO) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
