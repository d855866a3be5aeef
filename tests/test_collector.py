"""The collector pause: nests, overlaps across threads, restores, freezes big loads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import collector

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()


def test_a_pause_stops_the_collector_and_restarts_it() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_restart_it_only_at_the_outermost_end() -> None:
    with collector.paused():
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_a_stopped_collector_stopped() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_running_lets_it_collect_inside_a_pause_then_pauses_again() -> None:
    with collector.paused():
        with collector.running():
            assert gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_running_outside_a_pause_changes_nothing() -> None:
    gc.disable()
    with collector.running():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_the_collector_on() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def pause_in_thread() -> None:
        with collector.paused():
            inside.wait()
            leave.wait()

    thread = threading.Thread(target=pause_in_thread)
    thread.start()
    with collector.paused():
        inside.wait()
    # The main thread's pause ended first: the other one still holds the collector off.
    assert not gc.isenabled()
    leave.set()
    thread.join()
    assert gc.isenabled()


def test_a_pause_that_made_many_objects_freezes_them() -> None:
    gc.unfreeze()
    frozen_before = gc.get_freeze_count()
    with collector.paused():
        kept = [[number] for number in range(collector.FREEZE_AFTER + 1_000)]
    assert gc.get_freeze_count() >= frozen_before + len(kept)
    assert gc.get_count()[0] < 1_000


def test_a_small_pause_freezes_nothing() -> None:
    gc.unfreeze()
    gc.collect()
    with collector.paused():
        kept = [[number] for number in range(100)]
    assert gc.get_freeze_count() == 0
    assert kept


def test_settle_freezes_what_survives() -> None:
    kept = [[index] for index in range(1000)]
    before = gc.get_freeze_count()
    collector.settle()
    assert gc.get_freeze_count() >= before + len(kept)


def test_a_long_cold_load_settles_the_collector_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full collections would scan every article parsed so far, holding up the UI thread."""
    from reader.core import cache as cache_module

    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(60):
        (folder / f"{number:03}.txt").write_text(f"Title {number}\n\nBody text {number}.\n")
    calls: list[int] = []
    monkeypatch.setattr(cache_module, "SETTLE_EVERY", 20)
    monkeypatch.setattr(cache_module, "WRITE_BATCH", 10)
    monkeypatch.setattr(cache_module, "_FIRST_CHUNK", 5)
    monkeypatch.setattr(cache_module, "_CHUNK", 10)
    monkeypatch.setattr(collector, "settle", lambda: calls.append(1))
    opened = cache_module.CorpusCache.open(tmp_path / "cache.sqlite3")
    assert len(opened.load([folder]).articles) == 60
    assert 2 <= len(calls) <= 3


def test_a_hold_pauses_until_released_once() -> None:
    """A hold keeps the collector off until released; a second release changes nothing."""
    hold = collector.hold()
    assert not gc.isenabled()
    hold.release()
    assert gc.isenabled()
    with collector.paused():
        hold.release()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_hold_released_inside_a_pause_leaves_the_pause_in_force() -> None:
    """Released while a load's pause runs, the hold lets the collector start only after it."""
    hold = collector.hold()
    with collector.paused():
        hold.release()
        assert not gc.isenabled()
    assert gc.isenabled()


async def test_the_reader_releases_its_start_up_hold_once_the_rows_are_shown() -> None:
    """The app's start-up pause ends when the first rows are on screen, not at exit."""
    from reader.ui.app import BelreaderApp
    from reader.ui.screens.main import MainScreen
    from reader.ui.widgets.article_list import ArticleList

    hold = collector.hold()
    app = BelreaderApp([SEEDS], startup=hold, watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(200):
            await pilot.pause(0.01)
            if screen.query_one(ArticleList).option_count and gc.isenabled():
                break
        assert gc.isenabled()
