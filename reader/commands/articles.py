"""`belreader articles`: list the articles of a corpus."""

from __future__ import annotations

import argparse

from reader.commands.common import (
    add_cache_option,
    add_corpus_option,
    add_json_option,
    load_corpus,
    open_cache,
    print_json,
)
from reader.core.articles import SORT_ORDERS, Articles

HELP = "list the articles of a corpus with their metadata"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    add_corpus_option(parser)
    add_json_option(parser)
    parser.add_argument("--sort", choices=SORT_ORDERS, default="date", help="order (default: date)")
    add_cache_option(parser)


def run(args: argparse.Namespace) -> int:
    """List the articles; exit 0."""
    with open_cache(args) as cache:
        corpus = load_corpus(args.corpus, cache)
    view = Articles(tuple(corpus.articles)).sorted_by(args.sort)
    if args.json:
        print_json([article.to_dict() for article in view])
        return 0
    for article in view:
        print(
            f"{article.id}  {article.date or '----------'}  "
            f"{(article.source or '-')[:16]:<16}  {article.title}"
        )
    return 0
