"""Messages that carry work done off the UI thread back to the screen.

Each is a dataclass for its fields and `__init__` only: the generated `__repr__` and `__eq__`
went unused and cost start-up time (every generated method is compiled as the module loads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # what the messages carry loads with the work that makes it
    from reader.core.actors import CorpusMentions
    from reader.core.article import Article
    from reader.core.cooccurrence import Pair, Scope
    from reader.core.corpus import Problem
    from reader.core.dossier import Dossier
    from reader.core.gazetteer import Gazetteer
    from reader.core.notes import Note
    from reader.core.quotes import Quote
    from reader.core.search import SearchIndex, SearchResults


@dataclass(repr=False, eq=False)
class CorpusProgress(Message):
    """A batch of articles and problems has been loaded."""

    articles: list[Article]
    """Articles loaded since the last batch (duplicates not yet merged)."""
    problems: list[Problem]
    """Files skipped since the last batch."""
    done: int
    """How many files have been read so far."""
    total: int
    """How many article files there are in all."""
    generation: int
    """Which load this belongs to; batches of an older load are dropped."""


@dataclass(repr=False, eq=False)
class CorpusLoaded(Message):
    """Loading has finished."""

    generation: int
    """Which load finished."""
    ignored: list[str] = field(default_factory=list)
    """Files passed over because they are not articles."""


@dataclass(repr=False, eq=False)
class ActorsProgress(Message):
    """Actor matching has reached some article."""

    done: int
    """Articles matched so far."""
    total: int
    """Articles to match."""
    generation: int
    """Which load this belongs to."""


@dataclass(repr=False, eq=False)
class ActorsMatched(Message):
    """Actors have been matched across the corpus."""

    gazetteer: Gazetteer
    """The merged gazetteer that was used."""
    mentions: CorpusMentions
    """Every article's mentions."""
    generation: int
    """Which load this belongs to; results of an older load are dropped."""


@dataclass(repr=False, eq=False)
class NoteSaved(Message):
    """A note was saved (or deleted): views and the search index bring themselves up to date."""

    note: Note
    """The note as stored now (its `deleted` flag says whether it was removed)."""


@dataclass(repr=False, eq=False)
class QuotesFound(Message):
    """The corpus's quotes have been found and attributed."""

    quotes: list[Quote]
    """Every quote, by article date (undated last)."""
    generation: int
    """Which load this belongs to; results of an older load are dropped."""


@dataclass(repr=False, eq=False)
class DossierBuilt(Message):
    """An actor's dossier has been gathered."""

    dossier: Dossier
    """The dossier."""


@dataclass(repr=False, eq=False)
class PairsFound(Message):
    """The corpus's most frequent pairs of actors in one scope have been counted."""

    scope: Scope
    """Where both actors appear: one sentence, paragraph or article."""
    pairs: list[Pair]
    """The pairs, most passages first."""


@dataclass(repr=False, eq=False)
class CacheNotice(Message):
    """The cache was rebuilt or could not be used: something to tell the user."""

    text: str
    """The notice, in words a user understands."""


@dataclass(repr=False, eq=False)
class SearchIndexProgress(Message):
    """The search index is being built."""

    done: int
    """Documents indexed so far."""
    total: int
    """Documents to index."""
    generation: int
    """Which build this belongs to; progress of an older build is dropped."""


@dataclass(repr=False, eq=False)
class SearchIndexReady(Message):
    """The search index has been built or loaded (articles and notes; actors come later)."""

    index: SearchIndex
    """The index, ready to search."""
    generation: int
    """Which build this is; an older build's index is dropped."""


@dataclass(repr=False, eq=False)
class SearchAnswered(Message):
    """A search has finished in a worker."""

    results: SearchResults
    """What it found (or what is wrong with the query)."""
    generation: int
    """Which keystroke it answers; answers to older keystrokes are dropped."""


@dataclass(repr=False, eq=False)
class SearchMatchesFound(Message):
    """A query's matches in one article have been found (for n / N and highlights)."""

    article_id: str
    """The article searched."""
    query: str
    """The query as typed."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each match in the article's clean text, in order."""
    jump: bool
    """Whether to go to the first match after the screen's top (n / N pressed)."""
    forward: bool = True
    """For a jump: to the next match rather than the previous one."""
