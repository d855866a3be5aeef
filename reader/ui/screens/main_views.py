"""The main screen's views over the whole corpus: quotes, actor dossiers and co-occurrence.

`CorpusViews` is mixed into `MainScreen`. Textual calls the `on_*` handlers of every class in
a screen's MRO, so its `on_actors_matched` runs beside the screen's own: the corpus's quotes
are found in a worker once actors are matched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from reader.core import collector
from reader.ui.corpus_state import CorpusState
from reader.ui.messages import ActorsMatched, QuotesFound

if TYPE_CHECKING:
    from reader.core.actors import CorpusMentions
    from reader.core.article import Article
    from reader.core.gazetteer import Gazetteer
    from reader.core.quote_list import ExportFormat
    from reader.core.quotes import Quote

WAIT_FOR_ACTORS = "Actors are still being matched: try again in a moment."


class CorpusViews:
    """`d` opens the selected actor's dossier, `Q` the quotes, `o` the pairs of actors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quotes: list[Quote] | None = None
        """The corpus's quotes by date once found (None while they are being found)."""
        self._quotes_generation = -1

    # Quotes, found once per load

    def on_actors_matched(self, message: ActorsMatched) -> None:
        if message.generation != self._generation:
            return
        self.quotes = None
        self._find_quotes(
            list(self.corpus.articles),
            message.mentions,
            message.gazetteer,
            message.generation,
        )

    @work(thread=True, exclusive=True, group="quotes", description="_find_quotes")
    def _find_quotes(
        self,
        articles: list[Article],
        mentions: CorpusMentions,
        gazetteer: Gazetteer,
        generation: int,
    ) -> None:
        from reader.core.quotes import find_quotes

        # The quotes live as long as the corpus: full collections over them while they pile up
        # held the interpreter, and so the interface, 50-100 ms at a time (10k articles).
        with collector.paused():
            quotes = find_quotes(articles, mentions, gazetteer)
        self.post_message(QuotesFound(quotes, generation))

    def on_quotes_found(self, message: QuotesFound) -> None:
        if message.generation == self._generation:
            self.quotes = message.quotes
            self._quotes_generation = message.generation

    def corpus_state(self) -> CorpusState | None:
        """A snapshot of the corpus for the views over it; None until actors are matched."""
        gazetteer = self.gazetteer
        if gazetteer is None or self.is_loading:
            return None
        current = self._quotes_generation == self._generation
        return CorpusState(
            articles=tuple(self.corpus.articles),
            mentions=self.all_mentions,
            gazetteer=gazetteer,
            quotes=tuple(self.quotes) if current and self.quotes is not None else None,
            notes_store=self.notes_store,
        )

    def _state_or_say(self) -> CorpusState | None:
        state = self.corpus_state()
        if state is None:
            self.notify(WAIT_FOR_ACTORS, markup=False)
        return state

    # Opening the views

    def action_open_dossier(self) -> None:
        """Open the dossier of the actor selected in the actor panel."""
        actor_id = self.selected_actor_id
        if actor_id is None:
            self.notify("Choose an actor in the actor panel first (a).", markup=False)
            return
        self.open_dossier(actor_id)

    def open_dossier(self, actor_id: str) -> None:
        """Open one actor's dossier."""
        from reader.ui.screens.dossier import DossierScreen

        state = self._state_or_say()
        if state is None:
            return
        actor = state.gazetteer.get(actor_id)
        if actor is None:
            self.notify("That actor is not in the gazetteer.", markup=False)
            return
        self.app.push_screen(DossierScreen(actor, state))

    def action_show_quotes(self) -> None:
        """Open the quotes of the whole corpus."""
        from reader.ui.screens.quotes import QuotesScreen

        state = self._state_or_say()
        if state is not None:
            self.app.push_screen(QuotesScreen(state))

    def action_show_cooccurrence(self) -> None:
        """Open the pairs of actors named together most often."""
        from reader.ui.screens.cooccurrence import CooccurrenceScreen

        state = self._state_or_say()
        if state is not None:
            self.app.push_screen(CooccurrenceScreen(state))

    def export_quotes(self, export_format: ExportFormat) -> Path | None:
        """Export every quote of the corpus to a file in the data dir (and say where)."""
        from reader.ui.screens.quotes import write_export

        state = self._state_or_say()
        if state is None:
            return None
        if state.quotes is None:
            self.notify("Quotes are still being found: try again in a moment.", markup=False)
            return None
        return write_export(self.app, state, list(state.quotes), export_format)
