"""`belreader actor NAME`: one actor's dossier — articles, quotes, co-actors, timeline, notes."""

from __future__ import annotations

import argparse

from reader.commands.common import (
    add_corpus_option,
    add_json_option,
    corpus_paths,
    load_corpus,
    print_json,
    shorten,
)
from reader.core.actors import match_corpus
from reader.core.dossier import build_dossier, dossier_to_dict, resolve_actor
from reader.core.gazetteer import load_gazetteer
from reader.core.notes import NotesError, NotesStore
from reader.errors import UserError

HELP = "show one actor's dossier: articles, quotes, actors named with it, timeline and notes"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    parser.add_argument("name", metavar="NAME", help="the actor's id, name or alias")
    add_corpus_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the dossier; exit 0, or 2 for an unknown actor."""
    paths = corpus_paths(args.corpus)
    corpus = load_corpus(args.corpus)
    gazetteer = load_gazetteer(paths)
    actor = resolve_actor(args.name, gazetteer)
    if actor is None:
        raise UserError(f"no actor named {args.name!r} (see belreader actors --all)")
    mentions = match_corpus(corpus.articles, gazetteer)
    try:
        store: NotesStore | None = NotesStore.open()
    except NotesError:
        store = None
    try:
        dossier = build_dossier(actor.id, corpus.articles, mentions, gazetteer, store)
    finally:
        if store is not None:
            store.close()
    if args.json:
        print_json(dossier_to_dict(dossier, gazetteer))
        return 0
    print(f"{actor.name} ({actor.id}, {actor.kind})")
    if actor.role:
        print(actor.role)
    if actor.aliases:
        print("aliases: " + ", ".join(actor.aliases))
    print(f"\nmentions: {dossier.mentions} in {len(dossier.articles)} articles")
    for appearance in dossier.articles:
        print(f"  {appearance.mentions:>4}  {appearance.date or 'undated':<10}  {appearance.title}")
    print(f"\nquotes: {len(dossier.quotes)}")
    for sourced in dossier.quotes:
        words = " ".join(sourced.quote.text.split())
        print(
            f"  {sourced.date or 'undated':<10}  “{shorten(words, 160)}” ({sourced.source or '?'})"
        )
    print("\nnamed with (same sentence):")
    for pair in dossier.co_actors.get("sentence", ())[:10]:
        other = gazetteer.get(pair.second_id)
        print(f"  {pair.count:>4}  {other.name if other else pair.second_id}")
    print("\ntimeline:")
    for point in dossier.timeline:
        print(f"  {point.date}  {point.mentions:>4}")
    if dossier.undated_mentions:
        print(f"  undated     {dossier.undated_mentions:>4}")
    if dossier.notes:
        print(f"\nnotes: {len(dossier.notes)}")
        for note in dossier.notes:
            print("  " + shorten(note.body, 160))
    return 0
