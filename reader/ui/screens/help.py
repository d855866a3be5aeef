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
            ("s", "cycle the sort order: date, title, source, timeline (oldest first)"),
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
            ("escape", "clear search highlights; again: back to the list"),
        ],
    ),
    (
        "Search",
        [
            ("/", "search articles and notes as you type (from anywhere)"),
            ("↑ / ↓", "in the box: older / newer recent queries"),
            ("ctrl+t", "in the box: all articles and notes / only the open article"),
            ("tab, j / k", "into the results; next / previous result (the article previews)"),
            ("enter", "open the result at its first match (a note: at its passage)"),
            ("escape", "close the search box"),
            ("n / N", "next / previous match in the article, counted in the status bar"),
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
    (
        "Who said what",
        [
            ("d", "dossier of the selected actor (or ctrl+p: Actor dossier: NAME)"),
            ("Q", "every quote by date, filtered by speaker and words"),
            ("o", "pairs of actors named together most often"),
            ("enter", "in these views: open the article at the mention, quote or passage"),
            ("left / right", "in a dossier: previous / next section"),
            ("c", "in a dossier or the pairs: same sentence / paragraph / article"),
            ("x / X", "in the quotes: export the ones shown as Markdown / JSON"),
            ("escape", "close the dossier, quotes, pairs or passages"),
        ],
    ),
    (
        "Notes",
        [
            ("e", "edit this article's note (saved as you type); escape: back to reading"),
            ("m", "note on a passage: from the sentence at the cursor"),
            ("in a passage: j / k, down / up", "one sentence longer / shorter"),
            ("in a passage: h / l, left / right", "move to the previous / next sentence"),
            ("in a passage: p, enter", "the whole paragraph; write the note"),
            ("} / {", "next / previous passage note, shown in the pane"),
            ("ctrl+n", "every note, newest first, with tags and orphans"),
            ("in the notes: enter, h, t", "open at the passage; history (restore); tags"),
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
