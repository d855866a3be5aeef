"""The line above the footer: what is loaded, skipped, filtered and how it is sorted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar


class StatusBar(Horizontal):
    """Corpus counts and state on the left, a progress bar while loading on the right."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    StatusBar > #status-text { width: 1fr; height: 1; }
    StatusBar > ProgressBar { width: 40; height: 1; }
    StatusBar > ProgressBar.-done { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="status-text", markup=False)
        yield ProgressBar(total=None, show_eta=False, id="load-progress")

    def show_text(self, text: str) -> None:
        """Set the status words (plain text: file names and filters may hold brackets)."""
        self.query_one("#status-text", Label).update(Content(text))

    def show_progress(self, done: int, total: int) -> None:
        """Show loading progress (`total` 0: not known yet); hide the bar once all is read."""
        bar = self.query_one(ProgressBar)
        if total <= 0:
            bar.update(total=None, progress=done)
            bar.set_class(False, "-done")
            return
        bar.update(total=total, progress=done)
        bar.set_class(done >= total, "-done")
