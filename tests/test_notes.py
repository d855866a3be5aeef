"""The notes store: saving, revisions, conflicts, orphans, tags and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.anchor import anchor
from reader.core.article import Article, Paragraph
from reader.core.notes import (
    DAY_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_FILENAME,
    ArticleInfo,
    Conflict,
    Failed,
    Note,
    NotesError,
    NotesStore,
    Saved,
    default_connect,
    migrate,
)
from reader.locations import data_dir

TEXT = (
    "Minsk denies any plan to send troops. Analysts in Kyiv watch the border closely. "
    "Lukashenko said Belarus would fight only if attacked, a line repeated for two years."
)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_article(
    text: str = TEXT, path: str = "/corpus/a.txt", title: str = "Will Minsk fight?"
) -> Article:
    """An article whose clean text is exactly `text`."""
    return Article(
        id="a1",
        title=title,
        source="Reuters",
        date="2024-05-01",
        url="https://example.org/a",
        author=None,
        paragraphs=(Paragraph("paragraph", text, 0),),
        raw=text,
        paths=[path],
        text=text,
    )


def saved(result: object) -> Note:
    """The note of a result that must be Saved."""
    assert isinstance(result, Saved), result
    return result.note


@pytest.fixture
def clock() -> FakeClock:
    """A hand-moved clock."""
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> NotesStore:
    """A fresh store in the test's data dir."""
    return NotesStore.open(clock=clock)


def test_store_lives_in_data_dir_with_safe_pragmas(store: NotesStore) -> None:
    """The store is one file in the data dir, in WAL mode, synchronous FULL, foreign keys on."""
    assert store.path == data_dir() / STORE_FILENAME
    connection = sqlite3.connect(store.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()
    own = store._connection
    assert own.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert own.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert own.isolation_level is None


def test_article_note_saves_and_counts_revisions(store: NotesStore) -> None:
    """Saving an article note twice gives revisions 1 and 2; the text reads back exactly."""
    article = make_article()
    first = saved(store.save_article_note(article, "first", 0))
    second = saved(store.save_article_note(article, "second", first.revision))
    assert (first.revision, second.revision) == (1, 2)
    current = store.article_note("a1")
    assert current is not None and current.body == "second"
    assert current.article_title == "Will Minsk fight?" and current.article_path == "/corpus/a.txt"
    assert [r.body for r in store.history(first.id)] == ["second", "first"]


def test_same_text_again_adds_no_revision(store: NotesStore) -> None:
    """Saving unchanged text (a blur after a save) keeps the revision number."""
    note = saved(store.save_article_note(make_article(), "same", 0))
    again = saved(store.save_article_note(make_article(), "same", note.revision))
    assert again.revision == note.revision and len(store.history(note.id)) == 1


def test_stale_save_is_a_conflict_and_keeps_both(store: NotesStore) -> None:
    """A save from an older revision keeps the newer text current and the stale one in history."""
    article = make_article()
    base = saved(store.save_article_note(article, "base", 0))
    saved(store.save_article_note(article, "theirs", base.revision))
    result = store.save_article_note(article, "mine", base.revision)
    assert isinstance(result, Conflict)
    assert result.current.body == "theirs"
    assert store.article_note("a1") == result.current
    copies = [r for r in store.history(base.id) if r.conflict]
    assert [(c.body, c.revision) for c in copies] == [("mine", result.conflict_revision)]


def test_creating_an_existing_article_note_is_a_conflict(store: NotesStore) -> None:
    """Two first saves of the same article's note: the second is a conflict, not a second note."""
    saved(store.save_article_note(make_article(), "from process one", 0))
    result = store.save_article_note(make_article(), "from process two", 0)
    assert isinstance(result, Conflict)
    assert len(store.notes()) == 1
    assert "from process two" in [r.body for r in store.history(result.current.id)]


def test_a_new_note_after_deleting_the_old_one_is_saved(store: NotesStore) -> None:
    """Writing again on an article whose note was deleted saves it, continuing its history."""
    article = make_article()
    first = saved(store.save_article_note(article, "first", 0))
    saved(store.delete_note(first.id, first.revision))
    assert store.article_note("a1") is None
    again = saved(store.save_article_note(article, "written again", 0))
    assert again.id == first.id and not again.deleted and again.body == "written again"
    assert store.article_note("a1") == again
    assert not any(r.conflict for r in store.history(first.id))
    later = saved(store.save_article_note(article, "and again", again.revision))
    assert later.body == "and again"


def test_a_second_fresh_note_on_a_deleted_note_is_a_conflict(store: NotesStore) -> None:
    """Two processes starting anew on a deleted note: the second keeps its text as a conflict."""
    article = make_article()
    first = saved(store.save_article_note(article, "first", 0))
    saved(store.delete_note(first.id, first.revision))
    saved(store.save_article_note(article, "from one", 0))
    result = store.save_article_note(article, "from two", 0)
    assert isinstance(result, Conflict) and result.current.body == "from one"


def test_passage_note_update_delete_undelete(store: NotesStore) -> None:
    """Passage notes can be edited, deleted softly (gone from lists, in history) and restored."""
    article = make_article()
    start = TEXT.index("Analysts")
    note = saved(store.add_passage_note(article, anchor(TEXT, start, start + 40), "watch this"))
    assert note.kind == "passage" and note.anchor is not None
    edited = saved(store.update_note(note.id, "watch this #border", note.revision))
    deleted = saved(store.delete_note(note.id, edited.revision))
    assert deleted.deleted and store.notes() == [] and store.notes_for_article("a1") == []
    assert [n.id for n in store.notes(include_deleted=True)] == [note.id]
    restored = saved(store.undelete_note(note.id))
    assert not restored.deleted and restored.body == "watch this #border"
    assert [n.id for n in store.notes()] == [note.id]


def test_notes_listed_newest_first_with_titles(store: NotesStore, clock: FakeClock) -> None:
    """All notes come newest first, each with its article's title."""
    one = make_article()
    other = ArticleInfo("b2", "Border drills", "/corpus/b.txt")
    saved(store.save_article_note(one, "old", 0))
    clock.advance(10)
    saved(store.save_article_note(other, "new", 0))
    clock.advance(10)
    passage = saved(store.add_passage_note(one, anchor(TEXT, 0, 5), "newest"))
    listed = store.notes()
    assert [n.body for n in listed] == ["newest", "new", "old"]
    assert [n.article_title for n in listed] == [
        "Will Minsk fight?",
        "Border drills",
        "Will Minsk fight?",
    ]
    assert passage.id == listed[0].id
    assert store.article_ids_with_notes() == {"a1", "b2"}


def test_orphaned_notes_listed_and_reattached_from_new_path(store: NotesStore) -> None:
    """A note whose article is not loaded is orphaned; it re-attaches when found elsewhere."""
    saved(store.save_article_note(make_article(path="/old/a.txt"), "keep me", 0))
    assert [n.body for n in store.orphaned_notes(loaded_article_ids=set())] == ["keep me"]
    moved = make_article(path="/new/place/a.txt")
    no_notes = make_article(path="/new/place/a.txt")
    no_notes.id = "zz"
    assert store.sync_articles([moved, no_notes]) == ["a1"]
    assert store.orphaned_notes({moved.id}) == []
    note = store.article_note("a1")
    assert note is not None and note.article_path == "/new/place/a.txt" and note.body == "keep me"


def test_restore_old_revision(store: NotesStore) -> None:
    """Restoring revision 1 makes its text current again as a new revision."""
    article = make_article()
    first = saved(store.save_article_note(article, "draft one", 0))
    second = saved(store.save_article_note(article, "draft two", first.revision))
    restored = saved(store.restore_revision(first.id, 1, second.revision))
    assert restored.body == "draft one" and restored.revision == 3
    assert [r.body for r in store.history(first.id)] == ["draft one", "draft two", "draft one"]


def test_thinning_keeps_recent_and_last_per_day(store: NotesStore, clock: FakeClock) -> None:
    """Old revisions thin to the last of each day; recent ones, the current and conflicts stay."""
    article = make_article()
    clock.now = 100 * DAY_MS / 1000  # midnight UTC of day 100
    note = saved(store.save_article_note(article, "v0", 0))
    bodies_by_day: dict[int, list[str]] = {}
    for day in range(3):
        for hour in (1, 5, 9):
            clock.now = (100 + day) * DAY_MS / 1000 + hour * 3600
            body = f"day{day}h{hour}"
            note = saved(store.save_article_note(article, body, note.revision))
            bodies_by_day.setdefault(day, []).append(body)
    conflict = store.save_article_note(article, "lost race", 1)
    assert isinstance(conflict, Conflict)
    clock.now = (102 * DAY_MS + 10 * 3600 * 1000) / 1000  # day 2 stays recent with 1-day window
    removed = store.thin_revisions(keep_all_days=1)
    kept = [r.body for r in store.history(note.id)]
    assert removed == 5
    assert kept == ["lost race", "day2h9", "day2h5", "day2h1", "day1h9", "day0h9"]


def test_tags_counts_and_articles(store: NotesStore) -> None:
    """Tags are counted per note; article ids can be found by tag in any case."""
    saved(store.save_article_note(make_article(), "#Nuclear and #troops", 0))
    saved(store.save_article_note(ArticleInfo("b2", "B"), "# Heading\n#nuclear", 0))
    saved(store.add_passage_note(make_article(), anchor(TEXT, 0, 5), "see https://x.org/#troops"))
    assert store.tag_counts() == {"nuclear": 2, "troops": 1}
    assert store.article_ids_by_tag("#NUCLEAR") == {"a1", "b2"}
    assert store.article_ids_by_tag("troops") == {"a1"}
    documents = {d.text: d for d in store.search_documents()}
    assert {text: (d.article_id, d.tags) for text, d in documents.items()} == {
        "#Nuclear and #troops": ("a1", ("nuclear", "troops")),
        "# Heading\n#nuclear": ("b2", ("nuclear",)),
        "see https://x.org/#troops": ("a1", ()),
    }
    assert documents["see https://x.org/#troops"].quote == "Minsk"


def test_placed_notes_follow_edited_text(store: NotesStore) -> None:
    """Passage notes are re-anchored in changed text; a vanished passage is orphaned, not lost."""
    article = make_article()
    start = TEXT.index("Lukashenko said")
    kept = saved(store.add_passage_note(article, anchor(TEXT, start, start + 45), "quote"))
    gone_start = TEXT.index("Analysts")
    gone = saved(store.add_passage_note(article, anchor(TEXT, gone_start, gone_start + 41), "x"))
    new_text = "UPDATE: new intro paragraph. " + TEXT.replace(
        TEXT[gone_start : gone_start + 41], ""
    )
    placed = store.placed_notes(make_article(text=new_text))
    assert [p.note.id for p in placed] == [kept.id, gone.id]
    span = placed[0].span
    assert span is not None and new_text[span[0] : span[1]] == TEXT[start : start + 45]
    assert placed[1].orphaned


def test_escape_sequences_and_markup_stored_exactly(store: NotesStore) -> None:
    """A note with escape sequences, markup and odd characters reads back byte for byte."""
    body = "\x1b]52;c;aGk=\x07 [@click=app.quit]x[/] [b]bold[/i] \x9b31m \u202e rtl \x00 nul\r\n# h"
    note = saved(store.save_article_note(make_article(), body, 0))
    reopened = NotesStore.open()
    stored = reopened.note(note.id)
    assert stored is not None and stored.body == body


def _v1_store(path: Path) -> sqlite3.Connection:
    connection = default_connect(str(path))
    migrate(connection, target=1)
    connection.execute("INSERT INTO articles (id, title, path) VALUES ('a1', 'T', '/p')")
    connection.execute(
        "INSERT INTO notes (id, article_id, kind, body, created_ms, updated_ms, revision) "
        "VALUES ('n1', 'a1', 'article', 'from v1', 5, 7, 4)"
    )
    return connection


def test_migration_from_empty_store() -> None:
    """A store with no schema (version 0) is migrated to the current version."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(folder / STORE_FILENAME).close()
    store = NotesStore.open()
    assert store._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert saved(store.save_article_note(make_article(), "ok", 0)).revision == 1


def test_migration_from_v1_backfills_history() -> None:
    """A v1 store (no revisions table) gains one revision per note, its data intact."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _v1_store(folder / STORE_FILENAME).close()
    store = NotesStore.open()
    note = store.note("n1")
    assert note is not None and note.body == "from v1" and note.revision == 4
    history = store.history("n1")
    assert [(r.revision, r.body, r.saved_ms) for r in history] == [(4, "from v1", 7)]
    assert saved(store.update_note("n1", "after", 4)).revision == 5


def test_failed_migration_step_rolls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A migration step that fails half-way leaves the store at its old version, unchanged."""
    connection = _v1_store(tmp_path / "n.sqlite3")
    monkeypatch.setitem(MIGRATIONS, 2, "CREATE TABLE revisions (x INTEGER); SELECT * FROM nowhere")
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "revisions" not in tables
    assert connection.execute("SELECT body FROM notes").fetchall() == [("from v1",)]


def test_newer_schema_is_refused_and_untouched() -> None:
    """A store from a newer belreader is not opened and not changed."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(folder / STORE_FILENAME)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = (folder / STORE_FILENAME).read_bytes()
    with pytest.raises(NotesError, match="newer belreader"):
        NotesStore.open()
    assert (folder / STORE_FILENAME).read_bytes() == before


class FailingConnection(sqlite3.Connection):
    """A connection whose COMMIT fails as a full disk does, while `failing` is set."""

    failing = False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if FailingConnection.failing and sql == "COMMIT":
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise error
        return super().execute(sql, *args)  # type: ignore[arg-type]


def failing_connect() -> Callable[[str], sqlite3.Connection]:
    """A connection factory making `FailingConnection`s (a simulated write error)."""

    def connect(path: str) -> sqlite3.Connection:
        return sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, factory=FailingConnection
        )

    return connect


def test_simulated_write_error_fails_cleanly_then_retry_saves() -> None:
    """A write error is reported as Failed with a reason, nothing half-saved; a retry saves."""
    store = NotesStore.open(connect=failing_connect())
    first = saved(store.save_article_note(make_article(), "committed", 0))
    FailingConnection.failing = True
    try:
        result = store.save_article_note(make_article(), "typed during the outage", 1)
    finally:
        FailingConnection.failing = False
    assert isinstance(result, Failed) and result.reason == "disk is full"
    current = store.article_note("a1")
    assert current is not None and current.body == "committed" and len(store.history(first.id)) == 1
    again = saved(store.save_article_note(make_article(), "typed during the outage", 1))
    assert again.body == "typed during the outage" and again.revision == 2


def test_opening_waits_out_another_process_lock(tmp_path: Path) -> None:
    """A store locked for a moment by another process opens once the lock goes, untouched."""
    refusals = []

    def locked_twice(path: str) -> sqlite3.Connection:
        if len(refusals) < 2:
            refusals.append(path)
            raise sqlite3.OperationalError("database is locked")
        return default_connect(path)

    store = NotesStore.open(tmp_path, connect=locked_twice)
    assert len(refusals) == 2 and store.recovery_message is None
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name or "damaged" in p.name] == []
    assert store.integrity_ok()
