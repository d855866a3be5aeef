"""A modal list of the passages where two actors appear together; enter opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.cooccurrence import Pair, Scope
from reader.ui.corpus_state import CorpusState
from reader.ui.rows import passage_prompt, separated

SCOPE_WORDS: dict[Scope, str] = {
    "sentence": "in the same sentence",
    "paragraph": "in the same paragraph",
    "article": "in the same article",
}
"""How each scope reads after a pair's names."""


class PassagesScreen(ModalScreen[None]):
    """The passages naming both actors of a pair, each opening its article there."""

    BINDINGS = [
        Binding(
            "escape",
            "dismiss",
            "Close",
            id="passages.close",
            tooltip="Close the passages and go back",
        ),
    ]

    DEFAULT_CSS = """
    PassagesScreen { align: center middle; }
    PassagesScreen > Vertical {
        width: 90%; max-width: 140; height: 85%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PassagesScreen #passages-title { width: 1fr; margin-bottom: 1; }
    PassagesScreen OptionList { height: 1fr; }
    """

    def __init__(self, pair: Pair, scope: Scope, state: CorpusState) -> None:
        super().__init__()
        self.pair = pair
        self.scope = scope
        self.state = state

    def compose(self) -> ComposeResult:
        pair, state = self.pair, self.state
        count = len(pair.passages)
        with Vertical():
            yield Label(
                Content.from_markup(
                    "[b]$first[/b] and [b]$second[/b]: $count $where (enter opens, escape closes)",
                    first=state.actor_name(pair.first_id),
                    second=state.actor_name(pair.second_id),
                    count=f"{count} passage{'s' if count != 1 else ''}",
                    where=SCOPE_WORDS[self.scope],
                ),
                id="passages-title",
            )
            both = {pair.first_id, pair.second_id}
            options = []
            for index, passage in enumerate(pair.passages):
                mentions = [
                    m for m in state.mentions.mentions(passage.article_id) if m.actor_id in both
                ]
                article = state.by_id.get(passage.article_id)
                prompt = passage_prompt(article, passage.start, passage.end, mentions)
                options.append(Option(prompt, id=str(index)))
            yield OptionList(*separated(options), id="passages-list")

    @on(OptionList.OptionSelected, "#passages-list")
    def _on_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        passage = self.pair.passages[int(event.option.id or 0)]
        self.app.open_article_at(passage.article_id, passage.start)  # type: ignore[attr-defined]
