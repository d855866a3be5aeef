"""What every benchmark module shares: where corpora live, result rows, medians."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from benchmarks.generate import write_corpus

BENCHMARKS_DIR = Path(__file__).resolve().parent
"""This package's folder."""

REPO_DIR = BENCHMARKS_DIR.parent
"""The repository root (where `reader/` and `seeds/` are)."""

CORPORA_DIR = BENCHMARKS_DIR / ".corpora"
"""Generated corpora, kept between runs (gitignored)."""

SEEDS_DIR = REPO_DIR / "seeds"
"""The five bundled articles."""

CORPUS_SEED = 0
"""The generator seed every benchmark uses, so all of them read the same articles."""


def corpus(n: int) -> Path:
    """The folder of the standard `n`-article corpus, generated on first use."""
    return write_corpus(n, CORPUS_SEED, CORPORA_DIR)


def corpus_bytes(folder: Path) -> int:
    """Total size of the article files in a folder (hidden files excluded)."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


def row(
    benchmark: str,
    metric: str,
    value: float | None,
    unit: str,
    floor: float | None = None,
    *,
    goal: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """One result row; ratio is value/floor (a multiple of a time, a fraction of a rate)."""
    ratio = value / floor if value is not None and floor else None
    result: dict[str, Any] = {
        "benchmark": benchmark,
        "metric": metric,
        "value": value,
        "unit": unit,
        "floor": floor,
        "ratio": ratio,
    }
    if goal:
        result["goal"] = goal
    if note:
        result["note"] = note
    return result


def median(values: list[float]) -> float:
    """The median of some measurements."""
    return statistics.median(values)
