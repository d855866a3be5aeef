"""The Notes view: every note across the corpus, newest first, with tags and orphans."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.core.anchor import locate
from reader.core.corpus import Corpus
from reader.core.notes import Note, NotesStore, iso_from_ms
from reader.core.text import sanitise
from reader.ui.messages import NoteSaved

ALL_TAGS = "\x00all"
"""The id of the tag list's first row: every note."""


@dataclass(frozen=True, slots=True)
class NoteRow:
    """A note as the view lists it, with where its passage is now."""

    note: Note
    """The note."""
    offset: int | None
    """Where its passage (or nothing, for an article note) starts in the loaded article."""
    orphan: str | None
    """Why the note cannot be placed (its article is not loaded, its passage is gone)."""


def note_rows(store: NotesStore, corpus: Corpus) -> list[NoteRow]:
    """Every note, newest first, placed in the loaded corpus (orphans kept, with why)."""
    rows: list[NoteRow] = []
    for note in store.notes():
        article = corpus.get(note.article_id)
        if article is None:
            where = f" (last seen at {note.article_path})" if note.article_path else ""
            rows.append(NoteRow(note, None, f"orphaned: article not loaded{where}"))
            continue
        if note.anchor is None:
            rows.append(NoteRow(note, None, None))
            continue
        span = locate(note.anchor, article.text)
        if span is None:
            rows.append(NoteRow(note, None, "orphaned: passage not found in the article now"))
        else:
            rows.append(NoteRow(note, span[0], None))
    return rows


def _first_line(text: str, width: int = 90) -> str:
    line = sanitise(text.strip()).split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def note_prompt(row: NoteRow) -> Content:
    """A note's row: article title, when and what kind, the quote, the first line of the note."""
    note = row.note
    kind = "passage" if note.kind == "passage" else "article note"
    template = "[b]$title[/b]\n[dim]$when · $kind[/dim]"
    if row.orphan:
        template += " [$text-warning]$orphan[/]"
    if note.anchor is not None:
        template += "\n[i]“$quote”[/i]"
    template += "\n$body"
    return Content.from_markup(
        template,
        title=sanitise(note.article_title),
        when=iso_from_ms(note.updated_ms)[:16].replace("T", " "),
        kind=kind,
        orphan=row.orphan or "",
        quote=_first_line(note.anchor.quote if note.anchor else ""),
        body=_first_line(note.body),
    )


class NotesScreen(Screen[None]):
    """Lists notes (filtered by the highlighted tag); enter opens one, h shows its history."""

    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="notes_view.back",
                tooltip="Back to the reader"),
        Binding("h", "history", "History", id="notes_view.history",
                tooltip="The note's earlier versions, to restore one"),
        Binding("t", "focus_tags", "Tags", id="notes_view.tags",
                tooltip="Move to the tag list (enter on a tag filters the articles)"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    NotesScreen #notes-heading { width: 1fr; padding: 0 1; background: $panel; }
    NotesScreen #notes-body { height: 1fr; }
    NotesScreen #note-tags { width: 28; min-width: 16; height: 1fr; }
    NotesScreen #notes-right { width: 1fr; min-width: 20; }
    NotesScreen #note-list { height: 1fr; }
    NotesScreen #note-list > .option-list--option { padding: 0 1; }
    NotesScreen #note-preview-box { height: 35%; min-height: 3; border-top: hkey $panel-lighten-2; }
    NotesScreen #note-preview { padding: 0 1; }
    """

    def __init__(self, store: NotesStore, corpus: Corpus) -> None:
        super().__init__()
        self.store = store
        self.corpus = corpus
        self.rows: list[NoteRow] = []
        """Every note, as listed when the tag list's first row is chosen."""
        self.shown: list[NoteRow] = []
        """The rows in the note list now."""
        self.tag: str | None = None
        """The tag the list is narrowed to, if any."""

    def compose(self) -> ComposeResult:
        yield Label(id="notes-heading", markup=False)
        with Horizontal(id="notes-body"):
            yield OptionList(id="note-tags")
            with Vertical(id="notes-right"):
                yield OptionList(id="note-list")
                with VerticalScroll(id="note-preview-box"):
                    yield Static(id="note-preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_notes()
        self.query_one("#note-list", OptionList).focus()

    def refresh_notes(self) -> None:
        """Read the notes and tags again (after a restore)."""
        self.rows = note_rows(self.store, self.corpus)
        orphans = sum(1 for row in self.rows if row.orphan)
        articles = len({row.note.article_id for row in self.rows})
        heading = (
            f"Notes: {len(self.rows)} on {articles} article{'s' if articles != 1 else ''}"
            + (f", {orphans} orphaned" if orphans else "")
            + " — enter: open · h: history · t: tags · escape: back"
        )
        self.query_one("#notes-heading", Label).update(Content(heading))
        tags = self.query_one("#note-tags", OptionList)
        tags.clear_options()
        counts = self.store.tag_counts()
        tags.add_option(Option(Content(f"All notes  {len(self.rows)}"), id=ALL_TAGS))
        ordered = sorted(counts, key=lambda tag: (-counts[tag], tag))
        for tag in ordered:
            tags.add_option(Option(Content(f"#{sanitise(tag)}  {counts[tag]}"), id=tag))
        if self.tag is not None and self.tag not in counts:
            self.tag = None
        tags.highlighted = 0 if self.tag is None else ordered.index(self.tag) + 1
        self._show_rows()

    def _show_rows(self) -> None:
        wanted = self.tag
        self.shown = [row for row in self.rows if wanted is None or wanted in row.note.tags]
        notes = self.query_one("#note-list", OptionList)
        notes.clear_options()
        notes.add_options([Option(note_prompt(row), id=row.note.id) for row in self.shown])
        if not self.shown:
            notes.add_option(
                Option(Content("No notes yet: e writes one on an article, m on a passage."))
            )
        notes.highlighted = 0
        self._preview()

    @property
    def current(self) -> NoteRow | None:
        """The note row under the cursor."""
        notes = self.query_one("#note-list", OptionList)
        index = notes.highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]

    def _preview(self) -> None:
        row = self.current
        preview = self.query_one("#note-preview", Static)
        if row is None:
            preview.update(Content(""))
            return
        parts = []
        if row.orphan:
            parts.append(f"({row.orphan})")
        if row.note.anchor is not None:
            parts.append("> " + sanitise(row.note.anchor.quote))
        parts.append(sanitise(row.note.body))
        preview.update(Content("\n\n".join(parts)))

    @on(OptionList.OptionHighlighted, "#note-list")
    def _on_note_highlighted(self) -> None:
        self._preview()

    @on(OptionList.OptionHighlighted, "#note-tags")
    def _on_tag_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        tag = event.option.id
        self.tag = None if tag in (None, ALL_TAGS) else tag
        self._show_rows()

    @on(OptionList.OptionSelected, "#note-tags")
    def _on_tag_chosen(self, event: OptionList.OptionSelected) -> None:
        from reader.ui.screens.main import MainScreen

        tag = event.option.id
        self.dismiss()
        main = self.app.screen
        if isinstance(main, MainScreen) and tag not in (None, ALL_TAGS):
            main.filter_by_tag(str(tag))
        elif isinstance(main, MainScreen):
            main.action_clear_filters()

    @on(OptionList.OptionSelected, "#note-list")
    def _on_note_chosen(self) -> None:
        from reader.ui.screens.main import MainScreen

        row = self.current
        if row is None:
            return
        note = row.note
        if self.corpus.get(note.article_id) is None:
            self.notify(
                f"{row.orphan}. The note is kept; load its article to open it there.",
                title="Article not loaded",
                markup=False,
            )
            return
        if row.orphan:
            self.notify(
                "Its passage is no longer in the article; the note is kept with its quote.",
                title="Passage not found",
                markup=False,
            )
        self.app.open_article_at(note.article_id, row.offset)  # type: ignore[attr-defined]
        main = self.app.screen
        if isinstance(main, MainScreen):
            main.show_note(note)

    def action_focus_tags(self) -> None:
        """Move to the tag list."""
        self.query_one("#note-tags", OptionList).focus()

    def action_history(self) -> None:
        """Show the highlighted note's history, to restore an earlier version."""
        from reader.ui.screens.note_history import HistoryScreen

        row = self.current
        if row is None:
            return

        from reader.ui.screens.main import MainScreen

        def restored(note: Note | None) -> None:
            if note is not None:
                for screen in self.app.screen_stack:
                    if isinstance(screen, MainScreen):
                        screen.post_message(NoteSaved(note))
                self.refresh_notes()

        self.app.push_screen(HistoryScreen(self.store, row.note), restored)
