"""Glossaries in the formats translators have: OmegaT's tab-separated text, CSV with a
header line, and TBX (read with lxml, no entities expanded, nothing fetched).

Besides the files given on the command line, a review uses two glossaries found by name:
the user's own, in the data folder (``glossary.txt``, ``.csv`` or ``.tbx``), for every
review, and the article's, beside it (``ARTICLE.glossary.txt`` and so on).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reviewer.errors import ArticleError, DataFileError, WriteError
from reviewer.formats.decoding import decode_article_bytes
from reviewer.qa import Term
from reviewer.storage import (
    UnreadableFile,
    atomic_write,
    read_regular_file,
    shown_name,
    user_data_folder,
)

#: Glossary file endings, in the order they are looked for.
GLOSSARY_SUFFIXES = (".txt", ".csv", ".tbx")
#: The largest glossary read.
MAX_GLOSSARY_BYTES = 32 * 2**20
#: Column names that mean the Arabic, and the English, in a CSV glossary's header.
SOURCE_COLUMNS = ("ar", "arabic", "source", "term", "src", "source term")
TARGET_COLUMNS = ("en", "english", "target", "translation", "tgt", "target term")


def glossary_files(article_path: Path) -> list[Path]:
    """The glossaries a review of *article_path* uses by themselves: the user's, then the
    article's (those that exist)."""
    user = user_data_folder() / "glossary"
    article = article_path.with_name(article_path.name + ".glossary")
    candidates = [
        stem.with_name(stem.name + suffix)
        for stem in (user, article)
        for suffix in GLOSSARY_SUFFIXES
    ]
    return [path for path in candidates if path.is_file()]


def user_glossary() -> Path:
    """The user's own glossary, the one terms added in the window go to by default."""
    return user_data_folder() / "glossary.txt"


def article_glossary(article_path: Path) -> Path:
    """The glossary of one article, beside it (OmegaT's tab-separated form)."""
    return article_path.with_name(article_path.name + ".glossary.txt")


def add_term(path: Path, term: Term, comment: str = "") -> None:
    """Add *term* to the tab-separated glossary at *path* (made if missing), keeping every
    line already there; raises `WriteError` leaving the file as it was."""
    fields = [term.source, "; ".join(term.targets), comment]
    if any(char in field for field in fields for char in "\t\r\n"):
        raise ValueError("a glossary field cannot hold tabs or line breaks")
    text = ""
    if path.is_file():
        try:
            data = read_regular_file(path, MAX_GLOSSARY_BYTES)
        except (OSError, UnreadableFile) as error:
            raise WriteError(f"The glossary {shown_name(path)} cannot be read: {error}.") from None
        # Whatever its encoding, the glossary is written back whole as UTF-8 (what OmegaT
        # reads a .txt glossary as), the new term at its end.
        try:
            text = decode_article_bytes(data, shown_name(path)).text if data.strip() else ""
        except ArticleError as error:
            raise WriteError(f"The term was not added: {error}") from None
        if text and not text.endswith("\n"):
            text += "\n"
    text += "\t".join(fields).rstrip("\t") + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def load_glossaries(paths: list[Path]) -> tuple[list[Term], list[str]]:
    """The terms of every glossary in *paths*, and a message for each that cannot be read
    (one bad glossary never stops the others)."""
    terms: list[Term] = []
    problems: list[str] = []
    for path in paths:
        try:
            terms.extend(read_glossary(path))
        except DataFileError as error:
            problems.append(str(error))
    return terms, problems


def read_glossary(path: Path) -> list[Term]:
    """The terms of the glossary at *path* (raises `DataFileError` saying what is wrong)."""
    name = shown_name(path)
    try:
        data = read_regular_file(path, MAX_GLOSSARY_BYTES)
    except (OSError, UnreadableFile) as error:
        raise DataFileError(f"The glossary {name} cannot be read: {error}.") from None
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return _read_tbx(data, name)
    text = decode_article_bytes(data, name).text
    if suffix == ".csv":
        return _read_csv(text, name)
    return _read_tab_separated(text)


def _terms(source: str, target: str) -> Term | None:
    source, target = source.strip(), target.strip()
    if not source or not target:
        return None
    targets = tuple(part.strip() for part in target.split(";") if part.strip())
    return Term(source, targets)


def _read_tab_separated(text: str) -> list[Term]:
    terms = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 2 and (term := _terms(fields[0], fields[1])) is not None:
            terms.append(term)
    return terms


def _read_csv(text: str, name: str) -> list[Term]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    header = [cell.strip().casefold() for cell in rows[0]]
    try:
        source = next(i for i, cell in enumerate(header) if cell in SOURCE_COLUMNS)
        target = next(i for i, cell in enumerate(header) if cell in TARGET_COLUMNS)
    except StopIteration:
        raise DataFileError(
            f"{name} has no column for the Arabic and the English in its first line: name "
            f"them (for example {SOURCE_COLUMNS[0]} and {TARGET_COLUMNS[0]})."
        ) from None
    terms = []
    for row in rows[1:]:
        if len(row) > max(source, target) and (term := _terms(row[source], row[target])):
            terms.append(term)
    return terms


def _read_tbx(data: bytes, name: str) -> list[Term]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise DataFileError(f"{name} is not a valid TBX file ({error}).") from None
    terms = []
    language = "{http://www.w3.org/XML/1998/namespace}lang"
    for entry in root.iter("{*}termEntry", "{*}conceptEntry"):
        by_language: dict[str, list[str]] = {}
        for lang_set in entry.iter("{*}langSet", "{*}langSec"):
            code = (lang_set.get(language) or lang_set.get("lang") or "").lower()[:2]
            words = [
                "".join(str(piece) for piece in term.itertext())
                for term in lang_set.iter("{*}term")
            ]
            by_language.setdefault(code, []).extend(w for w in words if w.strip())
        for source in by_language.get("ar", []):
            targets = by_language.get("en", [])
            if targets:
                terms.append(Term(source.strip(), tuple(t.strip() for t in targets)))
    return terms
