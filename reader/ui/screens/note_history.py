"""A note's history: every kept version, newest first; enter restores one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.notes import Conflict, Failed, Note, NotesStore, Revision, iso_from_ms
from reader.core.text import sanitise


def revision_prompt(revision: Revision, current: int) -> Content:
    """A version's row: its number, when it was saved, and what it is."""
    marks = []
    if revision.revision == current:
        marks.append("current")
    if revision.conflict:
        marks.append("kept from a conflicting edit")
    if revision.deleted:
        marks.append("deleted")
    first = sanitise(revision.body.strip()).split("\n", 1)[0][:70]
    return Content.from_markup(
        "[b]revision $number[/b] [dim]$when$marks[/dim]\n$first",
        number=str(revision.revision),
        when=iso_from_ms(revision.saved_ms)[:19].replace("T", " "),
        marks=" · " + ", ".join(marks) if marks else "",
        first=first or "(empty)",
    )


class HistoryScreen(ModalScreen[Note | None]):
    """Lists a note's revisions; enter makes the highlighted one current again."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="history.close", tooltip="Close the history"),
    ]

    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 90%; max-width: 110; height: 85%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HistoryScreen #history-heading { width: 1fr; margin-bottom: 1; }
    HistoryScreen #history-list { height: 1fr; }
    HistoryScreen #history-preview-box { height: 40%; border-top: hkey $panel-lighten-2; }
    """

    def __init__(self, store: NotesStore, note: Note) -> None:
        super().__init__()
        self.store = store
        self.note = note
        self.revisions = store.history(note.id)
        """The note's versions, newest first."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                Content.from_markup(
                    "History of a note on [b]$title[/b] — enter: restore · escape: close",
                    title=sanitise(self.note.article_title),
                ),
                id="history-heading",
            )
            yield OptionList(
                *[Option(revision_prompt(r, self.note.revision)) for r in self.revisions],
                id="history-list",
            )
            with VerticalScroll(id="history-preview-box"):
                yield Static(id="history-preview", markup=False)

    def on_mount(self) -> None:
        self._preview()

    @property
    def current(self) -> Revision | None:
        """The revision under the cursor."""
        index = self.query_one(OptionList).highlighted
        return None if index is None else self.revisions[index]

    def _preview(self) -> None:
        revision = self.current
        body = sanitise(revision.body) if revision is not None else ""
        self.query_one("#history-preview", Static).update(Content(body))

    @on(OptionList.OptionHighlighted)
    def _on_highlighted(self) -> None:
        self._preview()

    @on(OptionList.OptionSelected)
    def _on_selected(self) -> None:
        revision = self.current
        if revision is None:
            return
        result = self.store.restore_revision(self.note.id, revision.revision, self.note.revision)
        if isinstance(result, Failed):
            self.notify(f"NOT RESTORED: {result.reason}", severity="error", markup=False)
            return
        if isinstance(result, Conflict):
            self.notify(
                "The note was changed meanwhile; the restored text is kept in its history.",
                severity="warning",
                markup=False,
            )
            self.dismiss(result.current)
            return
        self.notify(
            f"Revision {revision.revision} restored (as revision {result.note.revision}).",
            title="Notes",
            markup=False,
        )
        self.dismiss(result.note)

    def action_close(self) -> None:
        """Close without restoring."""
        self.dismiss(None)
