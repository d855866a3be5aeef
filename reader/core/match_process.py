"""A second process for a large first load, so that it uses both cores.

Cleaning articles and matching actors are pure Python and hold the interpreter: in the
reader's process they can only take turns with its interface and its search index. When a
load of thousands of files finds them new, the reader starts this module as a process of its
own on the same cache. It first parses the files from the last one backwards and stores
them in the cache, while the reader parses them from the first one forwards; the reader
takes each file the helper has stored from the cache (they meet about half way). Then,
with every article in hand (its own or the reader's, read from the cache on the way), it
finds the actors and stores the names, while
the reader builds its search index; the reader asks its cache for the names as usual and
finds them stored.

Nothing depends on the helper succeeding: files or names it did not store (it failed, was
stopped, or used other actors files) are parsed or matched by the reader itself, as they
always were.

The helper prints one line per 200 articles matched (the count so far), and ends itself
when its standard input closes, so it never outlives the reader.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

MIN_ARTICLES = 2_000
"""Smaller loads (fewer files, or fewer parsed anew) do all their work in the reader's own
process: the helper's own start (~0.4 s) would cost more than it saves."""


class MatchProcess:
    """A running helper storing the articles and actor names of the corpus under `paths`
    in the cache at `cache_path`."""

    def __init__(self, paths: Sequence[str | Path], cache_path: Path) -> None:
        self._reading = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-m", "reader.core.match_process", str(cache_path)]
            + [str(path) for path in paths],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def wait(self, progress: Callable[[int], None] | None = None) -> bool:
        """Wait for the helper to end, passing on its counts; True if it stored every name."""
        process = self._process
        if process is None or process.stdout is None:
            return False
        with self._reading:
            try:
                for line in process.stdout:
                    if progress is not None and line.strip().isdigit():
                        progress(int(line))
            except (OSError, ValueError):
                return False  # stopped meanwhile
            finally:
                process.stdout.close()
        return process.wait() == 0

    @property
    def stopped(self) -> bool:
        """Whether `stop` has been called."""
        return self._process is None

    def stop(self) -> None:
        """End the helper now (the reader is quitting, or loading another corpus)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdin is not None:
            process.stdin.close()
        # Its output is closed by whoever reads it, once they see its end.
        if process.stdout is not None and self._reading.acquire(blocking=False):
            try:
                process.stdout.close()
            finally:
                self._reading.release()


def _end_with_parent() -> None:
    """Exit as soon as standard input closes: the reader has quit, or died."""
    # The descriptor itself, not `sys.stdin`: a daemon thread blocked in a buffered read
    # would abort the interpreter's own exit.
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os._exit(1)


def _files_last_first(paths: Sequence[str]) -> list[str]:
    """The article files under `paths`, in the reader's walk order reversed."""
    from reader.core.corpus import ARTICLE_SUFFIXES, Problem, walk_files

    files = [
        found[0]
        for found in walk_files(paths)
        if not isinstance(found, Problem)
        and os.path.splitext(found[0])[1].lower() in ARTICLE_SUFFIXES
    ]
    return files[::-1]


def main(argv: Sequence[str]) -> int:
    """`python -m reader.core.match_process CACHE_FILE PATH...`: store the corpus's articles
    (last file first) and names."""
    from reader.core.article import Article
    from reader.core.cache import CorpusCache
    from reader.core.corpus import Corpus
    from reader.core.gazetteer import load_gazetteer

    threading.Thread(target=_end_with_parent, daemon=True).start()
    cache_path, *paths = argv
    with CorpusCache.open(Path(cache_path)) as cache:
        if not cache.enabled:
            return 1
        # Each file the cache holds already (the reader got there first) costs a lookup.
        items = list(cache.iter_load(_files_last_first(paths)))
        corpus = Corpus()
        for item in reversed(items):  # back in the reader's order
            if isinstance(item, Article):
                corpus.add(item)
        articles = corpus.articles
        cache.match_corpus(
            articles, load_gazetteer(paths), progress=lambda done: print(done, flush=True)
        )
        return 0 if cache.enabled and not cache.warnings else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
