"""The cache: time until search is ready, cold and warm; warm index load; peak memory.

For each corpus size, fresh interpreters (so nothing is shared but the page cache) do what the
app does: load the corpus, get the search index and answer two queries (search is ready), then
match actors and answer an `actor:` query (actors are ready). Cold
runs start from an empty cache (and fill it: that is the index build plus its save); warm runs
find it filled. Beside them, in the same run, the floor: plain Python reading and decoding the
same files. Each child reports its own phases and its peak resident memory (VmHWM), which is
set beside the corpus's clean text size.

Run alone with ``python -m benchmarks.bench_cache [--sizes 2000,10000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_DIR, corpus, median, row

BENCHMARK = "cache"

QUICK_SIZES = (2_000, 10_000)
FULL_SIZES = (2_000, 10_000, 50_000)

WARM_RUNS = 5
"""Warm runs per size (medians); a cold run is a few minutes at 50,000, so fewer of those."""

COLD_RUNS = {2_000: 3, 10_000: 2, 50_000: 1}
"""Cold runs per size."""

READY_GOAL_SECONDS = {50_000: 1.5}
"""The issue's goal for search ready on a warm start."""

INDEX_LOAD_GOAL_SECONDS = {50_000: 1.0}
"""The issue's goal for loading the cached index."""

MEMORY_GOAL_RATIO = 3.0
"""Peak resident memory at most this multiple of the corpus text."""

_CHILD = r"""
import json, os, sys, time
from pathlib import Path
started = time.perf_counter()
mode, folder = sys.argv[1], sys.argv[2]
phases = {}
def mark(name, since):
    phases[name] = time.perf_counter() - since
    return time.perf_counter()
def peak_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
if mode == "floor":
    t = time.perf_counter()
    characters = 0
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            with open(entry.path, "rb") as handle:
                characters += len(handle.read().decode("utf-8"))
    mark("read", t)
    total = time.perf_counter() - started
    print(json.dumps({"phases": phases, "total": total, "peak_mb": peak_mb()}))
    sys.exit(0)
from reader.core.cache import CorpusCache
from reader.core.gazetteer import load_gazetteer
from reader.core.search import GazetteerNames, Searcher
t = time.perf_counter()
cache = CorpusCache.open()
articles = cache.load([folder]).articles
t = mark("load", t)
index = cache.search_index(articles)
t = mark("index", t)
Searcher(index).search("mozir", 20)  # one edit: the first use of the typo index
t = mark("typo index", t)
Searcher(index).search("lukashenka", 20)
t = mark("first search", t)
ready = time.perf_counter() - started
peak_ready = peak_mb()
# Then, as the app does, actors: highlights, the actor panel and `actor:` queries.
gazetteer = load_gazetteer([folder])
mentions = cache.match_corpus(articles, gazetteer)
index.set_actors(mentions.by_article, GazetteerNames(gazetteer))
t = mark("actors", t)
Searcher(index).search("actor:lukashenko", 20)
t = mark("actor search", t)
total = time.perf_counter() - started
peak_total = peak_mb()
# Measured after the peaks: reading every text would load every lazy body.
text_bytes = sum(a.text_length + len(a.title) for a in articles)
print(json.dumps({
    "phases": phases, "ready": ready, "total": total, "peak_ready_mb": peak_ready,
    "peak_mb": peak_total, "text_mb": text_bytes / 1e6,
    "stats": dict(cache.stats), "warnings": cache.warnings,
}))
"""
"""One run in a fresh interpreter: the floor (read+decode) or a cold/warm start to search."""


def _child(mode: str, folder: Path, cache_dir: Path) -> dict[str, Any]:
    # The developer's own cache, notes and settings stay out of it.
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELREADER_")}
    env["BELREADER_CACHE_DIR"] = str(cache_dir)
    env["BELREADER_CONFIG_DIR"] = str(cache_dir.parent / "config")
    env["BELREADER_DATA_DIR"] = str(cache_dir.parent / "data")
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(folder)],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{mode} run failed: {completed.stderr.strip()[-300:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def measure(size: int, scratch: Path) -> dict[str, list[dict[str, Any]]]:
    """Cold, warm and floor runs for one size, interleaved so noise hits them alike."""
    folder = corpus(size)
    runs: dict[str, list[dict[str, Any]]] = {"floor": [], "cold": [], "warm": []}
    warm_dir = scratch / f"warm-{size}" / "cache"
    warm_dir.mkdir(parents=True)
    _child("warm", folder, warm_dir)  # fills the cache the warm runs read
    cold_runs = COLD_RUNS.get(size, 1)
    for number in range(max(WARM_RUNS, cold_runs)):
        runs["floor"].append(_child("floor", folder, warm_dir))
        if number < cold_runs:
            cold_dir = scratch / f"cold-{size}-{number}" / "cache"
            cold_dir.mkdir(parents=True)
            runs["cold"].append(_child("cold", folder, cold_dir))
        runs["warm"].append(_child("warm", folder, warm_dir))
    return runs


def _phase(runs: list[dict[str, Any]], name: str) -> float:
    return median([run["phases"].get(name, 0.0) for run in runs])


def run(quick: bool = False, sizes: tuple[int, ...] | None = None) -> list[dict[str, Any]]:
    """Measure every size; return result rows for the benchmark runner."""
    rows: list[dict[str, Any]] = []
    chosen = sizes or (QUICK_SIZES if quick else FULL_SIZES)
    with tempfile.TemporaryDirectory(prefix="belreader-cache-bench-") as scratch:
        for size in chosen:
            started = time.perf_counter()
            runs = measure(size, Path(scratch))
            label = f"{BENCHMARK} {size // 1000}k"
            floor = median([r["total"] for r in runs["floor"]])
            cold, warm = runs["cold"], runs["warm"]
            cold_ready = median([r["ready"] for r in cold])
            warm_ready = median([r["ready"] for r in warm])
            ready_goal = READY_GOAL_SECONDS.get(size)
            counts = f"{len(cold)} cold, {len(warm)} warm runs"
            rows.append(
                row(label, "floor: read+decode every file, plain Python", floor, "s", floor)
            )
            rows.append(
                row(label, "search ready, cold (empty cache)", cold_ready, "s", floor, note=counts)
            )
            rows.append(
                row(
                    label,
                    "search ready, warm (cache filled)",
                    warm_ready,
                    "s",
                    floor,
                    goal=f"<= {ready_goal:g} s" if ready_goal else None,
                    note="load + index + a typo query + a query",
                )
            )
            rows.append(row(label, "  warm: articles from cache", _phase(warm, "load"), "s", floor))
            index_goal = INDEX_LOAD_GOAL_SECONDS.get(size)
            cold_index = _phase(cold, "index")
            rows.append(
                row(
                    label,
                    "  warm: search index loaded",
                    _phase(warm, "index"),
                    "s",
                    cold_index,
                    goal=f"<= {index_goal:g} s" if index_goal else None,
                    note="floor: the cold run's index build and save",
                )
            )
            rows.append(
                row(label, "  warm: first one-typo query (mozir)", _phase(warm, "typo index"), "s")
            )
            rows.append(
                row(
                    label,
                    "actors ready, warm (after search)",
                    median([r["total"] for r in warm]),
                    "s",
                    floor,
                    note="+ actor names from cache, resolved; an actor: query",
                )
            )
            rows.append(
                row(
                    label,
                    "actors ready, cold (after search)",
                    median([r["total"] for r in cold]),
                    "s",
                    floor,
                    note="everything parsed, matched and indexed",
                )
            )
            rows.append(row(label, "  cold: load and clean", _phase(cold, "load"), "s", floor))
            rows.append(row(label, "  cold: index build + save", cold_index, "s", floor))
            rows.append(row(label, "  cold: match actors", _phase(cold, "actors"), "s", floor))
            rows.append(row(label, "  warm: actor names from cache", _phase(warm, "actors"), "s"))
            text_mb = median([r["text_mb"] for r in warm])
            for name, group in (("cold", cold), ("warm", warm)):
                for moment, key in (("search ready", "peak_ready_mb"), ("actors ready", "peak_mb")):
                    rows.append(
                        row(
                            label,
                            f"peak RSS, {name}, {moment}",
                            median([r[key] for r in group]),
                            "MB",
                            text_mb,
                            goal=f"<= {MEMORY_GOAL_RATIO:g}x corpus text",
                            note=f"floor: corpus clean text, {text_mb:.0f} M characters",
                        )
                    )
            print(f"    {label}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the cache benchmark and print its rows."""
    from benchmarks.run import format_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-article corpus")
    parser.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 2000,10000")
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(",")) if args.sizes else None
    print(format_table(run(args.quick, sizes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
