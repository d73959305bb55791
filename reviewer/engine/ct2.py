"""The fast backend: the same Marian checkpoint run by CTranslate2, int8 on the CPU.

CTranslate2 is the fastest CPU engine for Marian models (Argos Translate uses it). The
transformers checkpoint is converted once, into the user's cache folder, and reused. The
tokens come from `reviewer.engine.pieces`, which does what transformers' MarianTokenizer does
from the same files without importing transformers or torch (the engine starts in a fraction
of the time), so both backends see the same tokens.
Batches run as parallel jobs of one thread each, which measured faster here than one job
using every core (see the README's benchmark).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import importlib
import itertools
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import types
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import platformdirs

from reviewer.engine.pieces import EOS, UNK, MarianPieces
from reviewer.engine.shortlist import use_shortlist
from reviewer.engine.types import DecodingSettings, Hypothesis, Interrupted, each_at_once
from reviewer.errors import ModelError

#: The most sentences one `translate` call takes (the scheduler's rounds are smaller).
ROUND_LIMIT = 256
#: What a decoding step costs a batch, in tokens of its sentences: a step reads all the
#: weights whatever the sentences (about 9 ms on one core here, opus-mt-ar-en in int8) and
#: each sentence still decoding adds its share (about 0.5 ms). With `_deal`'s runs of
#: neighbouring lengths the article decoded as fast with 10 as with 20, slower with 35
#: (benchmarks/translate_speed.py).
STEP_COST = 20
#: MB the engine may grow past its size once loaded before it gives freed memory back: a
#: round of 32 sentences of the article took up to 90 MB here (opus-mt-ar-en, int8), and
#: glibc's holes add up to 40 MB more over rounds. What a trim gives back, the next round
#: touches afresh (8% slower): with 96 MB, three to five of eight articles in a row paid it.
MEMORY_HEADROOM_MB = 128


def is_available() -> bool:
    """Whether CTranslate2 is installed."""
    try:
        _ctranslate2()
    except ImportError:
        return False
    return True


def cuda_devices() -> int:
    """How many CUDA GPUs CTranslate2 can use here."""
    return int(_ctranslate2().get_cuda_device_count())


class _ImportedOnFirstUse(types.ModuleType):
    """Stands in for a module that a library imports but may never use: the real one is
    imported when an attribute is first asked for (and takes the stand-in's place, if the
    stand-in is still where imports look)."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _ctranslate2() -> Any:
    """The ctranslate2 module, imported without the asyncio its extensions import for
    asynchronous generation (used only inside those functions, never by this engine):
    asyncio brings ssl and sockets with it (importing ctranslate2 alone took 16.2 MB, 6.5 MB
    with the stand-in; the engine's imports 35.0 MB, 30.4 MB). The extensions get a stand-in
    that imports asyncio if they ever use it; anyone else importing asyncio gets the real
    one as usual."""
    if "ctranslate2" in sys.modules or "asyncio" in sys.modules:
        import ctranslate2

        return ctranslate2
    stand_in = _ImportedOnFirstUse("asyncio")
    sys.modules["asyncio"] = stand_in
    try:
        import ctranslate2
    finally:
        if sys.modules.get("asyncio") is stand_in:
            del sys.modules["asyncio"]
    return ctranslate2


def converted_folder(revision: str, compute_type: str) -> Path:
    """Where the converted model of *revision* is kept."""
    cache = platformdirs.user_cache_path("reviewer", appauthor=False)
    return cache / "ctranslate2" / f"{revision}-{compute_type}"


class CTranslate2Translator:
    """A Marian model run by CTranslate2; implements `SentenceTranslator`."""

    streams = True

    def __init__(
        self,
        translator: Any,
        tokenizer: MarianPieces,
        *,
        model_id: str,
        revision: str,
        device: str,
        compute_type: str,
        settings: DecodingSettings,
        max_input_tokens: int,
        parallel_batches: int,
        forced_eos: bool,
        use_vmap: bool = False,
        converted: Path | None = None,
    ) -> None:
        self._translator = translator
        self._tokenizer = tokenizer
        self.model_id = model_id
        self.revision = revision
        self.device = device
        # The shortlist changes what the model may emit: part of the provenance, and of the
        # cache's keys.
        self.backend = f"ctranslate2-{compute_type}" + ("-shortlist" if use_vmap else "")
        self.use_vmap = use_vmap
        #: The converted model's folder (where a shortlist and its gate are kept).
        self.converted = converted
        self.settings = settings
        self.max_input_tokens = max_input_tokens
        self.parallel_batches = parallel_batches
        # A whole round of the scheduler in one call: `translate` balances it over the jobs.
        self.batch_size = ROUND_LIMIT
        self._forced_eos = forced_eos
        #: Past this many MB, a round's end gives freed memory back (see
        #: `give_back_freed_memory`): the model loaded, and room for a round's decoding.
        self.memory_ceiling_mb = resident_mb() + MEMORY_HEADROOM_MB

    @classmethod
    def load(
        cls,
        folder: Path,
        *,
        model_id: str,
        revision: str,
        device: str = "cpu",
        settings: DecodingSettings | None = None,
        compute_type: str | None = None,
        shortlist: bool | None = None,
    ) -> CTranslate2Translator:
        """Convert (once) and load the checked transformers model folder *folder*.

        *shortlist*: decode with the output vocabulary shortlist beside the converted model
        (True), never (False), or as its recorded quality gate decides (None; the
        REVIEWER_SHORTLIST variable, "on" or "off", decides first). See `shortlist`."""
        from reviewer.engine.pieces import model_settings

        ctranslate2 = _ctranslate2()

        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        compute_type = compute_type or ("int8" if device == "cpu" else "int8_float16")
        target = converted_folder(revision, compute_type)
        if not (target / "model.bin").is_file():
            _convert(folder, target, compute_type)
        vocabulary_as_text(target)  # a folder converted before it was written so
        _check_vocabulary(target, folder)
        jobs = (os.cpu_count() or 1) if device == "cpu" else 1
        if shortlist is None:
            shortlist = {"on": True, "off": False}.get(os.environ.get("REVIEWER_SHORTLIST", ""))
        use_vmap = use_shortlist(target, shortlist)
        tokenizer = MarianPieces.load(folder)
        config = model_settings(folder)
        try:
            translator = ctranslate2.Translator(
                str(target),
                device=device,
                compute_type=compute_type,
                inter_threads=jobs,
                intra_threads=1 if device == "cpu" else 0,
            )
        except Exception as error:  # CTranslate2 raises many kinds here
            raise ModelError(
                f"CTranslate2 could not load {target} ({error}). Delete that folder to "
                "convert the model again, or use --backend transformers."
            ) from None
        positions = int(config.get("max_position_embeddings", tokenizer.max_length))
        limit = min(positions, tokenizer.max_length)
        backend = cls(
            translator,
            tokenizer,
            model_id=model_id,
            revision=revision,
            device=device,
            compute_type=compute_type,
            settings=settings or DecodingSettings(),
            max_input_tokens=limit - 1,
            parallel_batches=jobs,
            forced_eos=config.get("forced_eos_token_id") is not None,
            use_vmap=use_vmap,
            converted=target,
        )
        atexit.register(_close_at_exit, weakref.ref(backend))
        return backend

    def close(self) -> None:
        """Release the model and stop CTranslate2's threads."""
        self._translator = None

    def count_tokens(self, text: str) -> int:
        """Tokens of *text* without the end-of-sentence token."""
        return len(self._tokenizer.tokens(text))

    def translate(
        self,
        sentences: list[str],
        n_best: int = 1,
        *,
        interrupt: Callable[[], bool] | None = None,
    ) -> list[list[Hypothesis]]:
        """The *n_best* best translations of each sentence (see `_deal` for the batches).

        Greedy decoding goes through `translate_each`, so that every sentence stops at its
        own length budget; beam search (no step callback in CTranslate2) shares the budget
        of its batch's longest sentence, and is not interrupted."""
        if not sentences:
            return []
        results: list[list[Hypothesis]] = [[] for _ in sentences]
        if max(self.settings.num_beams, n_best) == 1:
            for index, hypothesis in self.translate_each(sentences, interrupt=interrupt):
                results[index] = [hypothesis]
            return results
        sources = [self._tokenizer.source_tokens(sentence) for sentence in sentences]
        batches = self._deal(sources)
        pending = [job for batch in batches for job in self._submit(sources, batch, n_best)]
        for index, job in zip((i for batch in batches for i in batch), pending, strict=True):
            result = job.result()
            results[index] = [
                self._hypothesis(tokens, score)
                for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
        give_back_freed_memory(self.memory_ceiling_mb)
        return results

    def translate_each(
        self,
        sentences: list[str],
        *,
        interrupt: Callable[[], bool] | None = None,
        lead: int = 0,
    ) -> Iterator[tuple[int, Hypothesis]]:
        """The best translation of each sentence as soon as it is done, while the rest of its
        batch decodes on: CTranslate2 reports every decoding step of greedy decoding, and a
        sentence's last step completes it (a short paragraph is not kept waiting for the
        longest sentence of its round). Beam search gives them all at the end.

        The first *lead* sentences are a batch of their own, queued first: the paragraph
        read next starts decoding at once, rather than after the whole round's encoding,
        on one job while the other takes the round's longest sentences (see `_deal`)."""
        if not sentences:
            return
        if self.settings.num_beams > 1:
            yield from each_at_once(self, sentences, interrupt)
            return
        sources = [self._tokenizer.source_tokens(sentence) for sentence in sentences]
        # With the shortlist, CTranslate2 (4.x) reports each step's token by its place in
        # the shortened output layer, not in the vocabulary: the step's token is wrong, so
        # each batch's sentences are taken from its result, when it is done.
        # The callbacks must not hold this backend: CTranslate2 keeps a finished job (and
        # its callback) on its worker thread, and the last reference to the backend dropped
        # there destroys the translator from its own thread, which aborts the process.
        stream = _Stream(None if self.use_vmap else self._tokenizer.text, interrupt)
        batches = self._deal(sources, lead)
        jobs = [
            job
            for batch in batches
            for job in self._submit(
                sources,
                batch,
                1,
                # Each sentence stops at its own budget, as it would alone (the batch's
                # is its longest sentence's).
                callback=stream.follow(batch, [self._budget(len(sources[i]) - 1) for i in batch]),
            )
        ]
        given: set[int] = set()
        try:
            # With the shortlist nothing comes before the end: look for it often.
            poll = 0.005 if self.use_vmap else 0.05
            for index, hypothesis in stream.completed(jobs, len(sentences), poll):
                given.add(index)
                yield index, hypothesis
            if stream.interrupted:
                # Not waiting for the batches to stop: they do at their next step (or after
                # an encoder already under way), and a job free before the other takes the
                # paragraph the reviewer moved to at once.
                raise Interrupted
            order = [index for batch in batches for index in batch]
            for index, job in zip(order, jobs, strict=True):
                result = job.result()  # CTranslate2's own errors are raised here
                if index not in given and not stream.interrupted and result.hypotheses:
                    tokens = list(result.hypotheses[0])
                    yield index, self._hypothesis(tokens, result.scores[0])
        finally:
            stream.halt.append(True)  # the caller may have stopped early: so does decoding
            give_back_freed_memory(self.memory_ceiling_mb)

    def _deal(self, sources: list[list[str]], lead: int = 0) -> list[list[int]]:
        """The sentences' indexes as one batch per parallel job, all queued at once, balanced
        by decoding cost so that the jobs finish together.

        CTranslate2 drops a sentence from its batch once it has ended, so a batch costs a
        fixed price per decoding step (reading the weights), for as many steps as its
        longest sentence, plus a small price per sentence still decoding at each step:
        `STEP_COST` steps-worth of tokens. The sentences, longest first, are cut into runs
        of neighbouring lengths, one per job, where the costliest run costs least: the job
        that decodes the longest sentence's steps anyway takes the next longest too, and
        fewer of them. Neighbouring lengths pad each other little, which keeps the decoder's
        memory (its attention over each batch's padded sources) down; against dealing the
        lengths out in turn it was also faster (benchmarks/translate_speed.py).

        With a *lead* (the first sentences, a batch of their own, queued first), the job
        that takes it starts with its cost: CTranslate2 gives the batches to its jobs in the
        order they were queued, so the last batch, the shortest sentences, waits for it."""
        lead = lead if 0 < lead < len(sources) and self.parallel_batches > 1 else 0
        first = [list(range(lead))] if lead else []
        rest = sorted(range(lead, len(sources)), key=lambda i: len(sources[i]), reverse=True)
        if not rest:
            return first
        lengths = [len(sources[index]) for index in rest]
        lead_lengths = [len(sources[index]) for index in range(lead)]
        after_lead = STEP_COST * max(lead_lengths) + sum(lead_lengths) if lead else 0
        jobs = min(self.parallel_batches, len(rest))
        cuts = balanced_cuts(lengths, jobs, after_lead)
        return first + [rest[start:end] for start, end in itertools.pairwise(cuts)]

    def _submit(
        self, sources: list[list[str]], batch: list[int], n_best: int, **options: Any
    ) -> list[Any]:
        """Queue *batch* (indexes into *sources*) with CTranslate2; its pending results."""
        longest = max(len(sources[index]) for index in batch) - 1
        maximum = self._budget(longest)
        minimum = self.settings.min_new_tokens(longest, self.max_input_tokens)
        return list(
            self._translator.translate_batch(
                [sources[index] for index in batch],
                asynchronous=True,
                beam_size=max(self.settings.num_beams, n_best),
                num_hypotheses=n_best,
                max_decoding_length=maximum,
                min_decoding_length=min(minimum, maximum) if minimum else 1,
                max_input_length=0,
                return_scores=True,
                use_vmap=self.use_vmap,
                **options,
            )
        )

    def _budget(self, source_tokens: int) -> int:
        """The most tokens a sentence of *source_tokens* tokens may decode."""
        maximum = self.settings.max_new_tokens(source_tokens, self.max_input_tokens)
        # transformers forces the end token into the last place; match its output.
        return max(1, maximum - 1) if self._forced_eos else maximum

    def _hypothesis(self, tokens: list[str], score: float) -> Hypothesis:
        """A result's hypothesis: CTranslate2 scores it by its mean log-probability; the
        hypothesis keeps the sum."""
        log_prob = float(score) * max(1, len(tokens))
        return Hypothesis(self._tokenizer.text(tokens), log_prob, len(tokens), tuple(tokens))


def balanced_cuts(lengths: list[int], parts: int, after_lead: int = 0) -> list[int]:
    """Where to cut *lengths* (a batch's sentences in tokens, longest first) into *parts*
    runs, none empty, so that the costliest run costs least: a run costs `STEP_COST` per
    token of its first (longest) sentence plus all its tokens, and the last one
    *after_lead* more. The cut points, from 0 to len(lengths)."""
    total = [0, *itertools.accumulate(lengths)]

    def cost(start: int, end: int) -> int:
        return STEP_COST * lengths[start] + total[end] - total[start]

    @functools.cache
    def best(start: int, runs: int) -> tuple[int, tuple[int, ...]]:
        """The least worst cost of lengths[start:] in *runs* runs, and its cut points."""
        if runs == 1:
            return cost(start, len(lengths)) + after_lead, (len(lengths),)
        options = []
        for end in range(start + 1, len(lengths) - runs + 2):
            worst, cuts = best(end, runs - 1)
            options.append((max(cost(start, end), worst), (end, *cuts)))
        return min(options)

    return [0, *best(0, parts)[1]]


def give_back_freed_memory(over_mb: float = 0.0) -> None:
    """Return the memory decoding freed to the system, where the C library can (glibc's
    ``malloc_trim``; elsewhere nothing is done), if this process holds over *over_mb* MB.

    The decoder's state grows a little at every step (each sentence's attention keys and
    values), and glibc keeps what it frees for reuse, in pieces too small for the next
    round's larger buffers: the engine's memory rose from round to round (226 MB after the
    first of eight rounds of three articles here, 253 MB after the eighth). Trimmed after
    each round it fell back to about 145 MB between rounds and peaked at 205 to 216 MB;
    but the next round then touched its memory afresh, which cost 8% of the article's
    time. Hence a ceiling: only a process over it trims."""
    trim = _malloc_trim()
    if trim is not None and resident_mb() > over_mb:
        trim(0)


def resident_mb() -> float:
    """This process's resident memory in MB (0 where /proc does not say)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has none)
        return None
    return function


def _close_at_exit(backend: weakref.ref[CTranslate2Translator]) -> None:
    """Release a backend still loaded at exit: CTranslate2's threads must stop while the
    interpreter still runs, or the step callback they hold can abort the process ("terminate
    called without an active exception", one exit in fifteen here)."""
    loaded = backend()
    if loaded is not None:
        loaded.close()


class _Stream:
    """The sentences of one `translate_each` call, as CTranslate2's step callbacks (on its
    worker threads) complete them."""

    def __init__(
        self,
        text: Callable[[list[str]], str] | None,
        interrupt: Callable[[], bool] | None,
    ) -> None:
        """*text* makes a sentence's text from its tokens (None: the steps' tokens are not
        to be trusted, nothing is given before the end)."""
        self._text = text
        self._interrupt = interrupt
        #: Each sentence as it completes; None wakes `completed` to see an interrupt.
        self._finished: queue.SimpleQueue[tuple[int, Hypothesis] | None] = queue.SimpleQueue()
        #: Not empty: every batch stops at its next step (interrupted, or nothing more wanted).
        self.halt: list[bool] = []
        self.interrupted: list[bool] = []

    def follow(self, batch: list[int], budgets: list[int]) -> Callable[[Any], bool]:
        """The step callback of *batch* (sentence indexes): collects its tokens, and ends
        each sentence at its token budget (in *budgets*, by position in the batch)."""
        tokens: dict[int, list[str]] = {}
        total: dict[int, float] = {}

        def on_step(step: Any) -> bool:
            if self.halt:
                return True
            if self._interrupt is not None and self._interrupt():
                self.interrupted.append(True)
                self.halt.append(True)
                # Now, not at `completed`'s next look (up to a poll later, 50 ms): the
                # paragraph the reviewer moved to is queued as soon as it wakes.
                self._finished.put(None)
                return True
            index = batch[step.batch_id]
            pieces = tokens.setdefault(index, [])
            total[index] = total.get(index, 0.0) + step.log_prob
            ended = step.is_last and step.token == EOS
            if not ended:
                pieces.append(step.token)
            last = step.is_last or len(pieces) >= budgets[step.batch_id]
            if last and self._text is not None:
                # The score as CTranslate2 gives it (the mean over the decoding steps, the
                # end token's included) times the tokens: what `translate` returns.
                mean = total[index] / max(1, len(pieces) + ended)
                log_prob = mean * max(1, len(pieces))
                hypothesis = Hypothesis(self._text(pieces), log_prob, len(pieces), tuple(pieces))
                self._finished.put((index, hypothesis))
            return bool(last)

        return on_step

    def completed(
        self, jobs: list[Any], count: int, poll: float
    ) -> Iterator[tuple[int, Hypothesis]]:
        """Each (index, hypothesis) as it completes, until *count* have, *jobs* are done or
        the interrupt came; *poll*: seconds between looks at the jobs."""
        given = 0
        while given < count and not self.interrupted:
            try:
                finished = self._finished.get(timeout=0.002 if self.halt else poll)
            except queue.Empty:
                if all(job.done() for job in jobs):
                    break
                continue
            if finished is not None:
                yield finished
                given += 1
        while not self._finished.empty():  # completed between the last wait and the check
            if (finished := self._finished.get_nowait()) is not None:
                yield finished


#: The converted model's vocabulary, as CTranslate2's converter writes it and as text (one
#: token a line); CTranslate2 reads the first it finds of the two.
_JSON_VOCABULARY = "shared_vocabulary.json"
_TEXT_VOCABULARY = "shared_vocabulary.txt"


def vocabulary_as_text(folder: Path) -> None:
    """Rewrite the vocabulary of the converted model in *folder* as text, where no token
    holds a line break (the text form cannot hold one). CTranslate2 reads either form.

    The text form can be checked line by line (`_check_vocabulary`): parsing the JSON one
    here, or opus-mt-ar-en's vocab.json, left 3.7 MB behind in the engine's memory, and the
    article's peak rose with it. CTranslate2 also loads it 0.6 MB smaller (its own JSON
    document is alive while it builds its table)."""
    written = folder / _JSON_VOCABULARY
    try:
        tokens = json.loads(written.read_text("utf-8"))
        mode = written.stat().st_mode & 0o777
    except (OSError, ValueError):
        # None, another engine has just rewritten it, or damaged (`_check_vocabulary` says
        # what to do then).
        return
    if not isinstance(tokens, list) or not all(
        isinstance(token, str) and "\n" not in token and "\r" not in token for token in tokens
    ):
        return
    partial = ""
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="\n", dir=folder, suffix=".partial", delete=False
        ) as text:
            partial = text.name
            text.writelines(f"{token}\n" for token in tokens)
        os.chmod(partial, mode)  # not the temporary file's 0600
        # Another engine may be reading the folder: the text form appears whole, and
        # CTranslate2 reads the JSON form until it is gone.
        os.replace(partial, folder / _TEXT_VOCABULARY)
    except OSError:
        # A full disk, say: the JSON form serves as before.
        if partial:
            with contextlib.suppress(OSError):
                os.unlink(partial)
        return
    written.unlink(missing_ok=True)


def _check_vocabulary(converted: Path, folder: Path) -> None:
    """Refuse the model unless its vocabulary holds Marian's end and unknown tokens
    (CTranslate2 would fail on the first piece it does not know, mid-translation)."""
    wanted = {EOS, UNK}
    try:
        if (converted / _TEXT_VOCABULARY).is_file():
            # Line by line, until both are found (Marian's first two tokens): the whole
            # vocabulary read at once would stay in the engine, and read to its end took
            # 10 ms of every start.
            with (converted / _TEXT_VOCABULARY).open(encoding="utf-8", newline="\n") as lines:
                for line in lines:
                    wanted.discard(line.rstrip("\n"))
                    if not wanted:
                        break
        else:
            tokens = json.loads((converted / _JSON_VOCABULARY).read_text("utf-8"))
            wanted -= set(tokens) if isinstance(tokens, list) else set()
    except (OSError, ValueError, TypeError) as error:
        raise ModelError(
            f"The converted model in {converted} is damaged ({error}). Delete that folder to "
            "convert the model again, or use --backend transformers."
        ) from None
    if wanted:
        raise ModelError(
            f"The vocabulary of {folder} has no {' or '.join(sorted(wanted))}: not a Marian "
            f"model's. Fetch the model again (reviewer fetch-model); if it is the right "
            f"model, delete {converted} to convert it again."
        )


def _convert(folder: Path, target: Path, compute_type: str) -> None:
    """Convert *folder* into *target* for CTranslate2, in a child process.

    The conversion imports transformers and torch: done in the engine, the engine kept
    them for the rest of the session (461 MB once the model was loaded, 822 MB at the
    conversion's peak, where a converted model loads in 130 MB), and every later round
    came on top of that. A process that already has transformers converts in place (a
    child would only take the seconds of importing it again)."""
    if not _converts_in_child():
        _convert_here(folder, target, compute_type)
        return
    done = subprocess.run(
        [sys.executable, "-m", "reviewer.engine.ct2", str(folder), str(target), compute_type],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        return
    said = done.stderr.strip().splitlines()
    if done.returncode == _REFUSED and said:
        raise ModelError(said[-1])
    why = said[-1] if said else f"it stopped with status {done.returncode}"
    raise ModelError(
        f"The model in {folder} could not be converted for CTranslate2 ({why}). Use "
        "--backend transformers."
    )


#: The converting child's exit status when the model was refused (its message on stderr).
_REFUSED = 3


def _converts_in_child() -> bool:
    return "transformers" not in sys.modules


def _convert_here(folder: Path, target: Path, compute_type: str) -> None:
    from ctranslate2.converters import TransformersConverter

    from reviewer.engine import quiet_libraries

    quiet_libraries(import_transformers=True)  # converting is the one use of transformers here
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        TransformersConverter(str(folder)).convert(
            str(building), quantization=compute_type, force=True
        )
        vocabulary_as_text(building)
        if target.exists():
            shutil.rmtree(target)
        building.rename(target)
    except (OSError, ValueError, RuntimeError) as error:
        raise ModelError(
            f"The model in {folder} could not be converted for CTranslate2 ({error}). Use "
            "--backend transformers."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)


if __name__ == "__main__":  # the converting child: python -m reviewer.engine.ct2 FROM TO TYPE
    try:
        _convert_here(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    except ModelError as refusal:
        print(refusal, file=sys.stderr)
        sys.exit(_REFUSED)
