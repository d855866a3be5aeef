"""The bundled gazetteer on the five seeds, against a hand-checked fixture of their mentions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.actors import CorpusMentions, match_corpus
from reader.core.corpus import Corpus, load
from reader.core.gazetteer import Gazetteer, load_gazetteer

FIXTURE = Path(__file__).parent / "fixtures" / "seed_mentions.json"

Span = tuple[str, int, int, str, bool]


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    """The five bundled articles, loaded."""
    return load([Path(__file__).resolve().parent.parent / "seeds"])


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The bundled gazetteer alone (no user file)."""
    return load_gazetteer(user_file=tmp_path_factory.mktemp("cfg") / "none.toml")


@pytest.fixture(scope="module")
def mentions(seeds: Corpus, gazetteer: Gazetteer) -> CorpusMentions:
    """The seeds' mentions."""
    return match_corpus(seeds.articles, gazetteer)


def _expected(seeds: Corpus) -> set[Span]:
    """The fixture's mentions located in each article's text, in order."""
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]
    by_file = {os.path.basename(a.paths[0]): a for a in seeds.articles}
    spans: set[Span] = set()
    for file_name, entry in fixture.items():
        article = by_file[file_name]
        assert article.id == entry["id"]
        position = 0
        for surface, actor_id, demonym in entry["mentions"]:
            start = article.text.index(surface, position)
            spans.add((article.id, start, start + len(surface), actor_id, demonym))
            position = start + len(surface)
    return spans


def test_seed_mentions_meet_precision_and_recall_goals(
    seeds: Corpus, mentions: CorpusMentions
) -> None:
    """Against the hand-checked fixture: precision >= 98% and recall >= 95%."""
    expected = _expected(seeds)
    found = {
        (article_id, m.start, m.end, m.actor_id, m.demonym)
        for article_id in mentions.by_article
        for m in mentions.mentions(article_id)
    }
    right = expected & found
    precision = len(right) / len(found)
    recall = len(right) / len(expected)
    print(
        f"\nseed mentions: {len(expected)} expected, {len(found)} found, {len(right)} right; "
        f"precision {precision:.1%}, recall {recall:.1%}"
    )
    assert precision >= 0.98
    assert recall >= 0.95


def test_every_seed_actor_is_found_with_its_kind(
    gazetteer: Gazetteer, mentions: CorpusMentions
) -> None:
    """Each actor the issue names for the seeds is mentioned in them, with the right kind."""
    seed_actors = json.loads(FIXTURE.read_text(encoding="utf-8"))["seed_actors"]
    found = mentions.corpus_counts()
    missing = [actor_id for actor_id in seed_actors if not found.get(actor_id)]
    assert missing == []
    assert all(gazetteer[a].kind == kind for a, kind in seed_actors.items())


def test_no_mention_starts_or_ends_inside_a_word(seeds: Corpus, mentions: CorpusMentions) -> None:
    """Every span on the seeds sits on word boundaries."""
    for article in seeds.articles:
        for m in mentions.mentions(article.id):
            before = article.text[m.start - 1] if m.start else " "
            after = article.text[m.end] if m.end < len(article.text) else " "
            assert not before.isalnum() and not after.isalnum(), article.text[m.start : m.end]
