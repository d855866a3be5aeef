"""Pilot tests of search in the reader: typing, opening, n/N, escape, scope, notes, recents."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.core.anchor import anchor
from reader.core.article import Article
from reader.core.notes import NotesStore, Saved
from reader.core.search import Match, Searcher, SearchIndex, SearchResult, Snippet
from reader.core.settings import (
    RECENT_QUERIES_KEPT,
    load_settings,
    settings_path,
    with_recent_query,
)
from reader.ui.messages import NoteSaved, SearchAnswered
from reader.ui.screens.help import KEY_GROUPS
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.search_box import SearchBox
from reader.ui.widgets.search_panel import SearchPanel
from reader.ui.widgets.search_results import SearchResultList, result_prompt
from reader.ui.widgets.status_bar import StatusBar
from tests.test_app import loaded, make_app


async def indexed(pilot: Pilot[None]) -> MainScreen:
    """Wait until the corpus is loaded and the search index built; return the main screen."""
    screen = await loaded(pilot)
    panel = screen.query_one(SearchPanel)
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if panel.index is not None:
            break
    assert panel.index is not None
    return screen


async def search(pilot: Pilot[None], query: str) -> SearchPanel:
    """Open the search box, type `query` and wait for its answer."""
    await pilot.press("slash", *query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    panel = pilot.app.screen.query_one(SearchPanel)
    assert panel.answer is not None and panel.answer.query == query
    return panel


def seed(screen: MainScreen, prefix: str) -> Article:
    """The seed article whose file name starts with `prefix`."""
    return next(a for a in screen.corpus.articles if Path(a.paths[0]).name.startswith(prefix))


def status(screen: MainScreen) -> str:
    """The words in the status bar."""
    return screen.query_one(StatusBar).text


def prompts(panel: SearchPanel) -> list[str]:
    """The text of each result row."""
    results = panel.query_one(SearchResultList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_typing_shows_ranked_results_with_typos_explained() -> None:
    """Typing `mozir` lists the 001 seed first, its row explaining `mozir → Mozyr`."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        panel = await search(pilot, "mozir")
        assert panel.is_open
        assert pilot.app.focused is panel.query_one(SearchBox)
        results = panel.query_one(SearchResultList).results
        assert results and results[0].article_id == seed(screen, "001").id
        first = prompts(panel)[0]
        assert seed(screen, "001").title in first
        assert "mozir → Mozyr" in first
        assert "1 result" in str(panel.query_one("#search-status").render())
        await pilot.press("backspace", "backspace", *"yr lukashenka")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.answer is not None and panel.answer.query == "mozyr lukashenka"


async def test_matches_in_snippets_are_highlighted_spans() -> None:
    """The snippet's matched words are styled spans over the plain text of the row."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        panel = await search(pilot, "heisbourg")
        prompt = panel.query_one(SearchResultList).get_option_at_index(0).prompt
        text = str(prompt)
        marked = [text[s.start : s.end] for s in prompt.spans if "$warning" in str(s.style)]  # type: ignore[union-attr]
        assert marked and all(word.lower() == "heisbourg" for word in marked)


async def test_enter_opens_the_article_at_the_first_match_with_highlights() -> None:
    """Enter opens the top result scrolled to its first match, every match highlighted."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        panel = await search(pilot, "mozir")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        view = screen.query_one(ArticleView)
        article = seed(screen, "001")
        assert view.article is article
        assert pilot.app.focused is view
        assert not panel.is_open
        matches = screen.search_matches
        assert matches is not None and matches.current == 0 and len(matches.spans) >= 3
        styles = {(h.start, h.end): h.style for h in view._highlights}
        first = matches.spans[0]
        assert styles[first] == "article-view--match-current"
        assert all(styles.get(span, "").startswith("article-view--match") for span in matches.spans)
        assert {article.text[s:e] for s, e in matches.spans} == {"Mozyr"}
        assert any(h.style.startswith("article-view--actor") for h in view._highlights)
        line = view.line_of_offset(first[0])
        assert line is not None
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
        assert "1/" in status(screen)


async def test_n_and_shift_n_walk_the_matches_with_a_counter() -> None:
    """n and N move to the next and previous match, wrapping, shown as k/total."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        await search(pilot, "mozir")
        await pilot.press("enter")
        await pilot.pause()
        matches = screen.search_matches
        assert matches is not None
        total = len(matches.spans)
        await pilot.press("n")
        assert screen.search_matches is not None and screen.search_matches.current == 1
        assert f"2/{total}" in status(screen)
        view = screen.query_one(ArticleView)
        current = [h for h in view._highlights if h.style == "article-view--match-current"]
        assert [(h.start, h.end) for h in current] == [matches.spans[1]]
        await pilot.press("N", "N")
        assert screen.search_matches.current == total - 1
        assert f"{total}/{total}" in status(screen)
        await pilot.press("n")
        assert screen.search_matches.current == 0


async def test_escape_closes_the_box_then_clears_the_highlights() -> None:
    """Escape closes the box; escape again clears the match highlights; then back to the list."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        panel = await search(pilot, "heisbourg")
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.is_open
        assert screen.query_one(ArticleList).display
        assert pilot.app.focused is screen.query_one(ArticleList)
        await pilot.press("slash")
        assert panel.is_open and panel.query_text == "heisbourg"
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert any(h.style.startswith("article-view--match") for h in view._highlights)
        await pilot.press("escape")
        assert screen.search_matches is None
        assert not any(h.style.startswith("article-view--match") for h in view._highlights)
        assert "/heisbourg" not in status(screen)
        assert pilot.app.focused is view
        await pilot.press("escape")
        assert pilot.app.focused is screen.query_one(ArticleList)
        await pilot.press("slash")
        view.focus()
        await pilot.pause()
        await pilot.press("escape")  # the box is open but the focus is elsewhere: it closes
        assert not panel.is_open


async def test_moving_in_the_results_previews_the_article() -> None:
    """j in the results shows that result's article at its match, the focus staying put."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        panel = await search(pilot, "lukashenka")
        await pilot.press("tab", "j")
        await pilot.pause(0.3)
        results = panel.query_one(SearchResultList)
        second = results.results[1]
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == second.article_id
        assert pilot.app.focused is results
        assert screen.search_matches is not None
        assert screen.search_matches.spans[0] == (second.matches[0].start, second.matches[0].end)


async def test_scope_toggle_searches_only_the_open_article() -> None:
    """ctrl+t narrows the search to the open article (said in the box's title), and back."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        article = seed(screen, "002")
        screen.open_article(article.id)
        panel = await search(pilot, "belarus")
        assert panel.answer is not None and panel.answer.total == 5
        await pilot.press("ctrl+t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        box = panel.query_one(SearchBox)
        assert "this article" in str(box.border_title)
        assert panel.scope_article is article
        results = panel.query_one(SearchResultList).results
        assert [r.article_id for r in results] == [article.id]
        assert "in this article" in str(panel.query_one("#search-status").render())
        await pilot.press("ctrl+t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "all articles" in str(box.border_title)
        assert len(panel.query_one(SearchResultList).results) == 5


async def test_a_malformed_query_says_what_is_wrong() -> None:
    """An unclosed quote shows the parser's message in place of results; the app goes on."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        panel = await search(pilot, '"national resis')
        line = panel.query_one("#search-status")
        assert "unclosed quote" in str(line.render())
        assert line.has_class("-error")
        assert panel.query_one(SearchResultList).option_count == 0
        await pilot.press("enter", *"tance", '"')
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not line.has_class("-error")
        assert panel.query_one(SearchResultList).option_count >= 1


async def test_recent_queries_come_back_with_up_and_down_across_runs() -> None:
    """Chosen queries are remembered newest first; up/down walk them, also in the next run."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        await search(pilot, "mozir")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"heisbourg")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"danilov")
        box = pilot.app.screen.query_one(SearchBox)
        await pilot.press("up")
        assert box.value == "heisbourg"
        await pilot.press("up")
        assert box.value == "mozir"
        await pilot.press("down")
        assert box.value == "heisbourg"
        await pilot.press("down")
        assert box.value == "danilov"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # closing on a query that found something remembers it
        await pilot.app.workers.wait_for_complete()
    saved = json.loads(settings_path().read_text())
    assert saved["recent_queries"] == ["danilov", "heisbourg", "mozir"]
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        await pilot.press("slash", "up")
        assert pilot.app.screen.query_one(SearchBox).value == "danilov"
        await pilot.press("ctrl+a", "ctrl+k", *"zzqx")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # a query that found nothing is not remembered
        await pilot.app.workers.wait_for_complete()
    assert json.loads(settings_path().read_text())["recent_queries"][0] == "danilov"


def test_recent_queries_are_deduplicated_capped_and_type_checked() -> None:
    """A repeated query moves first, the list is capped, and a bad settings value is dropped."""
    recent: list[str] = []
    for n in range(RECENT_QUERIES_KEPT + 10):
        recent = with_recent_query(recent, f"q{n}")
    recent = with_recent_query(recent, "q55")
    assert recent[0] == "q55" and recent.count("q55") == 1
    assert len(recent) == RECENT_QUERIES_KEPT
    assert with_recent_query(recent, "   ") == recent
    settings_path().write_text(json.dumps({"recent_queries": ["ok", 3, None], "theme": 1}))
    settings, warning = load_settings()
    assert warning is None and settings.recent_queries == ["ok"]
    settings_path().write_text(json.dumps({"recent_queries": "not a list"}))
    assert load_settings()[0].recent_queries == []


def _add_passage_note(store: NotesStore, article: Article, words: str, body: str) -> Saved:
    start = article.text.index(words)
    saved = store.add_passage_note(article, anchor(article.text, start, start + len(words)), body)
    assert isinstance(saved, Saved)
    return saved


async def test_notes_are_found_and_open_their_article_at_the_passage() -> None:
    """A passage note saved before the run is a result; enter opens its article at the passage."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = seed(screen, "004")
        words = article.body[-1].text[:40]
        store = NotesStore.open()
        _add_passage_note(store, article, words, "Quxwold turnout looks dubious #check")
        store.close()
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        assert screen.notes_store is not None
        panel = await search(pilot, "quxwold")
        results = panel.query_one(SearchResultList).results
        assert [r.kind for r in results] == ["note"]
        assert "✎ note" in prompts(panel)[0] and article.title in prompts(panel)[0]
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == article.id
        line = view.line_of_offset(article.text.index(words))
        assert line is not None
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_saved_and_deleted_notes_update_the_index() -> None:
    """A NoteSaved message adds the note to the results; a deleted note leaves them."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        store = screen.notes_store
        assert store is not None
        saved = _add_passage_note(
            store, seed(screen, "003"), "Heisbourg", "Florbinate the sources here"
        )
        screen.post_message(NoteSaved(saved.note))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        panel = await search(pilot, "florbinate")
        assert [r.note_id for r in panel.query_one(SearchResultList).results] == [saved.note.id]
        deleted = store.delete_note(saved.note.id, saved.note.revision)
        assert isinstance(deleted, Saved) and deleted.note.deleted
        screen.post_message(NoteSaved(deleted.note))
        for _ in range(5):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert panel.answer is not None and panel.answer.total == 0
        assert panel.query_one(SearchResultList).option_count == 0


async def test_before_the_index_is_ready_the_panel_says_indexing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the index is built the panel shows `indexing… n/total`, then the answer."""
    release = threading.Event()
    build = SearchIndex.build

    def slow_build(*args: object, **kwargs: object) -> SearchIndex:
        release.wait(10)
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "build", slow_build)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(400):  # not workers.wait_for_complete: the build is held on purpose
            await pilot.pause(0.02)
            if screen._search_indexing is not None:
                break
        panel = screen.query_one(SearchPanel)
        await pilot.press("slash", *"mozir")
        line = str(panel.query_one("#search-status").render())
        assert line == "indexing… 0/5"
        assert "indexing for search" in status(screen)
        release.set()
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if panel.answer is not None:
                break
        assert panel.answer is not None and panel.answer.total == 1
        assert "indexing" not in status(screen)


async def test_a_slow_search_never_blocks_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a search still running, a key in the results list is answered at once."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        panel = await search(pilot, "belarus")
        release = threading.Event()
        search_now = Searcher.search

        def slow_search(self: Searcher, query: str, *args: object, **kwargs: object) -> object:
            release.wait(10)
            return search_now(self, query, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Searcher, "search", slow_search)
        await pilot.press("space", "r")
        await pilot.press("tab")
        results = panel.query_one(SearchResultList)
        assert pilot.app.focused is results
        started = time.perf_counter()
        await pilot.press("j")
        assert time.perf_counter() - started < 0.5
        assert results.highlighted == 1
        assert panel.answer is not None and panel.answer.query == "belarus"
        assert any(w.group == "search" and not w.is_finished for w in pilot.app.workers)
        release.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.answer is not None and panel.answer.query == "belarus r"


async def test_answers_to_older_keystrokes_are_dropped() -> None:
    """An answer that arrives for an older keystroke does not replace the current results."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await indexed(pilot)
        panel = await search(pilot, "heisbourg")
        searcher = panel._searcher
        assert searcher is not None
        stale = searcher.search("belarus", 50)
        panel.post_message(SearchAnswered(stale, panel._generation - 1))
        await pilot.pause()
        assert panel.answer is not None and panel.answer.query == "heisbourg"
        assert len(panel.query_one(SearchResultList).results) == 1


def test_result_rows_show_hostile_text_literally() -> None:
    """Markup and escape sequences in a note or title are shown as characters, never run."""
    article = Article(
        id="a",
        title="[@click=app.quit]t[/]",
        source="[b]x",
        date=None,
        url=None,
        author=None,
        paragraphs=(),
        raw="",
    )
    text = "see [link=file:///etc]\x1b]52;c;aGk=\x07 here"
    match = Match(4, 8, "link", "[lin", "exact")
    result = SearchResult(
        "note", "a", "n1", 1.0, Snippet(text, 0, ((5, 9),), False, False), (match,)
    )
    prompt = result_prompt(result, article, 60)
    plain = str(prompt)
    assert "[@click=app.quit]t[/]" in plain and "[link=file:///etc]" in plain
    assert "\x1b" not in plain and "\x07" not in plain
    assert len(plain.split("\n")[2]) == len(text)


def test_help_lists_every_search_key() -> None:
    """The help screen names every key bound by the search widgets and the screen."""
    listed = " ".join(key for _, keys in KEY_GROUPS for key, _ in keys)
    bound = [
        *SearchPanel.BINDINGS,
        *SearchBox.BINDINGS,
        *SearchResultList.BINDINGS,
        *(
            b
            for b in MainScreen.BINDINGS
            if b.id in {"main.search", "main.next_match", "main.previous_match"}
        ),  # type: ignore[union-attr]
    ]
    names = {"slash": "/", "up": "↑", "down": "↓"}
    for binding in bound:
        assert binding.tooltip and binding.id and binding.description  # type: ignore[union-attr]
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert names.get(key, key) in listed, f"{key} is bound but not in help"


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (200, 60)])
async def test_search_is_usable_at_small_and_large_sizes(size: tuple[int, int]) -> None:
    """The panel opens, lists results and opens one at 40×12, 80×24 and 200×60."""
    async with make_app().run_test(size=size) as pilot:
        screen = await indexed(pilot)
        panel = await search(pilot, "lukashenka")
        results = panel.query_one(SearchResultList)
        assert results.option_count >= 4
        assert results.size.width > 0 and results.size.height > 0
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(ArticleView).article is not None
        assert screen.search_matches is not None


async def test_slash_searches_from_any_view_but_types_in_inputs() -> None:
    """/ in the dossier goes back to the main screen and opens search; in a text box it is text."""
    from reader.ui.screens.dossier import DossierScreen
    from reader.ui.screens.quotes import QuotesScreen

    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("a", "d")
        await pilot.app.workers.wait_for_complete()
        assert isinstance(pilot.app.screen, DossierScreen)
        await pilot.press("slash")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.query_one(SearchPanel).is_open
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.press("Q")
        await pilot.pause()
        quotes = pilot.app.screen
        assert isinstance(quotes, QuotesScreen)
        box = quotes.query(Input).first()
        box.focus()
        await pilot.press("slash")
        await pilot.pause()
        assert pilot.app.screen is quotes and box.value == "/"


async def test_n_after_closing_the_box_finds_the_query_in_the_open_article() -> None:
    """A query typed and closed without opening a result: n still jumps to its matches here."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", *"belarus")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")
        assert screen.search_matches is None
        await pilot.press("n")
        for _ in range(50):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if screen.search_matches is not None:
                break
        assert screen.search_matches is not None and screen.search_matches.spans
        assert "/belarus:" in screen.query_one(StatusBar).text
