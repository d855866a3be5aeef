"""A corpus load running in a thread of its own, started before anyone is ready to show it.

The reader starts one and waits for its first screenful (`wait_ready`, bounded) before it
imports its interface: when the screen is built, the first articles are waiting, and its
first frame shows them. Whoever shows the load takes what is ready without waiting
(`take_ready`), then iterates for the rest as it comes.

Past its first screenful the load waits to be resumed: on two cores, the rest of a large
folder would otherwise share the interpreter with the interface's imports and first frame.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.article import Article
    from reader.core.cache import CorpusCache, FileLoader
    from reader.core.corpus import Problem

CacheOpener = Callable[[], "CorpusCache"]
"""What opens the cache (`CorpusCache.open` unless a test says otherwise)."""

FIRST_ITEMS = 48
"""How many articles are loaded before the load waits for `resume` (a screenful and more)."""

RESUME_AFTER_SECONDS = 2.0
"""A load not resumed by then goes on anyway, so nobody's forgetting can stall it."""

WAKE_EVERY_ITEMS = 256
"""The loading thread wakes whoever iterates once this many items wait, or at the end."""

LOOK_EVERY_SECONDS = 0.02
"""Whoever iterates looks for new items this often even when not woken.

Waking the iterating thread for every article handed the interpreter back and forth ten
thousand times in a 10,000-article load, which made the load a third slower.
"""


class BackgroundLoad:
    """Articles, problems and ignored paths under `paths`, loaded through the cache in a thread.

    Items queue until taken; the thread stops at the next file once cancelled.
    """

    def __init__(
        self,
        paths: Iterable[str | Path],
        *,
        open_cache: CacheOpener | None = None,
        load_files: FileLoader | None = None,
        first_items: int = FIRST_ITEMS,
    ) -> None:
        self.paths = list(paths)
        """What is loaded: files or folders."""
        self.cache: CorpusCache | None = None
        """The cache the load reads and fills, once opened (see `opened`)."""
        self.opened = threading.Event()
        """Set once the cache is open (or could not be: then the load has failed)."""
        self._open_cache = open_cache
        self._load_files = load_files
        self._items: deque[Article | Problem | str] = deque()
        self._changed = threading.Condition()
        self._finished = False
        self._error: BaseException | None = None
        self._cancelled = threading.Event()
        self._first_items = first_items
        self._first_ready = False
        self._resumed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="belreader-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from reader.core.article import Article
            from reader.core.cache import CorpusCache
            from reader.core.corpus import iter_load

            try:
                self.cache = (self._open_cache or CorpusCache.open)()
            finally:
                self.opened.set()
            articles = 0
            for item in self.cache.iter_load(self.paths, load_files=self._load_files or iter_load):
                if self._cancelled.is_set():
                    break
                with self._changed:
                    self._items.append(item)
                    if len(self._items) >= WAKE_EVERY_ITEMS:
                        self._changed.notify()
                if isinstance(item, Article):
                    articles += 1
                    if articles == self._first_items:
                        with self._changed:
                            self._first_ready = True
                            self._changed.notify_all()
                        self._resumed.wait(RESUME_AFTER_SECONDS)
        except BaseException as error:  # handed to whoever iterates, in their thread
            self._error = error
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    @property
    def finished(self) -> bool:
        """Whether the thread has stopped (every file read, cancelled, or failed)."""
        return self._finished

    def take_ready(self, limit: int | None = None) -> list[Article | Problem | str]:
        """The items loaded and not yet taken (at most `limit`), without waiting for more."""
        with self._changed:
            count = len(self._items) if limit is None else min(limit, len(self._items))
            items = [self._items.popleft() for _ in range(count)]
        return items

    def wait_ready(self, timeout: float) -> bool:
        """Wait until the first screenful is loaded (or the load has ended); True if it is."""
        with self._changed:
            return self._changed.wait_for(lambda: self._finished or self._first_ready, timeout)

    def resume(self) -> None:
        """Let the load go on past its first screenful."""
        self._resumed.set()

    def __iter__(self) -> Iterator[Article | Problem | str]:
        """Every item not yet taken, waiting for each; at the end, the error if the load failed."""
        while True:
            with self._changed:
                while not self._items and not self._finished:
                    self._changed.wait(LOOK_EVERY_SECONDS)
                items = list(self._items)
                self._items.clear()
                finished = self._finished
            yield from items
            if finished and not self._items:
                if self._error is not None:
                    raise self._error
                return

    def cancel(self) -> None:
        """Stop loading at the next file."""
        self._cancelled.set()
        self._resumed.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread to stop; True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()
