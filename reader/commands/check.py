"""`belreader check PATH`: what loads, what is skipped and why."""

from __future__ import annotations

import argparse

from reader.commands.common import add_json_option, print_json
from reader.core.corpus import load

HELP = "report what loads from PATHs, what is skipped and why (exit 0 all, 1 some, 2 none)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    """Load and report: exit 0 when all loaded, 1 when some were skipped, 2 when none loaded."""
    corpus = load(args.paths)
    status = 2 if not corpus.articles else (1 if corpus.problems else 0)
    if args.json:
        print_json(
            {
                "loaded": [
                    {"id": a.id, "title": a.title, "paths": a.paths, "problems": a.problems}
                    for a in corpus.articles
                ],
                "skipped": [p.to_dict() for p in corpus.problems],
                "ignored": corpus.ignored,
                "status": status,
            }
        )
        return status
    files = sum(len(a.paths) for a in corpus.articles)
    print(f"loaded: {len(corpus.articles)} articles from {files} files")
    for article in corpus.articles:
        for path in article.paths:
            note = f"  ({'; '.join(article.problems)})" if article.problems else ""
            print(f"  ok       {path}{note}")
    if corpus.problems:
        print(f"skipped: {len(corpus.problems)}")
        for problem in corpus.problems:
            print(f"  skipped  {problem.path}: {problem.reason}")
    if corpus.ignored:
        print(f"ignored (not .txt, .md, .markdown, .html, .htm): {len(corpus.ignored)}")
    return status
