"""Notes out and back in: Markdown for reading, versioned JSON for round trips.

Export files are written atomically (a temporary file in the same folder, fsync, rename), so
an interrupted export never leaves a half-written file under the chosen name.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from reader.core.anchor import Anchor
from reader.core.notes import (
    ArticleInfo,
    Failed,
    ImportReport,
    Note,
    NotesStore,
    iso_from_ms,
    ms_from_iso,
)

FORMAT_NAME = "belreader-notes"
"""The `format` field of a JSON export."""

FORMAT_VERSION = 1
"""The JSON schema version this code writes and reads."""


class ImportFormatError(ValueError):
    """An import file is not a belreader notes export this version can read."""


def _notes_by_article(store: NotesStore) -> tuple[dict[str, ArticleInfo], dict[str, list[Note]]]:
    articles = store.articles()
    grouped: dict[str, list[Note]] = {}
    for note in sorted(store.notes(), key=lambda n: (n.article_id, n.created_ms, n.id)):
        grouped.setdefault(note.article_id, []).append(note)
    return articles, grouped


def _note_order(note: Note) -> tuple[int, int, int, str]:
    position = note.anchor.start if note.anchor else -1
    return (0 if note.kind == "article" else 1, position, note.created_ms, note.id)


def export_json(store: NotesStore, *, exported_ms: int | None = None) -> dict[str, object]:
    """Every note that is not deleted, with its article's metadata, as versioned plain data."""
    articles, grouped = _notes_by_article(store)
    article_entries: list[dict[str, object]] = []
    note_entries: list[dict[str, object]] = []
    for article_id in sorted(grouped, key=lambda i: (articles[i].title.casefold(), i)):
        info = articles[article_id]
        article_entries.append(
            {
                "id": info.id,
                "title": info.title,
                "source": info.source,
                "date": info.date,
                "url": info.url,
                "path": info.path,
            }
        )
        for note in sorted(grouped[article_id], key=_note_order):
            note_entries.append(
                {
                    "id": note.id,
                    "article_id": note.article_id,
                    "kind": note.kind,
                    "body": note.body,
                    "anchor": note.anchor.to_dict() if note.anchor else None,
                    "tags": note.tags,
                    "created": iso_from_ms(note.created_ms),
                    "updated": iso_from_ms(note.updated_ms),
                }
            )
    data: dict[str, object] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if exported_ms is not None:
        data["exported"] = iso_from_ms(exported_ms)
    data["articles"] = article_entries
    data["notes"] = note_entries
    return data


def export_json_text(store: NotesStore, *, exported_ms: int | None = None) -> str:
    """The JSON export as text, indented, non-ASCII kept readable."""
    return json.dumps(export_json(store, exported_ms=exported_ms), ensure_ascii=False, indent=2)


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def export_markdown(store: NotesStore) -> str:
    """Every note that is not deleted as Markdown, grouped by article, passages as quotes."""
    articles, grouped = _notes_by_article(store)
    parts: list[str] = ["# Notes", ""]
    for article_id in sorted(grouped, key=lambda i: (articles[i].title.casefold(), i)):
        info = articles[article_id]
        parts += [f"## {info.title}", ""]
        details = [
            ("Source", info.source),
            ("Date", info.date),
            ("URL", f"<{info.url}>" if info.url else None),
            ("File", f"`{info.path}`" if info.path else None),
            ("Article id", f"`{info.id}`"),
        ]
        parts += [f"- {label}: {value}" for label, value in details if value]
        parts.append("")
        for note in sorted(grouped[article_id], key=_note_order):
            if note.anchor is not None:
                parts += ["### Passage", "", _quote_block(note.anchor.quote), ""]
            else:
                parts += ["### Article note", ""]
            parts += [note.body.rstrip("\n"), ""]
            if note.tags:
                parts += ["Tags: " + " ".join(f"#{tag}" for tag in note.tags), ""]
            parts += [f"*Updated {iso_from_ms(note.updated_ms)}*", ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def write_atomic(path: Path | str, text: str) -> None:
    """Write `text` (UTF-8) to `path` so that it holds either the old file or all of the new."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    # The rename itself is durable only once the folder is synced.
    folder_descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(folder_descriptor)
    finally:
        os.close(folder_descriptor)


def _text(entry: dict[str, object], key: str, where: str, *, optional: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ImportFormatError(f"{where}: `{key}` should be text")
    return value


def _int(entry: dict[str, object], key: str, where: str) -> int:
    value = entry.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ImportFormatError(f"{where}: `{key}` should be a whole number")
    return value


def _time(entry: dict[str, object], key: str, where: str) -> int:
    text = _text(entry, key, where)
    assert text is not None
    try:
        return ms_from_iso(text)
    except ValueError as error:
        raise ImportFormatError(f"{where}: `{key}` is not an ISO 8601 time") from error


def parse_export(text: str) -> list[tuple[ArticleInfo, Note]]:
    """Read a JSON export into (article, note) pairs; ImportFormatError if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(f"not JSON ({error.msg} at line {error.lineno})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFormatError(f'not a belreader notes export (no "format": "{FORMAT_NAME}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFormatError("the export has no schema version")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"the export is schema version {version}; this belreader reads up to {FORMAT_VERSION}"
        )
    raw_articles, raw_notes = data.get("articles"), data.get("notes")
    if not isinstance(raw_articles, list) or not isinstance(raw_notes, list):
        raise ImportFormatError("the export needs `articles` and `notes` lists")
    articles: dict[str, ArticleInfo] = {}
    for number, entry in enumerate(raw_articles, 1):
        where = f"article {number}"
        if not isinstance(entry, dict):
            raise ImportFormatError(f"{where} is not an object")
        article_id = _text(entry, "id", where)
        title = _text(entry, "title", where)
        assert article_id is not None and title is not None
        articles[article_id] = ArticleInfo(
            id=article_id,
            title=title,
            path=_text(entry, "path", where, optional=True),
            source=_text(entry, "source", where, optional=True),
            date=_text(entry, "date", where, optional=True),
            url=_text(entry, "url", where, optional=True),
        )
    pairs: list[tuple[ArticleInfo, Note]] = []
    for number, entry in enumerate(raw_notes, 1):
        where = f"note {number}"
        if not isinstance(entry, dict):
            raise ImportFormatError(f"{where} is not an object")
        note_id = _text(entry, "id", where)
        article_id = _text(entry, "article_id", where)
        body = _text(entry, "body", where)
        assert note_id is not None and article_id is not None and body is not None
        kind = entry.get("kind")
        if kind not in ("article", "passage"):
            raise ImportFormatError(f'{where}: `kind` should be "article" or "passage"')
        info = articles.get(article_id)
        if info is None:
            raise ImportFormatError(f"{where}: its article {article_id} is not in `articles`")
        found: Anchor | None = None
        if kind == "passage":
            raw_anchor = entry.get("anchor")
            if not isinstance(raw_anchor, dict):
                raise ImportFormatError(f"{where}: a passage note needs an `anchor` object")
            quote = _text(raw_anchor, "quote", where)
            assert quote is not None
            found = Anchor(
                quote=quote,
                prefix=_text(raw_anchor, "prefix", where, optional=True) or "",
                suffix=_text(raw_anchor, "suffix", where, optional=True) or "",
                start=_int(raw_anchor, "start", where),
                end=_int(raw_anchor, "end", where),
            )
        pairs.append(
            (
                info,
                Note(
                    id=note_id,
                    article_id=article_id,
                    kind="passage" if kind == "passage" else "article",
                    body=body,
                    anchor=found,
                    created_ms=_time(entry, "created", where),
                    updated_ms=_time(entry, "updated", where),
                    revision=0,
                    deleted=False,
                    article_title=info.title,
                    article_path=info.path,
                ),
            )
        )
    return pairs


def import_json(store: NotesStore, text: str) -> ImportReport | Failed:
    """Merge a JSON export into the store (see `NotesStore.import_notes`).

    Raises ImportFormatError for a file that is not an export; returns Failed when the store
    could not be written.
    """
    return store.import_notes(parse_export(text))
