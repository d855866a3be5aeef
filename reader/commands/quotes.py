"""`belreader quotes`: every quote of a corpus with its speaker, as text, JSON or Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import (
    add_corpus_option,
    corpus_paths,
    load_corpus,
    print_json,
    shorten,
)
from reader.core.actors import match_corpus
from reader.core.dossier import resolve_actor
from reader.core.gazetteer import alias_key, load_gazetteer
from reader.core.quote_list import export_quotes, quotes_markdown
from reader.core.quotes import filter_quotes, find_quotes, quote_to_dict
from reader.errors import UserError

HELP = (
    "list the quotes of a corpus with their speakers (direct and reported speech), by date; "
    "--speaker keeps one speaker's, --words those holding some words"
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    add_corpus_option(parser)
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker (id, name or alias)")
    parser.add_argument(
        "--words", metavar="WORDS", default="", help="only quotes with all these words"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of text")
    output.add_argument(
        "--format", choices=("text", "json", "md"), default="text", help="output format"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the quotes to FILE (atomically): Markdown or JSON, by --format or its ending",
    )


def run(args: argparse.Namespace) -> int:
    """Print the quotes; exit 0."""
    paths = corpus_paths(args.corpus)
    corpus = load_corpus(args.corpus)
    gazetteer = load_gazetteer(paths)
    mentions = match_corpus(corpus.articles, gazetteer)
    quotes = find_quotes(corpus.articles, mentions, gazetteer)
    if args.speaker:
        actor = resolve_actor(args.speaker, gazetteer)
        if actor is not None:
            quotes = filter_quotes(quotes, speaker_ids=[actor.id])
        elif any(q.speaker and alias_key(q.speaker) == alias_key(args.speaker) for q in quotes):
            quotes = filter_quotes(quotes, speaker_name=args.speaker)
        else:
            raise UserError(f"no actor or speaker named {args.speaker!r}")
    if args.words:
        quotes = filter_quotes(quotes, words=args.words)
    by_id = {article.id: article for article in corpus.articles}
    fmt = "json" if args.json else args.format
    if args.output:
        output = Path(args.output)
        if fmt == "text":  # no format asked for: the file's ending says which
            fmt = {".json": "json", ".md": "md", ".markdown": "md"}.get(output.suffix.lower(), "")
        if fmt not in ("md", "json"):
            raise UserError("-o writes Markdown or JSON: add --format md or --format json")
        try:
            export_quotes(quotes, by_id, "md" if fmt == "md" else "json", output)
        except OSError as error:
            raise UserError(f"cannot write {args.output}: {error.strerror or error}") from error
        return 0
    if fmt == "json":
        print_json([quote_to_dict(q, by_id[q.article_id]) for q in quotes])
    elif fmt == "md":
        sys.stdout.write(quotes_markdown(quotes, by_id))
    else:
        for quote in quotes:
            article = by_id[quote.article_id]
            speaker = quote.speaker or "unattributed"
            words = shorten(quote.text, 200)
            print(f"{article.date or 'undated':<10}  {speaker}: “{words}” ({quote.kind})")
    return 0
