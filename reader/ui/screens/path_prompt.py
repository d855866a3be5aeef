"""A small modal that asks for a file path."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PathPrompt(ModalScreen[str | None]):
    """Asks for a path; enter gives it, escape gives None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="path.cancel", tooltip="Close without a path"),
    ]

    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical {
        width: 80; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PathPrompt Label { width: 1fr; margin-bottom: 1; }
    """

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content(self.question + " (enter: go · escape: cancel)"))
            yield Input(value=self.value, placeholder="/path/to/notes.json", id="path-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
