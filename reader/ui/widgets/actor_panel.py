"""The actor panel: who is in this article (or the corpus), with counts, coloured by kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.gazetteer import Actor
from reader.ui.kinds import KIND_COLOURS, KIND_LABELS
from reader.ui.widgets.keyed_list import KeyedList

Scope = Literal["article", "corpus"]


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One actor as the panel lists it."""

    actor: Actor
    """The actor."""
    count: int
    """Mentions in the article, or articles mentioning it in the corpus."""


def actor_prompt(row: ActorRow, scope: Scope) -> Content:
    """A panel row: a bullet in the kind's colour, the name, the count and kind, dimmed."""
    unit = "×" if scope == "article" else " art."
    return Content.from_markup(
        f"[{KIND_COLOURS[row.actor.kind]}]●[/] $name [dim]$count$unit $kind[/dim]",
        name=row.actor.name,
        count=str(row.count),
        unit=unit,
        kind=KIND_LABELS[row.actor.kind],
    )


class ActorPanel(Vertical):
    """Lists actors with counts; reports the highlighted actor up to the screen."""

    DEFAULT_CSS = """
    ActorPanel {
        width: 34;
        min-width: 24;
        border-left: vkey $panel-lighten-2;
        display: none;
    }
    ActorPanel.-open { display: block; }
    ActorPanel > #actor-scope { width: 1fr; padding: 0 1; background: $panel; }
    ActorPanel > #actor-role { width: 1fr; height: auto; max-height: 4; padding: 0 1;
                               color: $text-muted; }
    ActorPanel > OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding(
            "c",
            "switch_scope",
            "Article/corpus",
            id="actors.scope",
            tooltip="Switch between this article's actors and the whole corpus's",
        ),
    ]

    @dataclass
    class Highlighted(Message):
        """The user moved to an actor in the panel."""

        actor_id: str | None
        """The actor now under the cursor."""

    @dataclass
    class Chosen(Message):
        """The user pressed enter on an actor."""

        actor_id: str
        """The actor chosen."""
        scope: Scope
        """Which list it was chosen from."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope: Scope = "article"
        self._rows: dict[Scope, list[ActorRow]] = {"article": [], "corpus": []}

    def compose(self) -> ComposeResult:
        yield Label(id="actor-scope", markup=False)
        yield KeyedList(id="actor-options")
        yield Label(id="actor-role", markup=False)

    def on_mount(self) -> None:
        if self.children:  # none when mounted as the app closed: its parts have gone already
            self._show()

    def set_rows(self, scope: Scope, rows: list[ActorRow]) -> None:
        """Replace the actors listed for one scope."""
        self._rows[scope] = rows
        if scope == self.scope:
            self._show()

    def action_switch_scope(self) -> None:
        """Show the corpus's actors instead of the article's, or back."""
        self.scope = "corpus" if self.scope == "article" else "article"
        self._show()

    @property
    def highlighted_actor_id(self) -> str | None:
        """The actor under the cursor."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def focus_list(self) -> None:
        """Move the focus into the list of actors."""
        self.query_one(OptionList).focus()

    def _show(self) -> None:
        rows = self._rows[self.scope]
        title = "In this article" if self.scope == "article" else "In the corpus"
        self.query_one("#actor-scope", Label).update(
            Content(
                f"{title} ({len(rows)}) · c: {'corpus' if self.scope == 'article' else 'article'}"
            )
        )
        options = self.query_one(OptionList)
        keep = self.highlighted_actor_id
        options.clear_options()
        options.add_options(
            [Option(actor_prompt(row, self.scope), id=row.actor.id) for row in rows]
        )
        ids = [row.actor.id for row in rows]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self._show_role()

    def _show_role(self) -> None:
        actor_id = self.highlighted_actor_id
        row = next((r for r in self._rows[self.scope] if r.actor.id == actor_id), None)
        text = "" if row is None else (row.actor.role or KIND_LABELS[row.actor.kind])
        self.query_one("#actor-role", Label).update(Content(text))

    @on(OptionList.OptionHighlighted, "#actor-options")
    def _on_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_role()
        self.post_message(self.Highlighted(event.option.id))

    @on(OptionList.OptionSelected, "#actor-options")
    def _on_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id, self.scope))
