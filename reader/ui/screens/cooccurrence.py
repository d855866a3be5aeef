"""The pairs of actors named together most often across the corpus, each opening its passages."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label
from textual.widgets.option_list import Option

from reader.core.cooccurrence import SCOPES, Pair, Scope, top_pairs
from reader.ui.corpus_state import CorpusState
from reader.ui.kinds import KIND_COLOURS
from reader.ui.messages import PairsFound
from reader.ui.screens.passages import SCOPE_WORDS, PassagesScreen
from reader.ui.widgets.keyed_list import KeyedList

PAIR_LIMIT = 200
"""How many of the most frequent pairs are listed."""


class CooccurrenceScreen(Screen[None]):
    """Top pairs of actors with their counts, in one scope at a time; enter shows passages."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="pairs.close",
                tooltip="Close the pairs and go back"),
        Binding("c", "cycle_scope", "Sentence/paragraph/article", id="pairs.scope",
                tooltip="Count pairs named in one sentence, one paragraph or one article"),
    ]  # fmt: skip

    def __init__(self, state: CorpusState) -> None:
        super().__init__()
        self.state = state
        self.scope: Scope = "sentence"
        self.pairs: dict[Scope, list[Pair]] = {}
        """The pairs counted so far, by scope."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Content("counting…"), id="pairs-scope")
        yield KeyedList(id="pairs-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Actors named together"
        self.query_one(KeyedList).focus()
        self._show()

    @work(thread=True, exclusive=True, group="pairs", description="_count")
    def _count(self, scope: Scope, state: CorpusState) -> None:
        pairs = top_pairs(state.articles, state.mentions, scope, limit=PAIR_LIMIT)
        self.post_message(PairsFound(scope, pairs))

    @on(PairsFound)
    def _on_found(self, message: PairsFound) -> None:
        self.pairs[message.scope] = message.pairs
        if message.scope == self.scope:
            self._show()

    def _show(self) -> None:
        following = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        label = self.query_one("#pairs-scope", Label)
        rows = self.query_one(KeyedList)
        pairs = self.pairs.get(self.scope)
        if pairs is None:
            label.update(Content(f"Counting pairs named {SCOPE_WORDS[self.scope]}…"))
            rows.clear_options()
            self._count(self.scope, self.state)
            return
        label.update(
            Content(
                f"{len(pairs)} pairs {SCOPE_WORDS[self.scope]} · c: {following} · enter: passages"
            )
        )
        rows.clear_options()
        rows.add_options([Option(self._prompt(p), id=str(i)) for i, p in enumerate(pairs)])
        if pairs:
            rows.highlighted = 0
        else:
            rows.add_option(Option(Content("No two actors are named together."), disabled=True))

    def _prompt(self, pair: Pair) -> Content:
        state = self.state

        def colour(actor_id: str) -> str:
            actor = state.gazetteer.get(actor_id)
            return KIND_COLOURS[actor.kind] if actor else "$text-muted"

        return Content.from_markup(
            f"[b]$count[/b]  [{colour(pair.first_id)}]●[/] $first  —  "
            f"[{colour(pair.second_id)}]●[/] $second",
            count=f"{pair.count:>4}",
            first=state.actor_name(pair.first_id),
            second=state.actor_name(pair.second_id),
        )

    def action_cycle_scope(self) -> None:
        """Count pairs in the next scope: sentence, paragraph, article."""
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self._show()

    @on(KeyedList.OptionSelected, "#pairs-list")
    def _on_selected(self, event: KeyedList.OptionSelected) -> None:
        event.stop()
        pair = self.pairs[self.scope][int(event.option.id or 0)]
        self.app.push_screen(PassagesScreen(pair, self.scope, self.state))
