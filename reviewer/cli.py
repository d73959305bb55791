"""The ``reviewer`` command line: inspect an article, export a review.

Every error is one line on stderr that says what to do, with an exit code from `ExitCode`;
never a traceback (set ``REVIEWER_DEBUG=1`` to see one for an internal error).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shlex
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reviewer import __version__
from reviewer.errors import ExitCode, ReviewerError
from reviewer.memory_cli import add_memory_commands, add_memory_option, open_memory

if TYPE_CHECKING:
    from reviewer.document import ReviewDocument

PROG = "reviewer"
COMMANDS = ("open", "inspect", "export", "translate", "check", "fetch-model", "memory", "report")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    _make_streams_safe()
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        # `reviewer` and `reviewer FILE` open the window.
        argv.insert(0, "open")
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
    parser.add_argument(
        "--install-desktop-entry",
        action=_InstallDesktopEntry,
        nargs=0,
        help="add reviewer to the desktop's applications and to 'Open with' for articles "
        "(Linux), then exit",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    window = commands.add_parser(
        "open",
        help="open the review window (the default: `reviewer FILE` is `reviewer open FILE`)",
        description="Open the review window, on an article or a review if one is given.",
    )
    window.add_argument(
        "source",
        type=Path,
        nargs="?",
        metavar="ARTICLE_OR_PROJECT",
        help="an article (its review is resumed if there is one) or a .reviewer.json file",
    )
    _add_model_options(window)
    add_memory_option(window)
    window.set_defaults(handler=_open_window)

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
    _add_export_options(export)
    export.add_argument(
        "--require-clean",
        action="store_true",
        help="refuse to export while the quality checks have findings (exit code 10)",
    )
    export.set_defaults(handler=_export)

    translate = commands.add_parser(
        "translate",
        help="pre-translate an article with the machine translation model",
        description="Machine-translate every paragraph of an article that has no translation "
        "yet, save the review as a project file beside the article (resuming it if there is "
        "one), and optionally export the pairs. Progress goes to stderr.",
    )
    translate.add_argument(
        "source",
        type=Path,
        metavar="ARTICLE",
        help="a .txt, .md, .html or .docx article, or its project file",
    )
    translate.add_argument(
        "-o", "--output", type=Path, help="also export the pairs to this file (- for stdout)"
    )
    _add_export_options(translate)
    _add_model_options(translate)
    translate.add_argument(
        "--beams",
        type=_positive,
        default=1,
        help="beam size: 1 is greedy decoding, the fast default (see the README)",
    )
    translate.add_argument(
        "--no-cache",
        action="store_true",
        help="translate everything afresh instead of reusing cached sentences",
    )
    translate.add_argument(
        "--no-memory",
        action="store_true",
        help="ask the model for every paragraph, even those the translation memory has",
    )
    add_memory_option(translate)
    translate.set_defaults(handler=_translate)
    check = commands.add_parser(
        "check",
        help="list what looks wrong in a review's English (numbers, Arabic left, loops...)",
        description="Run the quality checks over a review: numbers (any digits) missing or "
        "added, Arabic left in the English, repetition loops, English far shorter or longer "
        "than the Arabic, unpaired quotes and brackets, double spaces, a missing final stop, "
        "glossary terms not used, the same Arabic translated differently. Exit code 0: "
        "nothing found; 10: findings.",
    )
    check.add_argument("source", type=Path, metavar="PROJECT_OR_ARTICLE")
    check.add_argument("--json", action="store_true", help="one JSON object per finding")
    check.add_argument(
        "--glossary",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a glossary: OmegaT tab-separated text, CSV with a header line, or TBX",
    )
    check.set_defaults(handler=_check)
    fetch_model = commands.add_parser(
        "fetch-model",
        help="get the translation model onto this machine, for use offline too",
        description="Download the model (default Helsinki-NLP/opus-mt-ar-en, about 300 MB) "
        "into your data folder, where reviewer looks for it; or, with --convert, put a model "
        "folder you already have there. Weights are kept as safetensors only (a pickle "
        "checkpoint is converted once, safely). Says how to carry the model to a machine "
        "that is offline.",
    )
    fetch_model.add_argument("--model", default=None, help="the hub id to download")
    fetch_model.add_argument(
        "--convert", type=Path, metavar="FOLDER", help="a model folder you already have"
    )
    fetch_model.set_defaults(handler=_fetch_model)
    add_memory_commands(commands)
    report = commands.add_parser(
        "report",
        help="write the review's post-editing report: one HTML file with plots and tables",
        description="Write a self-contained HTML page (plots inline, nothing fetched) with "
        "the review's post-editing figures: totals (active time, words per hour, keys, HTER "
        "and chrF), plots along the article, the segments that needed the most work, every "
        "segment with its machine translation, final English and changes, and the model's "
        "provenance. It opens in any browser.",
    )
    report.add_argument("source", type=Path, metavar="PROJECT_OR_ARTICLE")
    report.add_argument("-o", "--output", type=Path, required=True, help="the .html file")
    report.set_defaults(handler=_report)
    return parser


def _check(arguments: argparse.Namespace) -> int:
    from reviewer.glossary import glossary_files, read_glossary
    from reviewer.project import open_review
    from reviewer.qa import check_document

    review = open_review(arguments.source)
    found_by_name = glossary_files(Path(review.document.article.path))
    glossary = [
        term for path in [*found_by_name, *arguments.glossary] for term in read_glossary(path)
    ]
    findings = check_document(review.document, glossary)
    for finding in findings:
        if arguments.json:
            print(json.dumps(dataclasses.asdict(finding), ensure_ascii=False))
        else:
            print(f"{finding.segment_id}\t{finding.kind}\t{finding.message}")
    if not arguments.json:
        count = len(findings)
        print(f"{count} finding{'' if count == 1 else 's'}.", file=sys.stderr)
    return ExitCode.FINDINGS if findings else ExitCode.OK


class _InstallDesktopEntry(argparse.Action):
    """``--install-desktop-entry``: done at once, like ``--version``."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from reviewer.desktop import install_desktop_entry

        try:
            entry = install_desktop_entry()
        except ReviewerError as error:
            _print_error(str(error))
            parser.exit(int(error.exit_code))
        print(
            f"Installed {entry}: reviewer is among your applications, and article files "
            "offer 'Open with reviewer'.",
            file=sys.stderr,
        )
        parser.exit(0)


def _fetch_model(arguments: argparse.Namespace) -> int:
    from reviewer.engine.fetch import adopt, carry_instructions, fetch
    from reviewer.engine.types import DEFAULT_MODEL

    if arguments.convert is not None:
        folder = adopt(arguments.convert)
    else:
        hub_id = arguments.model or DEFAULT_MODEL
        print(f"Downloading {hub_id} ...", file=sys.stderr)
        folder = fetch(hub_id)
    default = folder.name == DEFAULT_MODEL.rsplit("/", 1)[-1]
    use = "reviewer uses it from now on." if default else f"Use it with --model {folder}."
    print(f"Ready: {folder}. {use}", file=sys.stderr)
    print(carry_instructions(folder), file=sys.stderr)
    return ExitCode.OK


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        help="a hub id or a local model folder (default: REVIEWER_MODEL, the copy "
        "`reviewer fetch-model` made, then Helsinki-NLP/opus-mt-ar-en from the Hugging Face "
        "cache or hub)",
    )
    parser.add_argument(
        "--device", choices=("auto", "cpu", "cuda"), default="auto", help="default: auto"
    )
    parser.add_argument(
        "--backend",
        choices=("auto", "ctranslate2", "transformers"),
        default="auto",
        help="auto uses CTranslate2 when it is installed (faster), else transformers",
    )
    parser.add_argument(
        "--shortlist",
        choices=("auto", "on", "off"),
        default="auto",
        help="CTranslate2's output vocabulary shortlist, when the model has one (see the "
        "README): auto uses it only if its recorded quality gate passed",
    )


def _shortlist(arguments: argparse.Namespace) -> bool | None:
    return {"on": True, "off": False}.get(arguments.shortlist)


def _open_window(arguments: argparse.Namespace) -> int:
    from reviewer.qt.app import run

    if arguments.shortlist != "auto":
        # The engine runs in a process of its own, which inherits the choice.
        os.environ["REVIEWER_SHORTLIST"] = arguments.shortlist

    return run(
        arguments.source,
        model=arguments.model,
        device=arguments.device,
        backend=arguments.backend,
        memory=arguments.memory,
    )


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("tsv", "tmx", "xliff", "csv"),
        help="the export format (default: from the output's suffix, else tsv); csv is for "
        "spreadsheets, with cells that would run as formulas neutralised",
    )
    parser.add_argument(
        "--reviewed-only", action="store_true", help="export only the reviewed segments"
    )
    parser.add_argument(
        "--header", action="store_true", help="TSV: start with a line naming the columns"
    )
    parser.add_argument(
        "--columns",
        type=_extra_columns,
        default=(),
        metavar="id,status,mt,hter,chrf,seconds,keys",
        help="TSV: extra columns after the Arabic and the English, comma-separated: segment "
        "id, review status, machine translation; and the post-editing figures: HTER and chrF "
        "of the machine translation against the final English, active editing seconds, keys",
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


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
    from reviewer.project import open_review

    review = open_review(arguments.source)
    for notice in review.notices:
        _print_notice(notice)
    if arguments.require_clean:
        from reviewer.qa import check_document

        findings = check_document(review.document)
        if findings:
            _print_error(
                f"not exported: the review has {len(findings)} finding(s) to look at. List "
                f"them with `reviewer check {shlex.quote(str(arguments.source))}`; fix them, "
                "or mark them not errors in the window (Ctrl+Shift+I), then export again."
            )
            return ExitCode.FINDINGS
    _write_export(review.document, arguments)
    return ExitCode.OK


def _report(arguments: argparse.Namespace) -> int:
    from reviewer.project import open_review
    from reviewer.report import render_report
    from reviewer.storage import atomic_write

    review = open_review(arguments.source)
    for notice in review.notices:
        _print_notice(notice)
    name = review.project_path.name if review.project_path else Path(arguments.source).name
    atomic_write(arguments.output, render_report(review.document, name).encode("utf-8"))
    print(f"Report written to {arguments.output}.", file=sys.stderr)
    return ExitCode.OK


def _write_export(document: ReviewDocument, arguments: argparse.Namespace) -> None:
    """Export *document* as the export options of *arguments* say."""
    from reviewer.exports import ExportOptions, export_to_file, format_for_path, render

    output: Path = arguments.output
    export_format = arguments.format or format_for_path(output) or "tsv"
    options = ExportOptions(
        reviewed_only=arguments.reviewed_only,
        header=arguments.header,
        extra_columns=arguments.columns,
    )
    if str(output) == "-":
        result = render(document, export_format, options)
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
    else:
        result = export_to_file(document, output, export_format, options)
    for warning in result.warnings:
        _print_notice(warning)
    if str(output) != "-":
        print(
            f"Exported {result.pairs} pair{'s' * (result.pairs != 1)} to {output} "
            f"({export_format.upper()}).",
            file=sys.stderr,
        )


def _translate(arguments: argparse.Namespace) -> int:
    from reviewer.lock import ProjectLock
    from reviewer.project import new_project_path, open_review

    review = open_review(arguments.source)
    for notice in review.notices:
        _print_notice(notice)
    document = review.document
    project_path = review.project_path or new_project_path(Path(document.article.path))
    # One writer per review: a window that has it open would otherwise overwrite what this
    # command saves, or this command what the window saves.
    lock = ProjectLock(project_path)
    lock.acquire()
    try:
        return _translate_locked(arguments, document, project_path)
    finally:
        lock.release()


def _translate_locked(
    arguments: argparse.Namespace, document: ReviewDocument, project_path: Path
) -> int:
    import time

    from reviewer.engine import DecodingSettings, TranslationCache, load_translator
    from reviewer.engine.pretranslate import needs_translation, pretranslate
    from reviewer.project import save_project

    from_memory = 0
    if not arguments.no_memory:
        filled = open_memory(arguments).fill(needs_translation(document))
        from_memory = len(filled)
        if filled:
            save_project(document, project_path)
    if not needs_translation(document):
        print(
            f"{_from_memory(from_memory)}Nothing to translate: every paragraph has a machine "
            "translation.",
            file=sys.stderr,
        )
        if arguments.output is not None:
            _write_export(document, arguments)
        return ExitCode.OK
    started = time.perf_counter()
    print("Loading the translation model ...", file=sys.stderr)
    translator = load_translator(
        arguments.model,
        device=arguments.device,
        backend=arguments.backend,
        settings=DecodingSettings(num_beams=arguments.beams),
        cache=TranslationCache(enabled=not arguments.no_cache),
        shortlist=_shortlist(arguments),
    )
    loaded = time.perf_counter()
    print(
        f"Model {translator.backend.model_id} loaded in {loaded - started:.1f} s "
        f"({translator.backend.backend} on {translator.backend.device}).",
        file=sys.stderr,
    )
    summary = pretranslate(document, translator, save=lambda: save_project(document, project_path))
    print(
        _from_memory(from_memory) + summary.describe(time.perf_counter() - loaded), file=sys.stderr
    )
    print(f"Review saved to {project_path}.", file=sys.stderr)
    if summary.interrupted:
        return 130
    if arguments.output is not None:
        _write_export(document, arguments)
    return ExitCode.OK


def _from_memory(count: int) -> str:
    """The start of a summary line: how many paragraphs the memory filled."""
    if not count:
        return ""
    return f"{count} paragraph{'s' * (count != 1)} from the translation memory (to review). "


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
    # One line, always: a newline in a file name must not split the message.
    one_line = " ".join(line.strip() for line in message.splitlines() if line.strip())
    print(f"{PROG}: error: {one_line}", file=sys.stderr)


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
