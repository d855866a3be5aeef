"""An actor's dossier: who it is, its articles, quotes, companions, timeline and notes."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Sparkline, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from reader.core.cooccurrence import SCOPES, Scope
from reader.core.dossier import Dossier, build_dossier
from reader.core.gazetteer import Actor
from reader.core.text import sanitise
from reader.core.timeline import timeline_buckets
from reader.ui.corpus_state import CorpusState
from reader.ui.kinds import KIND_COLOURS, KIND_LABELS
from reader.ui.messages import DossierBuilt
from reader.ui.rows import quote_prompt, separated
from reader.ui.screens.passages import SCOPE_WORDS, PassagesScreen
from reader.ui.widgets.keyed_list import KeyedList

SECTIONS = ("dossier-articles", "dossier-quotes", "dossier-with", "dossier-notes")
"""The dossier's tabs, in order (left and right move between them)."""

NOTE_CHARS = 300
"""A note longer than this is cut in the list."""

ALIASES_SHOWN = 5
"""The head lists this many other names, then how many more there are."""


def identity(actor: Actor, dossier: Dossier | None) -> Content:
    """The dossier's head: name, kind, id, role, aliases and what the corpus holds."""
    if dossier is None:
        summary = "gathering…"
    else:
        articles = len(dossier.articles)
        summary = (
            f"{dossier.mentions} mention{'s' if dossier.mentions != 1 else ''} in {articles} "
            f"article{'s' if articles != 1 else ''} · {len(dossier.quotes)} "
            f"quote{'s' if len(dossier.quotes) != 1 else ''}"
        )
    aliases = ", ".join(actor.aliases[:ALIASES_SHOWN]) or "no other names"
    if len(actor.aliases) > ALIASES_SHOWN:
        aliases += f" (+{len(actor.aliases) - ALIASES_SHOWN} more)"
    return Content.from_markup(
        f"[b {KIND_COLOURS[actor.kind]}]$name[/] [dim]$kind[/dim]\n$role\n$summary\n"
        "[dim]also:[/dim] $aliases [dim]· tag #$id[/dim]",
        name=actor.name,
        kind=KIND_LABELS[actor.kind],
        id=actor.id,
        role=actor.role or "no role recorded",
        aliases=aliases,
        summary=summary,
    )


class DossierScreen(Screen[None]):
    """Everything the corpus holds about one actor, on one screen; escape closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="dossier.close",
                tooltip="Close the dossier and go back"),
        Binding("right", "section(1)", "Next section", key_display="→", id="dossier.next",
                tooltip="Next section: articles, quotes, named with, notes"),
        Binding("left", "section(-1)", "Previous section", key_display="←", id="dossier.previous",
                tooltip="Previous section: articles, quotes, named with, notes"),
        Binding("c", "cycle_scope", "Sentence/paragraph/article", id="dossier.scope",
                tooltip="Count actors named with this one in a sentence, paragraph or article"),
    ]  # fmt: skip

    def __init__(self, actor: Actor, state: CorpusState) -> None:
        super().__init__()
        self.actor = actor
        self.state = state
        self.dossier: Dossier | None = None
        self.scope: Scope = "sentence"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="dossier-top"):
            yield Static(identity(self.actor, None), id="dossier-identity")
            with Vertical(id="dossier-timeline"):
                yield Label(Content("Mentions by date: gathering…"), id="dossier-timeline-caption")
                yield Sparkline([], id="dossier-sparkline")
                yield Label(Content(""), id="dossier-timeline-axis")
        with TabbedContent(id="dossier-sections"):
            with TabPane("Articles", id="dossier-articles"):
                yield KeyedList(id="dossier-articles-list")
            with TabPane("Quotes", id="dossier-quotes"):
                yield KeyedList(id="dossier-quotes-list")
            with TabPane("Named with", id="dossier-with"):
                yield Label(id="dossier-scope", markup=False)
                yield KeyedList(id="dossier-with-list")
            with TabPane("Notes", id="dossier-notes"):
                yield KeyedList(id="dossier-notes-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Dossier: {self.actor.name}"
        self.query_one("#dossier-articles-list", KeyedList).focus()
        self._build(self.actor.id, self.state)

    @work(thread=True, exclusive=True, group="dossier", description="_build")
    def _build(self, actor_id: str, state: CorpusState) -> None:
        dossier = build_dossier(
            actor_id,
            state.articles,
            state.mentions,
            state.gazetteer,
            state.notes_store,
            quotes=state.quotes,
        )
        self.post_message(DossierBuilt(dossier))

    @on(DossierBuilt)
    def _on_built(self, message: DossierBuilt) -> None:
        dossier = self.dossier = message.dossier
        self.query_one("#dossier-identity", Static).update(identity(self.actor, dossier))
        self._show_timeline(dossier)
        by_id = self.state.by_id
        self._fill(
            "dossier-articles",
            "Articles",
            [
                Option(
                    Content.from_markup(
                        "[b]$count×[/b] $title\n[dim]$details[/dim]",
                        count=str(a.mentions),
                        title=a.title,
                        details=" · ".join((a.date or "undated", a.source or "unknown outlet")),
                    ),
                    id=str(index),
                )
                for index, a in enumerate(dossier.articles)
            ],
            "No article names this actor.",
        )
        self._fill(
            "dossier-quotes",
            "Quotes",
            [
                Option(quote_prompt(q.quote, by_id.get(q.quote.article_id), with_speaker=False),
                       id=str(index))
                for index, q in enumerate(dossier.quotes)
            ],
            "No quote is attributed to this actor.",
            spaced=True,
        )  # fmt: skip
        self._show_pairs()
        notes = []
        for index, note in enumerate(dossier.notes):
            body = " ".join(sanitise(note.body).split())  # as typed, control codes shown
            body = body if len(body) <= NOTE_CHARS else body[: NOTE_CHARS - 1] + "…"
            notes.append(
                Option(
                    Content.from_markup(
                        "$body\n[dim]$title[/dim]", body=body, title=note.article_title
                    ),
                    id=str(index),
                )
            )
        empty = "no notes" if self.state.notes_store is not None else "no notes (store not open)"
        self._fill("dossier-notes", "Notes", notes, empty, spaced=True)

    def _fill(
        self, pane_id: str, title: str, options: list[Option], empty: str, *, spaced: bool = False
    ) -> None:
        rows = self.query_one(f"#{pane_id}-list", KeyedList)
        rows.clear_options()
        if options:
            rows.add_options(separated(options) if spaced else options)
            rows.highlighted = 0
        else:
            rows.add_option(Option(Content(empty), disabled=True))
        tabs = self.query_one(TabbedContent)
        tabs.get_tab(pane_id).label = Content(f"{title} ({len(options)})")

    def _show_timeline(self, dossier: Dossier) -> None:
        buckets = timeline_buckets((point.date, point.mentions) for point in dossier.timeline)
        caption = self.query_one("#dossier-timeline-caption", Label)
        axis = self.query_one("#dossier-timeline-axis", Label)
        sparkline = self.query_one(Sparkline)
        undated = dossier.undated_mentions
        undated_words = f"{undated} undated mention{'s' if undated != 1 else ''}"
        sparkline.display = len(buckets) > 1
        if len(buckets) <= 1:
            dated = f"{buckets[0][1]} on {buckets[0][0]}" if buckets else "none dated"
            caption.update(Content(f"Mentions by date: {dated} · {undated_words}"))
            sparkline.data = []
            axis.update(Content(""))
            return
        unit = "day" if len(buckets[0][0]) == 10 else "month"
        peak_at, peak = max(buckets, key=lambda bucket: bucket[1])
        caption.update(Content(f"Mentions by {unit} · peak {peak} ({peak_at}) · {undated} undated"))
        sparkline.data = [float(count) for _, count in buckets]
        first, last = buckets[0][0], buckets[-1][0]
        axis.update(Content(first if first == last else f"{first} … {last}"))

    def _show_pairs(self) -> None:
        dossier = self.dossier
        if dossier is None:
            return
        pairs = dossier.co_actors.get(self.scope, ())
        following = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.query_one("#dossier-scope", Label).update(
            Content(f"Named {SCOPE_WORDS[self.scope]} · c: {following}")
        )
        gazetteer = self.state.gazetteer
        options = []
        for index, pair in enumerate(pairs):
            other = gazetteer.get(pair.second_id)
            colour = KIND_COLOURS[other.kind] if other else "$text-muted"
            options.append(
                Option(
                    Content.from_markup(
                        f"[{colour}]●[/] $name [dim]$count passage$s[/dim]",
                        name=self.state.actor_name(pair.second_id),
                        count=str(pair.count),
                        s="s" if pair.count != 1 else "",
                    ),
                    id=str(index),
                )
            )
        self._fill("dossier-with", "Named with", options, "No other actor is named with it.")

    def action_cycle_scope(self) -> None:
        """Count companions in the next scope: sentence, paragraph, article."""
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self._show_pairs()

    def action_section(self, step: int) -> None:
        """Show the next (or previous) section and move into its list."""
        tabs = self.query_one(TabbedContent)
        current = SECTIONS.index(tabs.active) if tabs.active in SECTIONS else 0
        pane_id = SECTIONS[(current + step) % len(SECTIONS)]
        tabs.active = pane_id
        self.query_one(f"#{pane_id}-list", KeyedList).focus()

    @on(TabbedContent.TabActivated)
    def _on_tab(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id
        if pane_id in SECTIONS and not self.query_one(f"#{pane_id}-list").has_focus:
            self.call_after_refresh(self.query_one(f"#{pane_id}-list", KeyedList).focus)

    @on(KeyedList.OptionSelected)
    def _on_selected(self, event: KeyedList.OptionSelected) -> None:
        event.stop()
        dossier = self.dossier
        if dossier is None or event.option.id is None:
            return
        index = int(event.option.id)
        list_id = event.option_list.id
        app = self.app
        if list_id == "dossier-articles-list":
            appearance = dossier.articles[index]
            app.open_article_at(appearance.article_id, appearance.first_start)  # type: ignore[attr-defined]
        elif list_id == "dossier-quotes-list":
            quote = dossier.quotes[index].quote
            app.open_article_at(quote.article_id, quote.start)  # type: ignore[attr-defined]
        elif list_id == "dossier-with-list":
            pair = dossier.co_actors[self.scope][index]
            app.push_screen(PassagesScreen(pair, self.scope, self.state))
        elif list_id == "dossier-notes-list":
            note = dossier.notes[index]
            if self.state.by_id.get(note.article_id) is None:
                self.notify("That note's article is not loaded.", markup=False)
                return
            offset = note.anchor.start if note.anchor is not None else None
            app.open_article_at(note.article_id, offset)  # type: ignore[attr-defined]
