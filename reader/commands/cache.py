"""`belreader cache info|clear`: where the cache is and what it holds, or emptying it."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_json_option, print_json
from reader.core.cache import CorpusCache, default_cache_path
from reader.errors import UserError

HELP = "show where the cache of parsed articles, actors and indexes is and its size, or clear it"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's actions."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = actions.add_parser("info", help="where the cache is, its size and what it holds")
    add_json_option(info)
    actions.add_parser("clear", help="empty the cache (it is rebuilt as articles are opened)")


def run(args: argparse.Namespace) -> int:
    """Show or clear the cache; exit 0, or 2 if the cache cannot be used."""
    # Not `CorpusCache.open`: `BELREADER_NO_CACHE` turns the cache off, not this command.
    with CorpusCache(default_cache_path()) as cache:
        for warning in cache.warnings:
            print(f"belreader: {warning}", file=sys.stderr)
        if not cache.enabled:
            raise UserError(f"the cache at {cache.path} cannot be used")
        if args.action == "clear":
            before = cache.info()
            if not cache.clear():
                raise UserError(f"could not clear the cache at {cache.path}")
            print(f"cleared {cache.path} ({_size(before.size_bytes)} before)")
            return 0
        info = cache.info()
    if getattr(args, "json", False):
        print_json(info.to_dict())
        return 0
    print(f"cache:    {info.path}")
    print(f"size:     {_size(info.size_bytes)}")
    print(f"files:    {info.files}")
    print(f"articles: {info.articles}")
    print(f"mentions: {info.mentions} (articles matched, per gazetteer)")
    print(f"indexes:  {info.indexes}")
    return 0


def _size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.1f} KiB"
    return f"{size_bytes / 1024 / 1024:.1f} MiB"
