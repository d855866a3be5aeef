"""Actors matched by a helper process: its names are the reader's, stored for it to find."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from reader.core.actors import match_corpus
from reader.core.cache import CorpusCache
from reader.core.corpus import load
from reader.core.gazetteer import load_gazetteer
from reader.core.match_process import MatchProcess

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of the five seeds."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_the_helper_stores_the_names_a_match_then_reuses(tmp_path: Path, corpus_dir: Path) -> None:
    """After the helper, the reader's own match finds every name stored and equal to its own."""
    cache_file = tmp_path / "cache.sqlite3"
    with CorpusCache.open(cache_file) as cache:
        articles = cache.load([corpus_dir]).articles
    counts: list[int] = []
    helper = MatchProcess([corpus_dir], cache_file)
    assert helper.wait(counts.append)
    helper.stop()
    gazetteer = load_gazetteer([corpus_dir])
    with CorpusCache.open(cache_file) as cache:
        mentions = cache.match_corpus(articles, gazetteer)
        assert cache.stats["matched"] == 0 and cache.stats["names reused"] == 5
    expected = match_corpus(load([corpus_dir]).articles, gazetteer)
    assert mentions.by_article == expected.by_article


def test_a_helper_that_cannot_work_says_so_and_nothing_is_lost(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """A cache path it cannot open: the helper fails, and the reader's match does the work."""
    not_a_file = tmp_path / "folder"
    not_a_file.mkdir()
    helper = MatchProcess([corpus_dir], not_a_file)
    assert not helper.wait()
    helper.stop()
    with CorpusCache.open(tmp_path / "cache.sqlite3") as cache:
        articles = cache.load([corpus_dir]).articles
        mentions = cache.match_corpus(articles, load_gazetteer([corpus_dir]))
        assert cache.stats["matched"] == 5
    assert mentions.corpus_counts()


def test_stopping_the_helper_ends_it_at_once(tmp_path: Path, corpus_dir: Path) -> None:
    """`stop` kills a helper still at work; stopping twice is harmless."""
    helper = MatchProcess([corpus_dir], tmp_path / "cache.sqlite3")
    process = helper._process
    assert process is not None
    helper.stop()
    assert process.poll() is not None
    helper.stop()
    assert not helper.wait()


def test_the_helper_ends_when_the_reader_is_gone(tmp_path: Path) -> None:
    """Its standard input closing (the reader quit or died) ends it, even mid-work."""
    import subprocess

    # A helper on a folder that never finishes loading: a FIFO would block, so use a plain
    # module run whose stdin we close while it waits for it.
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from reader.core.match_process import _end_with_parent as e; "
            "import threading, time; threading.Thread(target=e, daemon=True).start(); "
            "time.sleep(30)",
        ],
        stdin=subprocess.PIPE,
    )
    time.sleep(0.3)
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=10) == 1


def test_the_helper_parses_from_the_last_file_and_the_reader_takes_them(
    tmp_path: Path,
) -> None:
    """Files the helper stored are taken from the cache, not parsed again; the corpus is the
    same as one loaded without it, in the same order."""
    from benchmarks.generate import write_corpus

    folder = write_corpus(40, 3, tmp_path / "corpus")
    for path in folder.iterdir():  # old files: the cache trusts their size and time
        os.utime(path, ns=(path.stat().st_atime_ns - 10**11, path.stat().st_mtime_ns - 10**11))
    cache_file = tmp_path / "cache.sqlite3"
    helper = MatchProcess([folder], cache_file)
    assert helper.wait()
    helper.stop()
    with CorpusCache.open(cache_file) as cache:
        articles = cache.load([folder]).articles
        assert cache.stats["parsed"] == 0 and cache.stats["reused"] == 40
    fresh = load([folder]).articles
    assert [(a.id, a.title, a.paths) for a in articles] == [(a.id, a.title, a.paths) for a in fresh]
    assert articles[-1].text == fresh[-1].text
