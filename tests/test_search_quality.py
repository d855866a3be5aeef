"""The search quality fixture: queries on the bundled articles and what they must return."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.actors import match_corpus
from reader.core.corpus import load
from reader.core.gazetteer import load_gazetteer
from reader.core.search import GazetteerNames, Searcher, SearchIndex

FIXTURE = Path(__file__).parent / "fixtures" / "search_queries.json"
CASES: list[dict[str, object]] = json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_searcher() -> tuple[Searcher, dict[str, str]]:
    """A searcher over the seeds with the bundled gazetteer, and article id → file prefix."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    corpus = load([seeds])
    gazetteer = load_gazetteer([seeds])
    mentions = match_corpus(corpus.articles, gazetteer)
    index = SearchIndex.build(
        corpus.articles, mentions=mentions.by_article, resolver=GazetteerNames(gazetteer)
    )
    prefixes = {a.id: Path(a.paths[0]).name[:3] for a in corpus.articles}
    return Searcher(index), prefixes


@pytest.mark.parametrize("case", CASES, ids=[str(case["query"]) for case in CASES])
def test_fixture_query(
    case: dict[str, object], seeds_searcher: tuple[Searcher, dict[str, str]]
) -> None:
    """Each fixture query ranks, includes and excludes the articles it lists."""
    searcher, prefixes = seeds_searcher
    found = searcher.search(str(case["query"]), 20, typing=False)
    assert found.error is None
    returned = [prefixes[result.article_id] for result in found.results]
    if "first" in case:
        assert returned and returned[0] == case["first"], returned
    for expected in case.get("includes", []):  # type: ignore[attr-defined]
        assert expected in returned, returned
    for unexpected in case.get("excludes", []):  # type: ignore[attr-defined]
        assert unexpected not in returned, returned
    if "only" in case:
        assert returned == case["only"], returned
