"""What the subcommands share: finding the corpus and printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reader.core.cache import CorpusCache
from reader.core.corpus import Corpus
from reader.errors import UserError
from reader.locations import seeds_dir


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    """Add `--corpus PATH` (repeatable) to a subcommand."""
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        action="append",
        default=[],
        help="article file or folder (repeatable; default: the bundled articles)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """Add `--json` to a subcommand."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def corpus_paths(paths: list[str]) -> list[Path]:
    """The paths to load: the given ones, each checked to exist, or the bundled seeds."""
    if not paths:
        return [seeds_dir()]
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise UserError(f"no such file or folder: {missing[0]}")
    return [Path(p) for p in paths]


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    """Add `--no-cache` to a subcommand."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and index every file afresh, neither using nor updating the cache",
    )


def open_cache(args: argparse.Namespace | None = None) -> CorpusCache:
    """The cache for a subcommand (a disabled one with `--no-cache`), its warnings on stderr."""
    if args is not None and getattr(args, "no_cache", False):
        return CorpusCache.disabled()
    cache = CorpusCache.open()
    report_cache_warnings(cache)
    return cache


def report_cache_warnings(cache: CorpusCache) -> None:
    """Print the cache's notices (a rebuilt or unusable cache) on stderr, once each."""
    for warning in cache.warnings:
        print(f"belreader: {warning}", file=sys.stderr)
    cache.warnings.clear()


def load_corpus(paths: list[str], cache: CorpusCache | None = None) -> Corpus:
    """Load the corpus a subcommand was pointed at, through the cache; a missing path is a user
    error."""
    resolved = corpus_paths(paths)
    if cache is not None:
        corpus = cache.load(resolved)
        report_cache_warnings(cache)
        return corpus
    with open_cache() as own_cache:
        corpus = own_cache.load(resolved)
        report_cache_warnings(own_cache)
        return corpus


def print_json(data: object) -> None:
    """Print data as indented JSON, non-ASCII kept readable."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word before `width` characters with "…" when it is longer."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
