"""The main screen: the article list on the left, the article on the right."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.worker import get_current_worker

from reader.core.article import Article
from reader.core.articles import Articles, SortOrder
from reader.core.corpus import ARTICLE_SUFFIXES, Corpus, Problem, find_files, iter_load
from reader.ui.messages import CorpusLoaded, CorpusProgress
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.status_bar import StatusBar

BATCH_SECONDS = 0.05
"""How often the loading worker reports, so the list fills smoothly without flooding the UI."""

EXIT_AFTER_LIST_ENV = "BELREADER_EXIT_AFTER_LIST"
"""When set, the app quits as soon as the list first shows articles (for startup benchmarks)."""


class MainScreen(Screen[None]):
    """Owns the corpus and the current view of it; widgets only show what they are given."""

    BINDINGS = [
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="main.sort",
            tooltip="Cycle the list's order: date, title, source",
        ),
        Binding(
            "r",
            "toggle_raw",
            "Raw",
            id="main.raw",
            tooltip="Show the raw source text of the article, or the clean view",
        ),
        Binding(
            "p",
            "show_problems",
            "Problems",
            id="main.problems",
            tooltip="Files that were skipped and why",
        ),
        Binding(
            "escape",
            "back_to_list",
            "Back",
            show=False,
            id="main.back",
            tooltip="Back to the article list",
        ),
    ]

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self.corpus = Corpus()
        self.articles = Articles()
        self.is_loading = True
        self._generation = 0
        self._preview_timer: object | None = None
        self._exit_after_list = bool(os.environ.get(EXIT_AFTER_LIST_ENV))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ArticleView(id="article-view")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).set_placeholder("Loading articles…")
        self.query_one(ArticleList).focus()
        self._update_status()
        self.load_corpus()

    # Loading

    def load_corpus(self) -> None:
        """Start (or restart) loading the corpus in a worker."""
        self._generation += 1
        self.corpus = Corpus()
        self.is_loading = True
        self._load_worker(self.paths, self._generation)

    @work(thread=True, exclusive=True, group="load")
    def _load_worker(self, paths: list[Path], generation: int) -> None:
        worker = get_current_worker()
        found = list(find_files(paths))
        total = sum(
            1
            for item in found
            if isinstance(item, str) and os.path.splitext(item)[1].lower() in ARTICLE_SUFFIXES
        )
        articles: list[Article] = []
        problems: list[Problem] = []
        ignored: list[str] = []
        done = 0
        last_post = time.monotonic()
        items = (item for item in found if not isinstance(item, Problem))
        problems.extend(item for item in found if isinstance(item, Problem))
        for item in iter_load(items):
            if worker.is_cancelled:
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
            if now - last_post >= BATCH_SECONDS and (articles or problems):
                self.post_message(CorpusProgress(articles, problems, done, total, generation))
                articles, problems = [], []
                last_post = now
        self.post_message(CorpusProgress(articles, problems, done, total, generation))
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
            self._preview_highlighted()
            if self._exit_after_list:
                self.app.call_after_refresh(self.app.exit)

    @on(CorpusLoaded)
    def _on_loaded(self, message: CorpusLoaded) -> None:
        if message.generation != self._generation:
            return
        self.is_loading = False
        self.corpus.ignored = message.ignored
        self.query_one(ArticleList).show(self.articles)
        self.query_one(StatusBar).show_progress(1, 1)
        self._update_status()
        view = self.query_one(ArticleView)
        if not self.corpus.articles:
            view.set_placeholder("No articles could be loaded. Press p to see why, or q to quit.")
        if self.corpus.problems:
            count = len(self.corpus.problems)
            self.notify(
                f"{count} file{'s' if count != 1 else ''} skipped: press p to see why.",
                title="Some files were not loaded",
                severity="warning",
                markup=False,
            )

    # Showing articles

    @on(OptionList.OptionHighlighted, "#article-list")
    def _on_highlighted(self) -> None:
        # Preview after a short pause, so holding j through the list stays smooth.
        if self._preview_timer is not None:
            self._preview_timer.stop()  # type: ignore[attr-defined]
        self._preview_timer = self.set_timer(0.08, self._preview_highlighted)

    def _preview_highlighted(self) -> None:
        self._preview_timer = None
        self.open_article(self.query_one(ArticleList).highlighted_id, focus=False)

    @on(OptionList.OptionSelected, "#article-list")
    def _on_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_article(event.option.id, focus=True)

    def open_article(self, article_id: str | None, *, focus: bool = True) -> None:
        """Show the article with this id in the article pane (and focus it)."""
        view = self.query_one(ArticleView)
        article = self.corpus.get(article_id) if article_id else None
        if article is None:
            return
        if view.article is not article:
            view.show_article(article, raw=view.show_raw)
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
        self.articles = self.articles.next_order()
        self.query_one(ArticleList).show(self.articles)
        self._update_status()
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
        """Open the list of skipped files."""
        remarks = [
            (path, "; ".join(article.problems))
            for article in self.corpus.articles
            if article.problems
            for path in article.paths
        ]
        self.app.push_screen(ProblemsScreen(list(self.corpus.problems), remarks))

    def action_back_to_list(self) -> None:
        """Focus the article list."""
        self.query_one(ArticleList).focus()

    # Status

    def _update_status(self) -> None:
        count = len(self.corpus.articles)
        parts = [f"{count} article{'s' if count != 1 else ''}"]
        if self.is_loading:
            parts[0] = f"loading… {parts[0]}"
        if self.corpus.problems:
            parts.append(f"{len(self.corpus.problems)} skipped (p)")
        parts.append(
            f"sorted by {self.articles.order}" + (" when loaded" if self.is_loading else "")
        )
        view = self.query_one(ArticleView)
        if view.show_raw:
            parts.append("raw text")
        self.query_one(StatusBar).show_text("  ·  ".join(parts))
