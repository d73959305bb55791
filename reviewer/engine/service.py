"""The translation engine as a process of its own: ``python -m reviewer.engine.service``.

Measured (benchmarks/gui_stall.py, README): on a worker thread of the window's process,
loading the model held the interpreter lock long enough to freeze a 5 ms GUI timer for
360-450 ms; in a child process the GUI timer never missed by more than 20 ms. A child process
also keeps a model crash or an out-of-memory from taking the window, and the reviewer's
unsaved typing, down with it. So the window talks to this process.

The protocol (reviewer.engine.protocol) is JSON, one object per line: requests on stdin,
events on stdout. Input is read as bytes and each line decoded on its own, so a bad line (not
UTF-8, not JSON, a wrong field, nesting too deep) is answered with a ``failed`` event and the
engine keeps serving. Anything the libraries print goes to stderr, never into the protocol.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

from reviewer.engine import protocol
from reviewer.engine.protocol import (
    AlternativesRequest,
    CancelRequest,
    DiscardRequest,
    Failed,
    Idle,
    LoadRequest,
    PrioritizeRequest,
    ProtocolError,
    QuitRequest,
    Request,
    TranslateRequest,
)
from reviewer.errors import ExitCode, ReviewerError

#: The longest request line read; a longer one is refused (a 16 MB article fits).
MAX_LINE_BYTES = 64 * 1024 * 1024


class EngineService:
    """Serves requests with one worker thread that owns the model."""

    def __init__(self, events: TextIO) -> None:
        self._events = events
        self._write_lock = threading.Lock()
        self._wake = threading.Condition()
        self._translator: Any = None
        self._queue: Any = None
        self._load_request: LoadRequest | None = None
        self._alternatives: deque[AlternativesRequest] = deque()
        self._quit = False

    # --- the reading side (main thread) ---------------------------------------------

    def serve(self, requests: BinaryIO | Iterable[bytes]) -> None:
        """Read requests until ``quit`` or the end of input, while the worker translates."""
        from reviewer.engine.scheduler import TranslationQueue

        self._queue = TranslationQueue()
        worker = threading.Thread(target=self._work, name="engine-worker", daemon=True)
        worker.start()
        for line in requests:
            if not line.strip():
                continue
            try:
                if len(line) > MAX_LINE_BYTES:
                    raise ProtocolError("a request longer than the engine reads")
                if self._handle(protocol.decode_request(line)):
                    break
            except ProtocolError as error:
                self._fail(f"The engine refused a request: {error}.")
        with self._wake:
            self._quit = True
            self._queue.cancel()
            self._wake.notify_all()
        worker.join(timeout=5)

    def _handle(self, request: Request) -> bool:
        """Apply one request; True for ``quit``."""
        from reviewer.engine.scheduler import ParagraphRequest, TranslationQueue

        with self._wake:
            match request:
                case QuitRequest():
                    return True
                case LoadRequest():
                    self._load_request = request
                case TranslateRequest(generation=generation, paragraphs=paragraphs):
                    for paragraph_id, text in paragraphs:
                        self._queue.add(ParagraphRequest(paragraph_id, text, generation))
                case PrioritizeRequest(id=paragraph_id):
                    self._queue.prioritize(paragraph_id)
                case DiscardRequest(id=paragraph_id):
                    self._queue.discard(paragraph_id)
                case CancelRequest():
                    self._queue.cancel()
                    self._queue = TranslationQueue()
                case AlternativesRequest():
                    self._alternatives.append(request)
            self._wake.notify_all()
        return False

    # --- the working side (worker thread) -------------------------------------------

    def _work(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(self._has_work)
                if self._quit:
                    return
                load, self._load_request = self._load_request, None
                queue = self._queue
            if load is not None:
                self._load(load)
            elif self._translator is None:
                self._refuse_without_model(queue)
            else:
                self._serve_alternatives()
                self._translate(queue)

    def _has_work(self) -> bool:
        return bool(self._quit or self._load_request or self._alternatives or len(self._queue) > 0)

    def _load(self, request: LoadRequest) -> None:
        from reviewer.engine import DecodingSettings, load_translator

        started = time.perf_counter()
        try:
            self._translator = load_translator(
                request.model,
                device=request.device,
                backend=request.backend,
                settings=DecodingSettings(**request.settings),
            )
        except ReviewerError as error:
            self._translator = None
            self._fail(str(error), error.exit_code, fatal=True)
            return
        except Exception as error:
            self._translator = None
            self._fail(f"The model could not be loaded ({type(error).__name__}: {error}).")
            return
        backend = self._translator.backend
        self._emit(
            protocol.Loaded(
                model_id=str(backend.model_id),
                revision=str(backend.revision),
                backend=str(backend.backend),
                device=str(backend.device),
                seconds=round(time.perf_counter() - started, 3),
            )
        )

    def _refuse_without_model(self, queue: Any) -> None:
        queue.cancel()
        with self._wake:
            if self._queue is queue:
                from reviewer.engine.scheduler import TranslationQueue

                self._queue = TranslationQueue()
            self._alternatives.clear()
        self._fail("No model is loaded, so nothing can be translated.", fatal=False)

    def _translate(self, queue: Any) -> None:
        try:
            for result in self._translator.translate_paragraphs(queue):
                self._emit(
                    protocol.Translated(
                        generation=result.generation,
                        id=result.id,
                        machine=result.machine,
                        cached=result.cached,
                    )
                )
                self._serve_alternatives()
        except Exception as error:
            # Whatever went wrong, the queue must not keep the failing work: the worker
            # would take it again at once and spin.
            queue.cancel()
            with self._wake:
                if self._queue is queue:
                    from reviewer.engine.scheduler import TranslationQueue

                    self._queue = TranslationQueue()
            self._fail(f"Translation failed ({type(error).__name__}: {error}).", fatal=False)
        with self._wake:
            finished = len(self._queue) == 0 and not self._alternatives
        if finished:
            self._emit(Idle())

    def _serve_alternatives(self) -> None:
        while True:
            with self._wake:
                if not self._alternatives:
                    return
                request = self._alternatives.popleft()
            try:
                machine = self._translator.alternatives(request.text, request.count)
            except Exception as error:
                self._fail(f"No alternatives ({type(error).__name__}: {error}).", fatal=False)
                continue
            self._emit(
                protocol.AlternativesReady(
                    generation=request.generation, id=request.id, machine=machine
                )
            )

    # --- events ---------------------------------------------------------------------

    def _fail(
        self, message: str, exit_code: ExitCode = ExitCode.INTERNAL_ERROR, *, fatal: bool = False
    ) -> None:
        self._emit(Failed(message=message, exit_code=int(exit_code), fatal=fatal))

    def _emit(self, event: protocol.Event) -> None:
        with self._write_lock:
            self._events.write(protocol.encode(event))
            self._events.flush()


#: How much lower the engine's scheduling priority is than the window's.
NICENESS = 10


def main() -> None:
    """Run the service on this process's stdin and stdout."""
    # The engine keeps every core busy for minutes on a long article: at a lower priority
    # it never takes the CPU from the window the reviewer is typing in.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(NICENESS)
    # The protocol gets a private copy of stdout; fd 1 itself is pointed at stderr so that
    # whatever torch, transformers or CTranslate2 print can never corrupt the protocol.
    events = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", newline="\n")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    requests = open(sys.stdin.fileno(), "rb", closefd=False)  # noqa: SIM115
    EngineService(events).serve(requests)


if __name__ == "__main__":
    main()
