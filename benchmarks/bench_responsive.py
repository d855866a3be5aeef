"""A cold start with 10,000 articles: when the list shows, when everything is indexed, and
whether the UI answered keys throughout.

A fresh interpreter runs the reader headless (`App.run_test`, 120×36) on a generated corpus
with an empty cache, as a first start does. While it loads, indexes and matches actors, the
child measures, on the UI thread's event loop:

- the *longest stall*: a task sleeps 5 ms again and again and records how late it wakes; a
  frame cannot be drawn, nor a key answered, while the loop is held, so this is the longest
  frame gap the user could see;
- *key latency*: every 200 ms a `j` or `k` goes to the article list through the driver, as a
  terminal's key would, and the time until the list's cursor action runs is recorded.

Milestones are read from the screen: first rows shown, load finished, search index ready,
actors matched (then the corpus is fully indexed). The peer in the same run is the core alone
doing the same work in a fresh interpreter with no UI (load, index, match actors), which is
the floor for "fully indexed". The floor does it all in one process, one step after another;
the app has a helper process parse files and match actors beside it, so on two cores it can
finish before its floor.

With ``BENCH_TRACE=1`` a sampling thread records what the UI thread was running during each
stall over 50 ms and the child prints the most frequent frames.

Run alone with ``python -m benchmarks.bench_responsive [--size N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_DIR, corpus, median, row

BENCHMARK = "responsive"
SIZE = 10_000
QUICK_SIZE = 2_000
RUNS = 3
READY_GOAL_SECONDS = 15.0
"""The issue's goal: a cold start with 10,000 articles fully indexed within 15 s."""
ROWS_GOAL_SECONDS = 2.0
"""... its list interactive within 2 s ..."""
STALL_GOAL_MS = 100.0
"""... and no frame gap over 100 ms."""

_APP_CHILD = r"""
import asyncio, collections, json, os, sys, threading, time, traceback
started = time.perf_counter()
from textual import events
from reader.ui.app import BelreaderApp
from reader.ui.widgets.article_list import ArticleList

from pathlib import Path
folder = sys.argv[1]
TRACE = bool(os.environ.get("BENCH_TRACE"))
pressed = collections.deque()
latencies = []
stalls = []

def answered(original):
    def action(self, *args, **kwargs):
        if pressed:
            latencies.append(time.perf_counter() - pressed.popleft())
        return original(self, *args, **kwargs)
    return action

ArticleList.action_cursor_down = answered(ArticleList.action_cursor_down)
ArticleList.action_cursor_up = answered(ArticleList.action_cursor_up)

samples = collections.Counter()
current = collections.Counter()
ui_thread = threading.main_thread().ident
stall_since = [None]

def sampler():
    while True:
        time.sleep(0.005)
        since = stall_since[0]
        if since is not None and time.perf_counter() - since > 0.05:
            # What every thread was running while the UI thread was held up.
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                stack = traceback.extract_stack(frame)[-6:]
                where = "UI" if ident == ui_thread else "worker"
                samples[where + ": " + " <- ".join(
                    f"{f.name}:{Path(f.filename).name}:{f.lineno}" for f in reversed(stack)
                )] += 1
                current[(since, where, stack[-1].name + ":" + Path(stack[-1].filename).name
                         + ":" + str(stack[-1].lineno) if stack else "")] += 1

if TRACE:
    threading.Thread(target=sampler, daemon=True).start()
    # What the samples cannot see: C calls and collections that hold the GIL throughout.
    gc_started = [0.0]
    def collection(phase, info):
        if phase == "start":
            gc_started[0] = time.perf_counter()
        elif time.perf_counter() - gc_started[0] > 0.03:
            took = (time.perf_counter() - gc_started[0]) * 1000
            print(f"gc gen {info['generation']} {took:.0f} ms at {gc_started[0] - started:.2f} s "
                  f"in {threading.current_thread().name}", file=sys.stderr)
    import gc
    gc.callbacks.append(collection)
if os.environ.get("BENCH_TRACE") == "2":
    calls = threading.local()
    def profile(frame, event, arg):
        if event == "c_call":
            calls.__dict__.setdefault("stack", []).append(time.perf_counter())
        elif event in ("c_return", "c_exception") and getattr(calls, "stack", None):
            took = time.perf_counter() - calls.stack.pop()
            if took > 0.04:
                print(f"C call {getattr(arg, '__qualname__', arg)} {took * 1000:.0f} ms at "
                      f"{time.perf_counter() - started:.2f} s from "
                      f"{frame.f_code.co_name}:{Path(frame.f_code.co_filename).name}:{frame.f_lineno}",
                      file=sys.stderr)
    threading.setprofile(profile)

async def main():
    app = BelreaderApp([Path(folder)], watch_signals=False)
    milestones = {}
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        key = 0
        next_key = time.perf_counter() + 0.2
        while True:
            stall_since[0] = before = time.perf_counter()
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            stall_since[0] = None
            stalls.append(now - before - 0.005)
            if TRACE and now - before > 0.085:
                where = sorted(((n, k[1], k[2]) for k, n in current.items() if k[0] == before),
                               reverse=True)[:4]
                print(f"stall {(now - before) * 1000:.0f} ms at {before - started:.2f} s: {where}",
                      file=sys.stderr)
            elapsed = now - started
            if "rows" not in milestones and article_list.option_count:
                milestones["rows"] = elapsed
            if "loaded" not in milestones and not screen.is_loading:
                milestones["loaded"] = elapsed
            # The search panel (which holds the index) is mounted once the first rows show.
            panel = screen.search_panel
            if "indexed" not in milestones and panel is not None and panel.index is not None:
                milestones["indexed"] = elapsed
            if "actors" not in milestones and screen.gazetteer is not None:
                milestones["actors"] = elapsed
            if "indexed" in milestones and "actors" in milestones:
                milestones["ready"] = max(milestones["indexed"], milestones["actors"])
                break
            if elapsed > 600:
                raise SystemExit("not ready after 600 s")
            if "rows" in milestones and now >= next_key:
                pressed.append(time.perf_counter())
                event = events.Key("j" if key % 2 == 0 else "k", "j" if key % 2 == 0 else "k")
                event.set_sender(app)
                app._driver.send_message(event)
                key += 1
                next_key = now + 0.2
        await pilot.pause()
    pressed.clear()
    ordered = sorted(stalls)
    result = {
        "milestones": milestones,
        "stall_max_ms": ordered[-1] * 1000,
        "stall_p99_ms": ordered[int(len(ordered) * 0.99)] * 1000,
        "stalls_over_100ms": sum(1 for s in stalls if s > 0.1),
        "keys": len(latencies),
        "key_max_ms": max(latencies, default=0) * 1000,
        "key_p95_ms": sorted(latencies)[int(len(latencies) * 0.95)] * 1000 if latencies else 0,
    }
    if TRACE:
        for stack, count in samples.most_common(40):
            print(f"{count * 5:6d} ms  {stack}", file=sys.stderr)
    print(json.dumps(result))

asyncio.run(main())
"""

_CORE_CHILD = r"""
import json, sys, time
started = time.perf_counter()
from reader.core.cache import CorpusCache
from reader.core.gazetteer import load_gazetteer
cache = CorpusCache.open()
articles = cache.load([sys.argv[1]]).articles
loaded = time.perf_counter() - started
cache.search_index(articles)
indexed = time.perf_counter() - started
cache.match_corpus(articles, load_gazetteer([sys.argv[1]]))
print(json.dumps({"milestones": {"loaded": loaded, "indexed": indexed,
                                 "ready": time.perf_counter() - started}}))
"""


def _child(code: str, folder: Path, scratch: Path) -> dict[str, Any]:
    """One cold run in a fresh interpreter with an empty cache of its own."""
    home = Path(tempfile.mkdtemp(dir=scratch))
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELREADER_")}
    env["BELREADER_CACHE_DIR"] = str(home / "cache")
    env["BELREADER_CONFIG_DIR"] = str(home / "config")
    env["BELREADER_DATA_DIR"] = str(home / "data")
    completed = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if completed.stderr and os.environ.get("BENCH_TRACE"):
        sys.stderr.write(completed.stderr)
    if completed.returncode != 0:
        raise RuntimeError(f"cold run failed: {completed.stderr.strip()[-400:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def measure(size: int, runs: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`runs` cold app starts and as many core-only cold runs, interleaved."""
    folder = corpus(size)
    app_runs: list[dict[str, Any]] = []
    core_runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="belreader-responsive-") as scratch:
        for _ in range(runs):
            core_runs.append(_child(_CORE_CHILD, folder, Path(scratch)))
            app_runs.append(_child(_APP_CHILD, folder, Path(scratch)))
    return app_runs, core_runs


def run(
    quick: bool = False, size: int | None = None, runs: int | None = None
) -> list[dict[str, Any]]:
    size = size or (QUICK_SIZE if quick else SIZE)
    runs = runs or (1 if quick else RUNS)
    app_runs, core_runs = measure(size, runs)
    label = f"{size // 1000}k" if size >= 1000 else str(size)

    def app(name: str) -> float:
        return median([r["milestones"][name] for r in app_runs])

    def figure(name: str) -> float:
        return median([r[name] for r in app_runs])

    core_ready = median([r["milestones"]["ready"] for r in core_runs])
    goals = size == SIZE
    core = (
        "floor: the core alone, no UI, one process "
        "(the app has a helper process parse and match beside it)"
    )
    return [
        row(BENCHMARK, f"cold {label}: list shows rows", app("rows"), "s",
            goal=f"<= {ROWS_GOAL_SECONDS:g} s" if goals else None),
        row(BENCHMARK, f"cold {label}: loaded", app("loaded"), "s",
            median([r["milestones"]["loaded"] for r in core_runs]), note=core),
        row(BENCHMARK, f"cold {label}: fully indexed (search + actors)", app("ready"), "s",
            core_ready, goal=f"<= {READY_GOAL_SECONDS:g} s" if goals else None, note=core),
        row(BENCHMARK, f"cold {label}: longest UI stall", figure("stall_max_ms"), "ms",
            goal=f"<= {STALL_GOAL_MS:g} ms" if goals else None),
        row(BENCHMARK, f"cold {label}: UI stalls over 100 ms", figure("stalls_over_100ms"),
            "count"),
        row(BENCHMARK, f"cold {label}: key latency p95", figure("key_p95_ms"), "ms"),
        row(BENCHMARK, f"cold {label}: key latency max", figure("key_max_ms"), "ms"),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    app_runs, core_runs = measure(args.size, args.runs)
    for result in app_runs:
        print("app ", json.dumps(result))
    for result in core_runs:
        print("core", json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
