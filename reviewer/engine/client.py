"""Running the engine service as a child process and talking to it.

`EngineProcess` starts ``python -m reviewer.engine.service``, sends typed requests (see
reviewer.engine.protocol), and hands each typed event to a callback from its reader thread
(the window turns them into Qt signals, which are safe across threads). If the child dies (a
crash, out of memory, killed), the callback gets a fatal ``failed`` event saying so; the
caller's own data is never in the child, so nothing the reviewer wrote is lost with it.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from reviewer.engine import protocol
from reviewer.engine.protocol import Event, ProtocolError
from reviewer.errors import ExitCode

#: The C library's settings for the engine (glibc reads them as a process starts; other C
#: libraries ignore them): no per-thread cache of small freed blocks. CTranslate2 asks for
#: 64-byte-aligned blocks, and glibc frees the small ends it cuts off each; kept in a
#: decoding thread's cache, those count as in use, so the freed blocks either side of them
#: are not merged again, and each step's slightly larger attention buffers are carved from
#: fresh memory. Without the cache the engine's peak on the sample article is lower and
#: steady, and no longer climbs from one article to the next, for a few percent of speed
#: (figures in the README, from benchmarks/translate_speed.py). A user's own setting of the
#: same tunable wins.
ENGINE_TUNABLES = {"glibc.malloc.tcache_count": "0"}


def engine_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the engine process runs in: *base* (this process's by default) with
    unbuffered UTF-8 output and `ENGINE_TUNABLES` added to ``GLIBC_TUNABLES``, where the
    user has not set those tunables themselves."""
    environment = dict(os.environ if base is None else base)
    environment.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    given = [part for part in environment.get("GLIBC_TUNABLES", "").split(":") if part]
    named = {part.partition("=")[0] for part in given}
    given += [f"{name}={value}" for name, value in ENGINE_TUNABLES.items() if name not in named]
    environment["GLIBC_TUNABLES"] = ":".join(given)
    return environment


class EngineProcess:
    """The translation engine in a child process."""

    def __init__(self, on_event: Callable[[Event], None], *, python: str | None = None) -> None:
        self._on_event = on_event
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        self._closing = False
        self._write_lock = threading.Lock()
        self._process = subprocess.Popen(
            [python or sys.executable, "-m", "reviewer.engine.service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=engine_environment(),
        )
        self._reader = threading.Thread(target=self._read_events, name="engine-events", daemon=True)
        self._reader.start()
        self._stderr_reader = threading.Thread(
            target=self._read_stderr, name="engine-stderr", daemon=True
        )
        self._stderr_reader.start()

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self._process.pid

    @property
    def running(self) -> bool:
        """Whether the child process is alive."""
        return self._process.poll() is None

    def load(
        self,
        model: str | None = None,
        *,
        device: str = "auto",
        backend: str = "auto",
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        """Load the model (answered by ``Loaded`` or a fatal ``Failed``)."""
        self.send(
            protocol.LoadRequest(model, device=device, backend=backend, settings=settings or {})
        )

    def translate(self, paragraphs: Iterable[tuple[str, str]], generation: int = 0) -> None:
        """Queue paragraphs (id, text); each is answered by a ``Translated`` event."""
        items = tuple(paragraphs)
        if items:
            self.send(protocol.TranslateRequest(generation, items))

    def prioritize(self, paragraph_id: str, generation: int = 0) -> None:
        """Translate *paragraph_id* next, if it is still waiting."""
        self.send(protocol.PrioritizeRequest(generation, paragraph_id))

    def discard(self, paragraph_id: str, generation: int = 0) -> None:
        """Stop waiting for *paragraph_id*."""
        self.send(protocol.DiscardRequest(generation, paragraph_id))

    def cancel(self) -> None:
        """Drop everything queued; the batch under way finishes first."""
        self.send(protocol.CancelRequest())

    def alternatives(
        self, paragraph_id: str, text: str, count: int = 5, generation: int = 0
    ) -> None:
        """Ask for *count* alternatives of *text* (answered by ``AlternativesReady``)."""
        self.send(protocol.AlternativesRequest(generation, paragraph_id, text, count))

    def close(self, timeout: float = 5.0) -> None:
        """Ask the child to quit, and make sure it is gone."""
        self._closing = True
        try:
            self.send(protocol.QuitRequest())
            self._process.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=timeout)
        self._stderr_reader.join(timeout=timeout)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()

    def kill(self) -> None:
        """Kill the child at once (tests use this to stand for a crash)."""
        self._process.kill()

    def send(self, request: protocol.Request) -> None:
        """Send any request (the methods above are shorthands)."""
        line = protocol.encode(request).encode("ascii")
        with self._write_lock:
            try:
                self._process.stdin.write(line)  # type: ignore[union-attr]
                self._process.stdin.flush()  # type: ignore[union-attr]
            except (OSError, ValueError):
                pass  # The child is gone; the reader thread reports it.

    def _read_events(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            try:
                event = protocol.decode_event(line)
            except ProtocolError:
                continue  # Never happens: the service keeps stray output off stdout.
            self._on_event(event)
        code = self._process.wait()
        if not self._closing:
            detail = self._stderr_tail[-1].strip() if self._stderr_tail else ""
            self._on_event(
                protocol.Failed(
                    message="The translation engine stopped unexpectedly "
                    f"(exit code {code}){': ' + detail if detail else ''}. Your work is "
                    "safe; translation can be started again.",
                    exit_code=int(ExitCode.INTERNAL_ERROR),
                    fatal=True,
                    crashed=True,
                )
            )

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr_tail.append(line.decode("utf-8", "replace"))
