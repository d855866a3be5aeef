"""The line above the footer: what is loaded, skipped, filtered and how it is sorted."""

from __future__ import annotations

from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

BAR_CELLS = 30
"""Width of the progress bar, in cells (its percentage follows it)."""
PULSE_CELLS = 6
"""Width of the moving segment while the total is not known yet."""
PULSE_SECONDS = 0.1
"""How often that segment moves."""


class StatusBar(Widget):
    """Corpus counts and state on the left, a progress bar while loading on the right.

    One widget drawing both: the first frame is built faster with one node than with a
    label beside Textual's progress bar (four more nodes to style and lay out).
    """

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        """The status words, as plain text."""
        self.done = 0
        """How much of the work in progress is done."""
        self.total: int | None = None
        """How much work there is in all; None while not known yet."""
        self.progress_visible = True
        """Whether the bar is shown (hidden once the work is done)."""
        self.drawn_text: str | None = None
        """The status words as last drawn (None before the first frame)."""
        self._pulse = 0
        self._pulse_timer: Timer | None = None

    def show_text(self, text: str) -> None:
        """Set the status words (plain text: file names and filters may hold brackets)."""
        if text != self.text:
            self.text = text
            self.refresh()

    def show_progress(self, done: int, total: int) -> None:
        """Show progress (`total` 0: not known yet, the bar pulses); hide the bar once done."""
        self.done = done
        self.total = total if total > 0 else None
        self.progress_visible = self.total is None or done < self.total
        pulsing = self.progress_visible and self.total is None
        if pulsing and self._pulse_timer is None and self.is_mounted:
            self._pulse_timer = self.set_interval(PULSE_SECONDS, self._advance_pulse)
        elif not pulsing and self._pulse_timer is not None:
            self._pulse_timer.stop()
            self._pulse_timer = None
        self.refresh()

    def _advance_pulse(self) -> None:
        self._pulse = (self._pulse + 1) % (BAR_CELLS + PULSE_CELLS)
        self.refresh()

    def render(self) -> Content:
        self.drawn_text = self.text
        width = self.content_region.width
        words = Content(self.text)
        bar = self._bar() if self.progress_visible else None
        if bar is None or width < bar.cell_length + 20:
            return words.truncate(width, ellipsis=True)
        room = width - bar.cell_length - 1
        return Content.assemble(words.truncate(room, ellipsis=True, pad=True), " ", bar)

    def _bar(self) -> Content:
        """The bar and its percentage (or a moving segment while the total is unknown)."""
        if self.total is None:
            start = self._pulse - PULSE_CELLS
            cells = [
                "━" if start <= cell < start + PULSE_CELLS else "─" for cell in range(BAR_CELLS)
            ]
            return Content.assemble(("".join(cells), "$accent"), "     ")
        filled = min(BAR_CELLS, BAR_CELLS * self.done // max(1, self.total))
        percent = f"{100 * self.done // max(1, self.total):>4}%"
        return Content.assemble(
            ("━" * filled, "$accent"), ("─" * (BAR_CELLS - filled), "$panel-lighten-2"), percent
        )
