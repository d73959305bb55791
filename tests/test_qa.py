"""Quality checks: what each must catch, and, as important, what it must not flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.document import Segment, Status
from reviewer.formats import read_article
from reviewer.qa import (
    Term,
    check_arabic_in_english,
    check_brackets,
    check_consistency,
    check_document,
    check_final_stop,
    check_length,
    check_numbers,
    check_repetition,
    check_spaces,
    check_terminology,
    numbers_in,
    term_matches,
)
from tests.conftest import ROOT, SAMPLE_ARTICLE
from tests.helpers.documents import machine

SAMPLE_ENGLISH = ROOT / "tests" / "data" / "sample_article.en.txt"


def segment(source: str, target: str, segment_id: str = "p1") -> Segment:
    made = Segment(segment_id, source)
    made.accept_machine_translation(machine(target))
    return made


def kinds(findings: list[object]) -> list[str]:
    return [finding.kind for finding in findings]  # type: ignore[attr-defined]


def test_a_correct_translation_of_the_sample_gives_no_finding() -> None:
    """The sample's own numbers (2500 as 2,500, years), names, quotes and stops, correctly
    translated (tests/data/sample_article.en.txt), raise no alarm."""
    document = read_article(SAMPLE_ARTICLE).to_document()
    english = SAMPLE_ENGLISH.read_text("utf-8").splitlines()
    assert len(english) == len(document)
    for item, text in zip(document, english, strict=True):
        item.accept_machine_translation(machine(text))
        item.mark_reviewed()
    assert check_document(document) == []


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("2500 جندي", ["2500"]),
        ("٢٥٠٠ جندي", ["2500"]),  # Arabic-Indic digits
        ("۲۵۰۰ سرباز", ["2500"]),  # Eastern Arabic (Persian) digits
        ("2,500 troops", ["2500"]),
        ("٣٫٥ مليون و ١٢٬٠٠٠", ["3.5", "12000"]),  # Arabic decimal and thousands separators
        ("50% و ٪٥٠", ["50", "50"]),
        ("1990-1995", ["1990", "1995"]),
    ],
)
def test_numbers_are_read_in_every_script(text: str, values: list[str]) -> None:
    assert [str(value) for value, _ in numbers_in(text)] == [
        str(v) for v in map(float, values)
    ] or [f"{value:f}" for value, _ in numbers_in(text)] == values


def test_a_changed_number_is_caught_both_ways() -> None:
    found = check_numbers(segment("يوجد حاليا 2500 جندي", "There are 2,000 soldiers now."))
    assert kinds(found) == ["numbers", "numbers"]
    assert "2500" in found[0].message
    assert found[1].span == (10, 15)  # "2,000" highlighted in the English


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("يوجد حاليا ٢٥٠٠ جندي", "There are 2,500 soldiers now."),
        ("في عام 2003", "in 2003"),
        ("بعد ثلاث سنوات", "three years later"),  # words on both sides
        ("بعد 3 سنوات", "three years later"),  # digits one side, a word the other
        ("نسبة ٥٠٪", "a rate of 50%"),
    ],
)
def test_the_same_numbers_written_differently_are_not_flagged(source: str, target: str) -> None:
    assert check_numbers(segment(source, target)) == []


# --- the other checks -------------------------------------------------------------------------


def test_arabic_script_and_punctuation_left_in_the_english() -> None:
    english = "The troops، left العراق today؟"
    found = check_arabic_in_english(segment("نص", english))
    start = english.index("العراق")
    assert [f.span for f in found] == [
        (start, start + 6),
        (english.index("،"), english.index("،") + 1),
        (len(english) - 1, len(english)),
    ]
    assert check_arabic_in_english(segment("نص", "The troops left Iraq today.")) == []


def test_a_repetition_loop_is_caught_and_ordinary_repeats_are_not() -> None:
    looped = check_repetition(segment("نص", "He said that the the the war was over."))
    assert kinds(looped) == ["repetition"]
    phrase = check_repetition(
        segment("نص", "The end of the war of the war of the war of the war came.")
    )
    assert kinds(phrase) == ["repetition"]
    assert check_repetition(segment("نص", "It was very, very hard; that that is so.")) == []


def test_english_far_too_short_or_too_long_is_caught() -> None:
    source = "أعلن الرئيس جو بايدن إن القوات الأمريكية ستنهي مهمتها القتالية في العراق"
    assert kinds(check_length(segment(source, "Biden spoke."))) == ["length"]
    long_english = " ".join(["The president said the troops will leave Iraq"] * 5)
    assert kinds(check_length(segment(source, long_english))) == ["length"]
    fine = "President Joe Biden said US forces will end their combat mission in Iraq."
    assert check_length(segment(source, fine)) == []
    assert check_length(segment("العراق", "Iraq")) == []  # too short to judge


def test_unpaired_quotes_and_brackets() -> None:
    assert kinds(check_brackets(segment("نص", "He said “it is over."))) == ["brackets"]
    assert kinds(check_brackets(segment("نص", 'He said "it is over.'))) == ["brackets"]
    assert kinds(check_brackets(segment("نص", "The (US-led coalition."))) == ["brackets"]
    assert check_brackets(segment("نص", "He said “it is (really) over.”")) == []


def test_double_spaces_and_spaces_at_the_ends() -> None:
    found = check_spaces(segment("نص", " The  troops left."))
    assert kinds(found) == ["spaces", "spaces"]
    assert found[0].span == (4, 6)
    assert check_spaces(segment("نص", "The troops left.")) == []


def test_a_missing_final_stop_where_the_arabic_has_one() -> None:
    assert kinds(check_final_stop(segment("غادرت القوات.", "The troops left"))) == ["final-stop"]
    assert check_final_stop(segment("غادرت القوات.", "The troops left.”")) == []
    assert check_final_stop(segment("هل غادرت القوات؟", "Did the troops leave?")) == []
    assert check_final_stop(segment("العراق", "Iraq")) == []  # a heading: no stop either side


def test_glossary_terms_are_found_with_prefixes_and_diacritics() -> None:
    glossary = [
        Term("الدولة الإسلامية", ("Islamic State", "ISIS")),
        Term("البيت الأبيض", ("White House",)),
    ]
    # "في البيت" with the article, "والدولة" with و and ال, diacritics on the letters.
    wrong = segment(
        "تحدث في البيتِ الأبيض عن والدولة الاسلامية", "He spoke at the presidency about IS."
    )
    assert kinds(check_terminology(wrong, glossary)) == ["terminology", "terminology"]
    right = segment("تحدث في البيت الأبيض عن الدولة الإسلامية", "At the White House, on ISIS.")
    assert check_terminology(right, glossary) == []


def test_the_same_arabic_translated_differently_is_caught() -> None:
    from tests.helpers.documents import make_document

    document = make_document("العراق", "القوات", "العراقُ")
    for item, english in zip(document, ["Iraq", "Troops", "The Iraq"], strict=True):
        item.accept_machine_translation(machine(english))
    (found,) = check_consistency(document)
    assert (found.segment_id, found.kind) == ("p3", "consistency")
    document.segments[2].edit("iraq")  # the same English, whatever the case
    assert check_consistency(document) == []


def test_untranslated_and_excluded_segments_are_not_checked(tmp_path: Path) -> None:
    from tests.helpers.documents import make_document

    document = make_document("يوجد 2500 جندي", "يوجد 2500 جندي")
    document.segments[1].accept_machine_translation(machine("There are 2,000 troops"))
    document.segments[1].exclude()
    assert check_document(document) == []
    assert document.segments[1].status is Status.EXCLUDED


def test_the_expected_length_is_learnt_from_the_reviewed_segments() -> None:
    from reviewer.qa import DEFAULT_LENGTH_RATIO, expected_length_ratio
    from tests.helpers.documents import make_document

    source = "كلمة " * 10
    document = make_document(*[source] * 6)
    assert expected_length_ratio(document) == DEFAULT_LENGTH_RATIO
    for item in document:
        item.accept_machine_translation(machine("word " * 25))  # 2.5 English words a word
        item.mark_reviewed()
    assert expected_length_ratio(document) == 2.5


def test_glossaries_in_the_formats_translators_have(tmp_path: Path) -> None:
    from reviewer.glossary import read_glossary

    omegat = tmp_path / "glossary.txt"
    omegat.write_text("# OmegaT\nالبيت الأبيض\tWhite House\tthe residence\n", "utf-8")
    table = tmp_path / "glossary.csv"
    table.write_text("Arabic,English,Note\nالدولة الإسلامية,Islamic State; ISIS,\n", "utf-8")
    tbx = tmp_path / "glossary.tbx"
    tbx.write_text(
        '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="ar"><tig><term>داعش</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>ISIS</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        "utf-8",
    )
    assert read_glossary(omegat) == [Term("البيت الأبيض", ("White House",))]
    assert read_glossary(table) == [Term("الدولة الإسلامية", ("Islamic State", "ISIS"))]
    assert read_glossary(tbx) == [Term("داعش", ("ISIS",))]


def test_check_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from reviewer.cli import main
    from reviewer.errors import ExitCode
    from reviewer.project import save_project
    from tests.helpers.documents import make_document

    document = make_document("يوجد 2500 جندي.", "البيت الأبيض")
    document.segments[0].accept_machine_translation(machine("There are 2,000 troops."))
    document.segments[1].accept_machine_translation(machine("The presidency"))
    project = tmp_path / "a.reviewer.json"
    save_project(document, project)
    glossary = tmp_path / "terms.txt"
    glossary.write_text("البيت الأبيض\tWhite House\n", "utf-8")
    assert main(["check", str(project), "--glossary", str(glossary)]) == ExitCode.FINDINGS
    out = capsys.readouterr()
    assert "p1\tnumbers\tThe Arabic has 2500" in out.out
    assert "p2\tterminology" in out.out
    assert "3 findings." in out.err
    assert main(["check", str(project), "--json"]) == ExitCode.FINDINGS
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["segment_id"] == "p1"
    document.segments[0].edit("There are 2,500 troops.")
    save_project(document, project)
    assert main(["check", str(project)]) == ExitCode.OK


def test_a_finding_marked_not_an_error_stays_quiet_and_is_kept(tmp_path: Path) -> None:
    from reviewer.project import open_project, save_project
    from tests.helpers.documents import make_document

    document = make_document("يوجد 2500 جندي.", "القوات")
    document.segments[0].accept_machine_translation(machine("There are 2,000 troops."))
    document.segments[1].accept_machine_translation(machine("Troops"))
    found = check_document(document)
    assert kinds(found) == ["numbers", "numbers"]
    document.segments[0].mark_not_errors([found[0].key])
    assert [f.message for f in check_document(document)] == [found[1].message]
    path = tmp_path / "a.reviewer.json"
    save_project(document, path)
    reopened = open_project(path).document
    assert reopened.segments[0].not_errors == frozenset({found[0].key})
    assert reopened.segments[1].not_errors == frozenset()
    assert '"not_errors"' not in path.read_text("utf-8").splitlines()[-2]  # none: no key
    assert [f.message for f in check_document(reopened)] == [found[1].message]


def test_export_can_require_a_clean_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.cli import main
    from reviewer.errors import ExitCode
    from reviewer.project import save_project
    from tests.helpers.documents import make_document

    document = make_document("يوجد 2500 جندي.")
    document.segments[0].accept_machine_translation(machine("There are 2,000 troops."))
    project = tmp_path / "a.reviewer.json"
    save_project(document, project)
    out = tmp_path / "pairs.tsv"
    assert main(["export", str(project), "-o", str(out), "--require-clean"]) == ExitCode.FINDINGS
    assert "2 finding(s)" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", str(project), "-o", str(out)]) == ExitCode.OK  # a warning is opt-in
    document.segments[0].edit("There are 2,500 troops.")
    save_project(document, project)
    assert main(["export", str(project), "-o", str(out), "--require-clean"]) == ExitCode.OK


def test_the_users_and_the_articles_glossaries_are_found_by_name(tmp_path: Path) -> None:
    import platformdirs

    from reviewer.glossary import glossary_files

    article = tmp_path / "news.txt"
    article.write_text("نص", "utf-8")
    assert glossary_files(article) == []
    mine = platformdirs.user_data_path("reviewer", appauthor=False) / "glossary.tbx"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("<martif/>", "utf-8")
    beside = tmp_path / "news.txt.glossary.csv"
    beside.write_text("ar,en\n", "utf-8")
    assert glossary_files(article) == [mine, beside]


def test_terms_are_marked_where_they_are_in_the_arabic_whole_words_included() -> None:
    army, forces = Term("الجيش", ("army",)), Term("قوات سوريا الديمقراطية", ("SDF",))
    source = "وقالت قوّاتُ سوريا الديمقراطية إن الجيشَ دخل، والجيش باقٍ. جيشان"
    found = [
        (term, source[start:end]) for term, (start, end) in term_matches(source, [army, forces])
    ]
    assert found == [
        (forces, "قوّاتُ سوريا الديمقراطية"),
        (army, "الجيشَ"),
        (army, "والجيش"),
    ]


def test_a_term_added_from_the_window_is_appended_to_its_glossary(tmp_path: Path) -> None:
    from reviewer.glossary import add_term, read_glossary

    glossary = tmp_path / "news.txt.glossary.txt"
    glossary.write_bytes("# my terms\r\nالجيش\tarmy".encode("cp1256"))
    add_term(glossary, Term("قسد", ("SDF", "Syrian Democratic Forces")), "from p4")
    assert read_glossary(glossary) == [
        Term("الجيش", ("army",)),
        Term("قسد", ("SDF", "Syrian Democratic Forces")),
    ]
    assert glossary.read_text(encoding="utf-8").startswith("# my terms")
    with pytest.raises(ValueError, match="tabs"):
        add_term(glossary, Term("a\tb", ("c",)))
