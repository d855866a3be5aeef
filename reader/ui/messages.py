"""Messages that carry work done off the UI thread back to the screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from reader.core.actors import CorpusMentions
from reader.core.article import Article
from reader.core.corpus import Problem
from reader.core.gazetteer import Gazetteer
from reader.core.notes import Note


@dataclass
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


@dataclass
class CorpusLoaded(Message):
    """Loading has finished."""

    generation: int
    """Which load finished."""
    ignored: list[str] = field(default_factory=list)
    """Files passed over because they are not articles."""


@dataclass
class ActorsProgress(Message):
    """Actor matching has reached some article."""

    done: int
    """Articles matched so far."""
    total: int
    """Articles to match."""
    generation: int
    """Which load this belongs to."""


@dataclass
class ActorsMatched(Message):
    """Actors have been matched across the corpus."""

    gazetteer: Gazetteer
    """The merged gazetteer that was used."""
    mentions: CorpusMentions
    """Every article's mentions."""
    generation: int
    """Which load this belongs to; results of an older load are dropped."""


@dataclass
class NoteSaved(Message):
    """A note was saved (or deleted): views and the search index bring themselves up to date."""

    note: Note
    """The note as stored now (its `deleted` flag says whether it was removed)."""
