"""The output vocabulary shortlist: built from the full model's own output, it changes nothing
on the text it was built from; the gate decides whether it is on by default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.engine.ct2 import converted_folder
from reviewer.engine.folder import folder_revision
from reviewer.engine.shortlist import (
    GATE_FILE,
    MAX_CHRF_LOSS,
    VMAP_FILE,
    Shortlist,
    build,
    record_gate,
    save,
    use_shortlist,
)
from reviewer.segmentation import split_sentences
from tests.conftest import SAMPLE_ARTICLE
from tests.engine.conftest import load_ct2

pytest.importorskip("ctranslate2")


def test_with_the_shortlist_the_text_it_was_built_from_translates_the_same(
    tiny_model: Path,
) -> None:
    sentences = [
        s for line in SAMPLE_ARTICLE.read_text("utf-8").splitlines() for s in split_sentences(line)
    ]
    full = load_ct2(tiny_model, shortlist=False)
    assert not full.use_vmap
    sentences = [s for s in sentences if full.count_tokens(s) < full.max_input_tokens]
    sources = [full._tokenizer.source_tokens(s) for s in sentences]
    outputs = [list(options[0].pieces) for options in full.translate(sentences)]
    # Few frequent pieces and few per Arabic piece: the guarantee has work to do.
    shortlist = build(sources, outputs, frequent=5, per_piece=2)
    assert all(
        set(out) <= shortlist.allowed(src) for src, out in zip(sources, outputs, strict=True)
    )
    target = converted_folder(folder_revision(tiny_model), "int8")
    save(target, shortlist, {"corpus": "the sample article", "sentences": len(sentences)})
    vocabulary = len(json.loads((tiny_model / "vocab.json").read_text("utf-8")))
    assert len(shortlist.allowed(sources[0])) < vocabulary / 2  # a real restriction
    restricted = load_ct2(tiny_model, shortlist=True)
    assert restricted.use_vmap
    assert restricted.backend.endswith("-shortlist")  # in the provenance, and cache keys
    assert [h[0].text for h in restricted.translate(sentences)] == [
        h[0].text for h in full.translate(sentences)
    ]


def test_the_vmap_file_is_what_ctranslate2_reads() -> None:
    shortlist = Shortlist(always=["▁the", "."], by_piece={"▁قال": ["▁said"], "": ["x"]})
    lines = shortlist.vmap_text().splitlines()
    assert lines[0] == "\t▁the ."
    assert lines[1:] == ["▁قال\t▁said"]  # an empty source piece never becomes a rule


def test_the_gate_decides_the_default(tmp_path: Path) -> None:
    assert not use_shortlist(tmp_path, None)  # no map
    assert not use_shortlist(tmp_path, True)
    (tmp_path / VMAP_FILE).write_text("\t▁the\n", encoding="utf-8")
    assert not use_shortlist(tmp_path, None)  # no gate recorded: opt-in only
    assert use_shortlist(tmp_path, True)
    assert record_gate(tmp_path, {"chrf_without": 50.0, "chrf_with": 50.0 - MAX_CHRF_LOSS / 2})
    assert use_shortlist(tmp_path, None)
    assert not use_shortlist(tmp_path, False)
    assert not record_gate(tmp_path, {"chrf_without": 50.0, "chrf_with": 49.0})
    assert not use_shortlist(tmp_path, None)
    gate = json.loads((tmp_path / GATE_FILE).read_text(encoding="utf-8"))
    assert gate["chrf_loss"] == 1.0
    assert gate["on_by_default"] is False


def test_the_engine_really_decodes_within_the_shortlist(tiny_model: Path) -> None:
    """A map that allows one piece: the output is made of it alone."""
    full = load_ct2(tiny_model, shortlist=False)
    sentence = "قال الرئيس إن المحادثات ستستأنف غدا."
    emitted = list(full.translate([sentence])[0][0].pieces)
    allowed = list(dict.fromkeys(emitted))[:1]
    source = full._tokenizer.source_tokens(sentence)
    narrow = Shortlist(always=allowed, by_piece={piece: [] for piece in source})
    save(converted_folder(folder_revision(tiny_model), "int8"), narrow, {"corpus": "test"})
    restricted = load_ct2(tiny_model, shortlist=True)
    pieces = set(restricted.translate([sentence])[0][0].pieces)
    assert pieces <= {*allowed, "</s>", "<unk>"}
    assert set(emitted) - set(allowed)  # the full model wanted others


def test_with_the_shortlist_results_come_from_the_batch_without_waiting_on_steps(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CTranslate2 reports a step's token by its place in the shortened output layer, so
    with the shortlist the step callback gives nothing: the sentences come from the batch's
    result, looked for often (before, each call waited out a 50 ms poll)."""
    from reviewer.engine import ct2

    sentences = ["قال الرئيس إن المحادثات ستستأنف غدا.", "وصل الوفد."]
    expected = [h[0].text for h in load_ct2(tiny_model, shortlist=False).translate(sentences)]
    # A map that allows every word: the same output, through the shortlist's path.
    vocabulary = list(json.loads((tiny_model / "vocab.json").read_text("utf-8")))
    everything = Shortlist(always=vocabulary, by_piece={})
    save(converted_folder(folder_revision(tiny_model), "int8"), everything, {"corpus": "test"})
    restricted = load_ct2(tiny_model, shortlist=True)
    assert restricted.use_vmap

    polls: list[float] = []
    completed = ct2._Stream.completed

    def recorded(stream: ct2._Stream, jobs: list[object], count: int, poll: float) -> object:
        polls.append(poll)
        return completed(stream, jobs, count, poll)

    monkeypatch.setattr(ct2._Stream, "completed", recorded)
    each = dict(restricted.translate_each(sentences))
    assert [each[i].text for i in range(2)] == expected
    assert polls
    assert max(polls) <= 0.005
