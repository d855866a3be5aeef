"""The app at scale: a virtual list of 50,000 rows, streaming loads, warm starts from the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.article import Article, Paragraph
from reader.core.corpus import iter_load
from reader.ui.app import BelreaderApp
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import FIXED_ROWS_FROM, ROW_HEIGHT, ArticleList

ROWS = 50_000
SOURCES = ("BelTA", "Reuters", "Meduza", "Ukrinform", None)


def generated_articles(count: int) -> list[Article]:
    """Small articles built directly (no files): varied dates, sources and one actor in seven."""
    articles = []
    for number in range(count):
        who = "Lukashenko" if number % 7 == 0 else "the minister"
        title = f"Report {number:05d}: {who} speaks on border drills near Brest"
        body = f"{title}. Troops moved again, said {who}."
        date = None if number % 11 == 0 else f"20{15 + number % 10}-{1 + number % 12:02d}-01"
        articles.append(
            Article(
                id=f"gen{number:08d}",
                title=title,
                source=SOURCES[number % len(SOURCES)],
                date=date,
                url=None,
                author=None,
                paragraphs=(Paragraph("paragraph", body, 0),),
                raw=body,
                paths=[f"/generated/{number:05d}.txt"],
            )
        )
    return articles


async def wait_loaded(pilot: object, screen: MainScreen) -> None:
    """Wait until the corpus is loaded and actors matched."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(600):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        if not screen.is_loading and screen.gazetteer is not None:
            return
    raise AssertionError("the corpus never finished loading")


async def test_fifty_thousand_rows_scroll_filter_and_sort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """50,000 rows load into a virtual list that goes to the end, filters and sorts at once."""
    articles = generated_articles(ROWS)

    def generated(_paths: object) -> Iterator[Article]:
        yield from articles

    monkeypatch.setenv("BELREADER_NO_CACHE", "1")
    monkeypatch.setattr("reader.ui.screens.main.iter_load", generated)
    app = BelreaderApp([tmp_path], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_loaded(pilot, screen)
        article_list = screen.query_one(ArticleList)
        assert article_list.option_count == ROWS and article_list.fixed_rows
        assert article_list.virtual_size.height == ROWS * ROW_HEIGHT
        # Only the rows drawn have their content built: the list stays virtual.
        built = sum(1 for option in article_list.options if option._built)  # type: ignore[attr-defined]
        assert built < 200

        await pilot.press("G")
        await pilot.pause()
        assert article_list.highlighted == ROWS - 1
        assert article_list.scroll_y >= article_list.max_scroll_y - ROW_HEIGHT
        last = screen.articles[ROWS - 1]
        assert article_list.highlighted_id == last.id

        started = time.perf_counter()
        screen.sort_by("title")
        sort_seconds = time.perf_counter() - started
        await pilot.pause()
        assert article_list.highlighted_id == last.id  # the cursor stays on its article
        titles = [article.title for article in screen.articles]
        assert titles == sorted(titles, key=str.casefold)

        screen.selected_actor_id = "lukashenko"
        started = time.perf_counter()
        screen.action_filter_by_actor()
        filter_seconds = time.perf_counter() - started
        await pilot.pause()
        expected = {a.id for a in articles if "Lukashenko" in a.title}
        assert {a.id for a in screen.articles} == expected
        assert article_list.option_count == len(expected) >= FIXED_ROWS_FROM
        screen.action_clear_filters()
        await pilot.pause()
        assert article_list.option_count == ROWS
        # Laying out every row took ~5 s here; the virtual list takes well under a tenth.
        assert sort_seconds < 1.0 and filter_seconds < 1.0


async def test_a_key_pressed_while_loading_is_handled_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a slow streaming load, rows appear and `j` moves the cursor before it ends."""
    from benchmarks.generate import write_corpus

    folder = write_corpus(30, 5, tmp_path / "corpus")
    finished: list[float] = []

    def slow_load(paths: list[str]) -> Iterator[object]:
        for item in iter_load(paths):
            time.sleep(0.15)  # 4.5 s in all: the load is still going when the keys come
            yield item
        finished.append(time.monotonic())

    monkeypatch.setattr("reader.ui.screens.main.iter_load", slow_load)
    app = BelreaderApp([folder], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        for _ in range(100):
            await pilot.pause(0.02)
            if article_list.option_count >= 3:
                break
        assert screen.is_loading and not finished
        await pilot.press("j", "j")
        assert article_list.highlighted == 2
        assert screen.is_loading and not finished
        await wait_loaded(pilot, screen)
        assert article_list.option_count == 30


async def test_a_warm_start_reads_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second start on the same folder takes every article and name from the cache."""
    from benchmarks.generate import write_corpus

    folder = write_corpus(40, 6, tmp_path / "corpus")
    for path in folder.iterdir():
        info = path.stat()
        past = info.st_mtime_ns - 60 * 10**9
        os.utime(path, ns=(past, past))
    first = BelreaderApp([folder], watch_signals=False)
    async with first.run_test(size=(120, 36)) as pilot:
        screen = first.screen
        assert isinstance(screen, MainScreen)
        await wait_loaded(pilot, screen)
        cold_titles = [a.title for a in screen.articles]
        assert screen.cache is not None and screen.cache.stats["parsed"] == 40

    def no_parsing(_paths: object) -> Iterator[object]:
        raise AssertionError("a cached file was read again")
        yield  # pragma: no cover

    monkeypatch.setattr("reader.ui.screens.main.iter_load", no_parsing)
    second = BelreaderApp([folder], watch_signals=False)
    async with second.run_test(size=(120, 36)) as pilot:
        screen = second.screen
        assert isinstance(screen, MainScreen)
        await wait_loaded(pilot, screen)
        assert [a.title for a in screen.articles] == cold_titles
        assert screen.cache is not None
        assert screen.cache.stats["reused"] == 40 and screen.cache.stats["matched"] == 0
        assert screen.all_mentions.corpus_counts()


async def test_a_damaged_cache_is_reported_and_the_app_carries_on() -> None:
    """A cache file of garbage: the app says it rebuilt the cache and loads every article."""
    cache_file = Path(os.environ["BELREADER_CACHE_DIR"]) / "cache.sqlite3"
    cache_file.write_bytes(b"garbage, not SQLite" * 100)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    app = BelreaderApp([seeds], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_loaded(pilot, screen)
        assert screen.query_one(ArticleList).option_count == 5
        notices = [notification.message for notification in app._notifications]
        assert any("cache" in text and "rebuilt" in text for text in notices), notices


async def _cold_start(folder: Path) -> tuple[dict[str, int], object]:
    """Start the app on `folder` until actors are matched: its cache's counts and the actors.

    The corpus it loaded is checked against one loaded without the app, order included.
    """
    from reader.core.corpus import load

    app = BelreaderApp([folder], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_loaded(pilot, screen)
        assert screen.cache is not None
        expected = [(a.id, a.title, a.paths) for a in load([folder]).articles]
        assert [(a.id, a.title, a.paths) for a in screen.corpus.articles] == expected
        return dict(screen.cache.stats), screen.all_mentions.corpus_counts()


async def test_a_large_cold_load_matches_actors_in_a_helper_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a cold load a helper matches actors: the app takes its stored names, same counts."""
    from benchmarks.generate import write_corpus
    from reader.core import match_process

    folder = write_corpus(300, 7, tmp_path / "corpus")
    started: list[match_process.MatchProcess] = []
    while_loading: list[bool] = []

    class Recorded(match_process.MatchProcess):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            started.append(self)
            while_loading.append(any(s.is_loading for s in screens))

    screens: list[MainScreen] = []
    mount = MainScreen.on_mount

    def recorded_mount(self: MainScreen) -> None:
        screens.append(self)
        mount(self)

    monkeypatch.setattr(MainScreen, "on_mount", recorded_mount)

    monkeypatch.setattr(match_process, "MIN_ARTICLES", 10)
    monkeypatch.setattr(match_process, "MatchProcess", Recorded)
    stats, helped = await _cold_start(folder)
    # Started while the load was under way: it parsed files from the last one backwards.
    assert len(started) == 1 and while_loading == [True]
    assert stats["matched"] == 0 and stats["names reused"] == 300
    # The same corpus matched by the app itself, in a fresh cache, counts the same.
    monkeypatch.setenv("BELREADER_CACHE_DIR", str(tmp_path / "other-cache"))
    monkeypatch.setattr(match_process, "MIN_ARTICLES", 10**9)
    stats, alone = await _cold_start(folder)
    assert len(started) == 1
    assert stats["matched"] == 300
    assert alone == helped


async def test_quitting_stops_the_helper_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting while the helper matches ends it with the app."""
    from benchmarks.generate import write_corpus
    from reader.core import match_process

    folder = write_corpus(30, 8, tmp_path / "corpus")
    started: list[match_process.MatchProcess] = []

    class Stalled(match_process.MatchProcess):
        """A helper that would work for half a minute."""

        def __init__(self, *_args: object) -> None:
            self._reading = threading.Lock()
            self._process = subprocess.Popen(
                [sys.executable, "-c", "import time; time.sleep(30)"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            started.append(self)

    monkeypatch.setattr(match_process, "MIN_ARTICLES", 10)
    monkeypatch.setattr(match_process, "MatchProcess", Stalled)
    app = BelreaderApp([folder], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(500):
            await pilot.pause(0.01)
            if started:
                break
        assert started
        process = started[0]._process
        assert process is not None
        await pilot.press("q")
    assert process.wait(timeout=5) < 0  # killed, not ended of itself
