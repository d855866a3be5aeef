"""Actor matching: highlighting one 100 KB article, and a 10,000-article corpus in MB/s.

The corpus is matched with a 1,000-actor gazetteer (the bundled actors plus synthetic people
made from the generator's surname space, so the prefix tree is as wide as a real large one).
The corpus figure is `match_corpus` end to end (names found, shared surnames resolved across
the corpus, `Mention` objects built). Beside it, two references over the same texts: the
floor, Python's `re` touching every word once (`\\w+`), timed in alternation with the matcher
so machine noise hits both alike, and the naive approach, one alternation of every name with
IGNORECASE (timed on a sample only, as it is slow). Every figure is a median.
"""

from __future__ import annotations

import argparse
import gc
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import median, row
from benchmarks.generate import generate_articles, rare_word

BENCHMARK = "actors"
GOAL_HIGHLIGHT_MS = 20.0
"""The issue's goal for the mentions of a 100 KB article."""
GAZETTEER_SIZE = 1_000
"""Actors in the benchmark's gazetteer."""


def big_gazetteer(size: int = GAZETTEER_SIZE) -> Any:
    """The bundled gazetteer topped up with synthetic people to `size` actors."""
    from reader.core.gazetteer import BUNDLED_PATH, merge_layers

    bundled = BUNDLED_PATH.read_text(encoding="utf-8")
    base = merge_layers([(str(BUNDLED_PATH), bundled)])
    extra: list[str] = []
    for index in range(size - len(base)):
        first = rare_word(10_000 + index).capitalize()
        surname = rare_word(200_000 + index).capitalize() + "ov"
        extra.append(
            f'[[actor]]\nid = "synthetic-{index}"\nname = "{first} {surname}"\n'
            f'kind = "person"\naliases = ["{surname}", "{first[0]}. {surname}"]\n'
        )
    gazetteer = merge_layers([(str(BUNDLED_PATH), bundled), ("synthetic.toml", "\n".join(extra))])
    return gazetteer


def _timed(work: Callable[[], Any]) -> float:
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _megabytes(texts: list[str]) -> float:
    return sum(len(text.encode("utf-8")) for text in texts) / 1e6


def naive_pattern(gazetteer: Any) -> re.Pattern[str]:
    """One alternation of every name, longest first, whole words, IGNORECASE."""
    names = sorted(
        {n for actor in gazetteer for n in (*actor.names, *actor.demonyms)}, key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Measure highlighting a 100 KB article and matching a generated corpus."""
    from reader.core.actors import match_corpus
    from reader.core.article import Article, Paragraph
    from reader.core.gazetteer import load_gazetteer

    size = 2_000 if quick else 10_000
    rounds = 3 if quick else 5
    texts = [text for _, text in generate_articles(size)]
    megabytes = _megabytes(texts)

    # One 100 KB article: generated articles joined until the text is 100,000 characters.
    gazetteer = load_gazetteer(user_file=Path("/nonexistent/actors.toml"))
    build_seconds = _timed(gazetteer.matcher.compile)
    article = ""
    for text in texts:
        article += text + "\n\n"
        if len(article) >= 100_000:
            break
    article = article[:100_000]
    matcher = gazetteer.matcher
    matcher.mentions(article)  # the first call fills the matcher's memo of spellings
    highlight_times = [_timed(lambda: matcher.mentions(article)) for _ in range(15)]
    highlight_ms = median(highlight_times) * 1000
    mention_count = len(matcher.mentions(article))

    big = big_gazetteer()
    big_build = _timed(big.matcher.compile)
    big_matcher = big.matcher
    articles = [
        Article(f"a{index}", "", None, None, None, None, (Paragraph("paragraph", text, 0),), text)
        for index, text in enumerate(texts)
    ]
    floor_pattern = re.compile(r"\w+")
    floor_times: list[float] = []
    match_times: list[float] = []
    mention_times: list[float] = []
    for _ in range(rounds):
        floor_times.append(
            _timed(lambda: [sum(1 for _ in floor_pattern.finditer(t)) for t in texts])
        )
        match_times.append(_timed(lambda: match_corpus(articles, big)))
        mention_times.append(_timed(lambda: [big_matcher.mentions(t) for t in texts]))
    floor_rate = megabytes / median(floor_times)
    match_rate = megabytes / median(match_times)
    mention_rate = megabytes / median(mention_times)

    sample = texts[: max(1, len(texts) // 50)]
    naive = naive_pattern(big)
    naive_rate = _megabytes(sample) / _timed(lambda: [naive.findall(t) for t in sample])

    label = f"{size // 1000}k articles ({megabytes:.0f} MB), {len(big)} actors"
    return [
        row(
            BENCHMARK,
            f"mentions of a 100 KB article ({mention_count} mentions, {len(gazetteer)} actors)",
            highlight_ms,
            "ms",
            goal=f"<= {GOAL_HIGHLIGHT_MS:g} ms",
        ),
        row(BENCHMARK, f"build matcher, {len(gazetteer)} actors", build_seconds * 1000, "ms"),
        row(BENCHMARK, f"build matcher, {len(big)} actors", big_build * 1000, "ms"),
        row(BENCHMARK, f"floor: re \\w+ over {label}", floor_rate, "MB/s", floor_rate),
        row(BENCHMARK, f"match_corpus, {label}", match_rate, "MB/s", floor_rate),
        row(BENCHMARK, f"mentions per article, {label}", mention_rate, "MB/s", floor_rate),
        row(
            BENCHMARK,
            f"naive alternation, IGNORECASE, {len(big)} actors",
            naive_rate,
            "MB/s",
            floor_rate,
            note=f"on {len(sample)} articles; for comparison",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the actors benchmark alone and print its rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_actors")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    for result in run(args.quick):
        value = result["value"]
        ratio = result["ratio"]
        print(
            f"{result['metric']:<70} {value:>10.2f} {result['unit']:<5}"
            + (f"  x{ratio:.2f} of floor" if ratio else "")
            + (f"  goal {result['goal']}" if result.get("goal") else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
