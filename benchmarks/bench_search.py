"""Search as the user types: per-keystroke latency, index build time and memory, with peers.

For each corpus size, a fresh subprocess loads the generated corpus, builds the index (timed),
measures the resident memory the index adds, then types every prefix of each query in
`QUERIES` into one `Searcher`, as the search box would, timing each keystroke. In the same
run, `rg -i` and `fzf --filter` search the same files for the same queries as peers (a whole
process each, as a user would run them); either is reported "not installed" when absent.

Run alone with ``python -m benchmarks.bench_search [--quick] [--sizes 2000,10000]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_DIR, corpus, corpus_bytes, row

BENCHMARK = "search"

QUERIES = (
    "lukashenka",
    "lukashenko nuclear",
    "mozir",
    "iskandr",
    "putin belarus war",
    "tsikhanouskaya",
    "tikhanovskaya opposition",
    "belarusian troops border",
    "wagner",
    "zelensky",
    "shoigu minsk",
    "nuclear weapons",
    "iskander missiles",
    "mobilisation",
    "gerasimov",
    "lavrov peskov",
    "refugees poland",
    "kremlin pressure",
    "hybrid attack",
    "khrenin exercises",
    "sanctions belarus",
    '"armed forces"',
    "zapad 2023",
    "ukraine offensive",
)
"""Queries typed letter by letter: names, typos, common words, a phrase, numbers."""

GOALS = {2_000: 16.0, 10_000: 16.0, 50_000: 33.0}
"""p95 per-keystroke goal in milliseconds, by corpus size."""

BUILD_GOAL_SECONDS = {10_000: 5.0}
"""Index build goal, by corpus size."""

MEMORY_GOAL_RATIO = 3.0
"""The index may take at most this multiple of the corpus text in memory."""

QUICK_SIZES = (2_000, 10_000)
"""Sizes measured in quick mode."""

FULL_SIZES = (2_000, 10_000, 50_000)
"""Sizes measured in a full run."""

PEER_QUERIES = QUERIES[:6]
"""Queries the peers run (each a whole process over every file)."""


def keystrokes(query: str) -> list[str]:
    """Every prefix of a query, as typed one key at a time."""
    return [query[:length] for length in range(1, len(query) + 1)]


def _rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def measure_in_process(folder: Path) -> dict[str, Any]:
    """Load, build and type in this process; returns the raw figures."""
    import gc

    from reader.core.corpus import load
    from reader.core.search import Searcher, SearchIndex

    corpus_loaded = load([folder])
    articles = corpus_loaded.articles
    text_bytes = sum(len(a.text.encode("utf-8")) + len(a.title.encode("utf-8")) for a in articles)
    gc.collect()
    rss_before = _rss_bytes()
    started = time.perf_counter()
    index = SearchIndex.build(articles)
    build_seconds = time.perf_counter() - started
    gc.collect()
    index_bytes = _rss_bytes() - rss_before
    searcher = Searcher(index)
    latencies: list[float] = []
    for query in QUERIES:
        for typed in keystrokes(query):
            began = time.perf_counter()
            searcher.search(typed, 50)
            latencies.append((time.perf_counter() - began) * 1000)
    gc.collect()
    after_typing_bytes = _rss_bytes() - rss_before
    return {
        "articles": len(articles),
        "text_bytes": text_bytes,
        "build_seconds": build_seconds,
        "index_bytes": index_bytes,
        "after_typing_bytes": after_typing_bytes,
        "latencies_ms": latencies,
    }


def _measure(folder: Path) -> dict[str, Any]:
    """Run `measure_in_process` in a fresh interpreter, so memory and caches start clean."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from benchmarks.bench_search import measure_in_process\n"
        "print(json.dumps(measure_in_process(Path(sys.argv[1]))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _peer_seconds(command: list[str], folder: Path, *, stdin_files: bool = False) -> float:
    """Median wall time of a peer over the peer queries (a whole process each)."""
    timings: list[float] = []
    listing = None
    if stdin_files:
        listing = "".join(
            str(path) + "\n" for path in sorted(folder.iterdir()) if not path.name.startswith(".")
        )
    for query in PEER_QUERIES:
        began = time.perf_counter()
        if stdin_files:
            # fzf filters lines: feed it every line of every file, as `cat | fzf --filter` would.
            cat = subprocess.Popen(
                ["xargs", "cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
            fzf = subprocess.Popen([*command, query], stdin=cat.stdout, stdout=subprocess.DEVNULL)
            assert cat.stdin is not None and cat.stdout is not None
            cat.stdin.write(listing or "")
            cat.stdin.close()
            cat.stdout.close()
            fzf.wait()
            cat.wait()
        else:
            subprocess.run([*command, query, str(folder)], stdout=subprocess.DEVNULL, check=False)
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def run(quick: bool = False, sizes: tuple[int, ...] | None = None) -> list[dict[str, Any]]:
    """Measure every size; return result rows for the benchmark runner."""
    rows: list[dict[str, Any]] = []
    chosen = sizes or (QUICK_SIZES if quick else FULL_SIZES)
    rg = shutil.which("rg")
    fzf = shutil.which("fzf")
    for size in chosen:
        folder = corpus(size)
        figures = _measure(folder)
        latencies = figures["latencies_ms"]
        p50 = statistics.median(latencies)
        p95 = _percentile(latencies, 0.95)
        label = f"{BENCHMARK} {size:,}"
        rg_ms = _peer_seconds([rg, "-i", "-c"], folder) * 1000 if rg else None
        fzf_ms = _peer_seconds([fzf, "--filter"], folder, stdin_files=True) * 1000 if fzf else None
        goal = GOALS.get(size)
        rows.append(
            row(label, "keystroke p50", p50, "ms", rg_ms, note=f"{len(latencies)} keystrokes")
        )
        rows.append(
            row(
                label,
                "keystroke p95",
                p95,
                "ms",
                rg_ms,
                goal=f"<= {goal:g} ms" if goal else None,
                note="floor: rg -i, one query, whole process",
            )
        )
        rows.append(row(label, "keystroke max", max(latencies), "ms", rg_ms))
        rows.append(
            row(label, "peer rg -i", rg_ms, "ms", None, note=None if rg else "not installed")
        )
        rows.append(
            row(
                label,
                "peer fzf --filter",
                fzf_ms,
                "ms",
                None,
                note=None if fzf else "not installed",
            )
        )
        build_goal = BUILD_GOAL_SECONDS.get(size)
        rows.append(
            row(
                label,
                "index build",
                figures["build_seconds"],
                "s",
                None,
                goal=f"<= {build_goal:g} s" if build_goal else None,
            )
        )
        text_mb = figures["text_bytes"] / 1e6
        rows.append(
            row(
                label,
                "index memory (RSS)",
                figures["index_bytes"] / 1e6,
                "MB",
                text_mb,
                goal=f"<= {MEMORY_GOAL_RATIO:g}x corpus text",
                note=f"floor: corpus text {text_mb:.1f} MB; "
                f"files {corpus_bytes(folder) / 1e6:.1f} MB",
            )
        )
        rows.append(
            row(
                label,
                "memory after typing (RSS)",
                figures["after_typing_bytes"] / 1e6,
                "MB",
                text_mb,
                note="index plus the searcher's caches",
            )
        )
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    for item in rows:
        value = "—" if item["value"] is None else f"{item['value']:.2f}"
        floor = "" if item["floor"] is None else f"{item['floor']:.2f}"
        ratio = "" if item["ratio"] is None else f"{item['ratio']:.2f}x"
        extra = "  ".join(str(item[k]) for k in ("goal", "note") if item.get(k))
        print(
            f"{item['benchmark']:<14} {item['metric']:<26} {value:>10} {item['unit']:<3} "
            f"{floor:>10} {ratio:>8}  {extra}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the search benchmark and print its rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-article corpus")
    parser.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 2000,10000")
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(",")) if args.sizes else None
    _print(run(args.quick, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
