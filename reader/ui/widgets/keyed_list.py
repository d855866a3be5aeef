"""An option list that moves with j/k and g/G beside the arrows, like the article list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class KeyedList(OptionList):
    """A virtual list of rows with the reader's movement keys."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="rows.down",
                tooltip="Move to the next row"),
        Binding("k", "cursor_up", "Up", show=False, id="rows.up",
                tooltip="Move to the previous row"),
        Binding("g", "first", "First", show=False, id="rows.first",
                tooltip="Go to the first row"),
        Binding("G", "last", "Last", show=False, id="rows.last", tooltip="Go to the last row"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    KeyedList { height: 1fr; border: none; }
    KeyedList > .option-list--option { padding: 0 1; }
    """
