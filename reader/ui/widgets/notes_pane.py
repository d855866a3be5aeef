"""The notes pane: a Markdown editor for an article's note or a passage's, saved as you type.

Saves follow `reader.core.autosave.Autosave`, checked ten times a second: after a pause, with
a cap while typing goes on, and at once on leaving the pane, switching note, quitting and on
SIGTERM/SIGHUP. The text is stored exactly as typed and shown with control characters
replaced, so a pasted escape sequence never reaches the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from reader.core.anchor import Anchor
from reader.core.article import Article
from reader.core.autosave import Autosave, SaveState, SaveTicket
from reader.core.notes import ArticleInfo, Conflict, Failed, Note, NotesStore, Saved, SaveResult
from reader.core.text import CONTROL_STAND_IN, ESCAPE_STAND_IN, sanitise
from reader.ui.messages import NoteSaved

TICK_SECONDS = 0.1
"""How often the pane asks whether a save is due."""

_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]"
)


def display_safe(line: str) -> str:
    """A line of a note as the editor draws it: one visible stand-in per control character.

    One character for one keeps the editor's columns on the stored text.
    """
    return _UNSAFE.sub(lambda m: ESCAPE_STAND_IN if m.group() == "\x1b" else CONTROL_STAND_IN, line)


StoreGetter = Callable[[], "NotesStore | str"]
"""Gives the open store, or why there is none (shown as the reason a note is not saved)."""


@dataclass(slots=True)
class NoteTarget:
    """The note the pane edits: an article's free note or a passage note, new or stored."""

    article: Article | ArticleInfo
    """The article the note belongs to (a gone article is known by its stored info)."""
    note: Note | None = None
    """The stored note, once there is one."""
    anchor: Anchor | None = None
    """Where a passage note sits; None for the article's free note."""

    @property
    def is_passage(self) -> bool:
        """Whether this is a note on a passage."""
        return self.anchor is not None or (self.note is not None and self.note.kind == "passage")

    def same_as(self, other: NoteTarget) -> bool:
        """Whether both name the same note."""
        if self.note is not None and other.note is not None:
            return self.note.id == other.note.id
        if self.article.id != other.article.id or self.is_passage != other.is_passage:
            return False
        if not self.is_passage:
            return True
        return self.anchor is not None and self.anchor == other.anchor


class NoteEditor(TextArea):
    """A text area that draws control characters as visible stand-ins."""

    BINDINGS = [
        Binding(
            "escape",
            "leave",
            "Back to reading",
            id="notes.leave",
            tooltip="Save the note and go back to the article",
        ),
    ]

    def get_line(self, line_index: int) -> Text:
        return Text(display_safe(self.document.get_line(line_index)), end="", no_wrap=True)

    def action_leave(self) -> None:
        """Leave the pane (it saves first)."""
        pane = self.parent
        if isinstance(pane, NotesPane):
            pane.close()


class NotesPane(Vertical):
    """Edits one note at a time; shows saved / saving… / NOT SAVED: reason in its border."""

    DEFAULT_CSS = """
    NotesPane {
        display: none;
        height: 45%;
        min-height: 6;
        border: round $panel-lighten-2;
        border-title-color: $text-accent;
        border-subtitle-color: $text-muted;
    }
    NotesPane.-open { display: block; }
    NotesPane:focus-within { border: round $accent; }
    NotesPane.-failed { border: round $error; border-subtitle-color: $text-error; }
    NotesPane > #notes-quote {
        display: none; width: 1fr; max-height: 3; padding: 0 1;
        color: $text-muted; text-style: italic;
    }
    NotesPane.-passage > #notes-quote { display: block; }
    NotesPane > NoteEditor { height: 1fr; border: none; padding: 0 1; }
    NotesPane > NoteEditor:focus { border: none; }
    """

    @dataclass
    class Closed(Message):
        """The user left the pane with escape."""

        pane: NotesPane
        """The pane that closed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.target: NoteTarget | None = None
        """The note being edited, if any (kept after closing while it is not saved)."""
        self.autosave = Autosave()
        """When to save what is typed."""
        self.get_store: StoreGetter = lambda: "notes are not open"
        """Where saves go; set by the screen."""
        self.conflict: str | None = None
        """Set when another belreader saved this note first: what the user was told."""
        self._committed = ""
        self._ticket: SaveTicket | None = None
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label(id="notes-quote", markup=False)
        try:
            editor = NoteEditor(id="notes-editor", language="markdown", soft_wrap=True)
        except LanguageDoesNotExist:  # tree-sitter without its Markdown grammar
            editor = NoteEditor(id="notes-editor", soft_wrap=True)
        yield editor

    def on_mount(self) -> None:
        self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        self._show_state()

    @property
    def editor(self) -> NoteEditor:
        """The text area."""
        return self.query_one(NoteEditor)

    @property
    def is_open(self) -> bool:
        """Whether the pane is shown."""
        return self.has_class("-open")

    @property
    def has_unsaved(self) -> bool:
        """Whether some of the text typed is not yet in the store."""
        self._sync_from_editor()
        return self.autosave.has_unsaved or self._ticket is not None

    # Opening and closing

    def open(self, target: NoteTarget, *, focus: bool = True) -> bool:
        """Show the pane on `target`'s note; False if the note shown could not be saved first.

        An unsaved note is never dropped: the pane stays on it and tells the user why.
        """
        if self.target is None or not self.target.same_as(target):
            if not self.save_now():
                self.add_class("-open")
                title = self.target.article.title if self.target else ""
                self.notify(
                    f"The note on “{title}” is NOT SAVED ({self.autosave.failure_reason}); "
                    "it stays open and is retried.",
                    title="Notes",
                    severity="error",
                    markup=False,
                )
                return False
            self._load(target)
        self.add_class("-open")
        if focus:
            self.editor.focus()
        return True

    def close(self) -> None:
        """Save, hide the pane and hand the focus back (an unsaved note keeps being retried)."""
        saved = self.save_now()
        self.remove_class("-open")
        self.post_message(self.Closed(self))
        if not saved:
            self.notify(
                f"Note NOT SAVED ({self.autosave.failure_reason}); retrying. Press e to see it.",
                title="Notes",
                severity="error",
                markup=False,
            )

    def reload(self, note: Note) -> None:
        """Show a newer version of the edited note saved elsewhere (history restore), if clean."""
        if self.target is None or self.target.note is None or self.target.note.id != note.id:
            return
        if self.has_unsaved:
            return
        self._load(NoteTarget(self.target.article, None if note.deleted else note, note.anchor))

    def _load(self, target: NoteTarget) -> None:
        self.target = target
        self.conflict = None
        self._ticket = None
        text = target.note.body if target.note is not None and not target.note.deleted else ""
        self._committed = text
        self.editor.load_text(text)
        self.editor.move_cursor(self.editor.document.end)  # go on writing where it ends
        self.autosave.reset()
        self.set_class(target.is_passage, "-passage")
        kind = "Passage note" if target.is_passage else "Note"
        self.border_title = Content.from_markup(
            "$kind · $title", kind=kind, title=sanitise(target.article.title)
        )
        quote = target.anchor.quote if target.anchor else ""
        if not quote and target.note is not None and target.note.anchor is not None:
            quote = target.note.anchor.quote
        self.query_one("#notes-quote", Label).update(Content("“" + sanitise(quote) + "”"))
        self._show_state()

    # Saving

    @on(TextArea.Changed)
    def _on_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._sync_from_editor()
        self._show_state()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.target is not None:
            self.save_now()

    def _sync_from_editor(self) -> None:
        """Tell autosave about text the editor holds that it has not heard of yet."""
        if self.target is None or not self.is_mounted:
            return
        editors = self.query(NoteEditor)
        if not editors:  # unmounting: the editor went first, and every change was heard
            return
        text = editors.first().text
        known = self.autosave.pending_text if self.autosave.has_unsaved else self._committed
        if text != known:
            self.autosave.changed(text)

    def _tick(self) -> None:
        if self.target is None or self._ticket is not None or not self.autosave.due():
            return
        ticket = self.autosave.begin()
        if ticket is None:
            return
        self._ticket = ticket
        self._show_state()
        # Commit after the next frame, so "saving…" shows while the disk is written.
        self.call_after_refresh(self._commit)

    def save_now(self) -> bool:
        """Commit everything typed, synchronously; True when nothing is left unsaved."""
        if self.target is None:
            return True
        self._sync_from_editor()
        self._commit()
        ticket = self.autosave.flush()
        if ticket is not None:
            self._ticket = ticket
            self._commit()
        return not self.autosave.has_unsaved

    def _commit(self) -> None:
        ticket, self._ticket = self._ticket, None
        if ticket is None or self.target is None:
            return
        result = self._write(self.target, ticket.text)
        if isinstance(result, Failed):
            self.autosave.failed(ticket, result.reason)
        else:
            self.autosave.succeeded(ticket)
            self._committed = ticket.text
            if isinstance(result, Saved):
                self.target.note = result.note
                self.post_message(NoteSaved(result.note))
            elif isinstance(result, Conflict):
                self._on_conflict(result)
        if self.is_mounted:
            self._show_state()

    def _on_conflict(self, result: Conflict) -> None:
        assert self.target is not None
        self.target.note = result.current
        self.conflict = (
            "Another belreader saved this note first. Both versions are kept: theirs is "
            f"current, yours is revision {result.conflict_revision} in the note's history "
            "(ctrl+n, then h). Typing on saves your text over theirs."
        )
        self.notify(
            self.conflict,
            title="Notes: edited elsewhere",
            severity="warning",
            timeout=15,
            markup=False,
        )
        self.post_message(NoteSaved(result.current))

    def _write(self, target: NoteTarget, text: str) -> SaveResult | None:
        """Save `text` as the target's note; None when there was nothing to store."""
        store = self.get_store()
        if isinstance(store, str):
            return Failed(store)
        note = target.note
        blank = not text.strip()
        if note is None:
            if blank:
                return None  # nothing typed yet: no note to make
            if target.anchor is not None:
                return store.add_passage_note(target.article, target.anchor, text)
            return store.save_article_note(target.article, text, 0)
        if blank:
            # Emptying a note deletes it (softly: its history keeps every version).
            return Saved(note) if note.deleted else store.delete_note(note.id, note.revision)
        if note.kind == "article":
            return store.save_article_note(target.article, text, note.revision)
        return store.update_note(note.id, text, note.revision)

    # Showing the state

    def _show_state(self) -> None:
        state = self.autosave.state
        if self._ticket is not None:
            words = "saving…"
        elif self.target is None:
            words = ""
        elif state is SaveState.SAVED and self.conflict:
            words = "saved · CONFLICT: both versions kept (see history)"
        else:
            words = self.autosave.status_text
        self.set_class(state is SaveState.FAILED, "-failed")
        self.border_subtitle = Content(words + " · escape: back") if words else None
