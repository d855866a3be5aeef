"""Loading throughput: belreader's `corpus.load` beside plain Python read+decode of the same files.

Four measurements of the same files, interleaved in each round so machine noise hits them
alike: the floor (read bytes, decode UTF-8), read+decode+sanitise with belreader's own
`plain_utf8`, `decode` and `sanitise` (as `read_document` uses them), a ceiling (`load` with
no cleaning but the article's id), and the whole `load` (read, decode, sanitise, clean into
`Article`s). The clean step's own rate is derived from read+decode+sanitise and the load.

Profile the loader with ``python -m benchmarks.bench_load --profile [N]``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import os
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import corpus, median, row

BENCHMARK = "load"
GOAL_SHARE_OF_FLOOR = 0.5
"""The issue's goal: load at half the plain read+decode rate or better."""


def article_paths(folder: Path) -> list[str]:
    """The article files of a generated corpus, in name order."""
    return sorted(
        entry.path
        for entry in os.scandir(folder)
        if entry.is_file() and not entry.name.startswith(".")
    )


def read_decode(paths: list[str]) -> int:
    """The floor: read each file and decode it as UTF-8; returns the characters seen."""
    characters = 0
    for path in paths:
        with open(path, "rb") as handle:
            characters += len(handle.read().decode("utf-8"))
    return characters


def read_decode_sanitise(paths: list[str]) -> int:
    """Read each file, decode and sanitise it as `read_document` does; returns characters."""
    from reader.core.text import decode, plain_utf8, sanitise

    characters = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        text = plain_utf8(data)
        if text is None:
            text = sanitise(decode(data).text)
        characters += len(text)
    return characters


def load_uncleaned(folder: Path) -> int:
    """`load` with cleaning cut to the least an article needs: an id; returns articles.

    The folder is walked and each file read (`read_document`) as `load` does, and the
    article built with the whole text as one paragraph and a hash of the text as it stands
    for its id (cheaper than `article_id`, which hashes the words): the most `load` could
    reach if cleaning cost nothing.
    """
    from reader.core.article import Article, Paragraph
    from reader.core.corpus import Corpus, Problem, find_files, read_document

    corpus = Corpus()
    for path in find_files([folder]):
        if isinstance(path, Problem):
            continue
        document = read_document(path)
        if isinstance(document, Problem):
            continue
        text = document.text
        article_id = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        paragraph = Paragraph("paragraph", text, 0)
        no_meta = {"source": None, "date": None, "url": None, "author": None}
        article = Article(
            article_id, path, **no_meta, paragraphs=(paragraph,), raw=text, paths=[path], text=text
        )
        corpus.add(article)
    return len(corpus.articles)


def load_corpus(folder: Path) -> int:
    """belreader's whole load of the folder; returns the number of articles."""
    from reader.core.corpus import load

    return len(load([folder]).articles)


def _timed(work: Callable[[], Any]) -> float:
    # Collect first so one measurement does not pay for the previous one's garbage.
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run(quick: bool) -> list[dict[str, Any]]:
    """Measure the loading rates on the 10,000 (quick: 2,000) article corpus."""
    size = 2_000 if quick else 10_000
    folder = corpus(size)
    paths = article_paths(folder)
    megabytes = sum(os.path.getsize(path) for path in paths) / 1e6
    rounds = 3 if quick else 5
    budget_seconds = 60 if quick else 240

    read_decode(paths)  # warm the page cache: every variant then reads from memory
    floor_times: list[float] = []
    sanitise_times: list[float] = []
    uncleaned_times: list[float] = []
    load_times: list[float] = []
    started = time.perf_counter()
    for done in range(1, rounds + 1):
        floor_times.append(_timed(lambda: read_decode(paths)))
        sanitise_times.append(_timed(lambda: read_decode_sanitise(paths)))
        uncleaned_times.append(_timed(lambda: load_uncleaned(folder)))
        load_times.append(_timed(lambda: load_corpus(folder)))
        # A slow loader would make five rounds take many minutes; three medians are enough.
        if done >= 3 and time.perf_counter() - started > budget_seconds:
            break

    floor_rate = megabytes / median(floor_times)
    sanitise_rate = megabytes / median(sanitise_times)
    uncleaned_rate = megabytes / median(uncleaned_times)
    load_rate = megabytes / median(load_times)
    clean_seconds = median(
        [t_load - t_san for t_load, t_san in zip(load_times, sanitise_times, strict=True)]
    )
    clean_rate = megabytes / clean_seconds if clean_seconds > 0 else None
    label = f"{size // 1000}k ({megabytes:.0f} MB, {len(floor_times)} runs)"
    goal = f">= {GOAL_SHARE_OF_FLOOR:g}x floor"
    return [
        row(BENCHMARK, f"read+decode, plain Python {label}", floor_rate, "MB/s", floor_rate),
        row(BENCHMARK, f"read+decode+sanitise {label}", sanitise_rate, "MB/s", floor_rate),
        row(
            BENCHMARK,
            f"ceiling: load, no cleaning but the id {label}",
            uncleaned_rate,
            "MB/s",
            floor_rate,
            note="walk, read_document, Article with a hash of the text and one paragraph",
        ),
        row(BENCHMARK, f"load: +clean {label}", load_rate, "MB/s", floor_rate, goal=goal),
        row(
            BENCHMARK,
            f"clean step alone {label}",
            clean_rate,
            "MB/s",
            floor_rate,
            note="derived: load minus read+decode+sanitise",
        ),
        row(BENCHMARK, f"load time {label}", median(load_times), "s"),
    ]


def profile(size: int, top: int) -> None:
    """Print where `load` spends its time on the `size`-article corpus (cProfile)."""
    folder = corpus(size)
    profiler = cProfile.Profile()
    profiler.enable()
    load_corpus(folder)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    """Run the load benchmark alone, or profile the loader."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_load")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N", nargs="?", const=2_000)
    parser.add_argument("--top", type=int, default=25, help="profile lines to show")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.top)
        return 0
    from benchmarks.run import format_table

    print(format_table(run(args.quick)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
