"""Finding and loading the model: folders, the Hugging Face cache, the hub offline, and every
way a model folder can be wrong."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reviewer.engine import ModelSource, TranslationCache, load_backend, load_translator, locate
from reviewer.engine.convert import convert_to_safetensors
from reviewer.engine.folder import folder_revision
from reviewer.engine.locate import choose_source
from reviewer.errors import ModelError
from tests.engine.conftest import load_ct2
from tests.helpers.tiny_marian import convert_to_pickle

if TYPE_CHECKING:
    from reviewer.engine.ct2 import CTranslate2Translator


def _folder(path: Path) -> ModelSource:
    return ModelSource(str(path), is_folder=True, origin="--model")


# --- Where the model comes from ------------------------------------------------------


def test_source_order_explicit_then_setting_then_models_folder_then_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locate, "MODELS_FOLDER", tmp_path / "models")
    monkeypatch.delenv("REVIEWER_MODEL", raising=False)
    assert choose_source() == ModelSource("Helsinki-NLP/opus-mt-ar-en", False, "hub")
    (tmp_path / "models" / "opus-mt-ar-en").mkdir(parents=True)  # a checkout's models/
    assert choose_source() == ModelSource(
        str(tmp_path / "models" / "opus-mt-ar-en"), True, "fetch-model"
    )
    fetched = locate.local_copy_folder()  # where fetch-model puts it: first
    fetched.mkdir(parents=True)
    assert choose_source() == ModelSource(str(fetched), True, "fetch-model")
    monkeypatch.setenv("REVIEWER_MODEL", "Helsinki-NLP/opus-mt-ar-fr")
    assert choose_source() == ModelSource("Helsinki-NLP/opus-mt-ar-fr", False, "REVIEWER_MODEL")
    assert choose_source(str(tmp_path)) == ModelSource(str(tmp_path), True, "--model")
    assert choose_source("./missing/folder").is_folder


# --- Loading ----------------------------------------------------------------------------


def test_the_translator_loads_from_a_folder_and_translates(
    tiny_model: Path, tmp_path: Path
) -> None:
    translator = load_translator(
        str(tiny_model), backend="transformers", cache=TranslationCache(tmp_path / "c.sqlite")
    )
    machine = translator.translate_text("القوات الأمريكية تغادر العراق. العراق")
    assert machine.text
    assert machine.model == tiny_model.name  # a name, never a path of this machine
    assert machine.revision == folder_revision(tiny_model)
    assert machine.settings["backend"] == "transformers"
    assert 0 < (machine.score or 0) <= 1


def _offline_hub_cache(
    model: Path, commit: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lay *model* out as the hub cache stores a download of opus-mt-ar-en, offline."""
    repo = cache / "models--Helsinki-NLP--opus-mt-ar-en"
    shutil.copytree(model, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_the_model_loads_from_the_hugging_face_cache_offline(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    _offline_hub_cache(tiny_model, commit, tmp_path / "hub", monkeypatch)
    monkeypatch.setattr(locate, "MODELS_FOLDER", tmp_path / "no-models")
    monkeypatch.delenv("REVIEWER_MODEL", raising=False)
    backend = load_backend(choose_source(), backend="transformers")
    assert backend.model_id == "Helsinki-NLP/opus-mt-ar-en"
    assert backend.revision == commit


def test_a_pickle_only_hub_download_is_converted_once_and_safely(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer.engine.convert import safe_copy

    convert_to_pickle(tiny_model)
    commit = "fedcba9876543210fedcba9876543210fedcba98"
    _offline_hub_cache(tiny_model, commit, tmp_path / "hub", monkeypatch)
    source = ModelSource("Helsinki-NLP/opus-mt-ar-en", False, "--model")
    backend = load_backend(source, backend="transformers")
    assert backend.revision == commit
    assert backend.translate(["العراق"])[0][0].text
    converted = safe_copy(Path("unused"), commit) / "model.safetensors"
    first = converted.stat().st_mtime_ns
    load_backend(source, backend="transformers")
    assert converted.stat().st_mtime_ns == first  # once: the second load reuses it


def test_offline_with_a_hub_id_not_in_the_cache_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match=r"offline.* -m reviewer fetch-model`"):
        load_backend(ModelSource("Helsinki-NLP/opus-mt-ar-en", False, "hub"))


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"No model folder at .*nowhere \(from --model\)"):
        load_backend(_folder(tmp_path / "nowhere"))


# --- Folders that are refused ---------------------------------------------------------


def _edit_config(folder: Path, **changes: object) -> None:
    config = json.loads((folder / "config.json").read_text())
    config.update(changes)
    (folder / "config.json").write_text(json.dumps(config))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda f: (f / "config.json").unlink(), "no config.json"),
        (lambda f: (f / "config.json").write_text("{not json"), "damaged"),
        (lambda f: _edit_config(f, model_type="bert"), "bert model, not a Marian"),
        (lambda f: _edit_config(f, auto_map={"AutoModel": "evil.Model"}), "run code of its own"),
        (lambda f: (f / "model.safetensors").unlink(), "no model weights"),
        (lambda f: (f / "target.spm").unlink(), "lacks the tokenizer files target.spm"),
        (lambda f: (f / "model.safetensors").write_bytes(b"garbage" * 10), "could not be loaded"),
        (convert_to_pickle, "only as a pickle checkpoint"),
        # Hostile configs: refused at once, before anything is allocated (issue 9).
        (lambda f: (f / "config.json").write_text("[" * 100_000 + "]" * 100_000), "nested"),
        (lambda f: _edit_config_raw(f, '"d_model": ' + "9" * 5000), "damaged"),
        (lambda f: _edit_config(f, decoder_layers=100_000), "decoder_layers = 100000"),
        (lambda f: _edit_config(f, max_position_embeddings=10**9), "max_position_embeddings"),
        (lambda f: _edit_config(f, d_model=True), "d_model = True"),
        (
            lambda f: _edit_config(f, d_model=8192, vocab_size=1_000_000, encoder_layers=64),
            "billion parameters",
        ),
        (lambda f: _link_config(f, "/dev/zero"), "damaged .it is a device"),
    ],
)
def test_a_broken_or_unsafe_folder_is_refused_with_what_to_do(
    tiny_model: Path, damage: object, message: str
) -> None:
    import time

    damage(tiny_model)  # type: ignore[operator]
    started = time.monotonic()
    with pytest.raises(ModelError, match=message):
        load_backend(_folder(tiny_model), backend="transformers")
    assert time.monotonic() - started < 30  # refused, not tried for minutes


def _edit_config_raw(folder: Path, entry: str) -> None:
    path = folder / "config.json"
    path.write_text(path.read_text("utf-8").replace("{", "{" + entry + ", ", 1), "utf-8")


def _link_config(folder: Path, target: str) -> None:
    (folder / "config.json").unlink()
    (folder / "config.json").symlink_to(target)


def test_a_pickle_checkpoint_converts_to_a_folder_that_loads(
    tiny_model: Path, tmp_path: Path
) -> None:
    convert_to_pickle(tiny_model)
    converted = convert_to_safetensors(tiny_model, tmp_path / "converted")
    assert (converted / "model.safetensors").is_file()
    assert not (converted / "pytorch_model.bin").exists()
    backend = load_backend(_folder(converted), backend="transformers")
    assert backend.translate(["العراق"])[0][0].text


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch " + str(Path(os.environ["EXPLOIT_MARKER"])),))


def test_a_malicious_pickle_is_refused_and_never_run(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "exploited"
    monkeypatch.setenv("EXPLOIT_MARKER", str(marker))
    (tiny_model / "model.safetensors").unlink()
    (tiny_model / "pytorch_model.bin").write_bytes(pickle.dumps({"weight": _Exploit()}))
    with pytest.raises(ModelError, match="nothing in it was run"):
        convert_to_safetensors(tiny_model, tmp_path / "converted")
    assert not marker.exists()
    assert not (tmp_path / "converted").exists()


def test_a_folder_saved_from_the_hub_is_named_by_its_hub_id(tiny_model: Path) -> None:
    """Exports travel: the model is named as the hub names it, not by a local path."""
    _edit_config(tiny_model, _name_or_path="Helsinki-NLP/opus-mt-ar-en")
    backend = load_backend(_folder(tiny_model), backend="transformers")
    assert backend.model_id == "Helsinki-NLP/opus-mt-ar-en"
    _edit_config(tiny_model, _name_or_path="/home/someone/models/opus-mt-ar-en")
    assert load_backend(_folder(tiny_model), backend="transformers").model_id == tiny_model.name


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_cuda_without_a_gpu_is_refused_at_once_by_either_backend(
    tiny_model: Path, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same check, before anything is converted: CTranslate2 used to convert the model
    for the GPU first, then fail with advice to delete a folder."""
    from reviewer.engine import ct2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(ModelError, match="No CUDA GPU is available here") as refused:
        load_backend(_folder(tiny_model), backend=backend, device="cuda")
    assert "--device cpu" in str(refused.value)
    assert "Delete" not in str(refused.value)
    assert not any((tmp_path / "cache").rglob("model.bin"))  # nothing converted
    del ct2


def test_the_command_a_message_prints_works_as_printed_from_any_folder(
    tiny_model: Path, tmp_path: Path
) -> None:
    """The advice in a message is run exactly as printed, from another folder: it puts the
    model where reviewer looks, and a plain `translate` (no --model) then uses it."""
    import re
    import shlex
    import subprocess

    from tests.conftest import SAMPLE_ARTICLE

    folder = tiny_model.parent / "opus-mt-ar-en"
    tiny_model.rename(folder)
    convert_to_pickle(folder)
    with pytest.raises(ModelError) as refused:
        load_backend(_folder(folder), backend="transformers")
    (printed,) = re.findall(r"`([^`]+)`", str(refused.value))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        shlex.split(printed), cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "reviewer uses it from now on" in result.stderr
    assert "To use it on a machine that is offline, copy the folder" in result.stderr
    assert (folder / "pytorch_model.bin").is_file()  # the folder given is left as it was
    installed = locate.local_copy_folder()
    assert (installed / "model.safetensors").is_file()
    assert not (installed / "pytorch_model.bin").exists()
    article = Path(shutil.copy(SAMPLE_ARTICLE, elsewhere / "article.txt"))
    python, module = shlex.split(printed)[0], "reviewer"
    translate = subprocess.run(
        [python, "-m", module, "translate", str(article), "--backend", "transformers"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert translate.returncode == 0, translate.stderr
    assert "Model opus-mt-ar-en loaded" in translate.stderr


@pytest.mark.parametrize("in_child", [True, False])
def test_a_model_the_converter_refuses_says_so_and_what_to_do(
    tiny_model: Path, in_child: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The conversion for CTranslate2 runs in a child process (in place where transformers
    is loaded already): a refusal reaches the user as a message that says what to do, and
    nothing half-built is left behind."""
    pytest.importorskip("ctranslate2")
    from reviewer.engine import ct2
    from reviewer.engine.folder import folder_revision

    monkeypatch.setattr(ct2, "_converts_in_child", lambda: in_child)

    config = json.loads((tiny_model / "config.json").read_text("utf-8"))
    config["d_model"] = 7  # the weights no longer fit the model the config describes
    (tiny_model / "config.json").write_text(json.dumps(config), "utf-8")
    revision = folder_revision(tiny_model)
    with pytest.raises(ModelError, match="could not be converted for CTranslate2") as refused:
        ct2.CTranslate2Translator.load(tiny_model, model_id="tiny", revision=revision)
    assert "--backend transformers" in str(refused.value)
    target = ct2.converted_folder(revision, "int8")
    assert not target.exists()
    assert not list(target.parent.glob(f".{target.name}.*"))


def test_a_converter_that_dies_is_reported_not_raised_as_is(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed (out of memory, say), the converting child leaves a message all the same."""
    import subprocess

    from reviewer.engine import ct2

    def killed(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
        assert command[1:3] == ["-m", "reviewer.engine.ct2"]
        return subprocess.CompletedProcess(command, -9, "", "")

    monkeypatch.setattr(ct2.subprocess, "run", killed)
    monkeypatch.setattr(ct2, "_converts_in_child", lambda: True)
    with pytest.raises(ModelError, match=r"not be converted .*status -9.*--backend transformers"):
        ct2._convert(tiny_model, tiny_model.parent / "out", "int8")


# --- The converted model's vocabulary -------------------------------------------------


def _converted(backend: CTranslate2Translator) -> Path:
    """The folder of *backend*'s converted model."""
    assert backend.converted is not None
    return backend.converted


def test_the_converted_vocabulary_is_text_and_an_older_json_one_is_rewritten(
    tiny_model: Path, tmp_path: Path
) -> None:
    """The vocabulary is checked line by line, not parsed whole into the engine's memory
    (3.7 MB left behind for opus-mt-ar-en's): the conversion writes it as text, one token a
    line in the order of their ids, and a folder converted as JSON before is rewritten at
    its next load, translating as before."""
    pytest.importorskip("ctranslate2")
    from transformers import MarianTokenizer

    from reviewer.engine import ct2

    ct2._convert(tiny_model, tmp_path / "converted", "int8")
    text = tmp_path / "converted" / "shared_vocabulary.txt"
    *tokens, after_last = text.read_text("utf-8").split("\n")
    assert after_last == ""
    tokenizer = MarianTokenizer.from_pretrained(str(tiny_model))
    assert tokens == tokenizer.convert_ids_to_tokens(list(range(len(tokens))))
    assert not (tmp_path / "converted" / "shared_vocabulary.json").exists()

    backend = load_ct2(tiny_model)
    target = _converted(backend)
    before = backend.translate(["القوات الأمريكية تغادر العراق."])
    backend.close()
    (target / "shared_vocabulary.json").write_text(json.dumps(tokens), "utf-8")
    (target / "shared_vocabulary.txt").unlink()
    again = load_ct2(tiny_model)
    assert (target / "shared_vocabulary.txt").read_text("utf-8") == text.read_text("utf-8")
    assert not (target / "shared_vocabulary.json").exists()
    assert again.translate(["القوات الأمريكية تغادر العراق."]) == before


def test_a_vocabulary_with_a_line_break_in_a_token_stays_json(tmp_path: Path) -> None:
    from reviewer.engine.ct2 import vocabulary_as_text

    written = tmp_path / "shared_vocabulary.json"
    written.write_text(json.dumps(["<pad>", "</s>", "<unk>", "two\nlines"]), "utf-8")
    vocabulary_as_text(tmp_path)
    assert written.is_file()
    assert not (tmp_path / "shared_vocabulary.txt").exists()

    written.write_text(json.dumps(["<pad>", "</s>", "<unk>", "▁العراق", ""]), "utf-8")
    vocabulary_as_text(tmp_path)
    assert not written.exists()
    text = (tmp_path / "shared_vocabulary.txt").read_bytes()
    assert text == "<pad>\n</s>\n<unk>\n▁العراق\n\n".encode()
    assert [path.name for path in tmp_path.iterdir()] == ["shared_vocabulary.txt"]


def test_a_vocabulary_that_cannot_be_rewritten_stays_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk: the JSON form stays whole and nothing half-written is left."""
    import errno

    from reviewer.engine import ct2

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    written = tmp_path / "shared_vocabulary.json"
    written.write_text(json.dumps(["<pad>", "</s>", "<unk>"]), "utf-8")
    monkeypatch.setattr(ct2.os, "replace", full)
    ct2.vocabulary_as_text(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["shared_vocabulary.json"]
    assert json.loads(written.read_text("utf-8")) == ["<pad>", "</s>", "<unk>"]
    ct2.vocabulary_as_text(tmp_path / "elsewhere")  # no vocabulary there: nothing to do


@pytest.mark.parametrize("form", ["txt", "json"])
def test_a_vocabulary_without_marian_s_special_tokens_is_refused(
    tiny_model: Path, form: str
) -> None:
    """CTranslate2 would fail on the first piece it does not know, mid-translation."""
    backend = load_ct2(tiny_model)
    target = _converted(backend)
    backend.close()
    text = target / "shared_vocabulary.txt"
    tokens = [token for token in text.read_text("utf-8").split("\n")[:-1] if token != "<unk>"]
    if form == "json":
        # A token with a line break keeps a vocabulary in JSON.
        text.unlink()
        (target / "shared_vocabulary.json").write_text(json.dumps([*tokens, "a\nb"]), "utf-8")
    else:
        text.write_text("".join(f"{token}\n" for token in tokens), "utf-8")
    with pytest.raises(ModelError, match=r"vocabulary of .* has no <unk>: not a Marian model's"):
        load_ct2(tiny_model)


@pytest.mark.parametrize(
    ("name", "content"),
    [("shared_vocabulary.txt", b"</s>\n\xff\xfe<unk>\n"), ("shared_vocabulary.json", b'["</s>",')],
)
def test_a_damaged_converted_vocabulary_says_what_to_do(
    tiny_model: Path, name: str, content: bytes
) -> None:
    backend = load_ct2(tiny_model)
    target = _converted(backend)
    backend.close()
    (target / "shared_vocabulary.txt").unlink()
    (target / name).write_bytes(content)
    with pytest.raises(ModelError, match=r"is damaged .*Delete that folder to convert the model"):
        load_ct2(tiny_model)
