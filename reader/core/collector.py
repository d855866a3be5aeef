"""Pausing Python's cyclic garbage collector while many long-lived, acyclic objects are made.

Loading 50,000 cached articles or a search index makes hundreds of thousands of small objects
that live as long as the corpus. While they pile up, the collector keeps scanning all of them
(a full pass each time the survivors grow by a quarter), which cost a warm 50,000-article load
0.4 of its 1.2 s. Nothing they hold forms a cycle, so reference counting frees them anyway.

Pauses nest and may overlap across threads: the collector runs again when the last one ends
(if it was running when the first began). A pause that made many objects freezes them
(`gc.freeze`): they would otherwise be scanned three more times as they age through the
collector's generations (0.24 s after that load), and every full collection after would scan
them again, a pause in the UI. Frozen objects are still freed when nothing refers to them.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

FREEZE_AFTER = 50_000
"""A pause that leaves this many new objects freezes them (a few thousand articles)."""

_lock = threading.Lock()
_depth = 0
_restore = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Keep the cyclic collector off until the block (and every overlapping pause) ends."""
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if gc.get_count()[0] >= FREEZE_AFTER:
                    gc.freeze()
                if _restore:
                    gc.enable()


@contextlib.contextmanager
def running() -> Iterator[None]:
    """Inside a pause, let the collector run for a block that makes short-lived garbage."""
    with _lock:
        resume = _depth > 0 and _restore
        if resume:
            gc.enable()
    try:
        yield
    finally:
        with _lock:
            if resume and _depth > 0:
                gc.disable()


class Hold:
    """A pause with no block around it: from `hold()` until `release()` (the first call)."""

    def __init__(self) -> None:
        self._pause = paused()
        self._pause.__enter__()
        self._lock = threading.Lock()
        self._held = True

    def release(self) -> None:
        """End the pause (later calls do nothing)."""
        with self._lock:
            if not self._held:
                return
            self._held = False
        self._pause.__exit__(None, None, None)


def hold() -> Hold:
    """Pause the collector until the returned hold is released: for spans no block encloses.

    Start-up is one: the interface's modules and first screen make some hundred thousand
    objects that live as long as the app, and the full collections run over them cost a
    tenth of the time to the first frame.
    """
    return Hold()


def settle() -> None:
    """Freeze what a long block has made so far, so that later full collections skip it.

    For a pause whose `running()` blocks let the collector work (a cold load parsing files):
    the articles parsed so far pile up in the oldest generation and each full collection
    scans them all again, 40-90 ms at a few thousand articles, with the interpreter held (the
    UI could draw no frame). The young generations are collected first, so that little
    garbage is frozen with them.
    """
    with _lock:
        gc.collect(1)
        gc.freeze()
