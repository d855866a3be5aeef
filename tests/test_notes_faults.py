"""Faults the notes store must survive: kill -9, two writers, corrupt files, full or read-only disk.

The disk tests use a real, small tmpfs (mounted by the test: it runs as root here), not a
chmod'ed folder, which root could write anyway.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.notes import (
    STORE_FILENAME,
    ArticleInfo,
    Failed,
    NotesError,
    NotesStore,
    Saved,
)

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import sys
from reader.core.anchor import Anchor
from reader.core.notes import ArticleInfo, NotesStore, Saved
store = NotesStore.open(sys.argv[1])
run = sys.argv[2]
article = ArticleInfo("article-" + run, "Kill test " + run)
revision = 0
number = 0
while True:
    number += 1
    body = f"{run}-{number} " + "text " * (number % 50)
    result = store.add_passage_note(article, Anchor("q", "", "", 0, 1), body)
    assert isinstance(result, Saved), result
    print("P", result.note.id, number, flush=True)
    result = store.save_article_note(article, body, revision)
    assert isinstance(result, Saved), result
    revision = result.note.revision
    print("A", result.note.id, revision, number, flush=True)
"""


def kill_writers(folder: Path, kills: int, seed: int) -> int:
    """Run the writer `kills` times, SIGKILL it at a random moment, check the store each time.

    Returns how many saves were reported done (and found afterwards) in all.
    """
    chance = random.Random(seed)
    confirmed = 0
    for run in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), f"r{run}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        if chance.random() < 0.25:
            time.sleep(chance.uniform(0, 0.15))  # often during start-up, open or migration
        else:
            child.stdout.readline()  # wait for a first commit, then kill amid the writes
            time.sleep(chance.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        output, errors = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors
        lines = [line for line in output.splitlines(keepends=True) if line.endswith("\n")]
        confirmed += check_reported(folder, f"r{run}", [line.split() for line in lines])
    return confirmed


def check_reported(folder: Path, run: str, reports: list[list[str]]) -> int:
    """The store passes integrity_check and holds every save the writer reported done."""
    connection = sqlite3.connect(folder / STORE_FILENAME)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for report in reports:
            if report[0] == "P":
                note_id, number = report[1], report[2]
                row = connection.execute("SELECT body FROM notes WHERE id = ?", (note_id,))
                body = row.fetchone()
                assert body is not None and body[0].startswith(f"{run}-{number} ")
            else:
                note_id, revision, number = report[1], int(report[2]), report[3]
                row = connection.execute(
                    "SELECT body FROM revisions WHERE note_id = ? AND revision = ?",
                    (note_id, revision),
                ).fetchone()
                assert row is not None and row[0].startswith(f"{run}-{number} ")
                current = connection.execute(
                    "SELECT revision FROM notes WHERE id = ?", (note_id,)
                ).fetchone()
                assert current[0] >= revision
    finally:
        connection.close()
    return len(reports)


def test_sigkill_during_writes_loses_nothing_reported(tmp_path: Path) -> None:
    """20 kill -9s of a writer: the store stays intact and holds every reported save."""
    confirmed = kill_writers(tmp_path, kills=20, seed=5)
    assert confirmed > 20
    store = NotesStore.open(tmp_path)
    assert store.recovery_message is None and store.integrity_ok()
    assert sorted(os.listdir(tmp_path))[0] == STORE_FILENAME
    assert not [name for name in os.listdir(tmp_path) if "corrupt" in name]


@pytest.mark.slow
def test_sigkill_many_times(tmp_path: Path) -> None:
    """200 kill -9s of a writer: the store stays intact and holds every reported save."""
    confirmed = kill_writers(tmp_path, kills=200, seed=11)
    assert confirmed > 200
    store = NotesStore.open(tmp_path)
    assert store.recovery_message is None and store.integrity_ok()


EDITOR = """
import os, sys, time
from reader.core.notes import ArticleInfo, Conflict, NotesStore, Saved
store = NotesStore.open(sys.argv[1])
name, go = sys.argv[2], sys.argv[3]
article = ArticleInfo("shared", "Shared article")
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
revision = 0
for number in range(150):
    time.sleep(0.002)  # a typist's pause, so the two writers take turns
    body = f"{name} edit {number}"
    result = store.save_article_note(article, body, revision)
    if isinstance(result, Saved):
        revision = result.note.revision
        print("S", revision, body, flush=True)
    elif isinstance(result, Conflict):
        revision = result.current.revision
        print("C", result.conflict_revision, body, flush=True)
    else:
        print("F", result.reason, flush=True)
"""


def test_two_processes_on_one_store_never_overwrite_silently(tmp_path: Path) -> None:
    """Two writers racing on one note: both finish, every edit is kept, races are conflicts."""
    go = tmp_path / "go"
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(tmp_path), name, str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    for editor in editors:
        assert editor.stdout is not None and editor.stdout.readline() == "ready\n"
    go.touch()
    outputs = [editor.communicate(timeout=120) for editor in editors]
    assert [editor.returncode for editor in editors] == [0, 0], outputs
    reports = [line.split(" ", 2) for out, _ in outputs for line in out.splitlines()]
    assert not [r for r in reports if r[0] == "F"]
    store = NotesStore.open(tmp_path)
    note = store.article_note("shared")
    assert note is not None
    history = {(r.revision, r.body): r.conflict for r in store.history(note.id)}
    for kind, revision, body in reports:
        assert history[(int(revision), body)] == (kind == "C")
    conflicts = [r for r in reports if r[0] == "C"]
    assert len(history) == len(reports) == 300
    assert conflicts, "the writers never raced: the test proved nothing"


def test_garbage_store_moved_aside_and_fresh_one_started() -> None:
    """A store of garbage bytes is moved aside unchanged, the user told, a fresh store works."""
    first = NotesStore.open()
    folder = first.path.parent
    first.close()
    garbage = os.urandom(8192)
    (folder / STORE_FILENAME).write_bytes(garbage)
    store = NotesStore.open()
    assert store.recovery_message is not None and "moved aside" in store.recovery_message
    aside = [path for path in folder.iterdir() if ".corrupt-" in path.name]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert str(aside[0]) in store.recovery_message
    assert isinstance(store.save_article_note(ArticleInfo("a", "A"), "fresh", 0), Saved)


def test_truncated_store_moved_aside() -> None:
    """A truncated store is moved aside byte for byte; the fresh store is empty and sound."""
    store = NotesStore.open()
    folder = store.path.parent
    for number in range(200):
        store.save_article_note(ArticleInfo(f"a{number}", "A"), "x" * 2000, 0)
    store._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = folder / STORE_FILENAME
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # the store is closed: no lock of SQLite's is dropped
        handle.truncate(size // 3)
    damaged = path.read_bytes()
    reopened = NotesStore.open()
    assert reopened.recovery_message is not None
    moved = [p for p in folder.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == damaged
    assert reopened.notes() == [] and reopened.integrity_ok()


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB tmpfs mounted for the test (root can write a chmod'ed folder, not this)."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        check=True,
        capture_output=True,
    )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to the last byte; return the filler file."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as error:
        assert error.errno == 28  # ENOSPC
    finally:
        os.close(descriptor)
    return filler


def test_full_disk_reports_not_saved_and_retry_saves(small_tmpfs: Path) -> None:
    """On a full tmpfs the save fails with "disk is full", earlier notes intact; a retry saves."""
    store = NotesStore.open(small_tmpfs / "data")
    article = ArticleInfo("a", "A")
    first = store.save_article_note(article, "saved before", 0)
    assert isinstance(first, Saved)
    filler = fill(small_tmpfs)
    typed = "typed while full " * 20_000
    result = store.save_article_note(article, typed, first.note.revision)
    assert result == Failed("disk is full")
    current = store.article_note("a")
    assert current is not None and current.body == "saved before"
    filler.unlink()
    retried = store.save_article_note(article, typed, first.note.revision)
    assert isinstance(retried, Saved) and retried.note.body == typed
    assert store.integrity_ok()
    store.close()


def test_read_only_dir_gives_clear_reason(small_tmpfs: Path) -> None:
    """A store on a file system remounted read-only cannot open, with a clear reason."""
    store = NotesStore.open(small_tmpfs / "data")
    assert isinstance(store.save_article_note(ArticleInfo("a", "A"), "kept", 0), Saved)
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
    with pytest.raises(NotesError, match="read-only"):
        NotesStore.open(small_tmpfs / "data")
    with pytest.raises(NotesError, match="Read-only file system"):
        NotesStore.open(small_tmpfs / "elsewhere")
    subprocess.run(["mount", "-o", "remount,rw", str(small_tmpfs)], check=True)
    reopened = NotesStore.open(small_tmpfs / "data")
    note = reopened.article_note("a")
    assert note is not None and note.body == "kept"
    reopened.close()
