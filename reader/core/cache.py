"""A cache of parsed articles, actor mentions and search indexes, so a second start is quick.

One SQLite file in `cache_dir()` holds:

- per file, its path, size, mtime and a digest of its bytes; a file whose size and mtime
  are unchanged is not read again (a file modified within `RECENT_SECONDS` of being cached
  is re-hashed, as a same-size edit within the clock's granularity could hide);
- per file content (digest and format), the cleaned article, so a renamed or copied file is
  found by content and not cleaned again: its metadata in `articles`, read at once for every
  file under a folder, and its body in `bodies`, read when the article is first opened or
  searched (`Article.lazy`), so a warm start holds no text it does not use;
- per article and gazetteer, the names found in it (surnames still unresolved, as
  resolving them needs the whole corpus), so a changed gazetteer re-matches without
  re-parsing;
- per corpus, the search index's postings as packed arrays, loaded in one read each.

Everything is keyed also by a fingerprint of the code that produced it, so an upgrade never
reads what an older parser wrote. A corrupt, truncated or old-version file is set aside and
rebuilt, with a warning in `CorpusCache.warnings`; no method raises for a cache problem. Writes
are SQLite transactions (WAL, `BEGIN IMMEDIATE`), so two processes can share the file.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import sqlite3
import stat
import sys
import threading
import time
import weakref
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress
from operator import attrgetter
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, cast

from reader.core import collector
from reader.core.article import Article, Paragraph, ParagraphKind, new_paragraphs
from reader.core.corpus import (
    ARTICLE_SUFFIXES,
    Corpus,
    Problem,
    format_for,
    iter_load,
    read_document,
    walk_files,
)
from reader.core.digest import blake2b
from reader.locations import NO_CACHE_ENV

if TYPE_CHECKING:  # actors and search load when first needed, not with the article list
    from reader.core.actors import CorpusMentions, Hit, MentionsBuilder
    from reader.core.gazetteer import Gazetteer
    from reader.core.search import (
        ActorResolver,
        NoteDocument,
        ProgressCallback,
        SearchIndex,
    )

SCHEMA_VERSION = 4
"""The layout of the cache file; another value means the file is rebuilt."""

CACHE_FILE = "cache.sqlite3"
"""The cache's file name inside `cache_dir()`."""

RECENT_SECONDS = 2.0
"""A file cached less than this long after its last change is checked by content next time."""

BUSY_TIMEOUT_MS = 5_000
"""How long a write waits for another process's write to finish."""

WRITE_BATCH = 200
"""New articles written per transaction while loading (a killed load keeps what it wrote)."""

SETTLE_EVERY = 1000
"""Articles loaded between two `collector.settle()` calls in a load that parses files.

Counted over every article, parsed or taken from the cache: when another process fills the
cache as the load goes (see `match_process`), cached articles pile up between the parsed
ones, and each full collection the parsing lets run would scan them all again."""

INDEXES_KEPT = 4
"""Search indexes kept (one per corpus opened); older ones are dropped."""

_CHUNK = 400
"""Rows fetched per query (SQLite allows at most 999 parameters in older builds)."""

WAL_SIZE_LIMIT = 16 * 1024 * 1024
"""Bytes of write-ahead log kept once it has been folded into the cache file."""

_META_COLUMNS = "id, title, source, date, url, author, lists, path, text_length, words"
"""An article's metadata columns, in the order `_lazy_article` takes them.

One column each, not one JSON text: SQLite hands them over as Python values in C, where
decoding 50,000 JSON texts took a fifth of a warm start's load.
"""

Meta = tuple[Any, ...]
"""An `articles` row's metadata columns (`_META_COLUMNS`)."""

_FIRST_CHUNK = 48
"""Files in the first chunk loaded: enough rows to fill a screen, at once."""

FileLoader = Callable[[Iterable[str | Path]], Iterable[Article | Problem | str]]
"""Reads and cleans files, as `corpus.iter_load` does."""

_KIND_CODES: dict[str, ParagraphKind] = {"h": "heading", "p": "paragraph", "b": "boilerplate"}
_CODE_OF_KIND: dict[str, str] = {kind: code for code, kind in _KIND_CODES.items()}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    cached_at REAL NOT NULL,
    digest BLOB NOT NULL,
    format TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_digest ON files (digest);
CREATE TABLE IF NOT EXISTS articles (
    digest BLOB NOT NULL,
    format TEXT NOT NULL,
    parser TEXT NOT NULL,
    title_from_path INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,
    url TEXT,
    author TEXT,
    lists TEXT,
    path TEXT NOT NULL,
    text_length INTEGER NOT NULL,
    words INTEGER NOT NULL,
    PRIMARY KEY (digest, format)
);
CREATE TABLE IF NOT EXISTS bodies (
    digest BLOB NOT NULL,
    format TEXT NOT NULL,
    kinds TEXT NOT NULL,
    lengths BLOB NOT NULL,
    blocks TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (digest, format)
);
CREATE TABLE IF NOT EXISTS names (
    article_id TEXT NOT NULL,
    gazetteer TEXT NOT NULL,
    text_length INTEGER NOT NULL,
    starts BLOB NOT NULL,
    ends BLOB NOT NULL,
    entries BLOB NOT NULL,
    PRIMARY KEY (article_id, gazetteer)
);
CREATE TABLE IF NOT EXISTS entries (
    gazetteer TEXT NOT NULL,
    number INTEGER NOT NULL,
    actor_ids TEXT NOT NULL,
    demonym INTEGER NOT NULL,
    PRIMARY KEY (gazetteer, number)
);
CREATE TABLE IF NOT EXISTS indexes (
    key TEXT PRIMARY KEY,
    built_at REAL NOT NULL,
    article_ids TEXT NOT NULL,
    sources TEXT NOT NULL,
    words TEXT NOT NULL,
    offsets BLOB NOT NULL,
    postings BLOB NOT NULL,
    title_words TEXT NOT NULL,
    title_offsets BLOB NOT NULL,
    title_postings BLOB NOT NULL,
    lengths BLOB NOT NULL,
    total_length INTEGER NOT NULL,
    typo_hashes BLOB NOT NULL,
    typo_words BLOB NOT NULL
);
"""

_TABLES = ("files", "articles", "bodies", "names", "entries", "indexes")


def _code_fingerprint(*module_files: str) -> str:
    """A digest of the source of the modules that produce a cached thing, and the format."""
    digest = blake2b(digest_size=8)
    digest.update(f"{SCHEMA_VERSION}:{sys.byteorder}:{sys.version_info[:2]}".encode())
    for name in module_files:
        try:
            digest.update(Path(name).read_bytes())
        except OSError:
            # Without the source (a frozen install), the package version stands in for it.
            from reader import __version__

            digest.update(__version__.encode())
    return digest.hexdigest()


def _module_file(module_name: str) -> str:
    """Where a module's source is, found without importing it (the cleaner need not load)."""
    module = sys.modules.get(module_name)
    if module is not None:
        return str(getattr(module, "__file__", "") or "")
    spec = importlib.util.find_spec(module_name)
    return str(spec.origin or "") if spec is not None else ""


_FINGERPRINTS: dict[str, str] = {}


def parser_fingerprint() -> str:
    """Identifies the code that reads and cleans files (a change re-parses everything)."""
    found = _FINGERPRINTS.get("parser")
    if found is None:
        names = ("article", "clean", "corpus", "dates", "html", "markdown", "text")
        found = _code_fingerprint(*(_module_file(f"reader.core.{name}") for name in names))
        _FINGERPRINTS["parser"] = found
    return found


def index_fingerprint() -> str:
    """Identifies the code that builds search indexes."""
    found = _FINGERPRINTS.get("index")
    if found is None:
        names = ("search", "fuzzy", "text", "search_cache")
        found = _code_fingerprint(*(_module_file(f"reader.core.{name}") for name in names))
        _FINGERPRINTS["index"] = found
    return found


def gazetteer_fingerprint(gazetteer: Gazetteer) -> str:
    """Identifies a merged gazetteer and the matcher code: names found depend on both."""
    digest = blake2b(digest_size=12)
    digest.update(_code_fingerprint(_module_file("reader.core.actors")).encode())
    for actor in gazetteer.actors:
        fields = (
            actor.id,
            actor.name,
            actor.kind,
            actor.aliases,
            actor.demonyms,
            sorted(actor.exact),
            actor.name_matched,
        )
        digest.update(repr(fields).encode("utf-8"))
    digest.update(repr(gazetteer.excluded).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What the cache holds, for `belreader cache info`."""

    path: str
    """The cache file."""
    size_bytes: int
    """Its size on disk, with SQLite's journal files."""
    files: int
    """Files known (path, size and mtime)."""
    articles: int
    """Parsed articles kept."""
    mentions: int
    """Articles' names kept, counted per gazetteer."""
    indexes: int
    """Search indexes kept."""

    def to_dict(self) -> dict[str, object]:
        """The figures as plain data, for JSON output."""
        return {
            "path": self.path,
            "size_bytes": self.size_bytes,
            "files": self.files,
            "articles": self.articles,
            "mentions": self.mentions,
            "indexes": self.indexes,
        }


def default_cache_path() -> Path:
    """The cache file in the user's cache dir (`BELREADER_CACHE_DIR` overrides)."""
    from reader.locations import cache_dir

    return cache_dir() / CACHE_FILE


@dataclass(slots=True)
class _Known:
    """A file as the cache last saw it."""

    size: int
    """Its size in bytes."""
    mtime_ns: int
    """Its modification time."""
    cached_at: float
    """When the cache recorded it (a change just before may have gone unseen by mtime)."""
    digest: bytes
    """A digest of its bytes: the key of its article."""
    format: str
    """text, markdown or html, from its ending."""


BUSY_RETRIES = 20
"""How often opening the cache is retried while another process holds it locked (~10 s of waits)."""


def _is_busy(error: sqlite3.DatabaseError) -> bool:
    """Whether an error means another connection holds a lock, not that the file is damaged."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        # SQLITE_PROTOCOL is WAL's answer when readers and writers keep racing for its locks.
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PROTOCOL)
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _schema_state(db: sqlite3.Connection) -> tuple[int, set[str]]:
    """The file's schema version and its tables (SQLite's own left out)."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    return version, tables


class CorpusCache:
    """The cache file, open; every method degrades to "not cached" on a cache problem."""

    def __init__(self, path: Path | None, *, enabled: bool = True) -> None:
        self.path = path
        """The cache file (None when disabled)."""
        self.warnings: list[str] = []
        """Notices for the user: a cache that was rebuilt or could not be used."""
        self.stats: Counter[str] = Counter()
        """What the last operations did: files read, reused, renamed; index loaded or built."""
        self._lock = threading.RLock()
        self._load_files: FileLoader = iter_load
        self._prefetched: set[str] = set()
        """The folders whose cached files the load in progress read at once."""
        self._db: sqlite3.Connection | None = None
        self._body_reader: _Bodies | None = None
        if enabled and path is not None:
            self._db = self._connect(path)
            _OPEN.add(self)

    @classmethod
    def open(cls, path: Path | None = None) -> CorpusCache:
        """Open (or create) the cache; never raises: problems become `warnings`.

        Args:
            path: the cache file (default: `default_cache_path()`); `BELREADER_NO_CACHE`
                in the environment disables the cache either way.
        """
        if os.environ.get(NO_CACHE_ENV, "").strip():
            return cls.disabled()
        return cls(path if path is not None else default_cache_path())

    @classmethod
    def disabled(cls) -> CorpusCache:
        """A cache that stores nothing (`--no-cache`)."""
        return cls(None, enabled=False)

    @property
    def enabled(self) -> bool:
        """Whether the cache is in use (it stops being if the file cannot be used)."""
        return self._db is not None

    def close(self) -> None:
        """Close the file (bodies can still be read: their reader opens it again if asked).

        The last connection to close folds the write-ahead log into the file and removes
        it; a process that ended with one open left the log behind, and the next start had
        to read all of it back (0.1-0.3 s for a 50,000-article cache) before its first query.
        """
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._body_reader is not None:
                self._body_reader.close()

    def __enter__(self) -> CorpusCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Opening, checking and resetting the file.

    def _connect(self, path: Path) -> sqlite3.Connection | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.warnings.append(f"cache not used: cannot create {path.parent}: {error.strerror}")
            return None
        set_aside = False
        for attempt in range(1, BUSY_RETRIES + 1):
            db: sqlite3.Connection | None = None
            try:
                db = sqlite3.connect(
                    path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                # A cache can always be rebuilt: no fsync per commit (WAL stays consistent).
                db.execute("PRAGMA synchronous = NORMAL")
                # A large write (an index, a folder of new articles) grows the log; once
                # folded into the file, the log is cut back to this size, not kept at its peak.
                db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
                self._make_tables(db, path)
                # Stepping to the first row of each table finds most damage at once, cheaply.
                # Not `SELECT *`: an index row holds some hundred MB of postings at 50,000
                # articles, and reading it here cost 0.2 s of every start.
                for table in _TABLES:
                    db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()
                return db
            except sqlite3.DatabaseError as error:
                if db is not None:
                    db.close()
                if _is_busy(error):
                    # Another process is creating or migrating the same cache: wait for it,
                    # never mistake its lock for damage.
                    if attempt < BUSY_RETRIES:
                        time.sleep(0.05 * attempt)
                        continue
                    self.warnings.append(f"cache not used: {path} is busy in another process")
                    return None
                if set_aside or not self._set_aside(path, error):
                    self.warnings.append(f"cache not used: {path}: {error}")
                    return None
                set_aside = True
        return None

    def _make_tables(self, db: sqlite3.Connection, path: Path) -> None:
        """Create the tables, or rebuild another version's, unless they are there already."""
        db.execute("BEGIN")
        try:
            version, tables = _schema_state(db)
        finally:
            db.execute("COMMIT")
        if version == SCHEMA_VERSION and set(_TABLES) <= tables:
            return
        # Checked again and made in one write transaction: another process creating the same
        # cache sees no tables or all of them, never half of them to mistake for another
        # version's and drop.
        db.execute("BEGIN IMMEDIATE")
        try:
            version, tables = _schema_state(db)
            if version == SCHEMA_VERSION and not set(_TABLES) <= tables:
                raise sqlite3.DatabaseError("tables missing")
            rebuilt = version != SCHEMA_VERSION and bool(version or tables)
            if rebuilt:
                for name in sorted(tables):
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
            # One statement at a time: `executescript` would commit the transaction first.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if rebuilt:
            self.warnings.append(
                f"cache {path} was written by another version of belreader: rebuilt"
            )
            # The old rows' pages go back to the disk; a busy file keeps them till a later vacuum.
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute("VACUUM")

    def _set_aside(self, path: Path, error: Exception) -> bool:
        """Remove a damaged cache file: a cache is always rebuilt, nothing of the user's is lost."""
        self.warnings.append(f"cache {path} was unreadable ({error}): rebuilt")
        try:
            for suffix in ("", "-wal", "-shm"):
                candidate = Path(f"{path}{suffix}")
                if candidate.exists():
                    candidate.unlink()
        except OSError as unlink_error:
            self.warnings.append(f"cannot remove {path}: {unlink_error.strerror}")
            return False
        return True

    def _failed(self, error: Exception) -> None:
        """A cache problem in the middle of work: say so, and rebuild the file next time."""
        path = self.path
        if isinstance(error, sqlite3.DatabaseError) and _is_busy(error):
            self.warnings.append(
                f"cache {path} stayed locked by another process for over "
                f"{BUSY_TIMEOUT_MS / 1000:g} s: carrying on without the cache"
            )
        else:
            self.warnings.append(f"cache problem ({error}): carrying on without the cache")
        with self._lock:
            if self._db is not None:
                try:
                    self._db.close()
                finally:
                    self._db = None
        # A locked or full disk is passing trouble; anything else means the file is damaged.
        damaged = isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        )
        if path is not None and damaged:
            self._set_aside(path, error)

    def _write(self, work: Callable[[sqlite3.Connection], None]) -> bool:
        """Run `work` in one write transaction; False (with a warning) if it failed."""
        with self._lock:
            db = self._db
            if db is None:
                return False
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    work(db)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                return True
            except sqlite3.Error as error:
                self._failed(error)
                return False

    def _read(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """Rows of a query; none (with a warning) on a cache problem."""
        with self._lock:
            db = self._db
            if db is None:
                return []
            try:
                return db.execute(sql, parameters).fetchall()
            except sqlite3.Error as error:
                self._failed(error)
                return []

    # Information and clearing.

    def info(self) -> CacheInfo:
        """Where the cache is, how big, and how many entries of each kind it holds."""
        counts = []
        for table in ("files", "articles", "names", "indexes"):
            rows = self._read(f"SELECT COUNT(*) FROM {table}")
            counts.append(int(rows[0][0]) if rows else 0)
        size = 0
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    size += os.stat(f"{self.path}{suffix}").st_size
        return CacheInfo(str(self.path or ""), size, *counts)

    def clear(self) -> bool:
        """Empty every table and give the space back; False if the cache could not be used."""

        def empty(db: sqlite3.Connection) -> None:
            for table in _TABLES:
                db.execute(f"DELETE FROM {table}")

        if not self._write(empty):
            return False
        with self._lock:
            if self._db is not None:
                try:
                    self._db.execute("VACUUM")
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass  # emptied already; the space comes back at the next vacuum
        return True

    # Articles.

    def _known_files(self, absolutes: list[str]) -> dict[str, _Known]:
        """What the cache knows of these files (looked up a chunk at a time, as they come)."""
        marks = ",".join("?" * len(absolutes))
        rows = self._read(
            "SELECT path, size, mtime_ns, cached_at, digest, format FROM files "
            f"WHERE path IN ({marks})",
            absolutes,
        )
        return {row[0]: _Known(row[1], row[2], row[3], bytes(row[4]), row[5]) for row in rows}

    def _paths_under(self, prefix: str) -> list[str]:
        """The cached files at `prefix` (a file) or under it (a folder, ending in a separator)."""
        if not prefix.endswith(os.sep):
            return [row[0] for row in self._read("SELECT path FROM files WHERE path = ?", [prefix])]
        start, end = _path_range(prefix)
        rows = self._read("SELECT path FROM files WHERE path >= ? AND path < ?", [start, end])
        return [row[0] for row in rows]

    def iter_load(
        self,
        paths: Iterable[str | Path],
        *,
        roots: Iterable[str | Path] | None = None,
        load_files: FileLoader | None = None,
    ) -> Iterator[Article | Problem | str]:
        """Like `corpus.iter_load`, reading and cleaning only files new or changed since cached.

        When the walk runs to the end, files the cache knew under `roots` (default: `paths`)
        that are gone are forgotten.

        Args:
            paths: files or folders, as for `corpus.iter_load`.
            roots: the folders whose vanished files to forget.
            load_files: what reads and cleans files the cache does not hold (default:
                `corpus.iter_load`); the app's tests slow it down.
        """
        given = list(paths)
        if self._db is None:
            yield from (load_files or iter_load)(given)
            return
        self._load_files = load_files or iter_load
        self._prefetched = set()
        known: dict[str, _Known] = {}
        metas: dict[tuple[bytes, str], tuple[Meta, bool]] = {}
        parser = parser_fingerprint()
        # The first rows go to the screen after a small chunk; then everything the cache holds
        # under the folders is read in one query, and the rest comes in larger chunks.
        chunk = _FIRST_CHUNK
        seen: set[str] = set()
        pending: list[tuple[str, str, os.stat_result | None]] = []
        writes: list[tuple[str, os.stat_result, bytes, str, Article | None]] = []
        settled = self._articles_loaded()
        # Everything made here lives as long as the corpus; files parsed anew let it run.
        with collector.paused():
            for found in walk_files(given):
                if isinstance(found, Problem):
                    yield from self._drain(pending, known, metas, parser, writes)
                    yield found
                    continue
                path, absolute, info = found
                if os.path.splitext(path)[1].lower() not in ARTICLE_SUFFIXES:
                    yield from self._drain(pending, known, metas, parser, writes)
                    yield path
                    continue
                seen.add(absolute)
                pending.append((path, absolute, info if stat.S_ISREG(info.st_mode) else None))
                if len(pending) >= chunk:
                    yield from self._drain(pending, known, metas, parser, writes)
                    if chunk == _FIRST_CHUNK:
                        self._prefetch(given, parser, known, metas)
                    chunk = _CHUNK
                if len(writes) >= WRITE_BATCH:
                    self._save_files(writes, parser)
                loaded = self._articles_loaded()
                if loaded >= settled + SETTLE_EVERY and self.stats["parsed"]:
                    collector.settle()
                    settled = loaded
            yield from self._drain(pending, known, metas, parser, writes)
            self._save_files(writes, parser)
            self._forget_missing(roots if roots is not None else given, seen, known)

    def _articles_loaded(self) -> int:
        """Articles this cache has handed out so far, parsed, reused or found by content."""
        stats = self.stats
        return stats["parsed"] + stats["reused"] + stats["by content"]

    def _prefetch(
        self,
        given: list[str | Path],
        parser: str,
        known: dict[str, _Known],
        metas: dict[tuple[bytes, str], tuple[Meta, bool]],
    ) -> None:
        """Everything cached under the given folders, files and articles' metadata, at once."""
        for root in given:
            absolute = os.path.abspath(root)
            if not os.path.isdir(absolute):
                continue
            self._prefetched.add(absolute)
            prefix, end = _path_range(absolute)
            rows = self._read(
                "SELECT f.path, f.size, f.mtime_ns, f.cached_at, f.digest, f.format, "
                f"a.title_from_path, {_columns('a.', _META_COLUMNS)} "
                "FROM files AS f LEFT JOIN articles AS a "
                "ON a.digest = f.digest AND a.format = f.format AND a.parser = ? "
                "WHERE f.path >= ? AND f.path < ?",
                [parser, prefix, end],
            )
            for path, size, mtime_ns, cached_at, digest, fmt, from_path, *meta in rows:
                entry = known[path] = _Known(size, mtime_ns, cached_at, bytes(digest), fmt)
                if from_path is not None:  # NULL: no article of this parser for the file
                    metas[(entry.digest, fmt)] = (tuple(meta), bool(from_path))

    def load(self, paths: Iterable[str | Path]) -> Corpus:
        """Like `corpus.load`: every article under `paths`, duplicates merged, through the cache."""
        corpus = Corpus()
        for item in self.iter_load(paths):
            if isinstance(item, Article):
                corpus.add(item)
            elif isinstance(item, Problem):
                corpus.problems.append(item)
            else:
                corpus.ignored.append(item)
        return corpus

    def _drain(
        self,
        pending: list[tuple[str, str, os.stat_result | None]],
        known: dict[str, _Known],
        metas: dict[tuple[bytes, str], tuple[Meta, bool]],
        parser: str,
        writes: list[tuple[str, os.stat_result, bytes, str, Article | None]],
    ) -> Iterator[Article | Problem]:
        """Load the pending files in order: cached ones at once, the rest from disk one by one."""
        if not pending:
            return
        batch = list(pending)
        pending.clear()
        hits = self._cached_hits(batch, known, metas, parser)
        for (found, _, info), hit in zip(batch, hits, strict=True):
            if hit is not None:
                self.stats["reused"] += 1
                yield _with_path(*hit, found)
            else:
                # Parsed (or found by content) as it comes: a slow file holds up no other.
                with collector.running():
                    loaded = self._load_file(found, info, parser, writes)
                yield loaded

    def _cached_hits(
        self,
        batch: list[tuple[str, str, os.stat_result | None]],
        known: dict[str, _Known],
        metas: dict[tuple[bytes, str], tuple[Meta, bool]],
        parser: str,
    ) -> list[tuple[Article, bool] | None]:
        """For each file of the batch, its cached article if it is unchanged, else None."""
        unknown = [absolute for _, absolute, _ in batch if absolute not in known]
        if unknown:
            known.update(self._known_files(unknown))
        keys: list[tuple[bytes, str] | None] = []
        for _, absolute, info in batch:
            entry = known.get(absolute)
            unchanged = entry is not None and info is not None and _unchanged(entry, info)
            keys.append((entry.digest, entry.format) if unchanged and entry else None)
        wanted = [key for key in keys if key is not None and key not in metas]
        if wanted:
            metas.update(self._fetch_metas(wanted, parser))
        bodies = self._bodies(parser)
        hits: list[tuple[Article, bool] | None] = []
        for key in keys:
            # Made anew for each file, so two files of the same text are two paths of one.
            hit = None
            if key is not None and key in metas:
                meta, title_from_path = metas[key]
                try:
                    hit = (_lazy_article(meta, key[1], bodies, key[0]), title_from_path)
                except (ValueError, TypeError, KeyError, IndexError) as error:
                    self.warnings.append(f"cache entry unreadable ({error}): file read again")
                    del metas[key]
            hits.append(hit)
        return hits

    def _load_file(
        self,
        found: str,
        info: os.stat_result | None,
        parser: str,
        writes: list[tuple[str, os.stat_result, bytes, str, Article | None]],
    ) -> Article | Problem:
        """A file the cache cannot vouch for: by content if known (renamed), else parsed."""
        fmt = format_for(found)
        data = _read_bytes(found, info)
        if data is None or info is None:
            document = read_document(found)
            if isinstance(document, Problem):
                return document
            return _clean(document.text, found, document.format, document.problems)
        digest = blake2b(data, digest_size=16).digest()
        cached = self._fetch_articles([(digest, fmt)], parser).get((digest, fmt))
        if cached is not None:
            # Known by content: renamed, copied, or touched without a change.
            self.stats["by content"] += 1
            writes.append((os.path.abspath(found), info, digest, fmt, None))
            return _with_path(*cached, found)
        loaded = next(iter(self._load_files([found])), None)
        if not isinstance(loaded, Article):
            return loaded if isinstance(loaded, Problem) else Problem(found, "not read")
        article = loaded
        self.stats["parsed"] += 1
        writes.append((os.path.abspath(found), info, digest, fmt, article))
        return article

    def _fetch_articles(
        self, keys: list[tuple[bytes, str]], parser: str
    ) -> dict[tuple[bytes, str], tuple[Article, bool]]:
        """Cached articles by (digest, format), each with whether its title is its file name."""
        found: dict[tuple[bytes, str], tuple[Article, bool]] = {}
        bodies = self._bodies(parser)
        for key, (meta, title_from_path) in self._fetch_metas(keys, parser).items():
            try:
                found[key] = (_lazy_article(meta, key[1], bodies, key[0]), title_from_path)
            except (ValueError, TypeError, KeyError, IndexError) as error:
                self.warnings.append(f"cache entry unreadable ({error}): file read again")
        return found

    def _fetch_metas(
        self, keys: list[tuple[bytes, str]], parser: str
    ) -> dict[tuple[bytes, str], tuple[Meta, bool]]:
        """Cached articles' metadata rows by (digest, format), with whether the title is the
        file's name; each body is read when its article is first opened or searched."""
        found: dict[tuple[bytes, str], tuple[Meta, bool]] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            digests = list({digest for digest, _ in chunk})
            marks = ",".join("?" * len(digests))
            rows = self._read(
                f"SELECT digest, format, title_from_path, {_META_COLUMNS} "
                f"FROM articles WHERE parser = ? AND digest IN ({marks})",
                [parser, *digests],
            )
            for digest, fmt, title_from_path, *meta in rows:
                found[(bytes(digest), fmt)] = (tuple(meta), bool(title_from_path))
        return found

    def _bodies(self, parser: str) -> _Bodies:
        """The reader of this cache's article bodies (made once per cache and parser)."""
        bodies = self._body_reader
        if bodies is None or bodies.parser != parser:
            bodies = self._body_reader = _Bodies(self.path, parser)
        return bodies

    def _save_files(
        self, writes: list[tuple[str, os.stat_result, bytes, str, Article | None]], parser: str
    ) -> None:
        if not writes:
            return
        batch = list(writes)
        writes.clear()
        now = time.time()

        # Packed before the lock is taken: another process waiting for it waits for SQLite only.
        file_rows = [
            (absolute, info.st_size, info.st_mtime_ns, now, digest, fmt)
            for absolute, info, digest, fmt, _ in batch
        ]
        article_rows = []
        body_rows = []
        for absolute, _, digest, fmt, article in batch:
            if article is not None:
                title_from_path = article.title == PurePath(absolute).stem
                article_rows.append(
                    (digest, fmt, parser, int(title_from_path), *_article_meta(article))
                )
                body_rows.append((digest, fmt, *_body_row(article)))

        def save(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", file_rows)
            db.executemany(
                f"INSERT OR REPLACE INTO articles VALUES ({', '.join('?' * 14)})", article_rows
            )
            db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?, ?, ?, ?)", body_rows)

        if self._write(save):
            # Saved: the bodies are read back when needed, so a cold load of 50,000 articles
            # holds no more text at once than a warm one.
            bodies = self._bodies(parser)
            for absolute, _, digest, fmt, article in batch:
                if article is not None:
                    article.read_later(partial(bodies.read, digest, fmt, absolute))

    def _forget_missing(
        self, roots: Iterable[str | Path], seen: set[str], known: dict[str, _Known]
    ) -> None:
        """Drop the files under `roots` that are gone, and the articles no file holds any more.

        `known` is what the load read of the cache; a folder it prefetched is not asked again.
        """
        gone: set[str] = set()
        for root in roots:
            absolute = os.path.abspath(root)
            if absolute in self._prefetched:
                start, end = _path_range(absolute)
                cached: Iterable[str] = (path for path in known if start <= path < end)
            else:
                cached = self._paths_under(
                    absolute + os.sep if os.path.isdir(absolute) else absolute
                )
            gone.update(path for path in cached if path not in seen)
        if not gone:
            return

        def forget(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM files WHERE path = ?", [(path,) for path in sorted(gone)])
            db.execute("DELETE FROM articles WHERE digest NOT IN (SELECT digest FROM files)")
            db.execute("DELETE FROM bodies WHERE digest NOT IN (SELECT digest FROM files)")

        if self._write(forget):
            self.stats["forgotten"] += len(gone)

    # Actor mentions.

    def match_corpus(
        self,
        articles: Sequence[Article],
        gazetteer: Gazetteer,
        *,
        show_demonyms: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> CorpusMentions:
        """`actors.match_corpus`, finding names again only in articles not matched before.

        Args:
            articles: the corpus.
            gazetteer: the actors to find.
            show_demonyms: the initial demonym setting of the result.
            progress: called with the number of articles done, every 200 articles.
        """
        from reader.core import actors as actors_module

        if self._db is None:
            return actors_module.match_corpus(
                articles, gazetteer, show_demonyms=show_demonyms, progress=progress
            )
        fingerprint = gazetteer_fingerprint(gazetteer)
        table, found = self._fetch_names(articles, fingerprint)
        # Names found now are packed at once, as cached ones are: a list of `Hit`s per
        # article would hold millions of objects until the whole corpus is matched.
        new: dict[str, _Names] = {}
        per_article: list[tuple[Article, _Names]] = []
        for done, article in enumerate(articles, 1):
            names = found.get(article.id)
            if names is None or names.text_length != article.text_length:
                # The matcher is built only now: a warm start never needs it (~0.1 s).
                hits = gazetteer.matcher.hits(article.text)
                names = new[article.id] = table.names(article.text_length, hits)
            per_article.append((article, names))
            if progress is not None and done % 200 == 0:
                progress(done)
        self.stats["matched"] += len(new)
        self.stats["names reused"] += len(articles) - len(new)
        del found
        with collector.paused():
            mentions = _resolve_corpus(per_article, table, show_demonyms)
        if new:
            self._save_names(new, table, fingerprint)
        return mentions

    def _fetch_names(
        self, articles: Sequence[Article], fingerprint: str
    ) -> tuple[_EntryTable, dict[str, _Names]]:
        try:
            entries = _EntryTable(
                self._read(
                    "SELECT number, actor_ids, demonym FROM entries WHERE gazetteer = ?",
                    [fingerprint],
                )
            )
        except (ValueError, TypeError) as error:
            self.warnings.append(f"cache entries unreadable ({error}): matched again")
            return _EntryTable([]), {}
        found: dict[str, _Names] = {}
        ids = [article.id for article in articles]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                "SELECT article_id, text_length, starts, ends, entries FROM names "
                f"WHERE gazetteer = ? AND article_id IN ({marks})",
                [fingerprint, *chunk],
            )
            for article_id, text_length, starts, ends, numbers in rows:
                try:
                    names = _Names.unpack(text_length, starts, ends, numbers, entries)
                except (ValueError, KeyError, TypeError) as error:
                    self.warnings.append(f"cache entry unreadable ({error}): matched again")
                    continue
                found[article_id] = names
        return entries, found

    def _save_names(self, new: dict[str, _Names], table: _EntryTable, fingerprint: str) -> None:
        def save(db: sqlite3.Connection) -> None:
            # Read again inside the transaction: another process may have numbered entries
            # since, so this table's numbers are mapped onto the file's.
            numbers: dict[tuple[tuple[str, ...], bool], int] = {
                (tuple(json.loads(ids)), bool(demonym)): number
                for number, ids, demonym in db.execute(
                    "SELECT number, actor_ids, demonym FROM entries WHERE gazetteer = ?",
                    [fingerprint],
                )
            }
            remap: list[int] = []
            for key in zip(table.actor_ids, table.demonym, strict=True):
                if not key[0]:
                    remap.append(len(remap))  # a gap in the numbers: no name uses it
                    continue
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(numbers)
                    db.execute(
                        "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                        (fingerprint, number, json.dumps(list(key[0])), int(key[1])),
                    )
                remap.append(number)
            same = remap == list(range(len(remap)))
            for article_id, names in new.items():
                codes = names.numbers
                if not same:
                    codes = array("I", map(remap.__getitem__, names.entry_numbers())).tobytes()
                db.execute(
                    "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, fingerprint, names.text_length, names.starts, names.ends, codes),
                )

        self._write(save)

    # Search indexes.

    def search_index(
        self,
        articles: Sequence[Article],
        *,
        notes: Iterable[NoteDocument] = (),
        mentions: CorpusMentions | None = None,
        resolver: ActorResolver | None = None,
        progress: ProgressCallback | None = None,
    ) -> SearchIndex:
        """The corpus's search index: loaded if this exact corpus was indexed before, else built.

        Notes are added after loading (they change as the user writes), so only the articles'
        part is cached.

        Args:
            articles: the corpus, in the order its index numbers them.
            notes: notes to index beside the articles.
            mentions: the corpus's actor mentions, for `actor:`.
            resolver: the gazetteer's names, for `actor:` and aliases.
            progress: called with (documents done, documents in all) while building.
        """
        from reader.core.search import SearchIndex

        by_article = mentions.by_article if mentions is not None else {}
        key = _index_key(articles)
        index = self._load_index(key, articles) if self._db is not None else None
        if index is None:
            index = SearchIndex.build(articles, progress=progress)
            self.stats["index built"] += 1
            if self._db is not None:
                self._save_index(key, articles, index)
        else:
            self.stats["index loaded"] += 1
            if progress is not None:
                progress(len(articles), len(articles))
        index.set_actors(by_article, resolver)
        for note in notes:
            index.add_note(note)
        return index

    def _load_index(self, key: str, articles: Sequence[Article]) -> SearchIndex | None:
        rows = self._read(
            "SELECT article_ids, sources, words, offsets, postings, title_words, title_offsets, "
            "title_postings, lengths, total_length, typo_hashes, typo_words "
            "FROM indexes WHERE key = ?",
            [key],
        )
        if not rows:
            return None
        try:
            from reader.core.search_cache import index_from_row

            with collector.paused():
                return index_from_row(rows[0], articles)
        except (ValueError, TypeError, IndexError) as error:
            self.warnings.append(f"cached search index unreadable ({error}): built again")
            return None

    def _save_index(self, key: str, articles: Sequence[Article], index: SearchIndex) -> None:
        from reader.core.search_cache import index_row

        row = index_row(index, articles)

        def save(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO indexes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, time.time(), *row),
            )
            db.execute(
                "DELETE FROM indexes WHERE key NOT IN "
                "(SELECT key FROM indexes ORDER BY built_at DESC LIMIT ?)",
                (INDEXES_KEPT,),
            )

        self._write(save)


def _path_range(folder: str) -> tuple[str, str]:
    """The bounds of the paths under `folder`, for `path >= start AND path < end`."""
    start = folder if folder.endswith(os.sep) else folder + os.sep
    # Paths compare as UTF-8 bytes: everything under "a/" sorts from "a/" up to "a0".
    return start, start[:-1] + chr(ord(os.sep) + 1)


def _unchanged(entry: _Known, info: os.stat_result) -> bool:
    """Whether a file is as cached, by size and mtime; a recently changed file is in doubt."""
    if entry.size != info.st_size or entry.mtime_ns != info.st_mtime_ns:
        return False
    return entry.cached_at - info.st_mtime_ns / 1e9 >= RECENT_SECONDS


def _read_bytes(path: str, info: os.stat_result | None) -> bytes | None:
    """A regular file's bytes for its digest; None for anything `read_document` must judge."""
    from reader.core.corpus import MAX_FILE_BYTES, read_at_most

    if info is None or info.st_size == 0 or info.st_size > MAX_FILE_BYTES:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                return None
            # As `read_document` reads: asked for 20 MiB at once, a file object sets aside
            # that much for every file, which took three times as long as reading it.
            return read_at_most(partial(os.read, fd), MAX_FILE_BYTES + 1, opened.st_size)
        finally:
            os.close(fd)
    except OSError:
        return None


def _clean(text: str, path: str, fmt: str, problems: tuple[str, ...]) -> Article:
    from reader.core.clean import clean

    return clean(text, path=path, fmt=fmt, problems=problems)


def _with_path(article: Article, title_from_path: bool, path: str) -> Article | Problem:
    """A cached article as found at `path`; a title made from another file's name is remade."""
    if title_from_path and PurePath(article.paths[0]).stem != PurePath(path).stem:
        document = read_document(path)
        if isinstance(document, Problem):
            return document
        return _clean(document.text, path, document.format, document.problems)
    article.paths = [path]
    return article


def _article_meta(article: Article) -> Meta:
    """The article's metadata for the `articles` table (its body goes to `bodies`)."""
    lists = None
    if article.urls or article.problems:
        lists = json.dumps([list(article.urls), list(article.problems)], ensure_ascii=False)
    return (
        article.id,
        article.title,
        article.source,
        article.date,
        article.url,
        article.author,
        lists,
        article.paths[0] if article.paths else "",
        article.text_length,
        article.words,
    )


def _columns(prefix: str, columns: str) -> str:
    """`columns` (comma-separated names) each with `prefix`, e.g. a table's alias."""
    return ", ".join(prefix + name.strip() for name in columns.split(","))


def _body_row(article: Article) -> tuple[str, bytes, str, str]:
    """(kinds, lengths, blocks, raw): the article's body packed for the `bodies` table."""
    kinds = "".join(_CODE_OF_KIND[paragraph.kind] for paragraph in article.paragraphs)
    lengths = array("I", (len(paragraph.text) for paragraph in article.paragraphs)).tobytes()
    blocks = "".join(paragraph.text for paragraph in article.paragraphs)
    return kinds, lengths, blocks, article.raw


def _lazy_article(meta: Meta, fmt: str, bodies: _Bodies, digest: bytes) -> Article:
    """A cached article's metadata, its body to be read from `bodies` when first needed."""
    (article_id, title, source, date, url, author, lists, path, length, words) = meta
    urls, problems = json.loads(lists) if lists is not None else ((), ())
    if not isinstance(article_id, str) or not isinstance(title, str):
        raise TypeError("an article's id and title are text")
    return Article.lazy(
        article_id,
        title,
        source,
        date,
        url,
        author,
        text_length=int(length),
        words=int(words),
        body=partial(bodies.read, digest, fmt, path),
        paths=[path],
        urls=tuple(urls),
        problems=list(problems),
        format=fmt,
    )


def _body_from_row(
    kinds: str, lengths_blob: bytes, blocks: str, raw: str
) -> tuple[tuple[Paragraph, ...], str]:
    """An article's (paragraphs, raw text) rebuilt from its packed row, without cleaning again."""
    lengths = array("I")
    lengths.frombytes(lengths_blob)
    if len(lengths) != len(kinds) or sum(lengths) != len(blocks):
        raise ValueError("paragraphs do not add up")
    ends = list(accumulate(lengths))
    texts = list(map(blocks.__getitem__, map(slice, [0, *ends[:-1]], ends)))
    kinds_list = list(map(_KIND_CODES.__getitem__, kinds))
    starts: list[int] = []
    offset = 0
    for code, length in zip(kinds, lengths, strict=True):
        if code == "b":
            starts.append(-1)
        else:
            starts.append(offset)
            offset += length + 2
    return tuple(new_paragraphs(kinds_list, texts, starts)), raw


class _Bodies:
    """Reads cached article bodies on demand, from any thread, after the cache is closed too.

    A body gone from the cache (cleared, or rebuilt by another process) is read from the
    article's file and cleaned again; a file gone too leaves the article empty, saying why.
    """

    def __init__(self, path: Path | None, parser: str) -> None:
        self.path = path
        self.parser = parser
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def read(self, digest: bytes, fmt: str, path: str) -> tuple[tuple[Paragraph, ...], str]:
        """The body of the article cached as (digest, format), first found at `path`."""
        row = self._row(digest, fmt)
        if row is not None:
            try:
                return _body_from_row(*row)
            except (ValueError, TypeError, KeyError, IndexError):
                pass  # damaged: the file has the text
        document = read_document(path)
        if isinstance(document, Problem):
            gone = f"its text could not be read again ({document.reason})"
            return (Paragraph("paragraph", f"[{path}: {gone}]", 0),), ""
        article = _clean(document.text, path, document.format, document.problems)
        return article.paragraphs, article.raw

    def close(self) -> None:
        """Close the connection (the next read opens it again)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _row(self, digest: bytes, fmt: str) -> tuple[str, bytes, str, str] | None:
        with self._lock:
            try:
                if self._db is None:
                    if self.path is None or not self.path.exists():
                        return None
                    self._db = sqlite3.connect(
                        self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
                    )
                row = self._db.execute(
                    "SELECT b.kinds, b.lengths, b.blocks, b.raw FROM bodies AS b "
                    "JOIN articles AS a ON a.digest = b.digest AND a.format = b.format "
                    "WHERE b.digest = ? AND b.format = ? AND a.parser = ?",
                    (digest, fmt, self.parser),
                ).fetchone()
            except sqlite3.Error:
                return None
            return cast("tuple[str, bytes, str, str] | None", row)


class _EntryTable:
    """A gazetteer's distinct name entries by number, as lists that `map` can index in C."""

    def __init__(self, rows: Sequence[tuple[int, str, int]]) -> None:
        size = max((number for number, _, _ in rows), default=-1) + 1
        self.actor_ids: list[tuple[str, ...]] = [()] * size
        """Each entry's actors (several: a shared surname)."""
        self.demonym: list[bool] = [False] * size
        """Whether each entry is a demonym."""
        self.single: list[str | None] = [None] * size
        """The one actor of an unshared name, else None."""
        self.full: list[str | None] = [None] * size
        """The one actor of an unshared name that is not a demonym (named in full), else None."""
        for number, ids_json, demonym in rows:
            ids = tuple(json.loads(ids_json))
            self.actor_ids[number] = ids
            self.demonym[number] = bool(demonym)
            self.single[number] = ids[0] if len(ids) == 1 else None
            self.full[number] = ids[0] if len(ids) == 1 and not demonym else None
        self.size = size
        """How many entries there are."""
        self._numbers = {
            key: number
            for number, key in enumerate(zip(self.actor_ids, self.demonym, strict=True))
            if key[0]
        }

    def number(self, actor_ids: tuple[str, ...], demonym: bool) -> int:
        """The entry number of a name's actors, a new entry if the table has none yet."""
        key = (actor_ids, demonym)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = self.size
            self.size += 1
            self.actor_ids.append(actor_ids)
            self.demonym.append(demonym)
            single = actor_ids[0] if len(actor_ids) == 1 else None
            self.single.append(single)
            self.full.append(None if demonym else single)
        return number

    def names(self, text_length: int, hits: Sequence[Hit]) -> _Names:
        """Names just found in a text, packed as the cache keeps them."""
        number = self.number
        return _Names(
            text_length,
            array("I", [hit.start for hit in hits]).tobytes(),
            array("I", [hit.end for hit in hits]).tobytes(),
            array("I", [number(hit.actor_ids, hit.demonym) for hit in hits]).tobytes(),
        )


@dataclass(slots=True)
class _Names:
    """One article's names as cached: the bytes of parallel arrays of offsets and entry numbers."""

    text_length: int
    """The length of the text they were found in (a different text is matched again)."""
    starts: bytes
    """Where each name starts (`array("I")` bytes)."""
    ends: bytes
    """Where each name ends."""
    numbers: bytes
    """Each name's entry in the gazetteer's `_EntryTable`."""

    @staticmethod
    def unpack(
        text_length: int,
        starts_blob: bytes,
        ends_blob: bytes,
        numbers_blob: bytes,
        table: _EntryTable,
    ) -> _Names:
        """Check a `names` row; its arrays stay bytes, to be packed with the others at once."""
        size = len(numbers_blob)
        if len(starts_blob) != size or len(ends_blob) != size or size % _ITEM_SIZE:
            raise ValueError("name arrays differ in length")
        if size and max(memoryview(numbers_blob).cast("I")) >= table.size:
            raise ValueError("unknown name entry")
        return _Names(text_length, starts_blob, ends_blob, numbers_blob)

    def entry_numbers(self) -> memoryview:
        """The names' entry numbers, read in place."""
        return memoryview(self.numbers).cast("I")


_ITEM_SIZE = array("I").itemsize
"""Bytes per offset or entry number in a `names` row."""


def _resolve_corpus(
    per_article: list[tuple[Article, _Names]], table: _EntryTable, show_demonyms: bool
) -> CorpusMentions:
    """Mentions for each article, shared surnames resolved across the corpus (as `match_corpus`).

    Names whose entries are all unshared are the mentions already: their bytes are packed as
    they are, entry numbers serving as the mentions' codes.
    """
    used: set[int] = set()
    for _, names in per_article:
        used.update(names.entry_numbers())
    # Only whether an actor is named in full somewhere matters to resolving.
    corpus_full = {actor for actor in map(table.full.__getitem__, used) if actor is not None}
    shared = {number for number in used if table.single[number] is None}
    from reader.core.actors import MentionsBuilder

    builder = MentionsBuilder([actor or "" for actor in table.single], table.demonym)
    for article, names in per_article:
        position = builder.reserve(article.id)
        if shared and not shared.isdisjoint(names.entry_numbers()):
            builder.put_codes(position, *_resolve_names(names, table, corpus_full, builder))
        else:
            builder.put_packed(position, names.starts, names.ends, names.numbers)
    return builder.build(show_demonyms)


def _resolve_names(
    names: _Names, table: _EntryTable, corpus_full: set[str], builder: MentionsBuilder
) -> tuple[list[int], list[int], list[int]]:
    """An article's cached names with a shared surname as mentions' starts, ends and codes.

    As `actors.resolve`: a shared surname goes to the one person the article names in full,
    else to the one the corpus does, and is dropped otherwise.
    """
    numbers = names.entry_numbers().tolist()
    article_full = set(map(table.full.__getitem__, numbers))
    article_full.discard(None)
    codes: dict[int, int | None] = {}
    for number in set(numbers):
        if table.single[number] is not None:
            codes[number] = number
            continue
        options = table.actor_ids[number]
        chosen = [a for a in options if a in article_full] or [
            a for a in options if a in corpus_full
        ]
        codes[number] = builder.code(chosen[0], table.demonym[number]) if len(chosen) == 1 else None
    kept = [codes[number] is not None for number in numbers]
    starts = memoryview(names.starts).cast("I").tolist()
    ends = memoryview(names.ends).cast("I").tolist()
    return (
        list(compress(starts, kept)),
        list(compress(ends, kept)),
        cast("list[int]", list(compress(map(codes.__getitem__, numbers), kept))),
    )


def _index_key(articles: Sequence[Article]) -> str:
    """What the index depends on: each article's id, text length, title, source and date."""
    digest = blake2b(digest_size=16)
    digest.update(index_fingerprint().encode())
    # Field by field, each column joined in one call: a repr per article took 0.1 s at 50,000.
    # Titles and such hold no control characters (sanitised), so NUL separates them safely,
    # and a missing source or date (None) is written as SOH, which no text can be either.
    digest.update(array("Q", map(_TEXT_LENGTH, articles)).tobytes())
    for field in (_ID, _TITLE, _SOURCE, _DATE):
        digest.update("\0".join([value or "\1" for value in map(field, articles)]).encode())
        digest.update(b"\0\0")
    return digest.hexdigest()


_ID = attrgetter("id")
_TITLE = attrgetter("title")
_SOURCE = attrgetter("source")
_DATE = attrgetter("date")
_TEXT_LENGTH = attrgetter("text_length")


_OPEN: weakref.WeakSet[CorpusCache] = weakref.WeakSet()
"""Caches open in this process, closed when it exits (see `CorpusCache.close`)."""


@atexit.register
def _close_open_caches() -> None:
    for cache in list(_OPEN):
        cache.close()
