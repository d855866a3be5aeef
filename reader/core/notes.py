"""The notes store: one SQLite file in the data dir that never loses a saved note.

Every write is one `BEGIN IMMEDIATE … COMMIT` in WAL mode with `synchronous=FULL`, so a
note reported saved survives a kill -9 or a power cut. Every save keeps a revision. A caller
says which revision its edit started from; when another process has saved since, both
versions are kept and a `Conflict` is returned instead of overwriting. Notes belong to an
article's stable id; the article's title and path are stored beside them, so notes whose
article is gone still show.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

from reader.core.anchor import Anchor, locate
from reader.core.article import Article
from reader.core.tags import tags_in

STORE_FILENAME = "notes.sqlite3"
"""The store's file name inside the data dir."""

SCHEMA_VERSION = 2
"""The schema this code writes; `PRAGMA user_version` holds the store's own."""

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process's write to finish before failing."""

OPEN_RETRIES = 20
"""How often opening is tried while another process holds the new store locked (~10 s)."""

KEEP_ALL_REVISIONS_DAYS = 30
"""Revisions younger than this are all kept; older ones are thinned to the last of each day."""

DAY_MS = 86_400_000

NoteKind = Literal["article", "passage"]
Connect = Callable[[str], sqlite3.Connection]
Clock = Callable[[], float]
_T = TypeVar("_T")


class NotesError(Exception):
    """The notes store cannot be opened at all; the message says why, in a user's words."""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the store keeps about an article beside its notes, so they show without it."""

    id: str
    """The article's stable id."""
    title: str
    """The headline when last seen."""
    path: str | None = None
    """The file it was last seen at."""
    source: str | None = None
    """The outlet, when known."""
    date: str | None = None
    """Publication date (YYYY-MM-DD), when known."""
    url: str | None = None
    """The article's address, when known."""

    @classmethod
    def from_article(cls, article: Article) -> ArticleInfo:
        """The metadata of a loaded article."""
        return cls(
            id=article.id,
            title=article.title,
            path=article.paths[0] if article.paths else None,
            source=article.source,
            date=article.date,
            url=article.url,
        )


@dataclass(frozen=True, slots=True)
class Note:
    """A note as stored now: an article's free note or a note on a passage."""

    id: str
    """A UUID, kept across export and import."""
    article_id: str
    """The stable id of the article it belongs to."""
    kind: NoteKind
    """`article` for the one free note per article, `passage` for a note on a quote."""
    body: str
    """The note's Markdown, exactly as typed."""
    anchor: Anchor | None
    """Where a passage note sits; None for an article note."""
    created_ms: int
    """When the note was first saved, in milliseconds since the Unix epoch (UTC)."""
    updated_ms: int
    """When its current revision was saved, in milliseconds since the epoch."""
    revision: int
    """The current revision number; pass it back as `expected_revision` when saving."""
    deleted: bool
    """Whether the note was deleted (it can be restored)."""
    article_title: str
    """The article's title as last seen."""
    article_path: str | None
    """The file the article was last seen at."""

    @property
    def tags(self) -> list[str]:
        """The note's `#tags`, case-folded."""
        return tags_in(self.body)


@dataclass(frozen=True, slots=True)
class Revision:
    """One saved version of a note."""

    note_id: str
    """The note it is a version of."""
    revision: int
    """Its number, increasing with every save of the note."""
    body: str
    """The note's text at that save."""
    anchor: Anchor | None
    """The passage anchor at that save, for passage notes."""
    saved_ms: int
    """When it was saved, in milliseconds since the epoch."""
    deleted: bool
    """Whether this save deleted the note."""
    conflict: bool
    """Whether this is an edit that lost a race with another process, kept as a copy."""


@dataclass(frozen=True, slots=True)
class Saved:
    """The save was committed to disk."""

    note: Note
    """The note as now stored, with its new revision number."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Another process saved the note since the caller read it; both versions are kept."""

    current: Note
    """The other process's version, which stays current."""
    conflict_revision: int
    """The revision under which the caller's text was kept (see `history`)."""


@dataclass(frozen=True, slots=True)
class Failed:
    """Nothing was saved; the caller should keep its text and try again."""

    reason: str
    """Why, in a user's words (shown as "NOT SAVED: reason")."""


SaveResult = Saved | Conflict | Failed


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A passage note with where its passage is in the article's current text."""

    note: Note
    """The note."""
    span: tuple[int, int] | None
    """(start, end) of the passage in `Article.text` now; None when it cannot be found."""

    @property
    def orphaned(self) -> bool:
        """Whether the passage could not be found in the current text."""
        return self.span is None


@dataclass(frozen=True, slots=True)
class NoteDocument:
    """A note as the search index sees it."""

    note_id: str
    """The note's id."""
    article_id: str
    """The article it belongs to."""
    text: str
    """The note's body."""
    tags: tuple[str, ...]
    """Its tags, case-folded."""
    quote: str
    """The passage quoted by a passage note; empty for an article note."""


@dataclass(slots=True)
class ImportReport:
    """What merging notes from elsewhere did."""

    added: int = 0
    """Notes that were new here."""
    updated: int = 0
    """Notes whose imported version was newer and became current."""
    unchanged: int = 0
    """Notes already here with the same text (importing twice lands here)."""
    kept_both: int = 0
    """Notes changed on both sides: the local one stays current, the other is in history."""


def _now_ms(clock: Clock) -> int:
    return int(clock() * 1000)


def iso_from_ms(ms: int) -> str:
    """A millisecond timestamp as ISO 8601 UTC text, exact to the millisecond."""
    seconds, millis = divmod(ms, 1000)
    moment = datetime.fromtimestamp(seconds, UTC).replace(microsecond=millis * 1000)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms_from_iso(text: str) -> int:
    """The millisecond timestamp of ISO 8601 text (a time without a zone is read as UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def failure_reason(error: BaseException) -> str:
    """A user's words for why a write to the store failed."""
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith("SQLITE_FULL"):
            return "disk is full"
        if name.startswith("SQLITE_READONLY"):
            return "the notes folder or file is read-only"
        if name.startswith("SQLITE_CANTOPEN"):
            return "cannot open the notes file"
        if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
            return "another belreader is writing the notes; will retry"
        if name.startswith("SQLITE_IOERR"):
            return f"write error ({error})"
        return str(error)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _is_corruption(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    # SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), whatever the extended code.
    return code is not None and code & 0xFF in (11, 26)


def default_connect(path: str) -> sqlite3.Connection:
    """Open a connection the store can use: autocommit, usable from the UI's threads."""
    return sqlite3.connect(
        path,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )


# Each migration step runs in one transaction together with its version bump.

_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    path TEXT,
    source TEXT,
    date TEXT,
    url TEXT
);
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL CHECK (kind IN ('article', 'passage')),
    body TEXT NOT NULL,
    quote TEXT,
    prefix TEXT,
    suffix TEXT,
    start_offset INTEGER,
    end_offset INTEGER,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    deleted_ms INTEGER,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX notes_one_article_note ON notes(article_id) WHERE kind = 'article';
CREATE INDEX notes_by_article ON notes(article_id);
CREATE INDEX notes_by_update ON notes(updated_ms);
"""

_V2 = """
CREATE TABLE revisions (
    note_id TEXT NOT NULL REFERENCES notes(id),
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    quote TEXT,
    prefix TEXT,
    suffix TEXT,
    start_offset INTEGER,
    end_offset INTEGER,
    saved_ms INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    conflict INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (note_id, revision)
);
INSERT INTO revisions (note_id, revision, body, quote, prefix, suffix, start_offset,
                       end_offset, saved_ms, deleted, conflict)
    SELECT id, revision, body, quote, prefix, suffix, start_offset, end_offset, updated_ms,
           deleted_ms IS NOT NULL, 0
    FROM notes;
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2}
"""Schema version → the SQL that brings the previous version to it."""


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NotesError(
            f"the notes store was written by a newer belreader (schema {version}, "
            f"this one knows {SCHEMA_VERSION}); it was left untouched"
        )


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the store's schema up to `target`, one transaction per step; return the version.

    Each step re-reads the version inside its transaction, so two processes opening an old
    store at once migrate it once. A store newer than this code is left alone (NotesError).
    """
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            _refuse_newer(version)
            if version >= target:
                connection.execute("COMMIT")
                return version
            # executescript would commit; run the step's statements inside our transaction.
            for statement in _statements(MIGRATIONS[version + 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def _moved_aside_name(path: Path, clock: Clock) -> Path:
    stamp = datetime.fromtimestamp(clock(), UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}.corrupt-{stamp}-{counter}{path.suffix}")
    return candidate


_NOTE_COLUMNS = (
    "n.id, n.article_id, n.kind, n.body, n.quote, n.prefix, n.suffix, n.start_offset, "
    "n.end_offset, n.created_ms, n.updated_ms, n.revision, n.deleted_ms, a.title, a.path"
)
_NOTE_SELECT = f"SELECT {_NOTE_COLUMNS} FROM notes n JOIN articles a ON a.id = n.article_id"


def _anchor_from(row: Sequence[object]) -> Anchor | None:
    quote, prefix, suffix, start, end = row
    if quote is None:
        return None
    assert isinstance(quote, str) and isinstance(start, int) and isinstance(end, int)
    return Anchor(str(quote), str(prefix or ""), str(suffix or ""), start, end)


def _note_from(row: Sequence[object]) -> Note:
    kind: NoteKind = "passage" if row[2] == "passage" else "article"
    return Note(
        id=str(row[0]),
        article_id=str(row[1]),
        kind=kind,
        body=str(row[3]),
        anchor=_anchor_from(row[4:9]),
        created_ms=int(str(row[9])),
        updated_ms=int(str(row[10])),
        revision=int(str(row[11])),
        deleted=row[12] is not None,
        article_title=str(row[13]),
        article_path=None if row[14] is None else str(row[14]),
    )


def _anchor_values(found: Anchor | None) -> tuple[object, ...]:
    if found is None:
        return (None, None, None, None, None)
    return (found.quote, found.prefix, found.suffix, found.start, found.end)


class NotesStore:
    """The user's notes in one SQLite file; safe to share with other belreader processes.

    Methods may be called from any thread; each call is serialised. Writes return a
    `SaveResult` instead of raising for disk errors, so the caller can keep its text.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        clock: Clock = time.time,
        recovery_message: str | None = None,
    ) -> None:
        self.path = path
        """The store's file."""
        self.recovery_message = recovery_message
        """Set when a damaged store was moved aside at open: tell the user this message."""
        self._connection = connection
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls,
        folder: Path | str | None = None,
        *,
        connect: Connect = default_connect,
        clock: Clock = time.time,
    ) -> NotesStore:
        """Open (creating or migrating) the store in `folder` (default: the data dir).

        A damaged store is moved aside with a timestamped name and a fresh one started; then
        `recovery_message` says so. Raises NotesError when the store cannot be opened at all
        (a read-only folder with no store in it, a store from a newer belreader).
        """
        if folder is None:
            from reader.locations import data_dir

            folder = data_dir()
        folder_path = Path(folder)
        try:
            folder_path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NotesError(f"cannot create the notes folder {folder_path}: {error}") from error
        path = folder_path / STORE_FILENAME
        recovery_message: str | None = None
        try:
            connection = cls._connect_waiting(path, connect)
        except sqlite3.Error as error:
            if not _is_corruption(error):
                reason = failure_reason(error)
                if not os.access(folder_path, os.W_OK):
                    reason = "the notes folder is read-only"
                raise NotesError(f"cannot open notes at {path}: {reason}") from error
            aside = cls._move_aside(path, clock)
            recovery_message = (
                f"The notes store was damaged ({error}). It was moved aside to {aside} "
                "(nothing was deleted) and a fresh, empty store was started."
            )
            try:
                connection = cls._connect_checked(path, connect)
            except sqlite3.Error as second:
                raise NotesError(
                    f"cannot open notes at {path}: {failure_reason(second)}"
                ) from second
        return cls(path, connection, clock=clock, recovery_message=recovery_message)

    @classmethod
    def _connect_waiting(cls, path: Path, connect: Connect) -> sqlite3.Connection:
        """`_connect_checked`, waiting while another process creates or migrates the store.

        Switching a new file to WAL takes a lock that SQLite may refuse at once rather than
        wait for; two readers starting together must not take that for a broken store.
        """
        for attempt in range(1, OPEN_RETRIES + 1):
            try:
                return cls._connect_checked(path, connect)
            except sqlite3.OperationalError as error:
                message = str(error).lower()
                if attempt == OPEN_RETRIES or not ("locked" in message or "busy" in message):
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    @staticmethod
    def _connect_checked(path: Path, connect: Connect) -> sqlite3.Connection:
        connection = connect(str(path))
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Read the version before anything writes: a newer store must stay byte for byte.
            _refuse_newer(int(connection.execute("PRAGMA user_version").fetchone()[0]))
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            verdict = connection.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                detail = verdict[0] if verdict else "no answer"
                error = sqlite3.DatabaseError(f"integrity check failed: {detail}")
                error.sqlite_errorcode = 11  # SQLITE_CORRUPT, so the caller moves the file aside
                raise error
            migrate(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _move_aside(path: Path, clock: Clock) -> Path:
        aside = _moved_aside_name(path, clock)
        # The WAL belongs to the damaged file: it travels with it, never into the fresh store.
        for suffix in ("-wal", "-shm"):
            companion = Path(str(path) + suffix)
            if companion.exists():
                os.replace(companion, Path(str(aside) + suffix))
        os.replace(path, aside)
        return aside

    def close(self) -> None:
        """Close the connection; the store is unusable afterwards."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._connection.execute(sql, parameters).fetchall())

    def _write(self, work: Callable[[sqlite3.Connection, int], _T]) -> _T | Failed:
        """Run `work` in one immediate transaction; disk errors become `Failed`."""
        with self._lock:
            connection = self._connection
            try:
                connection.execute("BEGIN IMMEDIATE")
                result = work(connection, _now_ms(self._clock))
                connection.execute("COMMIT")
                return result
            except (sqlite3.Error, OSError) as error:
                self._rollback()
                return Failed(failure_reason(error))
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (it does after a failed COMMIT on a full disk)

    @staticmethod
    def _note(connection: sqlite3.Connection, note_id: str) -> Note | None:
        row = connection.execute(f"{_NOTE_SELECT} WHERE n.id = ?", (note_id,)).fetchone()
        return None if row is None else _note_from(row)

    @staticmethod
    def _upsert_article(connection: sqlite3.Connection, info: ArticleInfo) -> None:
        connection.execute(
            "INSERT INTO articles (id, title, path, source, date, url) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
            "path = COALESCE(excluded.path, path), source = COALESCE(excluded.source, source), "
            "date = COALESCE(excluded.date, date), url = COALESCE(excluded.url, url)",
            (info.id, info.title, info.path, info.source, info.date, info.url),
        )

    @staticmethod
    def _next_revision(connection: sqlite3.Connection, note_id: str) -> int:
        row = connection.execute(
            "SELECT COALESCE(MAX(revision), 0) FROM revisions WHERE note_id = ?", (note_id,)
        ).fetchone()
        return int(row[0]) + 1

    @staticmethod
    def _add_revision(
        connection: sqlite3.Connection,
        note_id: str,
        revision: int,
        body: str,
        found: Anchor | None,
        saved_ms: int,
        *,
        deleted: bool = False,
        conflict: bool = False,
    ) -> None:
        connection.execute(
            "INSERT INTO revisions (note_id, revision, body, quote, prefix, suffix, "
            "start_offset, end_offset, saved_ms, deleted, conflict) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (note_id, revision, body, *_anchor_values(found), saved_ms, deleted, conflict),
        )

    def _insert_note(
        self,
        connection: sqlite3.Connection,
        note_id: str,
        info: ArticleInfo,
        kind: NoteKind,
        body: str,
        found: Anchor | None,
        created_ms: int,
        updated_ms: int,
    ) -> Note:
        self._upsert_article(connection, info)
        connection.execute(
            "INSERT INTO notes (id, article_id, kind, body, quote, prefix, suffix, start_offset, "
            "end_offset, created_ms, updated_ms, deleted_ms, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)",
            (note_id, info.id, kind, body, *_anchor_values(found), created_ms, updated_ms),
        )
        self._add_revision(connection, note_id, 1, body, found, updated_ms)
        note = self._note(connection, note_id)
        assert note is not None
        return note

    def _change_note(
        self,
        connection: sqlite3.Connection,
        current: Note,
        expected_revision: int,
        body: str,
        found: Anchor | None,
        now_ms: int,
        *,
        deleted: bool,
    ) -> SaveResult:
        """Make a new current revision, or keep the text as a conflict copy if it raced."""
        revision = self._next_revision(connection, current.id)
        if current.revision != expected_revision:
            self._add_revision(
                connection,
                current.id,
                revision,
                body,
                found,
                now_ms,
                deleted=deleted,
                conflict=True,
            )
            return Conflict(current, revision)
        connection.execute(
            "UPDATE notes SET body = ?, quote = ?, prefix = ?, suffix = ?, start_offset = ?, "
            "end_offset = ?, updated_ms = ?, deleted_ms = ?, revision = ? WHERE id = ?",
            (
                body,
                *_anchor_values(found),
                now_ms,
                now_ms if deleted else None,
                revision,
                current.id,
            ),
        )
        self._add_revision(connection, current.id, revision, body, found, now_ms, deleted=deleted)
        note = self._note(connection, current.id)
        assert note is not None
        return Saved(note)

    def save_article_note(
        self, article: Article | ArticleInfo, body: str, expected_revision: int
    ) -> SaveResult:
        """Save the article's free note.

        Args:
            article: the article (its title and path are stored beside the note).
            body: the note's full text, stored exactly as given.
            expected_revision: the revision the edit started from (`Note.revision`), or 0 when
                the article had no note; another process's newer save makes this a Conflict.
        """
        info = article if isinstance(article, ArticleInfo) else ArticleInfo.from_article(article)

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            row = connection.execute(
                "SELECT id FROM notes WHERE article_id = ? AND kind = 'article'", (info.id,)
            ).fetchone()
            if row is None:
                note = self._insert_note(
                    connection, str(uuid.uuid4()), info, "article", body, None, now_ms, now_ms
                )
                return Saved(note)
            self._upsert_article(connection, info)
            current = self._note(connection, str(row[0]))
            assert current is not None
            expected = expected_revision
            if current.deleted and expected == 0:
                # The article's note was deleted (emptied) and the user starts a new one: it
                # continues the old note's history rather than racing with it.
                expected = current.revision
            unchanged = current.body == body and not current.deleted
            if unchanged and current.revision == expected:
                return Saved(current)
            return self._change_note(
                connection, current, expected, body, None, now_ms, deleted=False
            )

        return self._write(work)

    def add_passage_note(
        self, article: Article | ArticleInfo, anchor: Anchor, body: str
    ) -> SaveResult:
        """Add a note on a passage (see `reader.core.anchor.anchor`) of an article."""
        info = article if isinstance(article, ArticleInfo) else ArticleInfo.from_article(article)

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            note = self._insert_note(
                connection, str(uuid.uuid4()), info, "passage", body, anchor, now_ms, now_ms
            )
            return Saved(note)

        return self._write(work)

    def update_note(
        self,
        note_id: str,
        body: str,
        expected_revision: int,
        anchor: Anchor | None = None,
    ) -> SaveResult:
        """Change a note's text (and a passage note's anchor, when given).

        Args:
            note_id: the note.
            body: the new full text.
            expected_revision: the revision the edit started from; a newer save by another
                process makes this a Conflict, with this text kept in history.
            anchor: a new anchor for a passage note; None keeps the stored one.
        """

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            current = self._note(connection, note_id)
            if current is None:
                return Failed(f"no note with id {note_id}")
            found = anchor if anchor is not None else current.anchor
            if current.kind == "article":
                found = None
            if (
                current.body == body
                and current.anchor == found
                and not current.deleted
                and current.revision == expected_revision
            ):
                return Saved(current)
            return self._change_note(
                connection, current, expected_revision, body, found, now_ms, deleted=False
            )

        return self._write(work)

    def delete_note(self, note_id: str, expected_revision: int) -> SaveResult:
        """Delete a note softly: it leaves the lists but stays in history (see `undelete_note`)."""

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            current = self._note(connection, note_id)
            if current is None:
                return Failed(f"no note with id {note_id}")
            return self._change_note(
                connection,
                current,
                expected_revision,
                current.body,
                current.anchor,
                now_ms,
                deleted=True,
            )

        return self._write(work)

    def undelete_note(self, note_id: str) -> SaveResult:
        """Bring back a deleted note as it was when deleted."""

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            current = self._note(connection, note_id)
            if current is None:
                return Failed(f"no note with id {note_id}")
            if not current.deleted:
                return Saved(current)
            return self._change_note(
                connection,
                current,
                current.revision,
                current.body,
                current.anchor,
                now_ms,
                deleted=False,
            )

        return self._write(work)

    def restore_revision(self, note_id: str, revision: int, expected_revision: int) -> SaveResult:
        """Make an old revision's text (and anchor) current again, as a new revision."""

        def work(connection: sqlite3.Connection, now_ms: int) -> SaveResult:
            current = self._note(connection, note_id)
            row = connection.execute(
                "SELECT body, quote, prefix, suffix, start_offset, end_offset FROM revisions "
                "WHERE note_id = ? AND revision = ?",
                (note_id, revision),
            ).fetchone()
            if current is None or row is None:
                return Failed(f"no revision {revision} of note {note_id}")
            return self._change_note(
                connection,
                current,
                expected_revision,
                str(row[0]),
                _anchor_from(row[1:6]),
                now_ms,
                deleted=False,
            )

        return self._write(work)

    def sync_articles(self, articles: Iterable[Article | ArticleInfo]) -> list[str]:
        """Record where articles with notes are now; return the ids whose path changed.

        Call it after loading a corpus: a note's article that reappears from another path is
        re-attached (its stored path and title updated). Articles without notes are ignored.
        """
        with self._lock:
            known = {
                str(row[0]): (row[1], row[2])
                for row in self._read("SELECT id, title, path FROM articles")
            }
        changed: list[ArticleInfo] = []
        moved: list[str] = []
        for article in articles:
            if article.id not in known:
                continue
            info = (
                article if isinstance(article, ArticleInfo) else ArticleInfo.from_article(article)
            )
            title, path = known[article.id]
            paths = article.paths if isinstance(article, Article) else [info.path or path]
            if path not in paths or title != info.title:
                changed.append(info)
                if path not in paths:
                    moved.append(info.id)
        if not changed:
            return []

        def work(connection: sqlite3.Connection, now_ms: int) -> list[str]:
            for info in changed:
                self._upsert_article(connection, info)
            return moved

        result = self._write(work)
        # Failing to record a new path loses nothing: the notes stay under the article's id.
        return [] if isinstance(result, Failed) else result

    def thin_revisions(self, keep_all_days: int = KEEP_ALL_REVISIONS_DAYS) -> int | Failed:
        """Drop old revisions: beyond `keep_all_days`, keep the last of each (UTC) day.

        A note's current revision and conflict copies are never dropped. Returns how many
        revisions were removed.
        """

        def work(connection: sqlite3.Connection, now_ms: int) -> int:
            cutoff = now_ms - keep_all_days * DAY_MS
            cursor = connection.execute(
                "DELETE FROM revisions WHERE saved_ms < ? AND conflict = 0 "
                "AND revision <> (SELECT n.revision FROM notes n WHERE n.id = revisions.note_id) "
                "AND revision < (SELECT MAX(r.revision) FROM revisions r "
                "  WHERE r.note_id = revisions.note_id AND r.conflict = 0 "
                f"  AND r.saved_ms / {DAY_MS} = revisions.saved_ms / {DAY_MS})",
                (cutoff,),
            )
            return int(cursor.rowcount)

        return self._write(work)

    def import_notes(self, items: Iterable[tuple[ArticleInfo, Note]]) -> ImportReport | Failed:
        """Merge notes from an export in one transaction; importing twice changes nothing.

        A note is matched by id (and an article note also by its article). Text already in
        the note's history is unchanged; a newer imported text becomes current; an older,
        different one is kept in history as a conflict copy. Nothing local is overwritten
        without a revision.
        """
        report = ImportReport()  # filled inside the transaction, returned only if it commits
        pending = list(items)

        def work(connection: sqlite3.Connection, now_ms: int) -> ImportReport:
            for info, imported in pending:
                self._merge_one(connection, info, imported, report)
            return report

        return self._write(work)

    def _merge_one(
        self,
        connection: sqlite3.Connection,
        info: ArticleInfo,
        imported: Note,
        report: ImportReport,
    ) -> None:
        existing = self._note(connection, imported.id)
        if existing is None and imported.kind == "article":
            row = connection.execute(
                "SELECT id FROM notes WHERE article_id = ? AND kind = 'article'", (info.id,)
            ).fetchone()
            existing = None if row is None else self._note(connection, str(row[0]))
        if existing is None:
            connection.execute(
                "INSERT INTO articles (id, title, path, source, date, url) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                (info.id, info.title, info.path, info.source, info.date, info.url),
            )
            connection.execute(
                "INSERT INTO notes (id, article_id, kind, body, quote, prefix, suffix, "
                "start_offset, end_offset, created_ms, updated_ms, deleted_ms, revision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1)",
                (
                    imported.id,
                    info.id,
                    imported.kind,
                    imported.body,
                    *_anchor_values(imported.anchor),
                    imported.created_ms,
                    imported.updated_ms,
                ),
            )
            self._add_revision(
                connection, imported.id, 1, imported.body, imported.anchor, imported.updated_ms
            )
            report.added += 1
            return
        known = connection.execute(
            "SELECT 1 FROM revisions WHERE note_id = ? AND body = ? AND quote IS ? "
            "AND start_offset IS ? AND end_offset IS ?",
            (
                existing.id,
                imported.body,
                *(_anchor_values(imported.anchor)[0:1] + _anchor_values(imported.anchor)[3:5]),
            ),
        ).fetchone()
        if known is not None:
            report.unchanged += 1
            return
        revision = self._next_revision(connection, existing.id)
        if imported.updated_ms > existing.updated_ms:
            connection.execute(
                "UPDATE notes SET body = ?, quote = ?, prefix = ?, suffix = ?, start_offset = ?, "
                "end_offset = ?, updated_ms = ?, deleted_ms = NULL, revision = ? WHERE id = ?",
                (
                    imported.body,
                    *_anchor_values(imported.anchor),
                    imported.updated_ms,
                    revision,
                    existing.id,
                ),
            )
            self._add_revision(
                connection,
                existing.id,
                revision,
                imported.body,
                imported.anchor,
                imported.updated_ms,
            )
            report.updated += 1
        else:
            self._add_revision(
                connection,
                existing.id,
                revision,
                imported.body,
                imported.anchor,
                imported.updated_ms,
                conflict=True,
            )
            report.kept_both += 1

    def note(self, note_id: str) -> Note | None:
        """The note with this id, deleted or not."""
        with self._lock:
            return self._note(self._connection, note_id)

    def article_note(self, article_id: str) -> Note | None:
        """The article's free note, if it has one and it is not deleted."""
        rows = self._read(
            f"{_NOTE_SELECT} WHERE n.article_id = ? AND n.kind = 'article' "
            "AND n.deleted_ms IS NULL",
            (article_id,),
        )
        return _note_from(rows[0]) if rows else None

    def notes(self, *, include_deleted: bool = False) -> list[Note]:
        """Every note, newest first, each with its article's title."""
        where = "" if include_deleted else " WHERE n.deleted_ms IS NULL"
        rows = self._read(f"{_NOTE_SELECT}{where} ORDER BY n.updated_ms DESC, n.rowid DESC")
        return [_note_from(row) for row in rows]

    def notes_for_article(self, article_id: str) -> list[Note]:
        """The article's notes that are not deleted: its free note first, then by position."""
        rows = self._read(
            f"{_NOTE_SELECT} WHERE n.article_id = ? AND n.deleted_ms IS NULL "
            "ORDER BY n.kind = 'passage', n.start_offset, n.created_ms",
            (article_id,),
        )
        return [_note_from(row) for row in rows]

    def placed_notes(self, article: Article) -> list[PlacedNote]:
        """The article's passage notes with where each passage is in its current text.

        Passages that can no longer be found come last with `span` None (orphaned, kept).
        """
        placed: list[PlacedNote] = []
        for note in self.notes_for_article(article.id):
            if note.anchor is None:
                continue
            placed.append(PlacedNote(note, locate(note.anchor, article.text)))
        placed.sort(key=lambda p: (p.span is None, p.span or (0, 0)))
        return placed

    def orphaned_notes(self, loaded_article_ids: Collection[str]) -> list[Note]:
        """Notes whose article is not among those loaded, newest first (listed, never lost)."""
        return [note for note in self.notes() if note.article_id not in loaded_article_ids]

    def article_ids_with_notes(self) -> set[str]:
        """The ids of articles that have at least one note that is not deleted."""
        rows = self._read("SELECT DISTINCT article_id FROM notes WHERE deleted_ms IS NULL")
        return {str(row[0]) for row in rows}

    def articles(self) -> dict[str, ArticleInfo]:
        """What the store knows of each article that has (or had) notes, by id."""
        rows = self._read("SELECT id, title, path, source, date, url FROM articles")
        return {
            str(r[0]): ArticleInfo(
                str(r[0]),
                str(r[1]),
                *(None if value is None else str(value) for value in r[2:6]),
            )
            for r in rows
        }

    def history(self, note_id: str) -> list[Revision]:
        """Every kept revision of a note, newest first, conflict copies included."""
        rows = self._read(
            "SELECT note_id, revision, body, quote, prefix, suffix, start_offset, end_offset, "
            "saved_ms, deleted, conflict FROM revisions WHERE note_id = ? "
            "ORDER BY revision DESC",
            (note_id,),
        )
        return [
            Revision(
                note_id=str(r[0]),
                revision=int(str(r[1])),
                body=str(r[2]),
                anchor=_anchor_from(r[3:8]),
                saved_ms=int(str(r[8])),
                deleted=bool(r[9]),
                conflict=bool(r[10]),
            )
            for r in rows
        ]

    def tag_counts(self) -> Counter[str]:
        """How many notes (not deleted) carry each tag."""
        counts: Counter[str] = Counter()
        for note in self.notes():
            counts.update(note.tags)
        return counts

    def article_ids_by_tag(self, tag: str) -> set[str]:
        """The ids of articles with a note carrying `tag` (with or without `#`, any case)."""
        wanted = tag.lstrip("#").casefold()
        return {note.article_id for note in self.notes() if wanted in note.tags}

    def search_documents(self) -> Iterator[NoteDocument]:
        """Every note that is not deleted, as the search index reads it."""
        for note in self.notes():
            yield NoteDocument(
                note_id=note.id,
                article_id=note.article_id,
                text=note.body,
                tags=tuple(note.tags),
                quote=note.anchor.quote if note.anchor else "",
            )

    def integrity_ok(self) -> bool:
        """Whether SQLite's full integrity check passes."""
        rows = self._read("PRAGMA integrity_check")
        return [str(row[0]) for row in rows] == ["ok"]
