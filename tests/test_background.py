"""The background load: items ready before anyone asks, a pause after the first screenful."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from reader.core.article import Article
from reader.core.background import BackgroundLoad
from reader.core.cache import CorpusCache
from reader.core.corpus import Problem, iter_load

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write_articles(folder: Path, count: int) -> Path:
    """A folder of `count` small distinct articles."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{number:03d}.txt").write_text(
            f"Headline number {number} about Minsk\n\nBody text {number} of the article.\n",
            encoding="utf-8",
        )
    return folder


def no_cache() -> CorpusCache:
    """A cache that stores nothing, so every test reads its own files."""
    return CorpusCache.disabled()


def wait_until(condition: object, seconds: float = 10.0) -> None:
    """Poll `condition()` until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.005)
    raise AssertionError("the condition never held")


def test_iterating_yields_every_item_in_load_order(tmp_path: Path) -> None:
    """Everything `iter_load` finds comes out once, in its order, problems and all."""
    folder = write_articles(tmp_path / "corpus", 5)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    expected = list(iter_load([folder]))
    load = BackgroundLoad([folder], open_cache=no_cache)
    items = list(load)
    assert [_key(item) for item in items] == [_key(item) for item in expected]
    assert any(isinstance(item, Problem) for item in items)
    assert any(isinstance(item, str) for item in items)
    assert load.finished


def test_take_ready_returns_what_is_loaded_without_waiting(tmp_path: Path) -> None:
    """take_ready hands over the loaded items at once; iterating gives only the rest."""
    folder = write_articles(tmp_path / "corpus", 10)
    load = BackgroundLoad([folder], open_cache=no_cache)
    wait_until(lambda: load.finished)
    first = load.take_ready(limit=4)
    rest = list(load)
    assert len(first) == 4
    assert [_key(item) for item in first + rest] == [_key(item) for item in iter_load([folder])]
    assert load.take_ready() == []


def test_the_load_waits_after_its_first_articles_until_resumed(tmp_path: Path) -> None:
    """Past `first_items` articles the thread waits for resume, then loads the rest."""
    folder = write_articles(tmp_path / "corpus", 12)
    load = BackgroundLoad([folder], open_cache=no_cache, first_items=5)
    wait_until(lambda: len(load._items) == 5)
    time.sleep(0.2)
    assert not load.finished
    assert len(load.take_ready()) == 5
    load.resume()
    assert len(list(load)) == 7


def test_a_load_never_resumed_goes_on_by_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody's forgotten resume stalls a load for ever: it goes on after a while."""
    monkeypatch.setattr("reader.core.background.RESUME_AFTER_SECONDS", 0.2)
    folder = write_articles(tmp_path / "corpus", 6)
    load = BackgroundLoad([folder], open_cache=no_cache, first_items=2)
    assert len(list(load)) == 6


def test_cancel_stops_the_thread_at_the_next_file(tmp_path: Path) -> None:
    """A cancelled load stops without reading the rest, and iteration ends."""
    folder = write_articles(tmp_path / "corpus", 30)
    read: list[str] = []
    gate = threading.Event()

    def slow_load(paths: Iterable[str | Path]) -> Iterator[Article | Problem | str]:
        for item in iter_load(paths):
            read.append("x")
            gate.wait(5)
            yield item

    load = BackgroundLoad([folder], open_cache=no_cache, load_files=slow_load)
    load.cancel()
    gate.set()
    assert load.join(5)
    assert len(list(load)) <= 1
    assert len(read) <= 2


def test_a_failed_load_raises_for_whoever_iterates(tmp_path: Path) -> None:
    """An error in the thread is not lost: iterating ends by raising it."""

    def broken(paths: Iterable[str | Path]) -> Iterator[Article | Problem | str]:
        yield from iter_load(paths)
        raise OSError("disk gone")

    folder = write_articles(tmp_path / "corpus", 2)
    load = BackgroundLoad([folder], open_cache=no_cache, load_files=broken)
    with pytest.raises(OSError, match="disk gone"):
        list(load)
    assert load.opened.is_set()


def test_the_cache_is_open_once_the_load_says_so(tmp_path: Path) -> None:
    """`opened` is set once the cache is open, and `cache` is then the one in use."""
    opened: list[CorpusCache] = []

    def open_cache() -> CorpusCache:
        cache = CorpusCache.disabled()
        opened.append(cache)
        return cache

    load = BackgroundLoad([SEEDS], open_cache=open_cache)
    assert load.opened.wait(10)
    assert load.cache is opened[0]
    assert sum(isinstance(item, Article) for item in load) == 5


def _key(item: Article | Problem | str) -> str:
    if isinstance(item, Article):
        return "article:" + item.id + ":" + ",".join(item.paths)
    if isinstance(item, Problem):
        return "problem:" + item.path
    return "ignored:" + item


def test_wait_ready_returns_once_the_first_screenful_is_loaded(tmp_path: Path) -> None:
    """`wait_ready` returns when `first_items` articles wait (or the load ended), not before."""
    folder = write_articles(tmp_path / "corpus", 12)
    load = BackgroundLoad([folder], open_cache=no_cache, first_items=5)
    assert load.wait_ready(10)
    assert len(load.take_ready()) == 5
    load.cancel()
    few = BackgroundLoad([write_articles(tmp_path / "few", 2)], open_cache=no_cache)
    assert few.wait_ready(10)
    assert few.finished and len(few.take_ready()) == 2


def test_wait_ready_gives_up_after_its_timeout(tmp_path: Path) -> None:
    """A slow load does not hold whoever waits longer than the timeout."""
    folder = write_articles(tmp_path / "corpus", 3)
    gate = threading.Event()

    def slow(paths: Iterable[str | Path]) -> Iterator[Article | Problem | str]:
        gate.wait(10)
        yield from iter_load(paths)

    load = BackgroundLoad([folder], open_cache=no_cache, load_files=slow)
    began = time.monotonic()
    assert not load.wait_ready(0.1)
    assert time.monotonic() - began < 5
    gate.set()
    assert load.wait_ready(10)
