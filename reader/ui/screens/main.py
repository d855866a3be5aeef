"""The main screen: the article list, the article, and the actor panel."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList
from textual.worker import get_current_worker

from reader.core import collector
from reader.core.article import Article
from reader.core.articles import SORT_ORDERS, Articles, SortOrder
from reader.core.background import FIRST_ITEMS, BackgroundLoad
from reader.core.corpus import Corpus, Problem, count_article_files, iter_load
from reader.ui.kinds import component
from reader.ui.messages import (
    ActorsMatched,
    ActorsProgress,
    CacheNotice,
    CorpusLoaded,
    CorpusProgress,
)
from reader.ui.screens.main_notes import NotesFeatures
from reader.ui.screens.main_search import SearchFeatures
from reader.ui.screens.main_views import CorpusViews
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView, Highlight
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:  # actors, notes and the panels load once the first frame is out
    from reader.core.actors import CorpusMentions, Mention
    from reader.core.cache import CorpusCache
    from reader.core.gazetteer import Gazetteer
    from reader.core.match_process import MatchProcess
    from reader.core.notes import NotesStore
    from reader.ui.widgets.actor_panel import ActorPanel
    from reader.ui.widgets.notes_pane import NotesPane
    from reader.ui.widgets.passage_picker import PassagePicker
    from reader.ui.widgets.search_panel import SearchPanel

BATCH_SECONDS = 0.05
"""How often the loading worker reports at first, so the first screenful fills smoothly."""
LATER_BATCH_SECONDS = 0.4
"""How often it reports after the first second: each report redraws the list and status
(15-25 ms of the UI thread), and 20 a second took a third of a cold 10k load's time."""
FAST_REPORTS_FOR = 1.0
"""Seconds of loading reported at `BATCH_SECONDS`."""


def report_every(elapsed: float) -> float:
    """How long the loading worker waits between reports, `elapsed` seconds into a load."""
    return BATCH_SECONDS if elapsed < FAST_REPORTS_FOR else LATER_BATCH_SECONDS


EXIT_AFTER_LIST_ENV = "BELREADER_EXIT_AFTER_LIST"
"""When set, the app quits as soon as the list first shows articles (for startup benchmarks)."""


class MainScreen(NotesFeatures, CorpusViews, SearchFeatures, Screen[None]):
    """Owns the corpus, its actors and the current view; widgets only show what they are given."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns the side panels take the list's place rather than squeeze the text."""

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort", id="main.sort",
                tooltip="Cycle the list's order: date, title, source, timeline (oldest first)"),
        Binding("r", "toggle_raw", "Raw", id="main.raw",
                tooltip="Show the raw source text of the article, or the clean view"),
        Binding("p", "show_problems", "Problems", id="main.problems",
                tooltip="Files that were skipped and problems in actors files"),
        Binding("escape", "back_to_list", "Back", show=False, id="main.back",
                tooltip="Back to the article list"),
        Binding("a", "toggle_actors", "Actors", id="main.actors",
                tooltip="Show or hide the actor panel"),
        Binding("f", "filter_by_actor", "Filter", id="main.filter",
                tooltip="Show only articles that mention the selected actor (again: AND)"),
        Binding("F", "clear_filters", "Clear filters", show=False, id="main.clear_filters",
                tooltip="Show every article again"),
        Binding("A", "show_candidates", "Candidates", show=False, id="main.candidates",
                tooltip="Names that look like actors but are not known yet: promote or dismiss"),
        Binding("right_square_bracket", "next_mention", "Next mention", show=False,
                key_display="]", id="main.next_mention",
                tooltip="Jump to the selected actor's next mention in the article"),
        Binding("left_square_bracket", "previous_mention", "Previous mention", show=False,
                key_display="[", id="main.previous_mention",
                tooltip="Jump to the selected actor's previous mention in the article"),
        Binding("e", "edit_notes", "Notes", show=False, id="main.edit_notes",
                tooltip="Edit this article's notes (escape: back to reading)"),
        Binding("m", "mark_passage", "Note on passage", show=False, id="main.mark_passage",
                tooltip="Choose a passage from the sentence at the cursor; write a note on it"),
        Binding("}", "next_note", "Next note", show=False, id="main.next_note",
                tooltip="Move to the next passage note and show it"),
        Binding("{", "previous_note", "Previous note", show=False, id="main.previous_note",
                tooltip="Move to the previous passage note and show it"),
        Binding("ctrl+n", "show_notes", "All notes", show=False, id="main.show_notes",
                tooltip="Every note across the corpus, with tags and history"),
        Binding("d", "open_dossier", "Dossier", show=False, id="main.dossier",
                tooltip="The selected actor's dossier: articles, quotes, companions, timeline"),
        Binding("Q", "show_quotes", "Quotes", show=False, id="main.quotes",
                tooltip="Every quote of the corpus by date: filter, open, export"),
        Binding("o", "show_cooccurrence", "Pairs", show=False, id="main.cooccurrence",
                tooltip="The pairs of actors named together most often, with their passages"),
        Binding("slash", "search", "Search", key_display="/", id="main.search",
                tooltip="Search articles and notes as you type (typos forgiven)"),
        Binding("n", "next_match", "Next match", show=False, id="main.next_match",
                tooltip="Go to the search's next match in the article"),
        Binding("N", "previous_match", "Previous match", show=False, id="main.previous_match",
                tooltip="Go to the search's previous match in the article"),
    ]  # fmt: skip

    def __init__(
        self,
        paths: list[Path],
        *,
        load: BackgroundLoad | None = None,
        startup: collector.Hold | None = None,
    ) -> None:
        """Show the articles under `paths`.

        Args:
            paths: Article files or folders.
            load: Their load, already started (else the screen starts it when mounted).
            startup: The collector's pause over start-up, released once the rows are shown.
        """
        super().__init__(classes=self._breakpoint_class())
        self.paths = paths
        self._load: BackgroundLoad | None = load
        self._startup = startup
        self.corpus = Corpus()
        self.articles = Articles()
        self.is_loading = True
        self.gazetteer: Gazetteer | None = None
        self._all_mentions: CorpusMentions | None = None
        self._mentions: CorpusMentions | None = None
        self.selected_actor_id: str | None = None
        self._filter_actor_ids: list[str] = []
        self._mention_cursor: Mention | None = None
        self._generation = 0
        self._actors_matching: tuple[int, int] | None = None
        """(articles matched, in all) while actors are being matched."""
        self._match_process: MatchProcess | None = None
        """The helper process parsing files and matching actors for a large cold load."""
        self._preview_timer: Timer | None = None
        self._exit_after_list = bool(os.environ.get(EXIT_AFTER_LIST_ENV))
        self.notes_store: NotesStore | None = None
        """The open notes store, once opened (None if it could not be)."""
        self.cache: CorpusCache | None = None
        """The cache of parsed articles, names and indexes, opened by the loading worker."""
        self.search_panel: SearchPanel | None = None
        """The search box and results (mounted, hidden, once the first frame is out)."""
        self.actor_panel: ActorPanel | None = None
        """The actors of the article or the corpus (mounted with the search panel)."""
        self.notes_pane: NotesPane | None = None
        """The notes editor under the article (mounted with the search panel)."""
        self.passage_picker: PassagePicker | None = None
        """Choosing a passage to write a note on (mounted with the search panel)."""
        self._finishing_started = False
        self._after_panels: list[Callable[[], object]] | None = []
        """What waits for the panels to be mounted; None once they are."""

    def _breakpoint_class(self) -> str:
        """The breakpoint class for the terminal's width, set before the first layout.

        Textual sets it again on the first resize; starting with the right one spares a
        restyle of every widget before the first frame.
        """
        try:
            width = self.app.size.width
        except RuntimeError:  # no running app (NoActiveAppError), as for a screen built alone
            return ""
        chosen = ""
        for least, name in self.HORIZONTAL_BREAKPOINTS:
            if width >= least:
                chosen = name
        return chosen

    def compose(self) -> ComposeResult:
        # Only what the first frame shows: the hidden panels are mounted once it is out.
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield Vertical(ArticleView(id="article-view"), id="reading")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).set_placeholder("Loading articles…")
        article_list = self.query_one(ArticleList)
        article_list.describe = self._describe
        article_list.focus()
        self._update_status()
        self.load_corpus()

    @property
    def panels_mounted(self) -> bool:
        """Whether the search and actor panels, the notes pane and the picker are mounted."""
        return self._after_panels is None

    def _first_rows_shown(self) -> None:
        """The list shows its first rows (or the load ended without any): finish the screen.

        The first frame holds only the list; the article under the cursor is shown in the
        next, and the hidden panels are mounted after that.
        """
        if self._finishing_started:
            return
        self._finishing_started = True
        self.call_after_refresh(self._finish_screen)

    def _finish_screen(self) -> None:
        if self._startup is not None:
            self._startup.release()
        if self._load is not None:
            self._load.resume()
        if self.corpus.articles:
            self._preview_highlighted()
        self.call_after_refresh(self._mount_panels)

    async def _mount_panels(self) -> None:
        """Mount the hidden panels and open the notes store, once the list is on screen.

        Twelve more widgets to compose and style, and the modules behind them, made the
        first frame half as slow again; none of them is seen before a key asks for it. They
        are mounted one by one, so keys pressed meanwhile are answered between them.
        """
        if self._exiting:
            return
        panes = self.query_one("#panes")
        from reader.ui.widgets.search_panel import SearchPanel

        self.search_panel = SearchPanel(id="search-panel")
        await panes.mount(self.search_panel, before=0)
        if self._exiting:
            return
        from reader.ui.widgets.actor_panel import ActorPanel

        self.actor_panel = ActorPanel(id="actor-panel")
        await panes.mount(self.actor_panel)
        if self._exiting:
            return
        from reader.ui.widgets.notes_pane import NotesPane
        from reader.ui.widgets.passage_picker import PassagePicker

        self.notes_pane = NotesPane(id="notes-pane")
        self.notes_pane.get_store = self._store_or_reason
        self.passage_picker = PassagePicker(id="passage-picker")
        await self.query_one("#reading").mount_all([self.passage_picker, self.notes_pane])
        if self._exiting:
            return
        self.open_notes_store()
        waiting, self._after_panels = self._after_panels or [], None
        self._fill_actor_panel()
        for callback in waiting:
            callback()

    @property
    def _exiting(self) -> bool:
        """Whether the app is closing (nothing more is mounted or started then)."""
        return self.app.return_code is not None

    async def wait_for_panels(self) -> None:
        """Return once the panels are mounted (at once if they are)."""
        if self._after_panels is None:
            return
        mounted = asyncio.Event()
        self._after_panels.append(mounted.set)
        await mounted.wait()

    def after_panels(self, callback: Callable[[], object]) -> None:
        """Call `callback` now if the panels are mounted, else as soon as they are."""
        if self._after_panels is None:
            callback()
        else:
            self._after_panels.append(callback)

    @property
    def all_mentions(self) -> CorpusMentions:
        """Every article's actor mentions, demonyms included (none until actors are matched)."""
        if self._all_mentions is None:
            self._all_mentions = _no_mentions()
        return self._all_mentions

    @all_mentions.setter
    def all_mentions(self, mentions: CorpusMentions) -> None:
        self._all_mentions = mentions

    @property
    def mentions(self) -> CorpusMentions:
        """The mentions highlighted: demonyms only if they are shown."""
        if self._mentions is None:
            self._mentions = _no_mentions()
        return self._mentions

    @mentions.setter
    def mentions(self, mentions: CorpusMentions) -> None:
        self._mentions = mentions

    @property
    def show_demonyms(self) -> bool:
        """Whether demonyms are highlighted (a remembered setting)."""
        return bool(getattr(self.app, "settings", None) and self.app.settings.show_demonyms)  # type: ignore[attr-defined]

    # Loading

    def load_corpus(self) -> None:
        """Start (or restart) loading the corpus: a thread loads, a worker reports batches.

        What the load has ready already is shown at once, so a load started before the
        interface was built puts its first rows in the first frame.
        """
        self._generation += 1
        self.corpus = Corpus()
        self.is_loading = True
        self._stop_match_process()
        if self._load is None or self._load.paths != self.paths or self._generation > 1:
            if self._load is not None:
                self._load.cancel()
            self._load = BackgroundLoad(self.paths, load_files=iter_load)
        ready = self._load.take_ready(limit=FIRST_ITEMS)
        articles = [item for item in ready if isinstance(item, Article)]
        problems = [item for item in ready if isinstance(item, Problem)]
        ignored = [item for item in ready if isinstance(item, str)]
        done = len(articles) + len(problems)
        if done:
            self._on_progress(CorpusProgress(articles, problems, done, 0, self._generation))
        self._load_worker(self._load, self._generation, done, ignored)

    def on_unmount(self) -> None:
        if self._load is not None:
            self._load.cancel()
        self._stop_match_process()

    @work(thread=True, exclusive=True, group="load", description="_load_worker")
    def _load_worker(
        self, load: BackgroundLoad, generation: int, done: int, ignored: list[str]
    ) -> None:
        """Report the load's items to the screen in batches (`done`: items shown already)."""
        worker = get_current_worker()
        load.opened.wait()
        if load.cache is not None:
            self.cache = load.cache
            self._report_cache_warnings(load.cache)
        paths = load.paths
        # The progress bar's total comes from a quick count, made once the first rows are on
        # their way (counting 50,000 names first would hold them back); until then it is
        # unknown (0). The load walks the folders itself, so the cache can read what it holds
        # under each folder at once.
        total = 0
        counted = False
        articles: list[Article] = []
        problems: list[Problem] = []
        started = time.monotonic()
        # The first article is reported at once (the first rows), unless some are shown.
        last_post = started if done else float("-inf")
        for item in load:
            if worker.is_cancelled:
                load.cancel()
                return
            if isinstance(item, Article):
                articles.append(item)
                done += 1
            elif isinstance(item, Problem):
                problems.append(item)
                done += 1
            else:
                ignored.append(item)
            now = time.monotonic()
            if now - last_post >= report_every(now - started) and (articles or problems):
                if counted:
                    total = max(total, done)
                self.post_message(CorpusProgress(articles, problems, done, total, generation))
                articles, problems = [], []
                if not counted:
                    total, counted = max(count_article_files(paths), done), True
                    if self._cold_and_large(load.cache, total, done):
                        # A helper parses from the last file backwards meanwhile (unless the
                        # app is quitting already).
                        with contextlib.suppress(RuntimeError):
                            self.app.call_from_thread(self._start_match_process, early=True)
                last_post = time.monotonic()
        self.post_message(CorpusProgress(articles, problems, done, done, generation))
        self.post_message(CorpusLoaded(generation, ignored))

    @on(CorpusProgress)
    def _on_progress(self, message: CorpusProgress) -> None:
        if message.generation != self._generation:
            return
        for article in message.articles:
            self.corpus.add(article)
        self.corpus.problems.extend(message.problems)
        self.articles = self.articles.with_articles(self.corpus.articles)
        article_list = self.query_one(ArticleList)
        first_rows = article_list.option_count == 0 and bool(self.corpus.articles)
        article_list.append_in_load_order(self.corpus.articles)
        self.query_one(StatusBar).show_progress(message.done, message.total)
        self._update_status()
        if first_rows:
            self._first_rows_shown()
            if self._exit_after_list:
                self._exit_once_drawn()

    def _exit_once_drawn(self) -> None:
        """Quit once the status bar has drawn the first count (for the start-up benchmark).

        A refresh asked for now may be painted a frame or two later: quitting after the next
        refresh could end the app before the rows ever reached the terminal.
        """
        status = self.query_one(StatusBar)
        if status.drawn_text == status.text:
            self.call_after_refresh(self.app.exit)
        else:
            self.set_timer(0.005, self._exit_once_drawn)

    @on(CorpusLoaded)
    def _on_loaded(self, message: CorpusLoaded) -> None:
        if message.generation != self._generation:
            return
        self.is_loading = False
        self.corpus.ignored = message.ignored
        self.query_one(ArticleList).show(self.articles)
        self.query_one(StatusBar).show_progress(1, 1)
        self._update_status()
        self._first_rows_shown()
        if not self.corpus.articles:
            self.query_one(ArticleView).set_placeholder(
                "No articles could be loaded. Press p to see why, or q to quit."
            )
        if self.corpus.problems:
            count = len(self.corpus.problems)
            self.notify(
                f"{count} file{'s' if count != 1 else ''} skipped: press p to see why.",
                title="Some files were not loaded",
                severity="warning",
                markup=False,
            )
        # Search first (a cached index loads in a second), then actors (highlights, `actor:`);
        # after a large cold load a helper process matches the actors meanwhile.
        self._actors_after_index = message.generation
        self._start_match_process()
        self.start_search_index()
        self._sort_every_order(self.articles, message.generation)

    @work(thread=True, exclusive=True, group="orders", description="_sort_every_order")
    def _sort_every_order(self, articles: Articles, generation: int) -> None:
        """Sort the loaded articles in every order now, so that `s` never waits on a sort."""
        articles.sort_every_order()
        self.app.call_from_thread(self._prepare_orders, articles, generation, list(SORT_ORDERS))

    def _prepare_orders(self, articles: Articles, generation: int, orders: list[SortOrder]) -> None:
        """Have the list work out its rows for each order, one order per idle moment."""
        if generation != self._generation or not orders:
            return
        # A timer may fire while the app shuts down, after the list has been removed.
        try:
            article_list = self.query_one(ArticleList)
        except NoMatches:
            return
        article_list.prepare(articles.sorted_by(orders[0]))
        self.set_timer(0.05, partial(self._prepare_orders, articles, generation, orders[1:]))

    def _open_cache(self) -> CorpusCache:
        """The screen's cache, opened on first use (from a worker: it may read the disk)."""
        if self.cache is None and self._load is not None:
            self._load.opened.wait()
            self.cache = self._load.cache
        if self.cache is None:
            from reader.core.cache import CorpusCache

            self.cache = CorpusCache.open()
        self._report_cache_warnings(self.cache)
        return self.cache

    def _report_cache_warnings(self, cache: CorpusCache) -> None:
        """Tell the user about a cache that was rebuilt or could not be used (from any thread)."""
        for warning in cache.warnings:
            self.post_message(CacheNotice(warning))
        cache.warnings.clear()

    @on(CacheNotice)
    def _on_cache_notice(self, message: CacheNotice) -> None:
        self.notify(message.text, title="Cache", severity="warning", markup=False)

    # Actors

    @staticmethod
    def _cold_and_large(cache: CorpusCache | None, total: int, done: int) -> bool:
        """Whether a load under way is of many files, most of them new to the cache."""
        from reader.core import match_process

        return (
            cache is not None
            and total >= match_process.MIN_ARTICLES
            and cache.stats["parsed"] * 2 >= done
        )

    def _start_match_process(self, *, early: bool = False) -> None:
        """Have a helper process parse files and match actors, if worth it (see `match_process`).

        Started early, while a large cold load is under way, it parses from the last file
        backwards; else only after a load that parsed many articles (on a warm start the
        names are cached).
        """
        from reader.core import match_process

        cache = self.cache
        if (
            self._match_process is not None
            or cache is None
            or not cache.enabled
            or cache.path is None
            or (not early and cache.stats["parsed"] < match_process.MIN_ARTICLES)
        ):
            return
        try:
            self._match_process = match_process.MatchProcess(self.paths, cache.path)
        except OSError:
            self._match_process = None  # the reader matches them itself, as it always could

    def _stop_match_process(self) -> None:
        helper, self._match_process = self._match_process, None
        if helper is not None:
            helper.stop()

    @work(thread=True, exclusive=True, group="actors", description="_match_actors")
    def _match_actors(self, articles: list[Article], generation: int) -> None:
        from reader.core.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(self.paths)
        total = len(articles)

        def progress(done: int) -> None:
            self.post_message(ActorsProgress(done, total, generation))

        helper = self._match_process
        if helper is not None:
            # Its names are stored in the cache, where the match below finds them.
            helper.wait(progress)
            if helper.stopped:
                return  # stopped by the screen: it is going, or loading another corpus
            helper.stop()
            if self._match_process is helper:
                self._match_process = None
        cache = self._open_cache()
        mentions = cache.match_corpus(articles, gazetteer, progress=progress)
        # The actor panel's corpus counts, worked out here rather than on the UI thread.
        mentions.with_demonyms(self.show_demonyms).article_frequency()
        self._report_cache_warnings(cache)
        self.post_message(ActorsMatched(gazetteer, mentions, generation))

    @on(ActorsProgress)
    def _on_actors_progress(self, message: ActorsProgress) -> None:
        if message.generation == self._generation:
            self._actors_matching = (message.done, message.total)
            self.query_one(StatusBar).show_progress(message.done, message.total)
            self._update_status()

    @on(ActorsMatched)
    def _on_actors_matched(self, message: ActorsMatched) -> None:
        if message.generation != self._generation:
            return
        self.gazetteer = message.gazetteer
        self._actors_matching = None
        self.all_mentions = message.mentions
        self.mentions = message.mentions.with_demonyms(self.show_demonyms)
        self.query_one(StatusBar).show_progress(1, 1)
        self.query_one(ArticleList).show(self.articles, rebuild=True)
        self._refresh_actor_views()
        self._update_status()
        if message.gazetteer.problems:
            count = len(message.gazetteer.problems)
            self.notify(
                f"{count} problem{'s' if count != 1 else ''} in actors files: press p.",
                title="Actors",
                severity="warning",
                markup=False,
            )

    def rematch_actors(self) -> None:
        """Match actors again with the actors files as they are now (after an edit)."""
        self._match_actors(list(self.corpus.articles), self._generation)

    def action_show_candidates(self) -> None:
        """Open the names that look like actors but are not in the gazetteer."""
        if self.gazetteer is None:
            self.notify("Actors are still being matched; try again in a moment.", markup=False)
            return
        from reader.ui.screens.candidates import CandidatesScreen

        self.app.push_screen(
            CandidatesScreen(self.corpus.articles, self.gazetteer, self.rematch_actors)
        )

    def action_toggle_demonyms(self) -> None:
        """Turn the highlighting of demonyms off or on, and remember the choice."""
        show = not self.show_demonyms
        settings = getattr(self.app, "settings", None)
        if settings is not None:
            settings.show_demonyms = show
            from reader.core.settings import save_settings

            try:
                save_settings(settings)
            except OSError as error:
                self.notify(f"Setting not remembered: {error}", severity="warning", markup=False)
        self.set_show_demonyms(show)
        self.notify(f"Demonyms {'shown' if show else 'hidden'}", markup=False, timeout=2)

    def set_show_demonyms(self, show: bool) -> None:
        """Highlight demonyms as their state, or not."""
        self.mentions = self.all_mentions.with_demonyms(show)
        self._refresh_actor_views()
        self.query_one(ArticleList).show(self.articles, rebuild=True)

    def _describe(self, article: Article) -> tuple[str, str]:
        """The marks and the top actors shown under an article's title in the list."""
        if self.gazetteer is None:
            return self._note_marks(article), ""
        names = [
            self.gazetteer[actor_id].name.split()[-1]
            for actor_id in self.mentions.top_actors(article.id, 3)
            if actor_id in self.gazetteer
        ]
        return self._note_marks(article), " · ".join(names)

    def _highlights(self, article: Article) -> list[Highlight]:
        if self.gazetteer is None:
            return self._note_highlights(article) + self._search_highlights(article)
        highlights = [
            Highlight(m.start, m.end, component(self.gazetteer[m.actor_id].kind, demonym=m.demonym))
            for m in self.mentions.mentions(article.id)
            if m.actor_id in self.gazetteer
        ]
        if self._mention_cursor is not None:
            cursor = self._mention_cursor
            highlights.append(Highlight(cursor.start, cursor.end, "article-view--match-current"))
        return highlights + self._note_highlights(article) + self._search_highlights(article)

    def _refresh_actor_views(self) -> None:
        view = self.query_one(ArticleView)
        view.set_legend(self.gazetteer is not None)
        if view.article is not None:
            view.set_highlights(self._highlights(view.article))
        self._fill_actor_panel()

    def _fill_actor_panel(self) -> None:
        gazetteer = self.gazetteer
        panel = self.actor_panel
        if gazetteer is None or panel is None:
            return
        from reader.ui.widgets.actor_panel import ActorRow

        article = self.query_one(ArticleView).article
        article_rows = []
        if article is not None:
            article_rows = [
                ActorRow(gazetteer[actor_id], count)
                for actor_id, count in self.mentions.counts(article.id).items()
                if actor_id in gazetteer
            ]
        panel.set_rows("article", article_rows)
        spread = self.mentions.article_frequency()
        panel.set_rows(
            "corpus",
            [ActorRow(gazetteer[a], n) for a, n in spread.items() if a in gazetteer],
        )

    def on_actor_panel_highlighted(self, message: ActorPanel.Highlighted) -> None:
        if self.actor_panel is None or not self.actor_panel.has_class("-open"):
            return  # the panel refilling itself while hidden is not the user choosing
        self.selected_actor_id = message.actor_id
        self._mention_cursor = None
        self._update_status()

    def on_actor_panel_chosen(self, message: ActorPanel.Chosen) -> None:
        self.selected_actor_id = message.actor_id
        if message.scope == "corpus":
            self.action_filter_by_actor()
        else:
            self._mention_cursor = None
            self.action_next_mention()

    def action_toggle_actors(self) -> None:
        """Show the actor panel and move into it, or hide it."""
        self.after_panels(self._toggle_actors)

    def _toggle_actors(self) -> None:
        panel = self.actor_panel
        assert panel is not None
        panes = self.query_one("#panes")
        if panel.has_class("-open") and panel.has_focus_within:
            panel.remove_class("-open")
            panes.remove_class("-actors")
            self.query_one(ArticleView).focus()
            return
        panel.add_class("-open")
        panes.add_class("-actors")
        panel.focus_list()
        self.selected_actor_id = panel.highlighted_actor_id
        self._update_status()

    def action_filter_by_actor(self) -> None:
        """Narrow the list to articles mentioning the selected actor (ANDed with others)."""
        actor_id = self.selected_actor_id
        if actor_id is None or self.gazetteer is None or actor_id not in self.gazetteer:
            self.notify("Choose an actor in the actor panel first (a).", markup=False)
            return
        if actor_id in self._filter_actor_ids:
            return
        self._filter_actor_ids.append(actor_id)
        name = self.gazetteer[actor_id].name
        self.articles = self.articles.filtered(
            f"actor: {name}", self.mentions.articles_with(actor_id)
        )
        self._show_filtered()

    def action_clear_filters(self) -> None:
        """Show every article again."""
        self._filter_actor_ids.clear()
        self.articles = self.articles.unfiltered()
        self._show_filtered()

    def _show_filtered(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.show(self.articles)
        label = " AND ".join(f.label for f in self.articles.filters)
        article_list.border_title = Content(f"{len(self.articles)} · {label}") if label else None
        self._update_status()

    def action_next_mention(self) -> None:
        """Jump to the selected actor's next mention in the open article."""
        self._jump_to_mention(forward=True)

    def action_previous_mention(self) -> None:
        """Jump to the selected actor's previous mention in the open article."""
        self._jump_to_mention(forward=False)

    def _jump_to_mention(self, *, forward: bool) -> None:
        view = self.query_one(ArticleView)
        article = view.article
        if article is None or self.selected_actor_id is None:
            self.notify("Choose an actor in the actor panel first (a).", markup=False)
            return
        mentions = self.mentions.mentions(article.id)
        cursor = self._mention_cursor
        if cursor is None:
            offset = (view.top_offset or 0) - 1 if forward else len(article.text)
        else:
            offset = cursor.start
        from reader.core.actors import next_mention, previous_mention

        find = next_mention if forward else previous_mention
        found = find(mentions, offset, self.selected_actor_id)
        if found is None:
            ends = [m for m in mentions if m.actor_id == self.selected_actor_id]
            if not ends:
                self.notify("This article does not mention that actor.", markup=False)
                return
            found = ends[0] if forward else ends[-1]  # wrap around
        self._mention_cursor = found
        if view.show_raw:
            view.set_raw(False)
        view.set_highlights(self._highlights(article))
        view.scroll_to_offset(found.start)
        self._update_status()

    # Showing articles

    @on(OptionList.OptionHighlighted, "#article-list")
    def _on_highlighted(self) -> None:
        # Preview after a short pause, so holding j through the list stays smooth.
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(0.08, self._preview_highlighted)

    def _preview_highlighted(self) -> None:
        self._preview_timer = None
        try:  # the timer may fire while the app shuts down, after the list has gone
            article_id = self.query_one(ArticleList).highlighted_id
        except NoMatches:
            return
        self.open_article(article_id, focus=False)

    @on(OptionList.OptionSelected, "#article-list")
    def _on_selected(self, event: OptionList.OptionSelected) -> None:
        # A key typed right after enter (e: notes) may have moved the focus before this
        # message arrives: only take the focus from the list, never from where it went.
        still_in_list = self.focused is None or isinstance(self.focused, ArticleList)
        self.open_article(event.option.id, focus=still_in_list)

    def open_article(
        self, article_id: str | None, *, focus: bool = True, offset: int | None = None
    ) -> None:
        """Show the article with this id in the article pane (and focus it).

        Args:
            article_id: The article to show.
            focus: Move the focus into the article pane and the list cursor onto the article.
            offset: A character of the clean text to scroll into view (a match, a mention).
        """
        view = self.query_one(ArticleView)
        article = self.corpus.get(article_id) if article_id else None
        if article is None:
            return
        if view.article is not article:
            self._mention_cursor = None
            self._notes_follow(article)
            view.show_article(article, raw=view.show_raw, highlights=self._highlights(article))
            self._fill_actor_panel()
        if offset is not None:
            if view.show_raw:
                view.set_raw(False)
            view.scroll_to_offset(offset)
        if focus:
            view.focus()
            article_list = self.query_one(ArticleList)
            position = article_list.position_of(article.id)
            if position is not None and article_list.highlighted != position:
                article_list.highlighted = position
        self._update_status()

    # Actions

    def action_cycle_sort(self) -> None:
        """Sort the list by the next order, keeping the cursor on the same article."""
        self.sort_by(self.articles.next_order().order)
        self.notify(f"Sorted by {self.articles.order}", markup=False, timeout=2)

    def sort_by(self, order: SortOrder) -> None:
        """Sort the list by `order`."""
        self.articles = self.articles.sorted_by(order)
        self.query_one(ArticleList).show(self.articles)
        self._update_status()

    def action_toggle_raw(self) -> None:
        """Switch the article pane between the clean text and the raw source."""
        view = self.query_one(ArticleView)
        view.set_raw(not view.show_raw)
        self._update_status()

    def action_show_problems(self) -> None:
        """Open the list of skipped files and actors-file problems."""
        remarks = [
            (path, "; ".join(article.problems))
            for article in self.corpus.articles
            if article.problems
            for path in article.paths
        ]
        if self.gazetteer is not None:
            remarks += [
                (f"{p.path}:{p.line}" if p.line else p.path, p.message)
                for p in self.gazetteer.problems
            ]
        from reader.ui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(list(self.corpus.problems), remarks))

    def action_back_to_list(self) -> None:
        """Close the search box, else clear its highlights, else focus the article list."""
        if not self.escape_search():
            self.query_one(ArticleList).focus()

    # Status

    def _update_status(self) -> None:
        count = len(self.corpus.articles)
        parts = [f"{count} article{'s' if count != 1 else ''}"]
        if self.is_loading:
            parts[0] = f"loading… {parts[0]}"
        if self.articles.is_filtered:
            parts.append(
                f"showing {len(self.articles)}: "
                + " AND ".join(f.label for f in self.articles.filters)
                + " (F clears)"
            )
        if self.corpus.problems:
            parts.append(f"{len(self.corpus.problems)} skipped (p)")
        parts.append(
            f"sorted by {self.articles.order}" + (" when loaded" if self.is_loading else "")
        )
        if self.articles.order == "timeline":
            parts[-1] += f" ({self.articles.date_range.describe()})"
        view = self.query_one(ArticleView)
        if view.show_raw:
            parts.append("raw text")
        if self.selected_actor_id and self.gazetteer and self.selected_actor_id in self.gazetteer:
            actor = self.gazetteer[self.selected_actor_id]
            where = ""
            if view.article is not None and self._mention_cursor is not None:
                own = [m for m in self.mentions.mentions(view.article.id) if m.actor_id == actor.id]
                if self._mention_cursor in own:
                    where = f" {own.index(self._mention_cursor) + 1}/{len(own)}"
            parts.append(f"actor: {actor.name}{where} (] [ f)")
        if self._actors_matching is not None:
            done, total = self._actors_matching
            parts.insert(1, f"matching actors… {done}/{total}")
        parts[1:1] = self._search_status()
        self.query_one(StatusBar).show_text("  ·  ".join(parts))


def _no_mentions() -> CorpusMentions:
    """An empty set of mentions, for the time before actors are matched."""
    from reader.core.actors import CorpusMentions

    return CorpusMentions()
