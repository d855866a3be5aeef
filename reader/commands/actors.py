"""`belreader actors`: the actors of a corpus with their mentions, and candidate actors."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import (
    add_cache_option,
    add_corpus_option,
    add_json_option,
    corpus_paths,
    load_corpus,
    open_cache,
    print_json,
)
from reader.core.gazetteer import load_gazetteer

HELP = (
    "list the actors a corpus mentions, with counts per article; --candidates also lists "
    "names that look like actors but are not in the gazetteer (exit 1 if an actors file has "
    "problems)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    add_corpus_option(parser)
    add_json_option(parser)
    parser.add_argument(
        "--candidates", action="store_true", help="also list candidate actors with evidence"
    )
    parser.add_argument(
        "--all", action="store_true", help="list every actor of the gazetteer, even unmentioned"
    )
    parser.add_argument(
        "--no-demonyms",
        action="store_true",
        help="do not count demonyms (Belarusian, Russian) as mentions of their state",
    )
    add_cache_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the actors (and candidates); exit 0, or 1 when an actors file had problems."""
    paths = corpus_paths(args.corpus)
    gazetteer = load_gazetteer(paths)
    for problem in gazetteer.problems:
        print(f"belreader: warning: {problem}", file=sys.stderr)
    with open_cache(args) as cache:
        corpus = load_corpus(args.corpus, cache)
        mentions = cache.match_corpus(
            corpus.articles, gazetteer, show_demonyms=not args.no_demonyms
        )
    totals = mentions.corpus_counts()
    chosen = list(gazetteer) if args.all else [gazetteer[actor_id] for actor_id in totals]
    rows = []
    for actor in chosen:
        row = actor.to_dict()
        row["mentions"] = totals.get(actor.id, 0)
        row["articles"] = mentions.article_counts(actor.id)
        rows.append(row)
    candidates = []
    if args.candidates:
        from reader.core.candidates import find_candidates

        candidates = find_candidates(corpus.articles, gazetteer)
    status = 1 if gazetteer.problems else 0
    if args.json:
        output: dict[str, object] = {"actors": rows}
        if args.candidates:
            output["candidates"] = [c.to_dict() for c in candidates]
        print_json(output)
        return status
    print(f"{'mentions':>8}  {'articles':>8}  {'kind':<12}  actor")
    for row in rows:
        print(
            f"{row['mentions']:>8}  {len(row['articles']):>8}  {row['kind']:<12}  "
            f"{row['name']} ({row['id']})"
        )
    if args.candidates:
        print(f"\ncandidates: {len(candidates)}")
        for candidate in candidates:
            print(f"{candidate.count:>8}  {candidate.kind:<12}  {candidate.name}")
            for sentence in candidate.evidence:
                print(f"{'':>10}“{sentence[:160]}”")
    return status
