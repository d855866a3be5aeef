"""The main screen's notes: the store, the notes pane, passage notes, tags, export and import.

`NotesFeatures` is mixed into `MainScreen`. Textual calls the `on_*` handlers of every class
in a screen's MRO, so its `on_mount`, `on_unmount`, `on_corpus_loaded` and `on_note_saved`
run beside the screen's own without the screen calling them.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.article import Article
from reader.ui.messages import CorpusLoaded, NoteSaved
from reader.ui.widgets.article_list import ArticleList, article_prompt
from reader.ui.widgets.article_view import ArticleView, Highlight

if TYPE_CHECKING:  # the store, the pane and the picker load after the first frame
    from reader.core.notes import Note, NotesStore, PlacedNote
    from reader.ui.widgets.notes_pane import NotesPane, NoteTarget
    from reader.ui.widgets.passage_picker import Passage, PassagePicker


class NotesFeatures:
    """Notes on the main screen: `e` edits, `m` picks a passage, `ctrl+n` lists every note."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes_error: str | None = None
        """Why the notes store could not be opened, while it cannot."""
        self._note_counts: Counter[str] = Counter()
        self._placed: dict[str, list[PlacedNote]] = {}
        self._picking: Passage | None = None
        self._note_cursor: PlacedNote | None = None

    # The store

    def open_notes_store(self) -> None:
        """Open the notes store and count the notes per article (marks in the list)."""
        from reader.core.notes import NotesError, NotesStore

        try:
            store = NotesStore.open()
        except NotesError as error:
            self.notes_error = str(error)
            self.notify(
                f"{error}. Reading works; a note typed now stays in the editor and is retried.",
                title="Notes are not available",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.notes_store = store
        if not self.is_loading:  # loaded before the store opened: re-attach moved notes now
            store.sync_articles(self.corpus.articles)
        if store.recovery_message:
            self.notify(
                store.recovery_message,
                title="The notes store was damaged",
                severity="warning",
                timeout=20,
                markup=False,
            )
        self._refresh_note_views(self._count_notes())

    def _store_or_reason(self) -> NotesStore | str:
        """The open store; when it could not be opened, try again (the folder may be fixed)."""
        from reader.core.notes import NotesError, NotesStore

        if self.notes_store is None:
            try:
                self.notes_store = NotesStore.open()
            except NotesError as error:
                self.notes_error = str(error)
                return str(error)
            self.notes_error = None
            self._count_notes()
        return self.notes_store

    def on_unmount(self) -> None:
        self.save_notes_now()
        if self.notes_store is not None:
            self.notes_store.close()
            self.notes_store = None

    def save_notes_now(self) -> bool:
        """Save the note being edited, synchronously; True when nothing is left unsaved."""
        return self.notes_pane is None or self.notes_pane.save_now()

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        # Notes whose article now loads from another path are re-attached to it.
        if message.generation == self._generation and self.notes_store is not None:
            self.notes_store.sync_articles(self.corpus.articles)

    # Marks and highlights

    def _count_notes(self) -> set[str]:
        """Count notes per article; return the ids whose count changed."""
        if self.notes_store is None:
            return set()
        counts = Counter(note.article_id for note in self.notes_store.notes())
        changed = {
            article_id
            for article_id in set(counts) | set(self._note_counts)
            if counts[article_id] != self._note_counts[article_id]
        }
        self._note_counts = counts
        return changed

    def _note_marks(self, article: Article) -> str:
        """The list row's mark for an article with notes: ✎ and how many."""
        count = self._note_counts.get(article.id, 0)
        return f"✎ {count}" if count else ""

    def _placed_for(self, article: Article) -> list[PlacedNote]:
        placed = self._placed.get(article.id)
        if placed is None:
            placed = self.notes_store.placed_notes(article) if self.notes_store else []
            self._placed[article.id] = placed
        return placed

    def _note_highlights(self, article: Article) -> list[Highlight]:
        """Passage notes, the passage being chosen and the passage note moved to."""
        highlights = [
            Highlight(p.span[0], p.span[1], "article-view--note")
            for p in self._placed_for(article)
            if p.span is not None
        ]
        cursor = self._note_cursor
        if cursor is not None and cursor.span and cursor.note.article_id == article.id:
            highlights.append(Highlight(*cursor.span, "article-view--note-current"))
        chosen: tuple[int, int] | None = None
        picker, pane = self.passage_picker, self.notes_pane
        if self._picking is not None and picker is not None and picker.article is article:
            chosen = (self._picking.start, self._picking.end)
        target = pane.target if pane is not None else None
        if (
            chosen is None
            and pane is not None
            and pane.is_open
            and target is not None
            and target.note is None
            and target.anchor is not None
            and target.article.id == article.id
        ):
            chosen = (target.anchor.start, target.anchor.end)
        if chosen is not None:
            highlights.append(Highlight(*chosen, "article-view--selection"))
        return highlights

    def _notes_pane(self) -> NotesPane:
        """The notes pane, for what runs once the panels are mounted."""
        assert self.notes_pane is not None
        return self.notes_pane

    def _refresh_note_views(self, article_ids: set[str]) -> None:
        article_list = self.query_one(ArticleList)
        for article_id in article_ids:
            article = self.corpus.get(article_id)
            if article is not None and article_list.position_of(article_id) is not None:
                article_list.replace_option_prompt(
                    article_id, article_prompt(article, *self._describe(article))
                )
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.set_highlights(self._highlights(view.article))

    def on_note_saved(self, message: NoteSaved) -> None:
        from reader.core.notes import PlacedNote

        self._placed.pop(message.note.article_id, None)
        cursor = self._note_cursor
        if cursor is not None and cursor.note.id == message.note.id:
            self._note_cursor = (
                None if message.note.deleted else PlacedNote(message.note, cursor.span)
            )
        self._refresh_note_views(self._count_notes())
        if self.notes_pane is not None:
            self.notes_pane.reload(message.note)

    # Following the article

    def _notes_follow(self, article: Article) -> None:
        """A new article is shown: the open pane saves and moves to its note."""
        self._note_cursor = None
        picker = self.passage_picker
        if picker is not None and picker.article is not None:
            picker.end()
            self._picking = None
        pane = self.notes_pane
        if pane is not None and pane.is_open:
            pane.open(self._article_note_target(article), focus=False)

    def _article_note_target(self, article: Article) -> NoteTarget:
        from reader.ui.widgets.notes_pane import NoteTarget

        note = self.notes_store.article_note(article.id) if self.notes_store else None
        return NoteTarget(article, note)

    # Actions

    def action_edit_notes(self) -> None:
        """Open the notes pane on this article's note (or the passage note moved to)."""
        self.after_panels(self._edit_notes)

    def _edit_notes(self) -> None:
        from reader.ui.widgets.notes_pane import NoteTarget

        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            self.notify("Open an article first (enter).", markup=False)
            return
        cursor = self._note_cursor
        if cursor is not None and cursor.note.article_id == article.id:
            target = NoteTarget(article, cursor.note, cursor.note.anchor)
        else:
            target = self._article_note_target(article)
        self._notes_pane().open(target, focus=True)

    def on_notes_pane_closed(self, message: NotesPane.Closed) -> None:
        self._note_cursor = None
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.set_highlights(self._highlights(view.article))
        view.focus()

    def action_mark_passage(self) -> None:
        """Choose a passage, starting at the sentence at the cursor, to write a note on."""
        self.after_panels(self._mark_passage)

    def _mark_passage(self) -> None:
        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            self.notify("Open an article first (enter).", markup=False)
            return
        if view.show_raw:
            view.set_raw(False)
        if self._mention_cursor is not None:
            offset = self._mention_cursor.start
        elif self._note_cursor is not None and self._note_cursor.span:
            offset = self._note_cursor.span[0]
        else:
            offset = view.top_offset or 0
        picker = self.passage_picker
        assert picker is not None  # called once the panels are mounted
        if not picker.begin(article, offset):
            self.notify("This article has no text to choose from.", markup=False)

    def on_passage_picker_changed(self, message: PassagePicker.Changed) -> None:
        self._picking = message.passage
        view = self.query_one(ArticleView)
        if view.article is None:
            return
        view.set_highlights(self._highlights(view.article))
        line = view.line_of_offset(message.passage.start)
        top, height = int(view.scroll_y), view.scrollable_content_region.height
        if line is not None and not top <= line < top + max(1, height - 1):
            view.scroll_to_offset(message.passage.start)

    def on_passage_picker_chosen(self, message: PassagePicker.Chosen) -> None:
        from reader.core.anchor import anchor
        from reader.ui.widgets.notes_pane import NoteTarget

        self._picking = None
        passage = message.passage
        found = anchor(message.article.text, passage.start, passage.end)
        self._notes_pane().open(NoteTarget(message.article, None, found), focus=True)
        self.query_one(ArticleView).set_highlights(self._highlights(message.article))

    def on_passage_picker_cancelled(self, message: PassagePicker.Cancelled) -> None:
        self._picking = None
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.set_highlights(self._highlights(view.article))
        view.focus()

    def action_next_note(self) -> None:
        """Move to the next passage note in the article and show it."""
        self._jump_to_note(forward=True)

    def action_previous_note(self) -> None:
        """Move to the previous passage note in the article and show it."""
        self._jump_to_note(forward=False)

    def _jump_to_note(self, *, forward: bool) -> None:
        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            self.notify("Open an article first (enter).", markup=False)
            return
        placed = [p for p in self._placed_for(article) if p.span is not None]
        if not placed:
            self.notify("No passage notes in this article (m writes one).", markup=False)
            return
        cursor = self._note_cursor
        if cursor is not None and cursor.span is not None:
            here = cursor.span[0]
        else:
            here = (view.top_offset or 0) - 1 if forward else len(article.text)
        starts = [p.span[0] for p in placed if p.span]
        if forward:
            after = [p for p, s in zip(placed, starts, strict=True) if s > here]
            found = after[0] if after else placed[0]
        else:
            before = [p for p, s in zip(placed, starts, strict=True) if s < here]
            found = before[-1] if before else placed[-1]
        self.show_placed_note(article, found)

    def show_placed_note(self, article: Article, placed: PlacedNote) -> None:
        """Scroll to a passage note, mark it and show its note in the pane."""
        self.after_panels(partial(self._show_placed_note, article, placed))

    def _show_placed_note(self, article: Article, placed: PlacedNote) -> None:
        from reader.ui.widgets.notes_pane import NoteTarget

        view = self.query_one(ArticleView)
        self._note_cursor = placed
        if view.show_raw:
            view.set_raw(False)
        if placed.span is not None:
            view.scroll_to_offset(placed.span[0])
        if self._notes_pane().open(
            NoteTarget(article, placed.note, placed.note.anchor), focus=False
        ):
            view.focus()
        view.set_highlights(self._highlights(article))

    def show_note(self, note: Note) -> None:
        """Open a note's article at its passage and show the note (from the Notes view)."""
        self.after_panels(partial(self._show_note, note))

    def _show_note(self, note: Note) -> None:
        from reader.ui.widgets.notes_pane import NoteTarget

        article = self.corpus.get(note.article_id)
        if article is None:
            return
        if note.kind == "passage":
            placed = next((p for p in self._placed_for(article) if p.note.id == note.id), None)
            if placed is not None:
                self._show_placed_note(article, placed)
                return
        self._notes_pane().open(NoteTarget(article, note, note.anchor), focus=False)

    def action_show_notes(self) -> None:
        """List every note across the corpus, with the tags."""
        from reader.ui.screens.notes import NotesScreen

        self.save_notes_now()
        store = self._store_or_reason()
        if isinstance(store, str):
            self.notify(store, title="Notes are not available", severity="error", markup=False)
            return
        self.app.push_screen(NotesScreen(store, self.corpus))

    def filter_by_tag(self, tag: str) -> None:
        """Narrow the article list to articles with a note carrying `#tag`."""
        if self.notes_store is None:
            return
        ids = frozenset(self.notes_store.article_ids_by_tag(tag))
        self.articles = self.articles.filtered(f"tag: #{tag}", ids)
        self._show_filtered()

    # Export and import

    def export_notes(self, output_format: str) -> Path | None:
        """Write every note to a new file in the data dir's exports folder; notify its path."""
        from reader.core.export import export_json_text, export_markdown, write_atomic
        from reader.locations import data_dir

        self.save_notes_now()
        store = self._store_or_reason()
        if isinstance(store, str):
            self.notify(store, title="Notes not exported", severity="error", markup=False)
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        suffix = "md" if output_format == "md" else "json"
        path = data_dir() / "exports" / f"notes-{stamp}.{suffix}"
        try:
            text = export_markdown(store) if suffix == "md" else export_json_text(store) + "\n"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        except OSError as error:
            self.notify(
                f"Cannot write {path}: {error.strerror or error}",
                title="Notes not exported",
                severity="error",
                markup=False,
            )
            return None
        self.notify(f"Notes exported to {path}", title="Notes", markup=False, timeout=10)
        return path

    def ask_import_notes(self) -> None:
        """Ask for a JSON export's path, then merge it into the notes."""
        from reader.ui.screens.path_prompt import PathPrompt

        def chosen(path: str | None) -> None:
            if path:
                self.import_notes(Path(path).expanduser())

        self.app.push_screen(
            PathPrompt("Import notes from a JSON export (belreader notes export --format json)"),
            chosen,
        )

    def import_notes(self, path: Path) -> bool:
        """Merge a JSON export into the notes; tell the user what changed."""
        from reader.core.export import ImportFormatError, import_json
        from reader.core.notes import Failed

        store = self._store_or_reason()
        if isinstance(store, str):
            self.notify(store, title="Notes not imported", severity="error", markup=False)
            return False
        try:
            text = path.read_text(encoding="utf-8")
            report = import_json(store, text)
        except (OSError, UnicodeDecodeError, ImportFormatError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.notify(
                f"Cannot import {path}: {reason or error}",
                title="Notes not imported",
                severity="error",
                markup=False,
            )
            return False
        if isinstance(report, Failed):
            self.notify(f"NOT IMPORTED: {report.reason}", severity="error", markup=False)
            return False
        self._placed.clear()
        for note in store.notes():
            self.post_message(NoteSaved(note))
        self.notify(
            f"Imported {path}: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.kept_both} changed on both sides "
            "(yours kept, theirs in history).",
            title="Notes",
            markup=False,
        )
        return True
