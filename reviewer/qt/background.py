"""Threads that do the window's slow work (spell check, the translation memory) off the GUI
thread: one per kind of work, shared by every window of the process, doing what it is given
in the order given."""

from __future__ import annotations

import concurrent.futures
import functools


@functools.cache
def background_thread(name: str) -> concurrent.futures.ThreadPoolExecutor:
    """The one thread for the work called *name*."""
    return concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=name)
