"""The search panel: a box, a line saying what was found, and the results below.

The panel owns the search index and runs every search in a worker, so typing never waits
for an answer: each keystroke bumps a generation counter, and answers to older keystrokes
are dropped when they arrive. The index is touched by one worker at a time (a lock), never
by the UI thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.types import NoActiveAppError
from textual.widgets import Input, Label, OptionList
from textual.worker import get_current_worker

from reader.core.actors import CorpusMentions
from reader.core.article import Article
from reader.core.cache import CorpusCache
from reader.core.notes import Note, NotesStore
from reader.core.settings import Settings, save_settings, with_recent_query
from reader.ui.messages import (
    SearchAnswered,
    SearchIndexProgress,
    SearchIndexReady,
    SearchMatchesFound,
)
from reader.ui.widgets.search_box import SearchBox
from reader.ui.widgets.search_results import SearchResultList

if TYPE_CHECKING:  # the search core loads in the worker that first builds the index
    from reader.core.search import (
        ActorResolver,
        NoteDocument,
        Searcher,
        SearchIndex,
        SearchResult,
        SearchResults,
    )

RESULT_LIMIT = 50
"""How many results are listed at most."""

ARTICLE_MATCHES_LIMIT = 1
"""Results asked for when finding matches in one article (there is only one)."""

PREVIEW_DELAY = 0.1
"""Seconds the cursor rests on a result before its article is previewed."""

HINT = (
    'words (typos forgiven) · "a phrase" · \'exact · -not · a | b · actor:Putin · '
    "source: · title: · date:2022-12..2023-02 · note: · tag:"
)
"""What the status line says before anything is typed."""


def note_document(note: Note) -> NoteDocument:
    """A stored note as the search index reads it."""
    from reader.core.search import NoteDocument

    return NoteDocument(note.id, note.article_id, note.body, tuple(note.tags))


class SearchPanel(Vertical):
    """Search across the corpus and notes (or one article), with results as you type."""

    DEFAULT_CSS = """
    SearchPanel {
        display: none;
        width: 50%;
        min-width: 34;
        max-width: 100;
        height: 1fr;
        border-right: vkey $panel-lighten-2;
    }
    SearchPanel.-open { display: block; }
    SearchPanel > SearchBox { border: tall $accent; }
    SearchPanel > SearchBox:focus { border: tall $accent; }
    SearchPanel > #search-status {
        width: 1fr;
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    SearchPanel > #search-status.-error { color: $text-error; text-style: bold; }
    """

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Close search",
            id="search.close",
            tooltip="Close the search box (the matches stay highlighted until escape again)",
        ),
        Binding(
            "ctrl+t",
            "toggle_scope",
            "All / this article",
            id="search.scope",
            tooltip="Search the whole corpus and notes, or only the open article",
        ),
    ]

    @dataclass
    class Chosen(Message):
        """The user chose a result (enter)."""

        result: SearchResult
        """The result."""
        query: str
        """The query that found it."""

    @dataclass
    class Previewed(Message):
        """The cursor rested on a result in the list."""

        result: SearchResult
        """The result under the cursor."""
        query: str
        """The query that found it."""

    class Closed(Message):
        """The search box was closed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: SearchIndex | None = None
        """The index searched, once built."""
        self.articles: dict[str, Article] = {}
        """The articles indexed, by id, for showing results."""
        self.scope_article: Article | None = None
        """The one article searched, or None for the whole corpus and notes."""
        self.current_article: Article | None = None
        """The article open when the panel was opened (what the scope toggle narrows to)."""
        self.answer: SearchResults | None = None
        """The last answer shown."""
        self._searcher: Searcher | None = None
        self._actors: tuple[CorpusMentions, ActorResolver | None] | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self._index_generation = 0
        self._progress: tuple[int, int] | None = None
        self._notes_waiting: list[Note] = []
        self._notes_queue: list[Note] = []
        self._preview_timer: Timer | None = None
        self._settings_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder="type to search…", id="search-box")
        yield Label(id="search-status", markup=False)
        yield SearchResultList(id="search-results")

    def on_mount(self) -> None:
        if not self.children:  # mounted as the app closed: its parts have gone already
            return
        settings = self._settings
        if settings is not None:
            # The settings file may have been edited by hand: no control characters in the box.
            recent = [query for query in settings.recent_queries if query.isprintable()]
            self.query_one(SearchBox).recent = recent
        self._show_scope()
        self._show_status()

    @property
    def _settings(self) -> Settings | None:
        settings = getattr(self.app, "settings", None)
        return settings if isinstance(settings, Settings) else None

    @property
    def is_open(self) -> bool:
        """Whether the panel is shown."""
        return self.has_class("-open")

    @property
    def query_text(self) -> str:
        """What is typed in the box ("" once the app closing has taken the box away)."""
        boxes = self.query(SearchBox)
        return boxes.first().value if boxes else ""

    # Opening and closing

    def open(self, current_article: Article | None) -> None:
        """Show the panel and move into the box, all its text selected for retyping."""
        self.current_article = current_article
        if self.scope_article is not None and current_article is not None:
            self.scope_article = current_article  # the scope follows the open article
        elif current_article is None:
            self.scope_article = None
        self._show_scope()
        self.add_class("-open")
        box = self.query_one(SearchBox)
        # At once, not after the keys already queued (as focus() would): they are the query.
        self.screen.set_focus(box)
        box.select_all()
        self._search()

    def action_close(self) -> None:
        """Hide the panel, remembering the query if it found something."""
        answer = self.answer
        # Closing on a half-typed word that found nothing should not crowd the recent list.
        if answer is not None and answer.query == self.query_text and answer.total:
            self._remember(self.query_text)
        self.remove_class("-open")
        self.post_message(self.Closed())

    def action_toggle_scope(self) -> None:
        """Search only the open article, or everything again."""
        if self.scope_article is None:
            if self.current_article is None:
                self.notify("Open an article first to search within it.", markup=False)
                return
            self.scope_article = self.current_article
        else:
            self.scope_article = None
        self._show_scope()
        self._search()

    def _show_scope(self) -> None:
        box = self.query_one(SearchBox)
        if self.scope_article is None:
            box.border_title = Content("Search: all articles and notes")
            box.border_subtitle = Content("ctrl+t: this article")
        else:
            box.border_title = Content("Search: this article")
            box.border_subtitle = Content("ctrl+t: all")

    # The index

    def build_index(
        self,
        articles: Sequence[Article],
        *,
        notes_store: NotesStore | None,
        cache: CorpusCache | None = None,
    ) -> None:
        """Start building the index of these articles (and the store's notes) in a worker.

        With a cache, an index saved by an earlier run of the same corpus is loaded instead.
        Actors come later, with `set_actors`: text search is ready before they are matched.
        """
        self._index_generation += 1
        self.index = None
        self._searcher = None
        self._actors = None
        self._notes_waiting.clear()
        self.articles = {article.id: article for article in articles}
        self._progress = (0, len(articles))
        self._show_status()
        self._build_worker(list(articles), notes_store, cache, self._index_generation)

    def set_actors(self, mentions: CorpusMentions, resolver: ActorResolver | None) -> None:
        """Use the corpus's actor mentions for `actor:` (now, or once the index is ready)."""
        self._actors = (mentions, resolver)
        if self.index is not None:
            self._actors_worker(self.index, mentions, resolver)

    @work(thread=True, group="search-actors", description="_actors_worker")
    def _actors_worker(
        self, index: SearchIndex, mentions: CorpusMentions, resolver: ActorResolver | None
    ) -> None:
        # Under the search lock (a search may be running): off the UI thread.
        with self._lock:
            index.set_actors(mentions.by_article, resolver)
        self.app.call_from_thread(self._on_notes_applied)

    def _apply_actors(self) -> None:
        """Give a new index the actors that came before it (no search runs on it yet)."""
        if self.index is not None and self._actors is not None:
            mentions, resolver = self._actors
            self.index.set_actors(mentions.by_article, resolver)

    def _tell(self, message: Message) -> None:
        """Post a worker's message, unless the app has closed meanwhile (none is left to tell).

        A thread worker finds its app by walking up from this panel, which the closing app
        may already have taken out of the screen.
        """
        with contextlib.suppress(NoActiveAppError):
            self.post_message(message)

    @work(thread=True, exclusive=True, group="index", description="_build_worker")
    def _build_worker(
        self,
        articles: list[Article],
        notes_store: NotesStore | None,
        cache: CorpusCache | None,
        generation: int,
    ) -> None:
        from reader.core.search import SearchIndex  # here, off the UI thread, not at start-up

        worker = get_current_worker()
        notes = (
            [note_document(note) for note in notes_store.notes()] if notes_store is not None else []
        )
        total = len(articles) + len(notes)
        self._tell(SearchIndexProgress(0, total, generation))

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self._tell(SearchIndexProgress(done, total, generation))

        if cache is not None:
            index = cache.search_index(articles, notes=notes, progress=progress)
        else:
            index = SearchIndex.build(articles, notes=notes, progress=progress)
        if not worker.is_cancelled:
            self._tell(SearchIndexReady(index, generation))

    @on(SearchIndexProgress)
    def _on_index_progress(self, message: SearchIndexProgress) -> None:
        # Not stopped: the screen shows the same progress in the status bar.
        if message.generation == self._index_generation and self.index is None:
            self._progress = (message.done, message.total)
            self._show_status()

    @on(SearchIndexReady)
    def _on_index_ready(self, message: SearchIndexReady) -> None:
        if message.generation != self._index_generation:
            return
        self.index = message.index
        self._apply_actors()
        from reader.core.search import Searcher  # loaded already: the index was built

        self._searcher = Searcher(message.index)
        self._progress = None
        if self._notes_waiting:
            self._notes_queue.extend(self._notes_waiting)
            self._notes_waiting.clear()
            self._apply_notes_worker()
        self._search()

    def update_note(self, note: Note) -> None:
        """Index a saved note again (or forget a deleted one), off the UI thread."""
        if self.index is None:
            # Still building: the store was read at the start, so apply this when ready.
            self._notes_waiting.append(note)
            return
        self._notes_queue.append(note)
        self._apply_notes_worker()

    @work(thread=True, group="search-notes", description="_apply_notes_worker")
    def _apply_notes_worker(self) -> None:
        index = self.index
        if index is None:
            return
        changed = False
        with self._lock:
            # Saves are applied in the order they came, whichever worker drains them.
            while self._notes_queue:
                note = self._notes_queue.pop(0)
                if note.deleted:
                    index.remove_note(note.id)
                else:
                    index.add_note(note_document(note))
                changed = True
        if changed:
            self.app.call_from_thread(self._on_notes_applied)

    def _on_notes_applied(self) -> None:
        if self.is_open and self.query_text.strip():
            self._search()

    # Searching

    @on(Input.Changed, "#search-box")
    def _on_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search()

    def _search(self) -> None:
        """Search for what is typed, in a worker; older answers are dropped."""
        self._generation += 1
        if not self.children:  # the closing app has taken the box and the list away
            return
        text = self.query_text
        searcher = self._searcher
        if not text.strip():
            self.answer = None
            self.query_one(SearchResultList).show_results((), self.articles)
            self._show_status()
            return
        if searcher is None:
            self._show_status()
            return
        scope = self.scope_article.id if self.scope_article is not None else None
        self._search_worker(searcher, text, scope, self._generation)

    @work(thread=True, exclusive=True, group="search", description="_search_worker")
    def _search_worker(
        self, searcher: Searcher, text: str, scope: str | None, generation: int
    ) -> None:
        worker = get_current_worker()
        with self._lock:
            if worker.is_cancelled:
                return  # a newer keystroke is waiting for the lock: let it go first
            found = searcher.search(text, RESULT_LIMIT, scope=scope)
        if not worker.is_cancelled:
            self._tell(SearchAnswered(found, generation))

    @on(SearchAnswered)
    def _on_answered(self, message: SearchAnswered) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self.answer = message.results
        results = self.query_one(SearchResultList)
        results.show_results(message.results.results, self.articles)
        self._show_status()

    def _show_status(self) -> None:
        labels = self.query("#search-status").results(Label)
        label = next(labels, None)
        if label is None:  # the app is closing and the panel's children have gone
            return
        answer = self.answer
        text = self.query_text.strip()
        error = False
        if self._searcher is None:
            if self._progress is None:
                words = "search starts once the articles are loaded and indexed…"
            else:
                done, total = self._progress
                words = f"indexing… {done}/{total}"
        elif not text:
            words = HINT
        elif answer is None or answer.query != self.query_text:
            words = "searching…"
        elif answer.error is not None:
            words = f"⚠ {answer.error}"
            error = True
        else:
            count = answer.total
            more = "" if answer.total_is_exact else " at most"
            noun = "result" if count == 1 else "results"
            parts = [f"{count}{more} {noun}"]
            if count > len(answer.results):
                parts[0] += f" (best {len(answer.results)} shown)"
            if self.scope_article is not None:
                parts.append("in this article")
            parts.extend(answer.notices)
            words = " · ".join(parts)
        label.set_class(error, "-error")
        label.update(Content(words))

    # Choosing and previewing

    @on(Input.Submitted, "#search-box")
    def _on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(SearchResultList)
        result = results.highlighted_result
        if result is None:
            if self.answer is not None and self.answer.error is not None:
                self.app.bell()
            elif self.query_text.strip():
                self.notify("Nothing to open: no result (yet).", markup=False, timeout=2)
            return
        self._choose(result)

    @on(OptionList.OptionSelected, "#search-results")
    def _on_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        result = self.query_one(SearchResultList).highlighted_result
        if result is not None:
            self._choose(result)

    def _choose(self, result: SearchResult) -> None:
        self._remember(self.query_text)
        self.post_message(self.Chosen(result, self.query_text))

    @on(OptionList.OptionHighlighted, "#search-results")
    def _on_result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        results = self.query_one(SearchResultList)
        if not results.has_focus:
            return  # a new answer moved the cursor, not the user
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview)

    def _preview(self) -> None:
        self._preview_timer = None
        result = self.query_one(SearchResultList).highlighted_result
        if result is not None:
            self.post_message(self.Previewed(result, self.query_text))

    # Matches in one article, for n / N

    def find_matches(
        self, article_id: str, query: str, *, jump: bool, forward: bool = True
    ) -> bool:
        """Find a query's matches in one article in a worker; False if there is no index."""
        if self._searcher is None:
            return False
        self._matches_worker(self._searcher, article_id, query, jump, forward)
        return True

    @work(thread=True, exclusive=True, group="search-matches", description="_matches_worker")
    def _matches_worker(
        self, searcher: Searcher, article_id: str, query: str, jump: bool, forward: bool
    ) -> None:
        with self._lock:
            found = searcher.search(query, ARTICLE_MATCHES_LIMIT, scope=article_id)
        matches = found.results[0].matches if found.results else ()
        spans = tuple((match.start, match.end) for match in matches)
        self._tell(SearchMatchesFound(article_id, query, spans, jump, forward))

    # Recent queries

    def _remember(self, query: str) -> None:
        """Put a query first among the recent ones, and save them off the UI thread."""
        if not query.strip() or (self.answer is not None and self.answer.error is not None):
            return
        box = self.query_one(SearchBox)
        box.recent = with_recent_query(box.recent, query)
        settings = self._settings
        if settings is None or settings.recent_queries == box.recent:
            return
        settings.recent_queries = list(box.recent)
        self._save_settings_worker(Settings(**asdict(settings)))

    @work(thread=True, group="search-settings", description="_save_settings_worker")
    def _save_settings_worker(self, snapshot: Settings) -> None:
        with self._settings_lock:
            try:
                save_settings(snapshot)
            except OSError as error:
                self.app.call_from_thread(
                    self.notify,
                    f"Recent searches not remembered: {error}",
                    severity="warning",
                    markup=False,
                )
