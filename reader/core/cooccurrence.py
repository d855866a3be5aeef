"""Actors named together: in one sentence, one paragraph or one article, with the passages.

Demonyms ("Belarusian") are left out: they would pair every state with everything said about
its people. An actor is counted once per passage however often the passage names it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from reader.core.actors import CorpusMentions, Mention
from reader.core.article import Article
from reader.core.sentences import sentence_spans

Scope = Literal["sentence", "paragraph", "article"]
SCOPES: tuple[Scope, ...] = ("sentence", "paragraph", "article")
"""The scopes two actors can share, narrowest first."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of one article's clean text where actors appear together."""

    article_id: str
    """The article it is in."""
    start: int
    """Where it starts in `Article.text`."""
    end: int
    """Where it ends (exclusive)."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two actors and the passages that name both."""

    first_id: str
    """One actor (the smaller id, so a pair has one spelling)."""
    second_id: str
    """The other actor."""
    count: int
    """How many passages name both."""
    passages: tuple[Passage, ...]
    """Those passages, in corpus order."""


def passages(article: Article, scope: Scope) -> list[tuple[int, int]]:
    """The spans of an article's sentences, paragraphs, or the whole text."""
    if scope == "article":
        return [(0, len(article.text))] if article.text else []
    spans = [(p.start, p.end) for p in article.paragraphs if p.start >= 0 and p.kind != "heading"]
    if scope == "paragraph":
        return spans
    return [s for start, end in spans for s in sentence_spans(article.text, start, end)]


def _actors_by_passage(
    article: Article, mentions: Sequence[Mention], scope: Scope
) -> list[tuple[tuple[int, int], set[str]]]:
    """Each passage of the article that names an actor, with the actors it names."""
    starts = [m.start for m in mentions]
    found: list[tuple[tuple[int, int], set[str]]] = []
    for start, end in passages(article, scope):
        low = bisect.bisect_left(starts, start)
        high = bisect.bisect_left(starts, end, low)
        named = {m.actor_id for m in mentions[low:high] if not m.demonym}
        if named:
            found.append(((start, end), named))
    return found


def co_actors(
    actor_id: str,
    articles: Iterable[Article],
    mentions: CorpusMentions,
    scope: Scope = "sentence",
) -> list[Pair]:
    """The actors appearing with one actor, most passages first, each with the passages."""
    with_actor = mentions.articles_with(actor_id)
    shared: dict[str, list[Passage]] = {}
    for article in articles:
        if article.id not in with_actor:
            continue
        for (start, end), named in _actors_by_passage(
            article, mentions.mentions(article.id), scope
        ):
            if actor_id not in named:
                continue
            for other in named - {actor_id}:
                shared.setdefault(other, []).append(Passage(article.id, start, end))
    pairs = [Pair(actor_id, other, len(found), tuple(found)) for other, found in shared.items()]
    pairs.sort(key=lambda pair: (-pair.count, pair.second_id))
    return pairs


def top_pairs(
    articles: Iterable[Article],
    mentions: CorpusMentions,
    scope: Scope = "sentence",
    limit: int = 50,
) -> list[Pair]:
    """The pairs of actors named together most often across the corpus, with passages."""
    counts: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], list[Passage]] = {}
    for article in articles:
        for (start, end), named in _actors_by_passage(
            article, mentions.mentions(article.id), scope
        ):
            for first, second in combinations(sorted(named), 2):
                counts[first, second] += 1
                where.setdefault((first, second), []).append(Passage(article.id, start, end))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Pair(a, b, count, tuple(where[a, b])) for (a, b), count in ranked]
