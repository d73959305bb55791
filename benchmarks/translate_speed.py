"""How fast the engine translates the sample article, against the naive way and CTranslate2.

The real opus-mt-ar-en weights cannot be downloaded here, so the benchmark builds a model with
its exact architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048, a 62,834-word vocabulary,
512 positions) and random weights: the same compute. Random weights never stop on their own,
so the output length is forced to 1.2 x the source tokens for every configuration.

Run by hand, from the repository root (takes a few minutes):

    .venv/bin/python benchmarks/translate_speed.py [--repeats 3] [--no-naive]

It prints, per configuration: whole-article time (median of interleaved runs), output tokens
per second, time to the first finished paragraph, and for the product's two backends the cold
start (imports + load) and peak memory, each measured in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
FORCED = DecodingSettings(
    num_beams=1, length_ratio=FORCED_RATIO, length_margin=0, min_length_ratio=FORCED_RATIO
)


def build_model() -> Path:
    """The random-weight opus-mt-ar-en twin, built once and kept in benchmarks/."""
    if not (MODEL_FOLDER / "model.safetensors").is_file():
        from tests.helpers.tiny_marian import build_tiny_marian

        print("Building the benchmark model (once) ...", file=sys.stderr)
        build_tiny_marian(
            MODEL_FOLDER,
            max_positions=512,
            vocab_size=VOCAB_SIZE,
            source_pieces=2000,
            **OPUS_MT_AR_EN,  # type: ignore[arg-type]
        )
    return MODEL_FOLDER


class Counting:
    """Wraps a backend to count the output tokens it produces."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.output_tokens = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def translate(self, sentences: list[str], n_best: int = 1) -> list[list[Hypothesis]]:
        result: list[list[Hypothesis]] = self._inner.translate(sentences, n_best)
        self.output_tokens += sum(options[0].tokens for options in result)
        return result


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


def ctranslate2_raw(
    folder: Path, jobs: int, threads: int, batch_size: int
) -> Callable[[list[str]], tuple[float, float, int]]:
    """CTranslate2 int8 on its own, the whole article at once: every sentence sorted by
    length, cut into batches of *batch_size*, all queued to *jobs* jobs of *threads*
    threads."""
    import ctranslate2
    from transformers import MarianTokenizer

    from reviewer.engine.ct2 import converted_folder

    tokenizer = MarianTokenizer.from_pretrained(str(folder))
    translator = ctranslate2.Translator(
        str(converted_folder(_revision(folder), "int8")),
        device="cpu",
        compute_type="int8",
        inter_threads=jobs,
        intra_threads=threads,
    )
    from reviewer.engine.cleaning import clean_for_model
    from reviewer.segmentation import split_sentences

    def run(paragraphs: list[str]) -> tuple[float, float, int]:
        sentences = [clean_for_model(s) for p in paragraphs for s in split_sentences(p)]
        start = time.perf_counter()
        sources = [tokenizer.convert_ids_to_tokens(tokenizer(s).input_ids) for s in sentences]
        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        pending = []
        for batch in batches:
            longest = max(len(sources[i]) for i in batch) - 1
            length = min(511, int(longest * FORCED_RATIO)) - 1
            pending.extend(
                translator.translate_batch(
                    [sources[i] for i in batch],
                    asynchronous=True,
                    beam_size=1,
                    min_decoding_length=length,
                    max_decoding_length=length,
                )
            )
        tokens = sum(len(job.result().hypotheses[0]) for job in pending)
        total = time.perf_counter() - start
        return total, float("nan"), tokens

    return run


def _revision(folder: Path) -> str:
    from reviewer.engine.folder import folder_revision

    return folder_revision(folder)


def torch_int8(folder: Path) -> Any:
    """Our batching on transformers with torch's dynamic int8 quantization (deprecated in
    torch, measured for comparison only)."""
    import torch

    from reviewer.engine.marian import MarianTranslator

    backend = MarianTranslator.load(
        folder, model_id="bench", revision="bench", device="cpu", settings=FORCED
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        backend._model = torch.ao.quantization.quantize_dynamic(
            backend._model, {torch.nn.Linear}, dtype=torch.qint8
        )
    return backend


def cold_start(backend_name: str) -> None:
    """In a fresh process: imports + load time, the article's time, and peak memory."""
    folder = build_model()
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    start = time.perf_counter()
    from reviewer.engine import ModelSource, load_backend

    backend = load_backend(
        ModelSource(str(folder), is_folder=True, origin="--model"),
        backend=backend_name,
        settings=FORCED,
    )
    loaded = time.perf_counter() - start
    total, _, _ = run_engine(backend, paragraphs)
    print(json.dumps({"cold_start_s": loaded, "total_s": total, "peak_rss_mb": peak_memory_mb()}))


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, unlike ru_maxrss, starts afresh at exec
    rather than inheriting the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def longest_first(backend: Any, paragraphs: list[str]) -> float:
    """Seconds until the article's longest paragraph is done when the reviewer is on it."""
    from reviewer.engine import ParagraphRequest, TranslationCache, TranslationQueue, Translator

    translator = Translator(backend, TranslationCache(enabled=False))
    longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
    queue = TranslationQueue(ParagraphRequest(f"p{i}", p) for i, p in enumerate(paragraphs))
    queue.prioritize(f"p{longest}")
    start = time.perf_counter()
    next(iter(translator.translate_paragraphs(queue)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-naive", action="store_true", help="skip the slow naive run")
    parser.add_argument("--cold", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.cold:
        cold_start(arguments.cold)
        return

    import torch

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    folder = build_model()
    from reviewer.engine import ModelSource, load_backend

    source = ModelSource(str(folder), is_folder=True, origin="--model")
    paragraphs = split_paragraphs(ARTICLE.read_text(encoding="utf-8"))
    ours_ct2 = load_backend(source, backend="ctranslate2", settings=FORCED)
    ours_hf = load_backend(source, backend="transformers", settings=FORCED)
    source_tokens = sum(ours_hf.count_tokens(p) for p in paragraphs)
    print(
        f"Sample article: {len(paragraphs)} paragraphs, {source_tokens} source tokens; output "
        f"forced to {FORCED_RATIO} x source; {os.cpu_count()} cores, torch "
        f"{torch.__version__} with {torch.get_num_threads()} threads.\n"
    )
    configurations: dict[str, Callable[[list[str]], tuple[float, float, int]]] = {
        "ours: CTranslate2 int8, 2 jobs x 1 thread (default)": partial(run_engine, ours_ct2),
        "ours: transformers fp32 greedy, batched": partial(run_engine, ours_hf),
        "ours: transformers int8 (torch dynamic) greedy": partial(run_engine, torch_int8(folder)),
        "CTranslate2 int8 alone, 2 jobs x 1 thread, batches of 8": ctranslate2_raw(folder, 2, 1, 8),
        "CTranslate2 int8 alone, 2 jobs x 1 thread, batches of 16": ctranslate2_raw(
            folder, 2, 1, 16
        ),
        "CTranslate2 int8 alone, 1 job x 2 threads, batches of 16": ctranslate2_raw(
            folder, 1, 2, 16
        ),
    }
    if not arguments.no_naive:
        configurations["naive: one paragraph at a time, beam 4, fp32"] = naive(folder)
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in configurations}
    for repeat in range(arguments.repeats):
        for name, run in configurations.items():
            if name.startswith("naive") and repeat >= 2:
                continue  # A minute a run: two are enough.
            results[name].append(run(paragraphs))
            print(f"  run {repeat + 1}: {name}: {results[name][-1][0]:.2f} s", file=sys.stderr)

    print(f"\n{'configuration':58} {'article':>8} {'tok/s':>7} {'1st para':>9} {'out tok':>8}")
    medians = {}
    for name, runs in results.items():
        total = statistics.median(r[0] for r in runs)
        first = statistics.median(r[1] for r in runs)
        tokens = runs[0][2]
        medians[name] = total
        first_text = "-" if math.isnan(first) else f"{first:.2f} s"
        print(f"{name:58} {total:7.2f}s {tokens / total:7.0f} {first_text:>9} {tokens:8d}")
    for name, backend in (("CTranslate2 (default)", ours_ct2), ("transformers", ours_hf)):
        times = [longest_first(backend, paragraphs) for _ in range(arguments.repeats)]
        words = max(len(p.split()) for p in paragraphs)
        print(
            f"{name}: longest paragraph ({words} words) first, done in "
            f"{statistics.median(times):.2f} s"
        )
    best_ct2 = min(v for k, v in medians.items() if k.startswith("CTranslate2"))
    ours = medians["ours: CTranslate2 int8, 2 jobs x 1 thread (default)"]
    print(f"ours (default) vs best CTranslate2 alone: {best_ct2 / ours:.2f} x its throughput")
    if "naive: one paragraph at a time, beam 4, fp32" in medians:
        naive_time = medians["naive: one paragraph at a time, beam 4, fp32"]
        print(f"ours (default) vs naive: {naive_time / ours:.1f} x faster")

    print("\nCold start and memory, each in a fresh process:")
    for backend in ("ctranslate2", "transformers"):
        output = subprocess.run(
            [sys.executable, __file__, "--cold", backend],
            capture_output=True,
            text=True,
            check=True,
            cwd=tempfile.gettempdir(),
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        print(
            f"  {backend:12}: cold start (imports + load) {figures['cold_start_s']:.1f} s, "
            f"article {figures['total_s']:.2f} s, peak memory {figures['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
