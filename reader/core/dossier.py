"""An actor's dossier as data: who it is, where it appears, what it said, with whom, and when."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.actors import CorpusMentions
from reader.core.article import Article
from reader.core.cooccurrence import SCOPES, Pair, Scope, co_actors
from reader.core.gazetteer import Actor, Gazetteer, alias_key
from reader.core.notes import Note, NotesStore
from reader.core.quotes import Quote, find_article_quotes


@dataclass(frozen=True, slots=True)
class ArticleAppearance:
    """One article naming the actor: how often, and where first."""

    article_id: str
    """The article."""
    title: str
    """Its headline."""
    source: str | None
    """Its outlet, when known."""
    date: str | None
    """Its date (ISO), when known."""
    mentions: int
    """How often it names the actor."""
    first_start: int
    """Where the first mention starts in `Article.text` (open the article there)."""


@dataclass(frozen=True, slots=True)
class SourcedQuote:
    """One of the actor's quotes with the article it is in."""

    quote: Quote
    """The quote, with its offsets in `Article.text`."""
    title: str
    """The article's headline."""
    source: str | None
    """The outlet, when known."""
    date: str | None
    """The article's date (ISO), when known."""
    url: str | None
    """The article's address, when known."""


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """The actor's mentions on one publication date."""

    date: str
    """The date (ISO)."""
    mentions: int
    """Mentions in the articles of that date."""
    articles: int
    """Articles of that date naming the actor."""


@dataclass(frozen=True)
class Dossier:
    """Everything the corpus holds about one actor."""

    actor: Actor
    """The actor: id, name, kind, role, aliases."""
    articles: tuple[ArticleAppearance, ...]
    """The articles naming it, most mentions first."""
    quotes: tuple[SourcedQuote, ...]
    """Its quotes, by article date (undated last)."""
    co_actors: dict[Scope, tuple[Pair, ...]] = field(default_factory=dict)
    """For each scope (sentence, paragraph, article), the actors named with it, most first."""
    timeline: tuple[TimelinePoint, ...] = ()
    """Mentions by article date, oldest first."""
    undated_mentions: int = 0
    """Mentions in articles with no date (not on the timeline)."""
    notes: tuple[Note, ...] = ()
    """The user's notes that name it (in their text or as #id tag)."""

    @property
    def mentions(self) -> int:
        """Total mentions across the corpus."""
        return sum(a.mentions for a in self.articles)


def resolve_actor(name: str, gazetteer: Gazetteer) -> Actor | None:
    """The actor a user means by an id, name or alias, case- and diacritics-insensitively."""
    wanted = alias_key(name)
    if not wanted:
        return None
    for actor in gazetteer:
        if actor.id == wanted or any(alias_key(n) == wanted for n in (actor.name, *actor.aliases)):
            return actor
    return None


def build_dossier(
    actor_id: str,
    articles: Sequence[Article],
    mentions: CorpusMentions,
    gazetteer: Gazetteer,
    notes: NotesStore | None = None,
    *,
    pair_limit: int = 20,
    quotes: Sequence[Quote] | None = None,
) -> Dossier:
    """The dossier of one actor over a corpus; `quotes`, when given, are the corpus's found."""
    actor = gazetteer[actor_id]
    with_actor = mentions.articles_with(actor_id)
    appearances: list[ArticleAppearance] = []
    sourced_quotes: list[tuple[tuple[int, str, str, int], SourcedQuote]] = []
    per_date: dict[str, tuple[int, int]] = {}
    undated = 0
    own_quotes: dict[str, list[Quote]] = {}
    for quote in quotes or ():
        if quote.speaker_id == actor_id:
            own_quotes.setdefault(quote.article_id, []).append(quote)
    # Quotes by the actor may sit in articles that name it only by pronoun or role, so
    # every article is read (or its quotes taken from those found already).
    for article in articles:
        article_mentions = mentions.mentions(article.id)
        if article.id in with_actor:
            own = [m for m in article_mentions if m.actor_id == actor_id]
            appearances.append(
                ArticleAppearance(
                    article.id, article.title, article.source, article.date, len(own), own[0].start
                )
            )
            if article.date:
                count, seen = per_date.get(article.date, (0, 0))
                per_date[article.date] = (count + len(own), seen + 1)
            else:
                undated += len(own)
        found = (
            find_article_quotes(article, article_mentions, gazetteer)
            if quotes is None
            else own_quotes.get(article.id, ())
        )
        for quote in found:
            if quote.speaker_id == actor_id:
                key = (0 if article.date else 1, article.date or "", article.id, quote.start)
                sourced = SourcedQuote(
                    quote, article.title, article.source, article.date, article.url
                )
                sourced_quotes.append((key, sourced))
    appearances.sort(key=lambda a: (-a.mentions, a.date or "", a.article_id))
    sourced_quotes.sort(key=lambda item: item[0])
    pairs = {
        scope: tuple(co_actors(actor_id, articles, mentions, scope)[:pair_limit])
        for scope in SCOPES
    }
    timeline = tuple(
        TimelinePoint(date, count, seen) for date, (count, seen) in sorted(per_date.items())
    )
    return Dossier(
        actor=actor,
        articles=tuple(appearances),
        quotes=tuple(q for _, q in sourced_quotes),
        co_actors=pairs,
        timeline=timeline,
        undated_mentions=undated,
        notes=tuple(actor_notes(actor, notes)) if notes is not None else (),
    )


def actor_notes(actor: Actor, store: NotesStore) -> list[Note]:
    """The notes whose text names the actor, or tags it as #id."""
    names = [alias_key(n) for n in (actor.name, *actor.aliases) if len(alias_key(n)) > 2]
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
        if names
        else r"(?!)"
    )
    found: list[Note] = []
    for note in store.notes():
        if actor.id in note.tags or pattern.search(alias_key(note.body)):
            found.append(note)
    return found


def dossier_to_dict(dossier: Dossier, gazetteer: Gazetteer) -> dict[str, object]:
    """The dossier as plain data for JSON output."""

    def name_of(actor_id: str) -> str:
        actor = gazetteer.get(actor_id)
        return actor.name if actor else actor_id

    return {
        "actor": dossier.actor.to_dict(),
        "mentions": dossier.mentions,
        "articles": [
            {
                "id": a.article_id,
                "title": a.title,
                "source": a.source,
                "date": a.date,
                "mentions": a.mentions,
                "first_mention": a.first_start,
            }
            for a in dossier.articles
        ],
        "quotes": [
            {
                "quote": q.quote.text,
                "kind": q.quote.kind,
                "article": {
                    "id": q.quote.article_id,
                    "title": q.title,
                    "source": q.source,
                    "date": q.date,
                    "url": q.url,
                },
                "start": q.quote.start,
                "end": q.quote.end,
            }
            for q in dossier.quotes
        ],
        "co_actors": {
            scope: [
                {
                    "id": pair.second_id,
                    "name": name_of(pair.second_id),
                    "count": pair.count,
                    "passages": [
                        {"article": p.article_id, "start": p.start, "end": p.end}
                        for p in pair.passages
                    ],
                }
                for pair in pairs
            ]
            for scope, pairs in dossier.co_actors.items()
        },
        "timeline": [
            {"date": t.date, "mentions": t.mentions, "articles": t.articles}
            for t in dossier.timeline
        ],
        "undated_mentions": dossier.undated_mentions,
        "notes": [{"id": n.id, "article": n.article_id, "body": n.body} for n in dossier.notes],
    }
