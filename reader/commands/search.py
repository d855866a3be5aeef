"""`belreader search QUERY`: the best matching articles and notes, with snippets and offsets."""

from __future__ import annotations

import argparse

from reader.commands.common import (
    add_cache_option,
    add_corpus_option,
    add_json_option,
    corpus_paths,
    load_corpus,
    open_cache,
    print_json,
)
from reader.core.corpus import Corpus
from reader.core.gazetteer import load_gazetteer
from reader.core.search import GazetteerNames, Searcher, SearchResult
from reader.errors import UserError

HELP = (
    'search a corpus: words (typos forgiven), "phrases", \'exact, -exclude, a | b, '
    "actor:, source:, title:, date:2022-12..2023-02"
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's options."""
    parser.add_argument("query", metavar="QUERY", help="what to search for (quote it)")
    add_corpus_option(parser)
    add_json_option(parser)
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many results (default: 20)"
    )
    add_cache_option(parser)


def run(args: argparse.Namespace) -> int:
    """Search and print the results; exit 0 (also when nothing matched), 2 on a bad query."""
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    paths = corpus_paths(args.corpus)
    gazetteer = load_gazetteer(paths)
    with open_cache(args) as cache:
        corpus = load_corpus(args.corpus, cache)
        mentions = cache.match_corpus(corpus.articles, gazetteer)
        index = cache.search_index(
            corpus.articles, mentions=mentions, resolver=GazetteerNames(gazetteer)
        )
    found = Searcher(index).search(args.query, args.limit, typing=False)
    if found.error is not None:
        raise UserError(f"bad query: {found.error}")
    if args.json:
        print_json([_as_dict(result, corpus) for result in found.results])
        return 0
    for notice in found.notices:
        print(f"note: {notice}")
    for result in found.results:
        article = corpus.get(result.article_id)
        title = article.title if article else result.article_id
        print(f"{result.score:7.3f}  {result.article_id}  {title}")
        print(f"         {result.snippet.display()}")
        approximate = sorted({m.label for m in result.matches if not m.exact})
        if approximate:
            print(f"         matched: {', '.join(approximate)}")
    print(f"{found.total} matching, {len(found.results)} shown")
    return 0


def _as_dict(result: SearchResult, corpus: Corpus) -> dict[str, object]:
    article = corpus.get(result.article_id)
    return {
        "id": result.article_id,
        "kind": result.kind,
        "note_id": result.note_id,
        "title": article.title if article else None,
        "source": article.source if article else None,
        "date": article.date if article else None,
        "paths": list(article.paths) if article else [],
        "score": result.score,
        "snippet": result.snippet.display(),
        "snippet_start": result.snippet.start,
        "matches": [match.to_dict() for match in result.matches],
        "title_matches": [match.to_dict() for match in result.title_matches],
    }
