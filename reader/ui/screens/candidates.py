"""Candidates: names that look like actors but are not in the gazetteer, to promote or dismiss."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.article import Article
from reader.core.candidates import Candidate, dismiss, find_candidates, promote
from reader.core.gazetteer import Gazetteer
from reader.core.kinds import KINDS
from reader.ui.kinds import KIND_COLOURS, KIND_LABELS


def candidate_prompt(candidate: Candidate) -> Content:
    """A candidate's row: its name, how often it occurs, its likely kind and what marked it."""
    patterns = ", ".join(candidate.patterns) or "recurring name"
    return Content.from_markup(
        "[b]$name[/b] [dim]$count× · $kind? · $patterns[/dim]",
        name=candidate.name,
        count=str(candidate.count),
        kind=KIND_LABELS.get(candidate.kind, candidate.kind),
        patterns=patterns,
    )


class KindPicker(ModalScreen[str | None]):
    """Asks which kind of actor a promoted candidate is; escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="kind.cancel", tooltip="Do not promote"),
    ]

    DEFAULT_CSS = """
    KindPicker { align: center middle; }
    KindPicker > Vertical {
        width: 44; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    KindPicker OptionList { height: auto; border: none; }
    """

    def __init__(self, name: str, suggested: str) -> None:
        super().__init__()
        self.candidate_name = name
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.from_markup("Add [b]$name[/b] as a…", name=self.candidate_name))
            yield OptionList(
                *[
                    Option(
                        Content.from_markup(
                            f"[{KIND_COLOURS[kind]}]●[/] $label", label=KIND_LABELS[kind]
                        ),
                        id=kind,
                    )
                    for kind in KINDS
                ]
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = KINDS.index(self.suggested) if self.suggested in KINDS else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without promoting."""
        self.dismiss(None)


class CandidatesScreen(Screen[None]):
    """Lists candidate actors with their evidence; p promotes one, x dismisses it for good."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="candidates.close", tooltip="Back to reading"),
        Binding(
            "p",
            "promote",
            "Promote",
            id="candidates.promote",
            tooltip="Add the candidate to your actors file (choose its kind)",
        ),
        Binding(
            "x",
            "dismiss_candidate",
            "Dismiss",
            id="candidates.dismiss",
            tooltip="Never list this name as a candidate again",
        ),
    ]

    DEFAULT_CSS = """
    CandidatesScreen > Vertical { height: 1fr; }
    CandidatesScreen #candidates-title { width: 1fr; padding: 0 1; background: $panel; }
    CandidatesScreen OptionList { height: 1fr; }
    CandidatesScreen #candidate-evidence {
        height: auto; max-height: 12; padding: 0 1;
        border-top: hkey $panel-lighten-2; color: $text-muted;
    }
    """

    def __init__(
        self,
        articles: Sequence[Article],
        gazetteer: Gazetteer,
        on_promoted: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.articles = list(articles)
        self.gazetteer = gazetteer
        self.on_promoted = on_promoted
        """Called after a promotion, so the reader re-matches actors with the new one."""
        self.candidates: list[Candidate] = []
        self.is_searching = True

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content("Finding candidates…"), id="candidates-title")
            yield OptionList(id="candidate-options")
            yield Static(Content(""), id="candidate-evidence")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._find()

    @work(thread=True, exclusive=True, description="_find")
    def _find(self) -> None:
        found = find_candidates(self.articles, self.gazetteer)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Candidate]) -> None:
        self.is_searching = False
        self.candidates = found
        self._refill()

    def _refill(self, keep: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [Option(candidate_prompt(c), id=str(i)) for i, c in enumerate(self.candidates)]
        )
        count = len(self.candidates)
        title = (
            f"{count} candidate actor{'s' if count != 1 else ''} the gazetteer does not know"
            " · p promote · x dismiss · escape back"
        )
        self.query_one("#candidates-title", Label).update(Content(title))
        if self.candidates:
            options.highlighted = min(keep, count - 1)
        self._show_evidence()

    @property
    def current(self) -> Candidate | None:
        """The candidate under the cursor."""
        options = self.query_one(OptionList)
        if options.highlighted is None or options.highlighted >= len(self.candidates):
            return None
        return self.candidates[options.highlighted]

    @on(OptionList.OptionHighlighted)
    def _show_evidence(self) -> None:
        candidate = self.current
        if candidate is None:
            text = "" if self.is_searching else "No candidates: every recurring name is known."
            self.query_one("#candidate-evidence", Static).update(Content(text))
            return
        lines = [f"“{sentence}”" for sentence in candidate.evidence]
        titles = {a.id: a.title for a in self.articles}
        where = [titles[i] for i in candidate.article_ids[:3] if i in titles]
        if where:
            lines.append("in: " + " · ".join(where))
        self.query_one("#candidate-evidence", Static).update(Content("\n".join(lines)))

    def action_promote(self) -> None:
        """Ask for the kind, then add the candidate to the user's actors file."""
        candidate = self.current
        if candidate is None:
            return

        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            try:
                actor_id = promote(candidate.name, kind, self.gazetteer)
            except (OSError, ValueError) as error:
                self.notify(f"Not promoted: {error}", severity="error", markup=False)
                return
            self.notify(
                f"{candidate.name} added as a {KIND_LABELS[kind]} ({actor_id}); re-matching…",
                markup=False,
            )
            self._drop(candidate)
            if self.on_promoted is not None:
                self.on_promoted()

        self.app.push_screen(KindPicker(candidate.name, candidate.kind), chosen)

    def action_dismiss_candidate(self) -> None:
        """Never list the candidate again."""
        candidate = self.current
        if candidate is None:
            return
        try:
            dismiss(candidate.name)
        except OSError as error:
            self.notify(f"Not dismissed: {error}", severity="error", markup=False)
            return
        self.notify(f"{candidate.name} will not be suggested again.", markup=False, timeout=2)
        self._drop(candidate)

    def _drop(self, candidate: Candidate) -> None:
        position = self.candidates.index(candidate)
        self.candidates.remove(candidate)
        self._refill(keep=position)

    def action_close(self) -> None:
        """Back to the main screen."""
        self.app.pop_screen()
