"""What the views over the whole corpus read: a snapshot of the main screen's data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.actors import CorpusMentions
    from reader.core.article import Article
    from reader.core.gazetteer import Gazetteer
    from reader.core.notes import NotesStore
    from reader.core.quotes import Quote


@dataclass(frozen=True)
class CorpusState:
    """The loaded corpus with its actors and quotes, as the dossier and corpus views see it."""

    articles: tuple[Article, ...]
    """Every loaded article, in load order."""
    mentions: CorpusMentions
    """Every article's actor mentions (demonyms included, as the CLI counts them)."""
    gazetteer: Gazetteer
    """The gazetteer the mentions were matched with."""
    quotes: tuple[Quote, ...] | None
    """The corpus's quotes by date, or None while they are still being found."""
    notes_store: NotesStore | None = None
    """The user's notes, when the store is open."""

    @cached_property
    def by_id(self) -> dict[str, Article]:
        """The articles by id."""
        return {article.id: article for article in self.articles}

    def actor_name(self, actor_id: str) -> str:
        """An actor's name, or its id when the gazetteer no longer has it."""
        actor = self.gazetteer.get(actor_id)
        return actor.name if actor else actor_id
