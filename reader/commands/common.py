"""What the subcommands share: finding the corpus and printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reader.core.corpus import Corpus, load
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


def load_corpus(paths: list[str]) -> Corpus:
    """Load the corpus a subcommand was pointed at; a missing path is a user error."""
    return load(corpus_paths(paths))


def print_json(data: object) -> None:
    """Print data as indented JSON, non-ASCII kept readable."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
