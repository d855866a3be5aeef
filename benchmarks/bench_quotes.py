"""Quote finding: a 10,000-article generated corpus, beside a plain regex scan for quote marks.

The articles are generated in memory, cleaned and matched once (not timed); the figure is
`find_quotes` end to end (marks paired, scare quotes dropped, reported speech found, every
quote attributed). The floor is Python's `re` finding every quote mark in the same texts: the
least any quote finder must do. Each figure is the median of a few runs.

Run alone with ``python -m benchmarks.bench_quotes [--quick]``.
"""

from __future__ import annotations

import argparse
import gc
import re
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import median, row
from benchmarks.generate import generate_articles

BENCHMARK = "quotes"
GOAL_SECONDS = 3.0
"""A few seconds at most for the quotes of 10,000 articles."""


def _timed(work: Callable[[], Any]) -> float:
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time quote finding over the generated corpus and the mark-scan floor."""
    from reader.core.actors import match_corpus
    from reader.core.clean import clean
    from reader.core.gazetteer import load_gazetteer
    from reader.core.quotes import find_quotes

    size = 2_000 if quick else 10_000
    articles = [clean(text, path=name) for name, text in generate_articles(size, 0)]
    gazetteer = load_gazetteer(user_file=None)
    mentions = match_corpus(articles, gazetteer)
    texts = [article.text for article in articles]
    marks = re.compile('[“”„«»"]')
    found: list[int] = []

    def find() -> None:
        found.append(len(find_quotes(articles, mentions, gazetteer)))

    def scan() -> None:
        for text in texts:
            for _ in marks.finditer(text):
                pass

    repeats = 2 if quick else 3
    quote_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        floor_times.append(_timed(scan))
        quote_times.append(_timed(find))
    label = f"{size:,} articles"
    quote_seconds, floor_seconds = median(quote_times), median(floor_times)
    return [
        row(
            BENCHMARK, f"floor: re scan for quote marks, {label}", floor_seconds, "s", floor_seconds
        ),
        row(
            BENCHMARK,
            f"find_quotes, {label}",
            quote_seconds,
            "s",
            floor_seconds,
            goal=f"<= {GOAL_SECONDS:g} s for 10,000 articles",
            note=f"{found[-1]:,} quotes",
        ),
        row(BENCHMARK, f"per article, {label}", quote_seconds / size * 1e6, "µs"),
    ]


def main() -> None:
    """Print the rows as a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    for result in run(parser.parse_args().quick):
        print(result)


if __name__ == "__main__":
    main()
