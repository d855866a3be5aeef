"""A modal list of the files that were skipped, with the reason for each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.corpus import Problem


class ProblemsScreen(ModalScreen[None]):
    """Every skipped file and why; escape closes."""

    BINDINGS = [
        Binding(
            "escape,q,p",
            "dismiss",
            "Close",
            id="problems.close",
            tooltip="Close the list of skipped files",
        ),
    ]

    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 90%; max-width: 120; height: 80%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ProblemsScreen Label { width: 1fr; margin-bottom: 1; }
    ProblemsScreen OptionList { height: 1fr; }
    """

    def __init__(self, problems: list[Problem], article_notes: list[tuple[str, str]]) -> None:
        super().__init__()
        self.problems = problems
        self.article_notes = article_notes

    def compose(self) -> ComposeResult:
        with Vertical():
            skipped = len(self.problems)
            yield Label(
                Content(
                    f"{skipped} file{'s' if skipped != 1 else ''} skipped, "
                    f"{len(self.article_notes)} loaded with remarks (escape closes)"
                )
            )
            options = [
                Option(
                    Content.from_markup(
                        "[b]skipped[/b] $path\n  $reason", path=p.path, reason=p.reason
                    )
                )
                for p in self.problems
            ]
            options += [
                Option(
                    Content.from_markup("[b]loaded[/b] $path\n  $reason", path=path, reason=reason)
                )
                for path, reason in self.article_notes
            ]
            if not options:
                options = [Option(Content("Every file loaded cleanly."))]
            yield OptionList(*options)
