"""Finding and reading article files safely: folders, encodings, sizes and odd files.

Every file that cannot be read becomes a `Problem` with its reason; nothing here hangs on a
FIFO, loops on a symlink cycle, or raises for a bad file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from reader.core.article import Article
from reader.core.text import decode, looks_binary, plain_utf8, sanitise

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
"""File endings read as articles, compared case-insensitively."""

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are opened in part: only their first 20 MiB are read."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that was skipped, and why."""

    path: str
    """The file, as found."""
    reason: str
    """Why it was skipped, in words a user understands."""

    def to_dict(self) -> dict[str, str]:
        """The problem as plain data, for JSON output."""
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A file's text, decoded and made safe, before cleaning."""

    path: str
    """Where it was read from."""
    text: str
    """The whole file as safe text, line endings normalised."""
    format: str
    """text, markdown or html, from the file's ending."""
    problems: tuple[str, ...] = ()
    """What was odd about reading it."""


@dataclass(slots=True)
class Corpus:
    """Articles loaded from some paths, duplicates merged, with what was skipped."""

    articles: list[Article] = field(default_factory=list)
    """The articles, in the order they were first found."""
    problems: list[Problem] = field(default_factory=list)
    """Files that were skipped, with the reason."""
    ignored: list[str] = field(default_factory=list)
    """Files passed over because they are not articles (other endings)."""
    _by_id: dict[str, Article] = field(default_factory=dict, repr=False)

    def add(self, article: Article) -> bool:
        """Add an article, or merge its paths into an identical one; True if it is new."""
        known = self._by_id.get(article.id)
        if known is None:
            self._by_id[article.id] = article
            self.articles.append(article)
            return True
        for path in article.paths:
            if path not in known.paths:
                known.paths.append(path)
        return False

    def get(self, article_id: str) -> Article | None:
        """The article with this id, if loaded."""
        return self._by_id.get(article_id)


def format_for(path: str) -> str:
    """The format belreader reads a file as, from its ending."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".html", ".htm"):
        return "html"
    return "text"


def find_files(paths: Iterable[str | Path]) -> Iterator[str | Problem]:
    """Yield article file paths under `paths` (files or folders, recursive), sorted.

    Unreadable entries, missing paths, dangling symlinks and symlink loops are yielded as
    `Problem`s. Hidden files and folders inside a folder are passed over.
    """
    for found in walk_files(paths):
        yield found if isinstance(found, Problem) else found[0]


def count_article_files(paths: Iterable[str | Path]) -> int:
    """About how many article files `find_files` will yield, counted quickly (for progress).

    Names only, no stat per file; folders reached through symlinks are not counted.
    """
    count = 0
    folders: list[str] = []
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            folders.append(path)
        elif os.path.splitext(path)[1].lower() in ARTICLE_SUFFIXES:
            count += 1
    while folders:
        try:
            with os.scandir(folders.pop()) as scan:
                for entry in scan:
                    if entry.name.startswith("."):
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                            continue
                    except OSError:
                        continue
                    if os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES:
                        count += 1
        except OSError:
            continue
    return count


def walk_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, str, os.stat_result] | Problem]:
    """`find_files`, each file as (path as found, absolute path, its `os.stat`).

    The absolute path is built folder by folder (as `os.path.abspath` would give it) and the
    stat is the one the walk made: a caller checking 50,000 files needs neither again.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for given in paths:
        path = os.fspath(given)
        try:
            info = os.stat(path)
        except OSError as error:
            yield Problem(path, _os_reason(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, os.path.abspath(path), info, seen_dirs)
        else:
            yield path, os.path.abspath(path), info


def _walk(
    folder: str, absolute: str, info: os.stat_result, seen_dirs: set[tuple[int, int]]
) -> Iterator[tuple[str, str, os.stat_result] | Problem]:
    key = (info.st_dev, info.st_ino)
    if key in seen_dirs:
        yield Problem(folder, "folder already visited (a symlink loop or a repeated path)")
        return
    seen_dirs.add(key)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(folder, _os_reason(error))
        return
    prefix = absolute if absolute.endswith(os.sep) else absolute + os.sep
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            entry_info = os.stat(entry.path)  # follows symlinks: loops and dangling raise
        except OSError as error:
            if os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES or entry.is_symlink():
                yield Problem(entry.path, _os_reason(error))
            continue
        if stat.S_ISDIR(entry_info.st_mode):
            yield from _walk(entry.path, prefix + entry.name, entry_info, seen_dirs)
        else:
            yield entry.path, prefix + entry.name, entry_info


def read_document(path: str, info: os.stat_result | None = None) -> RawDocument | Problem:
    """Read one file as safe text, or say why it cannot be read.

    Args:
        info: the file's `os.stat` if the caller has just made it (as `walk_files` does).
    """
    if info is None:
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                info = os.stat(path)
        except OSError as error:
            return Problem(path, _os_reason(error))
    if not stat.S_ISREG(info.st_mode):
        return Problem(path, f"not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size == 0:
        return Problem(path, "empty file")
    problems: list[str] = []
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open won't hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                return Problem(path, "not a regular file")
            # Read from the descriptor: a buffered file object costs more than the read.
            data = read_at_most(partial(os.read, fd), MAX_FILE_BYTES + 1, opened.st_size)
        finally:
            os.close(fd)
    except OSError as error:
        return Problem(path, _os_reason(error))
    if len(data) > MAX_FILE_BYTES:
        data = data[:MAX_FILE_BYTES]
        cut = data.rfind(b"\n")
        if cut > 0:
            data = data[:cut]
        problems.append(
            f"file is {info.st_size / 1_048_576:.1f} MiB: only the first "
            f"{MAX_FILE_BYTES // 1_048_576} MiB are shown"
        )
    text = plain_utf8(data)
    if text is None:
        if looks_binary(data[:8192]):
            return Problem(path, "binary file, not text")
        decoded = decode(data)
        if decoded.encoding not in ("utf-8", "utf-8-sig"):
            problems.append(f"decoded as {decoded.encoding}")
        if decoded.replaced:
            noun = "byte" if decoded.replaced == 1 else "bytes"
            problems.append(f"{decoded.replaced} undecodable {noun} replaced")
        text = sanitise(decoded.text)
    if not text or text.isspace():
        return Problem(path, "no text (only whitespace)")
    return RawDocument(path, text, format_for(path), tuple(problems))


def read_at_most(read: Callable[[int], bytes], limit: int, expected: int) -> bytes:
    """Read up to `limit` bytes, asking first for the size the file had when opened.

    `read(limit)` sets aside a buffer of `limit` bytes for every file, which made reading
    small articles several times slower than reading them whole; a file that grew since is
    read on up to the limit.

    Args:
        read: reads up to so many bytes, maybe fewer (as `os.read`); b"" at the end.
    """
    want = min(expected + 1, limit)
    data = _read_up_to(read, want)
    if len(data) == want < limit:
        data += _read_up_to(read, limit - want)
    return data


def _read_up_to(read: Callable[[int], bytes], size: int) -> bytes:
    """`size` bytes from `read`, or fewer at the end of the file."""
    data = read(size)
    while 0 < len(data) < size:
        more = read(size - len(data))
        if not more:
            break
        data += more
    return data


def iter_load(paths: Iterable[str | Path]) -> Iterator[Article | Problem | str]:
    """Load articles one by one: yields each `Article`, each `Problem`, and each ignored path."""
    cleaner: Callable[..., Article] | None = None
    for found in walk_files(paths):
        if isinstance(found, Problem):
            yield found
            continue
        path, _, info = found
        if os.path.splitext(path)[1].lower() not in ARTICLE_SUFFIXES:
            yield path
            continue
        document = read_document(path, info)  # the walk's stat, not another
        if isinstance(document, Problem):
            yield document
            continue
        if cleaner is None:
            from reader.core.clean import clean  # the cleaner loads with the first file it cleans

            cleaner = clean
        yield cleaner(
            document.text, path=document.path, fmt=document.format, problems=document.problems
        )


def load(paths: Iterable[str | Path]) -> Corpus:
    """Load every article under `paths`, merging exact duplicates."""
    corpus = Corpus()
    for item in iter_load(paths):
        if isinstance(item, Article):
            corpus.add(item)
        elif isinstance(item, Problem):
            corpus.problems.append(item)
        else:
            corpus.ignored.append(item)
    return corpus


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or folder (or a dangling symlink)"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == 40:  # ELOOP
        return "symlink loop"
    return error.strerror or str(error)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "special file"
