"""The main screen's search: `/` opens the panel, enter opens a result, n / N walk the matches.

`SearchFeatures` is mixed into `MainScreen`. Textual calls the `on_*` handlers of every class
in a screen's MRO, so its `on_actors_matched` and `on_note_saved` run beside the screen's
own: the index is built once actors are matched, and kept up to date as notes are saved.
The panel owns the index and its workers; this mixin owns what the article view shows.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from reader.core.article import Article
from reader.ui.match_cursor import SearchMatches
from reader.ui.messages import (
    ActorsMatched,
    NoteSaved,
    SearchIndexProgress,
    SearchIndexReady,
    SearchMatchesFound,
)
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView, Highlight
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:  # the search core and panel load after the first frame, not at start-up
    from reader.core.notes import Note
    from reader.core.search import SearchResult
    from reader.ui.widgets.search_panel import SearchPanel


class SearchFeatures:
    """Search on the main screen: the panel, the matches in the article and their counter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_matches: SearchMatches | None = None
        """The last chosen query's matches in an article, and which is current."""
        self._search_indexing: tuple[int, int] | None = None
        self._actors_after_index: int | None = None
        """The corpus load whose actors are matched once its search index is ready."""

    # The index

    def start_search_index(self) -> None:
        """Index the loaded corpus (or load its cached index); actors follow when matched."""
        articles = list(self.corpus.articles)
        self.after_panels(
            lambda: self._search_panel().build_index(
                articles, notes_store=self.notes_store, cache=self.cache
            )
        )

    def on_actors_matched(self, message: ActorsMatched) -> None:
        if message.generation != self._generation:
            return
        from reader.core.search import GazetteerNames

        names = GazetteerNames(message.gazetteer)
        self.after_panels(lambda: self._search_panel().set_actors(message.mentions, names))

    def _search_panel(self) -> SearchPanel:
        """The search panel, for what runs once the panels are mounted."""
        assert self.search_panel is not None
        return self.search_panel

    def on_search_index_progress(self, message: SearchIndexProgress) -> None:
        self._search_indexing = (message.done, message.total)
        self.query_one(StatusBar).show_progress(message.done, max(1, message.total))
        self._update_status()

    def on_search_index_ready(self, message: SearchIndexReady) -> None:
        self._search_indexing = None
        self.query_one(StatusBar).show_progress(1, 1)
        self._update_status()
        if self._actors_after_index == self._generation:
            self._actors_after_index = None
            self._match_actors(list(self.corpus.articles), self._generation)

    def on_note_saved(self, message: NoteSaved) -> None:
        self.after_panels(lambda: self._search_panel().update_note(message.note))

    # The panel

    async def action_search(self) -> None:
        """Open the search box (from anywhere on the screen).

        Awaited rather than deferred while the panels are mounted: keys typed meanwhile wait
        behind it, and reach the box once it has the focus.
        """
        await self.wait_for_panels()
        self._open_search()

    def _open_search(self) -> None:
        self.query_one("#panes").add_class("-searching")
        self._search_panel().open(self.query_one(ArticleView).article)

    def _hide_search_panel(self) -> None:
        self._search_panel().remove_class("-open")
        self.query_one("#panes").remove_class("-searching")

    def on_search_panel_closed(self, message: SearchPanel.Closed) -> None:
        self._hide_search_panel()
        view = self.query_one(ArticleView)
        panes = self.query_one("#panes")
        list_hidden = self.has_class("-narrow") and panes.has_class("-actors")
        if view.article is not None and (self.search_matches is not None or list_hidden):
            self._focus_after_hiding(view)
        else:
            self._focus_after_hiding(self.query_one(ArticleList))

    def _focus_after_hiding(self, widget: Widget) -> None:
        # Hiding the panel moves the focus off it at the next refresh: focus after that.
        self.call_after_refresh(widget.focus)

    def on_search_panel_chosen(self, message: SearchPanel.Chosen) -> None:
        self._hide_search_panel()
        self._show_result(message.result, message.query, focus=True)

    def on_search_panel_previewed(self, message: SearchPanel.Previewed) -> None:
        self._show_result(message.result, message.query, focus=False)

    def _show_result(self, result: SearchResult, query: str, *, focus: bool) -> None:
        """Open a result's article at its first match (a note's: at its passage)."""
        article = self.corpus.get(result.article_id)
        if article is None:
            self.notify("This note's article is not loaded.", markup=False)
            return
        if result.kind == "article":
            spans = tuple((match.start, match.end) for match in result.matches)
            self.search_matches = SearchMatches(article.id, query, spans, 0 if spans else None)
            offset = self.search_matches.current_start
        else:
            # A note's matches are in the note: find the query's in its article too.
            store = self.notes_store
            note = store.note(result.note_id) if store is not None and result.note_id else None
            offset = self._passage_offset(note, article)
            self.search_matches = SearchMatches(article.id, query, ())
            self._search_panel().find_matches(article.id, query, jump=False)
        self.open_article(article.id, focus=focus, offset=offset)
        if focus:
            self._focus_after_hiding(self.query_one(ArticleView))
        self._show_search_matches(article)

    @staticmethod
    def _passage_offset(note: Note | None, article: Article) -> int | None:
        from reader.core.anchor import locate

        if note is None or note.anchor is None:
            return None
        span = locate(note.anchor, article.text)
        return span[0] if span is not None else None

    # Matches in the article

    def on_search_matches_found(self, message: SearchMatchesFound) -> None:
        view = self.query_one(ArticleView)
        article = view.article
        if article is None or article.id != message.article_id:
            return
        matches = SearchMatches(message.article_id, message.query, message.spans)
        if message.jump:
            if not matches.spans:
                self.notify(f"No matches for “{message.query}” here.", markup=False, timeout=3)
            matches = matches.moved(forward=message.forward, from_offset=view.top_offset or 0)
        self.search_matches = matches
        self._show_search_matches(article, scroll=message.jump)

    def action_next_match(self) -> None:
        """Go to the next match of the search in the article."""
        self._jump_to_match(forward=True)

    def action_previous_match(self) -> None:
        """Go to the previous match of the search in the article."""
        self._jump_to_match(forward=False)

    def _jump_to_match(self, *, forward: bool) -> None:
        self.after_panels(partial(self._jump_to_match_now, forward=forward))

    def _jump_to_match_now(self, *, forward: bool) -> None:
        view = self.query_one(ArticleView)
        article = view.article
        matches = self.search_matches
        if article is None:
            self.notify("Open an article first (enter).", markup=False, timeout=3)
            return
        if matches is None:
            # A query typed and closed without opening a result still counts: find it here.
            panel = self._search_panel()
            query = panel.query_text.strip()
            if not query:
                self.notify("Nothing searched yet: press / to search.", markup=False, timeout=3)
                return
            if not panel.find_matches(article.id, query, jump=True, forward=forward):
                self.notify("The search index is still being built.", markup=False, timeout=3)
            return
        if matches.article_id != article.id:
            # Another article is open now: find the same query in it, then jump.
            panel = self._search_panel()
            if not panel.find_matches(article.id, matches.query, jump=True, forward=forward):
                self.notify("The search index is still being built.", markup=False, timeout=3)
            return
        if not matches.spans:
            self.notify(f"No matches for “{matches.query}” here.", markup=False, timeout=3)
            return
        self.search_matches = matches.moved(forward=forward, from_offset=view.top_offset or 0)
        self._show_search_matches(article, scroll=True)

    def _show_search_matches(self, article: Article, *, scroll: bool = False) -> None:
        view = self.query_one(ArticleView)
        if view.article is not article:
            return
        start = self.search_matches.current_start if self.search_matches else None
        if scroll and start is not None:
            if view.show_raw:
                view.set_raw(False)
            view.scroll_to_offset(start)
        view.set_highlights(self._highlights(article))
        self._update_status()

    def _search_highlights(self, article: Article) -> list[Highlight]:
        """The search's matches in this article, for `_highlights`."""
        matches = self.search_matches
        if matches is None or matches.article_id != article.id:
            return []
        return matches.highlights()

    def escape_search(self) -> bool:
        """Close the search box if open, else clear the matches; False if neither was there."""
        panel = self.search_panel
        if panel is not None and panel.is_open:
            panel.action_close()
            return True
        return self.clear_search_matches()

    def clear_search_matches(self) -> bool:
        """Forget the search's matches and their highlights; False if there were none."""
        if self.search_matches is None:
            return False
        self.search_matches = None
        view = self.query_one(ArticleView)
        if view.article is not None:
            view.set_highlights(self._highlights(view.article))
        self._update_status()
        return True

    def _search_status(self) -> list[str]:
        """What the status bar says about search: indexing, or the match counter."""
        if self._search_indexing is not None:
            done, total = self._search_indexing
            return [f"indexing for search… {done}/{total}"]
        matches = self.search_matches
        article = self.query_one(ArticleView).article
        if matches is None or article is None or matches.article_id != article.id:
            return []
        return [f"/{matches.query}: {matches.label} (n N, esc)"]
