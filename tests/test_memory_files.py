"""Filling a memory from TMX, TSV and project files, and exporting it as TMX."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reviewer.document import Status
from reviewer.errors import DataFileError
from reviewer.exports import ExportOptions, ExtraColumn, render
from reviewer.memory import NewUnit, TranslationMemory
from reviewer.memory_files import export_tmx, import_file
from reviewer.project import save_project
from tests.helpers.corpora import udhr_pairs
from tests.helpers.documents import reviewed_document

# What OmegaT writes to a project's project_save.tmx (TMX 1.4, OmegaT's header, its
# comments, the translator's ids and dates on the target tuv, language codes in capitals).
OMEGAT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
   creationtoolversion="6.0.1_0_1b6d8b0d" segtype="sentence" srclang="AR"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="AR">
        <seg>وصل الوفد إلى القاهرة.</seg>
      </tuv>
      <tuv xml:lang="EN-GB" changeid="amina" changedate="20250312T101500Z"
       creationid="amina" creationdate="20250312T101500Z">
        <seg>The delegation arrived in Cairo.</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">news.txt</prop>
      <prop type="id">p2</prop>
      <tuv xml:lang="AR">
        <seg>قال BOLD_OPENالوزيرBOLD_CLOSE إن المحادثات ستستمر.</seg>
      </tuv>
      <tuv xml:lang="EN-GB" changeid="amina" changedate="20250312T101600Z">
        <seg>The BOLD_OPENministerBOLD_CLOSE said the talks would go on.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="AR"><seg>نص بلا ترجمة.</seg></tuv>
    </tu>
  </body>
</tmx>
""".replace("BOLD_OPEN", '<bpt i="1" x="1">&lt;b&gt;</bpt>').replace(
    "BOLD_CLOSE", '<ept i="1">&lt;/b&gt;</ept>'
)

# TMX 1.1, as older tools (and MateCat's downloads of old memories) write it: lang, not
# xml:lang, and the English first.
TMX_11 = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="Old" creationtoolversion="1" o-tmf="x"/>
<body><tu><tuv lang="en"><seg>Oil prices rose.</seg></tuv>
<tuv lang="ar-SA"><seg>ارتفعت أسعار النفط.</seg></tuv></tu></body></tmx>
"""


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    tm = TranslationMemory(tmp_path / "memory.sqlite")
    yield tm
    tm.close()


def test_a_tmx_written_by_omegat_is_imported_without_its_codes(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    path = tmp_path / "project_save.tmx"
    path.write_text(OMEGAT_TMX, encoding="utf-8")
    summary = import_file(memory, path)
    assert (summary.added, summary.skipped) == (2, 1)
    (unit,) = memory.exact("قال الوزير إن المحادثات ستستمر.")
    assert unit.target == "The minister said the talks would go on."
    assert unit.origin == "project_save.tmx"
    (first,) = memory.exact("وصل الوفد إلى القاهرة.")
    assert first.created.startswith("2025-03-12T10:15:00")
    again = import_file(memory, path)
    assert (again.added, again.already) == (0, 2)


def test_a_tmx_11_with_the_english_first_is_imported(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    path = tmp_path / "old.tmx"
    path.write_text(TMX_11, encoding="utf-8")
    assert import_file(memory, path).added == 1
    assert memory.exact("ارتفعت أسعار النفط.")[0].target == "Oil prices rose."


def test_a_tmx_written_by_translate_toolkit_is_imported(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    from translate.storage.tmx import tmxfile

    pairs = udhr_pairs()[:20]
    store = tmxfile(sourcelanguage="ar", targetlanguage="en")
    for arabic, english in pairs:
        store.addtranslation(arabic, "ar", english, "en")
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    assert import_file(memory, path).added == len(set(pairs))
    for arabic, english in pairs:
        assert english in [unit.target for unit in memory.exact(arabic)]


def test_our_exports_come_back_without_their_machine_translations(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    document = reviewed_document()
    reviewed = [s for s in document if s.status is Status.REVIEWED]
    assert 0 < len(reviewed) < len([s for s in document if s.has_target])
    for fmt, options in (
        ("tmx", ExportOptions()),
        ("tsv", ExportOptions(header=True, extra_columns=(ExtraColumn("status"),))),
    ):
        target = TranslationMemory(tmp_path / f"{fmt}.sqlite")
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(render(document, fmt, options).data)
        summary = import_file(target, path)
        assert summary.added == len({(s.source, s.target) for s in reviewed}), fmt
        assert summary.skipped > 0
        target.close()
    project = tmp_path / "a.reviewer.json"
    save_project(document, project)
    assert import_file(memory, project).added >= len(reviewed)
    assert {u.segment for u in memory.units()} == {s.id for s in reviewed}


def test_the_memory_exported_as_tmx_imports_into_a_new_one_unchanged(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    pairs = udhr_pairs()
    memory.add(
        NewUnit(arabic, english, project="udhr", segment=str(n))
        for n, (arabic, english) in enumerate(pairs)
    )
    path = tmp_path / "memory.tmx"
    assert export_tmx(memory, path) == len(memory)
    root = etree.parse(str(path)).getroot()
    assert root.get("version") == "1.4"
    copy = TranslationMemory(tmp_path / "copy.sqlite")
    assert import_file(copy, path).added == len(memory)
    assert sorted((u.source, u.target) for u in copy.units()) == sorted(
        (u.source, u.target) for u in memory.units()
    )
    copy.close()


def test_a_file_that_is_not_a_memory_says_what_to_give(
    memory: TranslationMemory, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a TMX file"):
        import_file(memory, broken)
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    with pytest.raises(DataFileError, match=r"give a \.tmx file"):
        import_file(memory, other)
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataFileError, match="no pairs"):
        import_file(memory, empty)
    assert len(memory) == 0


def test_real_text_finds_itself_through_diacritics_and_attached_prefixes(
    memory: TranslationMemory,
) -> None:
    """The UDHR's 82 aligned Arabic-English segments (npm udhr, the UN's texts): each is
    found again exactly when its diacritics are stripped, and as the best fuzzy match when
    "and" is attached to its first word."""
    from reviewer.search import ARABIC_MARKS

    pairs = udhr_pairs()
    memory.add(NewUnit(arabic, english) for arabic, english in pairs)
    by_source: dict[str, set[str]] = {}
    for arabic, english in pairs:
        by_source.setdefault(arabic, set()).add(english)
    long_ones = prefixed_best = 0
    for arabic, english in pairs:
        bare = ARABIC_MARKS.sub("", arabic)
        assert english in {unit.target for unit in memory.exact(bare)}
        words = len(arabic.split())
        if words < 5:
            continue  # a heading such as "Article 1": one word changed is half of it
        long_ones += 1
        found = memory.matches("و" + arabic)
        # One word of N changed: (N - 1) / N, give or take the punctuation marks.
        if (
            found
            and found[0].unit.target in by_source[arabic]
            and 100 * (1 - 1 / words) - 5 <= found[0].score < 100
        ):
            prefixed_best += 1
    assert long_ones > 40
    assert prefixed_best >= 0.95 * long_ones
