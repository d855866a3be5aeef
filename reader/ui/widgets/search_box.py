"""The search box: an input that walks back through recent queries with up and down."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBox(Input):
    """Where the query is typed; up and down bring back recent queries, newest first."""

    BINDINGS = [
        Binding(
            "up",
            "older_query",
            "Older query",
            show=False,
            id="search.older",
            tooltip="Bring back the previous recent query",
        ),
        Binding(
            "down",
            "newer_query",
            "Newer query",
            show=False,
            id="search.newer",
            tooltip="Bring back the next recent query (past the newest: what you typed)",
        ),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=True)
        self.recent: list[str] = []
        """Recent queries, newest first; set by the panel."""
        self._position = -1
        self._draft = ""
        self._shown = ""

    def _forget_if_edited(self) -> None:
        # A recent query the user has since edited is the new draft: walk again from it.
        if self._position != -1 and self.value != self._shown:
            self._position = -1

    def action_older_query(self) -> None:
        """Show the next older recent query."""
        self._forget_if_edited()
        position = self._position + 1
        # The query on show is often the newest recent one: step over it.
        while position < len(self.recent) and self.recent[position] == self.value:
            position += 1
        if position >= len(self.recent):
            self.app.bell()
            return
        if self._position == -1:
            self._draft = self.value
        self._position = position
        self._show(self.recent[position])

    def action_newer_query(self) -> None:
        """Show the next newer recent query, then what was being typed."""
        self._forget_if_edited()
        if self._position == -1:
            return
        self._position -= 1
        self._show(self._draft if self._position == -1 else self.recent[self._position])

    def _show(self, query: str) -> None:
        self._shown = query
        self.value = query
        self.cursor_position = len(query)
