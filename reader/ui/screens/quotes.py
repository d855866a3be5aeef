"""Every quote of the corpus by date, narrowed by speaker and words, exported to a file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label
from textual.widgets.option_list import Option

from reader.core.gazetteer import alias_key
from reader.core.quote_list import (
    ExportFormat,
    by_speaker,
    default_export_path,
    export_quotes,
    speaker_label,
)
from reader.core.quotes import Quote, find_quotes
from reader.ui.corpus_state import CorpusState
from reader.ui.messages import QuotesFound
from reader.ui.rows import quote_prompt, separated
from reader.ui.widgets.keyed_list import KeyedList

SHOWN_LIMIT = 500
"""At most this many quotes are listed at once (export writes every match)."""

FILTER_DELAY = 0.12
"""Seconds of quiet typing before the list is narrowed again."""

FORMAT_NAMES: dict[ExportFormat, str] = {"md": "Markdown", "json": "JSON"}


def write_export(
    app: App[object], state: CorpusState, quotes: list[Quote], export_format: ExportFormat
) -> Path | None:
    """Export quotes into the data dir's exports folder; notify where (or why not)."""
    from reader.locations import data_dir, ensure_dir

    try:
        folder = ensure_dir(data_dir() / "exports")
        path = export_quotes(
            quotes,
            state.by_id,
            export_format,
            default_export_path(folder, export_format, datetime.now()),
        )
    except OSError as error:
        app.notify(
            f"Quotes NOT exported: {error.strerror or error}", severity="error", markup=False
        )
        return None
    count = f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''}"
    app.notify(
        f"{count} exported as {FORMAT_NAMES[export_format]}: {path}",
        title="Quotes exported",
        markup=False,
        timeout=8,
    )
    return path


class QuotesScreen(Screen[None]):
    """Every quote across the corpus, oldest first; enter opens the article at the quote."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="quotes.close",
                tooltip="Close the quotes and go back"),
        Binding("x", "export('md')", "Export .md", id="quotes.export_md",
                tooltip="Write the quotes shown (every match) to a Markdown file in the data dir"),
        Binding("X", "export('json')", "Export .json", id="quotes.export_json",
                tooltip="Write the quotes shown (every match) to a JSON file in the data dir"),
    ]  # fmt: skip

    def __init__(self, state: CorpusState, speaker: str = "") -> None:
        super().__init__()
        self.state = state
        self.all_quotes: list[Quote] = list(state.quotes) if state.quotes is not None else []
        self.shown: list[Quote] = []
        """The quotes that pass the filters (all listed up to `SHOWN_LIMIT`)."""
        self._speaker = speaker
        self._folded: dict[int, str] | None = None
        """Each quote's words folded for matching, by the quote's id(), made on first use."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quotes-filters"):
            yield Input(
                self._speaker,
                placeholder="speaker (name, alias, unattributed)",
                id="quotes-speaker",
                suggester=SuggestFromList(self._speakers(), case_sensitive=False),
            )
            yield Input(placeholder="words in the quote", id="quotes-words")
        yield Label(Content("finding quotes…"), id="quotes-count")
        yield KeyedList(id="quotes-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Quotes"
        self.query_one("#quotes-list", KeyedList).focus()
        if self.state.quotes is None:
            self._find(self.state)
        else:
            self._apply()

    def _speakers(self) -> list[str]:
        names = {speaker_label(q) for q in self.all_quotes}
        return sorted(names, key=str.casefold)

    @work(thread=True, exclusive=True, group="quotes-view", description="_find")
    def _find(self, state: CorpusState) -> None:
        quotes = find_quotes(state.articles, state.mentions, state.gazetteer)
        self.post_message(QuotesFound(quotes, -1))

    @on(QuotesFound)
    def _on_found(self, message: QuotesFound) -> None:
        message.stop()
        self.all_quotes = message.quotes
        self._folded = None
        self.query_one("#quotes-speaker", Input).suggester = SuggestFromList(
            self._speakers(), case_sensitive=False
        )
        self._apply()

    @on(Input.Changed)
    def _on_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self._apply)

    @on(Input.Submitted)
    def _on_submitted(self) -> None:
        self._apply()
        self.query_one("#quotes-list", KeyedList).focus()

    def _apply(self) -> None:
        """Narrow the quotes to the typed speaker and words, and list them."""
        self._timer = None
        speaker = self.query_one("#quotes-speaker", Input).value
        words = [alias_key(w) for w in self.query_one("#quotes-words", Input).value.split()]
        chosen = by_speaker(self.all_quotes, speaker, self.state.gazetteer)
        if words:
            if self._folded is None:
                self._folded = {id(q): alias_key(q.text) for q in self.all_quotes}
            folded = self._folded
            chosen = [q for q in chosen if all(w in folded[id(q)] for w in words)]
        self.shown = chosen
        rows = self.query_one("#quotes-list", KeyedList)
        keep = rows.highlighted
        rows.clear_options()
        by_id = self.state.by_id
        rows.add_options(
            separated(
                [
                    Option(quote_prompt(q, by_id.get(q.article_id)), id=str(index))
                    for index, q in enumerate(chosen[:SHOWN_LIMIT])
                ]
            )
        )
        if chosen:
            rows.highlighted = min(keep or 0, min(len(chosen), SHOWN_LIMIT) - 1)
        total = len(self.all_quotes)
        words_shown = f"{len(chosen)} of {total} quote{'s' if total != 1 else ''}"
        if len(chosen) > SHOWN_LIMIT:
            words_shown += f" (first {SHOWN_LIMIT} listed: narrow the filters)"
        self.query_one("#quotes-count", Label).update(
            Content(f"{words_shown} · by date, undated last · x / X: export Markdown / JSON")
        )

    @on(KeyedList.OptionSelected, "#quotes-list")
    def _on_selected(self, event: KeyedList.OptionSelected) -> None:
        event.stop()
        quote = self.shown[int(event.option.id or 0)]
        self.app.open_article_at(quote.article_id, quote.start)  # type: ignore[attr-defined]

    def action_export(self, export_format: ExportFormat) -> None:
        """Write the quotes that pass the filters to a file in the data dir."""
        write_export(self.app, self.state, self.shown, export_format)
