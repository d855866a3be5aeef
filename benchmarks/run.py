"""The one benchmark command: run every `benchmarks/bench_*.py`, print one table, write JSON.

Each module exposes `run(quick: bool) -> list[dict]`; a module that fails to import or raises
becomes a failed row, so one broken benchmark never hides the others' figures.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARKS_DIR, CORPUS_SEED, REPO_DIR, corpus

DEFAULT_JSON = BENCHMARKS_DIR / "results" / "latest.json"
"""Where results go unless `--json` says otherwise (gitignored)."""

QUICK_SIZES = (2_000, 10_000)
"""Corpora generated up front for a quick run."""

FULL_SIZES = (2_000, 10_000, 50_000)
"""Corpora generated up front for a full run."""

COLUMNS = ("benchmark", "metric", "value", "unit", "floor", "ratio", "goal", "note")
"""Table columns, in order."""


def discover() -> list[str]:
    """Names of the benchmark modules (`bench_*.py` in this package), sorted."""
    return sorted(path.stem for path in BENCHMARKS_DIR.glob("bench_*.py"))


def _matches(module_name: str, only: list[str]) -> bool:
    short = module_name.removeprefix("bench_")
    return not only or module_name in only or short in only


def environment() -> dict[str, Any]:
    """The date, software versions and machine, printed above the table and kept in the JSON."""

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu_model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable_cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        usable_cpus = os.cpu_count() or 0
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "textual": version("textual"),
        "rapidfuzz": version("rapidfuzz"),
        "nproc": usable_cpus,
        "cpu": cpu_model,
        "platform": platform.platform(),
        "commit": commit or "unknown",
    }


def run_module(module_name: str, quick: bool) -> list[dict[str, Any]]:
    """Run one benchmark module in its own process; a failure becomes a row saying why.

    A process per module keeps one module's memory (a loaded 50,000-article corpus) from
    slowing the next one's process starts or showing in its RSS, and a crash from taking the
    runner down.
    """
    benchmark = module_name.removeprefix("bench_")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="belreader-bench-") as scratch:
        rows_file = Path(scratch) / "rows.json"
        command = [sys.executable, "-m", "benchmarks.run", "--module", module_name]
        command += ["--rows-file", str(rows_file)] + (["--quick"] if quick else [])
        completed = subprocess.run(command, cwd=REPO_DIR, check=False)
        try:
            rows = json.loads(rows_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [_failed_row(benchmark, f"exited with code {completed.returncode}, no rows")]
    elapsed = time.perf_counter() - started
    print(f"  {benchmark}: {len(rows)} rows in {elapsed:.0f} s", file=sys.stderr)
    return rows or [_failed_row(benchmark, "returned no rows")]


def _run_module_here(module_name: str, quick: bool, rows_file: Path) -> int:
    """The child's side of `run_module`: run the module and write its rows as JSON."""
    benchmark = module_name.removeprefix("bench_")
    try:
        module = importlib.import_module(f"benchmarks.{module_name}")
        rows = list(module.run(quick))
    except Exception as error:  # a broken benchmark must not hide the others' figures
        traceback.print_exc(file=sys.stderr)
        rows = [_failed_row(benchmark, f"{type(error).__name__}: {error}")]
    rows_file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return 0


def _failed_row(benchmark: str, reason: str) -> dict[str, Any]:
    return {
        "benchmark": benchmark,
        "metric": "FAILED",
        "value": None,
        "unit": "",
        "floor": None,
        "ratio": None,
        "note": reason,
    }


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "—" if key in ("value", "floor", "ratio") else ""
    if key == "ratio":
        return f"{value:.2f}×"
    if isinstance(value, float):
        magnitude = abs(value)
        if magnitude >= 100:
            return f"{value:,.0f}"
        if magnitude >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if magnitude < 1 else f"{value:.2f}"
    return str(value)


def format_table(rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned plain-text table (numbers right-aligned)."""
    cells = [[_cell(key, entry.get(key)) for key in COLUMNS] for entry in rows]
    widths = [
        max([len(name)] + [len(line[index]) for line in cells])
        for index, name in enumerate(COLUMNS)
    ]
    numeric = {"value", "floor", "ratio"}

    def line(values: list[str]) -> str:
        parts = [
            value.rjust(width) if COLUMNS[index] in numeric else value.ljust(width)
            for index, (value, width) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    header = line(list(COLUMNS))
    return "\n".join([header, "-" * len(header)] + [line(values) for values in cells])


def format_markdown(rows: list[dict[str, Any]]) -> str:
    """Rows as a Markdown table, for the README's Performance section."""

    def cell(key: str, value: Any) -> str:
        return _cell(key, value).replace("|", "\\|")

    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += [
        "| " + " | ".join(cell(key, entry.get(key)) for key in COLUMNS) + " |" for entry in rows
    ]
    return "\n".join(lines)


def format_environment(env: dict[str, Any]) -> str:
    """The header lines above the table."""
    return (
        f"belreader benchmarks  {env['date']}  commit {env['commit']}\n"
        f"Python {env['python']}, Textual {env['textual']}, rapidfuzz {env['rapidfuzz']}\n"
        f"nproc {env['nproc']}, CPU {env['cpu']}, {env['platform']}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table and write the JSON; exit 1 if any row failed."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run belreader's benchmarks beside their floors and print one table.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller corpora and fewer runs (a few minutes)"
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help=f"where to write results ({DEFAULT_JSON})"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this benchmark (e.g. load, startup); repeatable",
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        metavar="FILE",
        help="print the results in FILE (written by an earlier run) as a Markdown table",
    )
    parser.add_argument("--module", help=argparse.SUPPRESS)
    parser.add_argument("--rows-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.module:
        return _run_module_here(args.module, args.quick, args.rows_file)
    if args.markdown:
        results = json.loads(args.markdown.read_text(encoding="utf-8"))
        print(format_environment(results["environment"]).replace("\n", "  \n"))
        print()
        print(format_markdown(results["rows"]))
        return 0
    module_names = [name for name in discover() if _matches(name, args.only)]
    if not module_names:
        parser.error(f"no benchmark matches {args.only}; there are: {', '.join(discover())}")

    env = environment()
    print(format_environment(env), flush=True)
    started = time.perf_counter()
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    print(f"preparing corpora {', '.join(map(str, sizes))} (seed {CORPUS_SEED})", file=sys.stderr)
    for size in sizes:
        corpus(size)
    rows: list[dict[str, Any]] = []
    for module_name in module_names:
        print(f"running {module_name} ...", file=sys.stderr, flush=True)
        rows.extend(run_module(module_name, args.quick))
    env["mode"] = "quick" if args.quick else "full"
    env["seconds"] = round(time.perf_counter() - started, 1)

    print()
    print(format_table(rows))
    print(f"\n{env['mode']} run, {env['seconds']:.0f} s; medians; ratio = value / floor")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"environment": env, "rows": rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"results written to {args.json}")
    return 1 if any(entry.get("metric") == "FAILED" for entry in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
