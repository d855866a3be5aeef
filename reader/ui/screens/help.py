"""The help screen: every key binding, grouped by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("? / f1", "this help"),
            ("ctrl+p", "command palette: open an article, sort, themes, keys"),
            ("tab / shift+tab", "next / previous pane"),
            ("s", "cycle the sort order: date, title, source"),
            ("p", "skipped files and loading remarks"),
            ("q", "quit"),
        ],
    ),
    (
        "Article list",
        [
            ("j / k, ↓ / ↑", "next / previous article"),
            ("g / G, home / end", "first / last article"),
            ("pageup / pagedown", "a page up / down"),
            ("enter", "open the highlighted article"),
        ],
    ),
    (
        "Article",
        [
            ("j / k, ↓ / ↑", "scroll a line"),
            ("space / b, pagedown / pageup", "scroll a page"),
            ("g / G, home / end", "top / end of the article"),
            ("r", "raw source text on / off"),
            ("escape", "back to the list"),
        ],
    ),
    (
        "Actors",
        [
            ("a", "actor panel: show (and move into it) / hide"),
            ("c", "in the panel: this article's actors / the whole corpus's"),
            ("enter", "in the panel: jump to the first mention (corpus: filter by it)"),
            ("] / [", "next / previous mention of the selected actor"),
            ("f", "show only articles mentioning the selected actor (again: AND)"),
            ("F", "clear the filters"),
            ("A", "candidates: unknown names that look like actors"),
            ("p / x", "in candidates: promote (choose the kind) / dismiss for good"),
        ],
    ),
]
"""What the help screen lists; a test checks it against the real bindings."""


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark,f1",
            "dismiss",
            "Close",
            id="help.close",
            tooltip="Close the help",
        ),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 95%; height: 85%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    HelpScreen .group { text-style: bold; color: $text-accent; margin-top: 1; }
    HelpScreen .row { height: auto; }
    HelpScreen .key { width: 30; text-style: bold; }
    HelpScreen .does { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content("belreader — keys (escape closes)"), classes="group")
            for group, keys in KEY_GROUPS:
                yield Static(Content(group), classes="group")
                for key, does in keys:
                    with Horizontal(classes="row"):
                        yield Static(Content(key), classes="key")
                        yield Static(Content(does), classes="does")
