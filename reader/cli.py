"""The `belreader` command: the reader by default, and non-interactive subcommands.

The subcommands use only the core, so `belreader search` never imports Textual; each lives
in its own module under `reader.commands`, imported only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from reader import __version__
from reader.core import collector
from reader.errors import UserError
from reader.locations import DATA_DIR_ENV, NO_CACHE_ENV

COMMANDS: dict[str, str] = {
    "articles": "reader.commands.articles",
    "check": "reader.commands.check",
    "actors": "reader.commands.actors",
    "notes": "reader.commands.notes",
    "search": "reader.commands.search",
    "quotes": "reader.commands.quotes",
    "actor": "reader.commands.actor",
    "cache": "reader.commands.cache",
}
"""Subcommand name → module with `configure(parser)` and `run(args) -> int`."""

DESCRIPTION = (
    "A keyboard-driven terminal reader for articles on whether Belarus will join Russia's war "
    "against Ukraine. With no subcommand it opens the reader on PATHs (files or folders), or on "
    "the bundled articles."
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _global_options(parser: argparse.ArgumentParser, *, in_subcommand: bool = False) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        # In a subcommand, an absent option must not hide one given before the command.
        default=argparse.SUPPRESS if in_subcommand else None,
        help=f"where notes live (default: the user data dir; also ${DATA_DIR_ENV})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser for the subcommands (the reader's own parser is `build_reader_parser`)."""
    parser = _Parser(prog="belreader", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"belreader {__version__}")
    _global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        _global_options(sub, in_subcommand=True)
        module.configure(sub)
    return parser


def build_reader_parser() -> argparse.ArgumentParser:
    """The parser for `belreader [PATH ...]`."""
    parser = _Parser(
        prog="belreader",
        description=DESCRIPTION,
        epilog="commands: " + ", ".join(COMMANDS) + " (see belreader COMMAND --help). "
        "To open a folder named like a command, write ./NAME.",
    )
    parser.add_argument("--version", action="version", version=f"belreader {__version__}")
    _global_options(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and index every file afresh, neither using nor updating the cache",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run belreader with `argv` (default: the process's arguments); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = _first_positional(args_list)
    try:
        if first in COMMANDS:
            args = build_parser().parse_args(args_list)
            _apply_global(args)
            module = importlib.import_module(COMMANDS[args.command])
            return int(module.run(args))
        # No collection until the reader's first frame is out: start-up makes no garbage
        # worth the full scans of everything it imports (a tenth of the time to the frame).
        startup = collector.hold()
        try:
            args = build_reader_parser().parse_args(args_list)
            _apply_global(args)
            if args.no_cache:
                os.environ[NO_CACHE_ENV] = "1"
            return _run_reader(args.paths, startup)
        finally:
            startup.release()
    except UserError as error:
        print(f"belreader: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`belreader articles | head`).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _first_positional(args: list[str]) -> str | None:
    """The first argument that is not an option or an option's value."""
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
        elif arg == "--data-dir":
            skip_next = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def _apply_global(args: argparse.Namespace) -> None:
    if getattr(args, "data_dir", None):
        os.environ[DATA_DIR_ENV] = args.data_dir


FIRST_ROWS_WAIT_SECONDS = 0.3
"""How long the interface waits for the first screenful before it is built anyway (slow disks)."""


def _run_reader(paths: list[str], startup: collector.Hold) -> int:
    from reader.commands.common import corpus_paths

    resolved = corpus_paths(paths)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError(
            "the reader needs a terminal; for scripts use a subcommand "
            "(belreader articles --json, belreader check PATH)"
        )
    from reader.core.background import BackgroundLoad

    # Loading starts now, in a thread, and its first screenful is loaded before the interface
    # is imported: side by side, each of the loading thread's system calls (a directory of
    # 50,000 names, a stat per file, a query) waited for the importing thread to hand back
    # the interpreter, and the first rows came 0.2-0.3 s later than loaded alone.
    load = BackgroundLoad(resolved)
    load.wait_ready(FIRST_ROWS_WAIT_SECONDS)
    from reader.ui.app import run_app

    return run_app(resolved, load, startup)
