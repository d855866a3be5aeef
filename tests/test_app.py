"""Pilot tests of the reader: moving, opening, help, problems, sorting, themes, sizes."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import OptionList

from reader.core.article import Article
from reader.core.background import BackgroundLoad
from reader.core.corpus import count_article_files, iter_load
from reader.locations import config_dir
from reader.ui.app import BelreaderApp
from reader.ui.screens.help import KEY_GROUPS, HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.status_bar import StatusBar
from tests.hostile import write_hostile_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_app(paths: list[Path] | None = None) -> BelreaderApp:
    """The app on the seeds (or `paths`), without process signal handlers."""
    return BelreaderApp(paths or [SEEDS], watch_signals=False)


async def loaded(pilot: object) -> MainScreen:
    """Wait until the corpus has loaded and return the main screen."""
    app = pilot.app  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(600):  # the corpus loads, then actors are matched, both in workers
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        if not screen.is_loading and screen.gazetteer is not None:
            break
    assert not screen.is_loading
    return screen


async def test_list_shows_the_seeds_and_moves_with_j_and_k() -> None:
    """The five seeds are listed; j/k and G/g move the cursor."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        assert article_list.option_count == 5
        assert article_list.highlighted == 0
        await pilot.press("j", "j")
        assert article_list.highlighted == 2
        await pilot.press("k")
        assert article_list.highlighted == 1
        await pilot.press("G")
        assert article_list.highlighted == 4
        await pilot.press("g")
        assert article_list.highlighted == 0


async def test_enter_opens_the_article_and_escape_returns() -> None:
    """Enter opens the highlighted article in the right pane; escape goes back to the list."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j", "enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.article.id == article_list.highlighted_id
        assert pilot.app.focused is view
        await pilot.press("escape")
        assert pilot.app.focused is article_list


async def test_moving_in_the_list_previews_the_article() -> None:
    """Moving the cursor shows the article under it without leaving the list."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "j")
        await pilot.pause(0.2)
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.article.id == screen.query_one(ArticleList).highlighted_id
        assert pilot.app.focused is screen.query_one(ArticleList)


async def test_help_lists_every_binding() -> None:
    """? opens help naming every key the app binds; escape closes it."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        listed = " ".join(key for _, keys in KEY_GROUPS for key, _ in keys)
        bound = [
            *pilot.app.BINDINGS,
            *MainScreen.BINDINGS,
            *ArticleList.BINDINGS,
            *ArticleView.BINDINGS,
            *ActorPanel.BINDINGS,
        ]
        names = {
            "question_mark": "?",
            "right_square_bracket": "]",
            "left_square_bracket": "[",
            "slash": "/",
        }
        for binding in bound:
            for key in binding.key.split(","):  # type: ignore[union-attr]
                assert names.get(key, key) in listed, f"{key} is bound but not in help"
        await pilot.press("escape")
        assert pilot.app.screen is screen
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)


async def test_hostile_corpus_shows_problems(tmp_path: Path) -> None:
    """Skipped files are counted in the status and listed by p with their reasons."""
    write_hostile_corpus(tmp_path / "corpus")
    async with make_app([tmp_path / "corpus"]).run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.corpus.problems) >= 6
        await pilot.press("p")
        problems = pilot.app.screen
        assert isinstance(problems, ProblemsScreen)
        options = problems.query_one(OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("fifo.txt" in text and "not a regular file" in text for text in texts)
        assert any("binary" in text for text in texts)
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_markup_in_titles_and_names_is_shown_literally(tmp_path: Path) -> None:
    """Titles holding markup appear as typed and trigger nothing (the app keeps running)."""
    write_hostile_corpus(tmp_path / "corpus")
    async with make_app([tmp_path / "corpus"]).run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        prompts = [
            str(article_list.get_option_at_index(i).prompt)
            for i in range(article_list.option_count)
        ]
        assert any("[@click=app.quit]x[/]" in prompt for prompt in prompts)
        marked = next(a for a in screen.corpus.articles if a.title.startswith("Markup"))
        screen.open_article(marked.id)
        await pilot.pause()
        await pilot.click("#article-view", offset=(12, 0))
        await pilot.press("p")
        await pilot.pause()
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, ProblemsScreen)


async def test_sort_cycles_and_keeps_the_cursor() -> None:
    """s cycles date → title → source → timeline → date, keeping the article under the cursor."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        await pilot.press("j")
        chosen = article_list.highlighted_id
        await pilot.press("s")
        assert screen.articles.order == "title"
        titles = [a.title for a in screen.articles]
        assert titles == sorted(titles, key=str.casefold)
        assert article_list.highlighted_id == chosen
        await pilot.press("s", "s", "s")
        assert screen.articles.order == "date"
        dates = [a.date for a in screen.articles]
        assert dates[:2] == ["2024-09-13", "2022-12-19"]
        assert dates[2:] == [None, None, None]


async def test_raw_text_toggle_shows_boilerplate() -> None:
    """r shows the raw source with its boilerplate; r again returns to the clean view."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        tsarizm = next(a for a in screen.corpus.articles if a.source == "Tsarizm")
        screen.open_article(tsarizm.id)
        view = screen.query_one(ArticleView)
        lines = [line.text for line in view._lines]
        assert not any("Please Follow us" in line for line in lines)
        await pilot.press("r")
        assert view.show_raw
        lines = [line.text for line in view._lines]
        assert any("Please Follow us" in line for line in lines)
        await pilot.press("r")
        assert not view.show_raw


async def test_theme_choice_is_remembered() -> None:
    """A theme chosen in one session is the theme of the next."""
    async with make_app().run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()
    saved = json.loads((config_dir() / "settings.json").read_text())
    assert saved["theme"] == "textual-light"
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "textual-light"


async def test_command_palette_opens_an_article_by_title() -> None:
    """ctrl+p, a few letters of a title, enter: that article opens."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open stalled")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.article.title.startswith("The stalled Russian offensive")


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (200, 60)])
async def test_usable_at_small_and_large_sizes(size: tuple[int, int]) -> None:
    """The app lays out, opens an article and scrolls at 40×12, 80×24 and 200×60."""
    async with make_app().run_test(size=size) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("G", "g", "tab")
        view = screen.query_one(ArticleView)
        assert view.article is not None
        assert view.size.width > 0


async def test_keys_are_answered_while_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a slow load still running, the list fills and keys (help, moves) work at once."""

    def slow_load(paths: object) -> Iterator[object]:
        for item in iter_load(paths):  # type: ignore[arg-type]
            time.sleep(0.6)  # long enough that help opens before the load ends
            yield item

    monkeypatch.setattr("reader.ui.screens.main.iter_load", slow_load)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(50):
            await pilot.pause(0.05)
            if screen.query_one(ArticleList).option_count >= 2:
                break
        assert screen.is_loading
        await pilot.press("j")
        assert screen.query_one(ArticleList).highlighted == 1
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert screen.is_loading
        await pilot.press("escape")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.is_loading
        assert screen.query_one(ArticleList).option_count == 5


def test_article_prompt_is_plain_text() -> None:
    """A list row built from a hostile title holds the title's characters exactly."""
    from reader.ui.widgets.article_list import article_prompt

    article = Article(
        id="x",
        title="[b]bold[/i] [@click=app.quit]q[/]",
        source="[$accent]",
        date=None,
        url=None,
        author=None,
        paragraphs=(),
        raw="",
    )
    assert str(article_prompt(article)).startswith("[b]bold[/i] [@click=app.quit]q[/]\n[$accent]")


async def test_a_multi_megabyte_article_is_laid_out_in_slices(tmp_path: Path) -> None:
    """A 4 MB article shows its first lines at once and lays out the rest between keys."""
    paragraph = "Belarusian troops held drills near the border with Ukraine again. " * 12
    (tmp_path / "big.txt").write_text("A very long article\n\n" + (paragraph + "\n\n") * 5200)
    async with make_app([tmp_path]).run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        view = screen.query_one(ArticleView)
        big = screen.corpus.articles[0]
        assert len(big.text) > 4_000_000
        view.show_article(None)
        view.show_article(big)  # returns after one slice of layout
        assert not view.layout_complete
        assert 0 < len(view._lines) < 5200 * 8
        view.scroll_to_offset(len(big.text) - 10)  # beyond what is laid out: done when it is
        for _ in range(400):
            if view.layout_complete:
                break
            await pilot.pause(0.05)
        assert view.layout_complete
        assert view.virtual_size.height > 5200 * 8
        await pilot.pause()
        assert view.scroll_y > 5200 * 7


def _seed(screen: MainScreen, prefix: str) -> Article:
    return next(a for a in screen.corpus.articles if Path(a.paths[0]).name.startswith(prefix))


async def test_actors_are_highlighted_by_kind_with_a_legend() -> None:
    """Opening an article highlights its actors with one style per kind, demonyms lighter."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.open_article(_seed(screen, "002").id)
        view = screen.query_one(ArticleView)
        styles = {h.style for h in view._highlights}
        assert "article-view--actor-person" in styles
        assert "article-view--actor-state" in styles
        assert "article-view--demonym-state" in styles
        spans = {view.article.text[h.start : h.end] for h in view._highlights}  # type: ignore[union-attr]
        assert {"Vladimir Putin", "Oleksiy Danilov", "Minsk"} <= spans
        assert any("● person" in line.text for line in view._lines)


async def test_actor_panel_lists_counts_and_switches_scope() -> None:
    """a opens the panel on this article's actors; c switches to the corpus; a again hides it."""
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        screen.open_article(_seed(screen, "002").id)
        await pilot.press("a")
        panel = screen.query_one(ActorPanel)
        assert panel.has_class("-open") and panel.has_focus_within
        rows = panel._rows["article"]
        article_ids = [row.actor.id for row in rows]
        assert [row.count for row in rows] == sorted((row.count for row in rows), reverse=True)
        assert {"danilov", "putin", "lukashenko"} <= set(article_ids)
        await pilot.press("c")
        assert panel.scope == "corpus"
        assert len(panel._rows["corpus"]) > len(article_ids)
        await pilot.press("a")
        assert not panel.has_class("-open")


async def test_mention_jumps_count_and_wrap() -> None:
    """] and [ walk the selected actor's mentions, shown as n/total, wrapping at the ends."""
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        article = _seed(screen, "001")
        screen.open_article(article.id)
        await pilot.pause()
        screen.selected_actor_id = "lukashenko"
        own = [m for m in screen.mentions.mentions(article.id) if m.actor_id == "lukashenko"]
        assert len(own) >= 4
        await pilot.press("right_square_bracket")
        assert screen._mention_cursor == own[0]
        await pilot.press("right_square_bracket")
        assert screen._mention_cursor == own[1]
        status = screen.query_one(StatusBar).text
        assert f"2/{len(own)}" in status
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen._mention_cursor == own[-1]  # wrapped from the first to the last
        view = screen.query_one(ArticleView)
        assert any(h.style == "article-view--match-current" for h in view._highlights)


async def test_filters_by_actor_combine_and_clear() -> None:
    """f narrows the list to articles naming the actor; a second f ANDs; F clears."""
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        screen.selected_actor_id = "danilov"
        await pilot.press("f")
        danilov = {a.id for a in screen.articles}
        assert danilov == set(screen.mentions.articles_with("danilov"))
        assert 0 < len(danilov) < 5
        screen.selected_actor_id = "heisbourg"
        await pilot.press("f")
        both = {a.id for a in screen.articles}
        assert both == {_seed(screen, "003").id}
        article_list = screen.query_one(ArticleList)
        assert article_list.option_count == 1
        assert "actor: Oleksiy Danilov AND actor: François Heisbourg" in str(
            screen.query_one(StatusBar).text
        )
        await pilot.press("F")
        assert len(screen.articles) == 5
        assert article_list.option_count == 5


async def test_list_rows_show_top_actors() -> None:
    """Each list row names the article's most mentioned actors."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        rows = [
            str(article_list.get_option_at_index(i).prompt)
            for i in range(article_list.option_count)
        ]
        assert all(row.count("\n") == 2 for row in rows)
        assert any("Lukashenko" in row.split("\n")[2] for row in rows)


async def test_demonyms_can_be_turned_off() -> None:
    """With demonyms off, 'Belarusian' is no longer highlighted as Belarus."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.open_article(_seed(screen, "000").id)
        view = screen.query_one(ArticleView)
        assert any(h.style.startswith("article-view--demonym") for h in view._highlights)
        screen.set_show_demonyms(False)
        assert not any(h.style.startswith("article-view--demonym") for h in view._highlights)


async def test_the_first_article_opens_at_its_title() -> None:
    """At start-up the previewed article shows its header, even after the legend appears."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause(0.2)
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.show_legend
        assert view.scroll_y == 0


async def test_status_says_actors_are_being_matched() -> None:
    """While actors are matched the status bar names the work and its count, then drops it."""
    from reader.ui.messages import ActorsProgress

    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        screen.post_message(ActorsProgress(200, 1000, screen._generation))
        await pilot.pause()
        assert "matching actors… 200/1000" in screen.query_one(StatusBar).text
        screen.rematch_actors()
        for _ in range(100):
            await pilot.pause(0.05)
            if screen._actors_matching is None and screen.gazetteer is not None:
                break
        await pilot.pause()
        assert "matching actors" not in screen.query_one(StatusBar).text


async def test_every_order_is_prepared_after_loading_and_sorts_match_it() -> None:
    """Once loaded, each order is sorted and its rows worked out in the background; `s` then
    shows exactly that order, keeps the cursor's article, and a filter comes and goes."""
    from reader.core.articles import SORT_ORDERS

    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        article_list = screen.query_one(ArticleList)
        for _ in range(50):
            await pilot.pause(0.05)
            if len(article_list._tables) >= len(SORT_ORDERS):
                break
        assert set(screen.articles._orders) == set(SORT_ORDERS)
        assert len(article_list._tables) >= len(SORT_ORDERS)
        await pilot.press("j")
        kept = article_list.highlighted_id
        for _ in SORT_ORDERS:
            await pilot.press("s")
            expected = [a.id for a in screen.articles.visible]
            shown = [article_list.get_option_at_index(i).id for i in range(len(expected))]
            assert shown == expected
            assert article_list.highlighted_id == kept
        one = frozenset({kept}) if kept else frozenset()
        article_list.show(screen.articles.filtered("one", one))
        assert article_list.option_count == 1
        article_list.show(screen.articles)
        assert article_list.option_count == 5 and article_list.highlighted_id == kept


async def test_list_timers_firing_during_shutdown_do_nothing() -> None:
    """The list's idle preparation and preview timers may fire after shutdown removed the list.

    Quitting right after a corpus loads once ended in a NoMatches traceback.
    """
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        articles, generation = screen.articles, screen._generation
        await screen.query_one(ArticleList).remove()
        screen._prepare_orders(articles, generation, ["date", "title"])
        screen._preview_highlighted()


async def test_the_first_article_loaded_is_listed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first article is reported as soon as it is read, not after a batch interval."""
    rest_may_load = threading.Event()
    files_read = []

    def held_load(paths: object) -> Iterator[object]:
        # The cache reads one file per call: every file after the first waits until the
        # test has seen the first row.
        files_read.append(paths)
        if len(files_read) > 1:
            rest_may_load.wait(10)
        yield from iter_load(paths)  # type: ignore[arg-type]

    monkeypatch.setattr("reader.ui.screens.main.iter_load", held_load)
    # Batches far apart: only the first report can show the first row in time.
    monkeypatch.setattr("reader.ui.screens.main.BATCH_SECONDS", 30.0)
    monkeypatch.setattr("reader.ui.screens.main.LATER_BATCH_SECONDS", 30.0)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        try:
            for _ in range(60):
                await pilot.pause(0.05)
                if screen.query_one(ArticleList).option_count:
                    break
            assert screen.query_one(ArticleList).option_count == 1
            assert screen.is_loading
        finally:
            rest_may_load.set()
        await pilot.app.workers.wait_for_complete()


@pytest.mark.parametrize(("width", "expected"), [(120, "-wide"), (80, "-narrow")])
async def test_the_screen_starts_with_its_breakpoint_class(width: int, expected: str) -> None:
    """The width's layout class is set when the screen is built, before its first layout."""
    async with make_app().run_test(size=(width, 30)):
        assert MainScreen([SEEDS]).has_class(expected)


async def test_files_are_counted_for_progress_only_after_the_first_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting 50,000 names for the progress bar must not hold back the first rows."""
    events: list[str] = []

    def recorded_load(paths: object) -> Iterator[object]:
        events.append("read")
        yield from iter_load(paths)  # type: ignore[arg-type]

    def recorded_count(paths: object) -> int:
        events.append("count")
        return count_article_files(paths)  # type: ignore[arg-type]

    monkeypatch.setattr("reader.ui.screens.main.iter_load", recorded_load)
    monkeypatch.setattr("reader.ui.screens.main.count_article_files", recorded_count)
    async with make_app().run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        assert not pilot.app.screen.query_one(StatusBar).progress_visible
    assert events[0] == "read"
    assert events.count("count") == 1


async def test_progress_with_an_unknown_total_is_indeterminate() -> None:
    """Before the files are counted, the bar moves without claiming a share."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        status = pilot.app.screen.query_one(StatusBar)
        status.show_progress(3, 0)
        assert status.total is None
        assert status.progress_visible
        first = str(status.render())
        await pilot.pause(0.25)
        assert str(status.render()) != first, "the bar should move while the total is unknown"
        assert "%" not in first
        status.show_progress(2, 5)
        assert status.total == 5
        assert "40%" in str(status.render())
        status.show_progress(5, 5)
        assert not status.progress_visible
        assert "%" not in str(status.render())


async def test_a_load_started_before_the_app_puts_its_rows_in_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rows a load has ready when the screen mounts are shown then, not after a worker runs."""
    load = BackgroundLoad([SEEDS])
    assert load.join(10)
    reports: list[int] = []
    monkeypatch.setattr(
        MainScreen,
        "_load_worker",
        lambda self, load, generation, done, ignored: reports.append(done),
    )
    app = BelreaderApp([SEEDS], load=load, watch_signals=False)
    async with app.run_test(size=(120, 36)):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one(ArticleList).option_count == 5
        assert "5 articles" in screen.query_one(StatusBar).text
        assert reports == [5]


async def test_the_panels_are_mounted_after_the_first_rows_and_keys_wait_for_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first frame has no hidden panels; / and the keys typed after it wait for them."""
    mount_panels = MainScreen._mount_panels
    held: list[MainScreen] = []

    async def held_mount(self: MainScreen) -> None:
        held.append(self)

    monkeypatch.setattr(MainScreen, "_mount_panels", held_mount)
    async with make_app().run_test(size=(120, 36)) as pilot:
        app = pilot.app
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(200):
            await pilot.pause(0.01)
            if held:
                break
        assert screen.query_one(ArticleList).option_count == 5
        assert screen.search_panel is None and not screen.panels_mounted
        # Typed ahead, as keys buffered before start-up arrive: all queued at once.
        for key, character in [("slash", "/"), *((c, c) for c in "mozir")]:
            app.post_message(events.Key(key, character))
        await asyncio.sleep(0.2)
        assert screen.search_panel is None
        assert screen.query_one(ArticleList).highlighted == 0, "m o z i r moved the list"
        await mount_panels(screen)
        await pilot.pause()
        await pilot.pause()
        assert screen.search_panel is not None and screen.search_panel.is_open
        assert screen.search_panel.query_text == "mozir"


async def test_a_slash_typed_into_the_search_box_or_a_note_is_text() -> None:
    """/ opens search from the list, but inside the box or the notes editor it is a character."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"a/b")
        assert screen.search_panel is not None
        assert screen.search_panel.query_text == "a/b"
        await pilot.press("escape", "enter", "e", *"and/or")
        assert screen.notes_pane is not None
        assert screen.notes_pane.editor.text == "and/or"


async def test_quitting_at_any_moment_of_start_up_raises_nothing() -> None:
    """Closing while the panels mount and their workers start ends cleanly, whenever it comes."""
    for step in range(24):
        app = make_app()
        async with app.run_test(size=(120, 36)):
            await asyncio.sleep(step * 0.004)  # an error in the app or a worker raises here
