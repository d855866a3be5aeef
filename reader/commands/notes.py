"""`belreader notes`: export, import and list the user's notes."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import add_json_option, print_json
from reader.core.export import (
    ImportFormatError,
    export_json_text,
    export_markdown,
    import_json,
    write_atomic,
)
from reader.core.notes import Failed, NotesError, NotesStore, iso_from_ms
from reader.core.text import sanitise
from reader.errors import UserError

HELP = "export, import or list your notes (export --format md|json [-o FILE], import FILE.json)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's actions and options."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write every note as Markdown or JSON")
    export.add_argument(
        "--format", choices=("md", "json"), default="md", help="output format (default: md)"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    importer = actions.add_parser("import", help="merge a JSON export into your notes")
    importer.add_argument("file", metavar="FILE.json", help="a file made by `notes export`")
    lister = actions.add_parser("list", help="list every note, newest first")
    add_json_option(lister)


def _open_store() -> NotesStore:
    try:
        store = NotesStore.open()
    except NotesError as error:
        raise UserError(str(error)) from error
    if store.recovery_message:
        print(f"belreader: {store.recovery_message}", file=sys.stderr)
    return store


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; exit 0 on success."""
    with _open_store() as store:
        if args.action == "export":
            return _export(store, args.format, args.output)
        if args.action == "import":
            return _import(store, args.file)
        return _list(store, args.json)


def _export(store: NotesStore, output_format: str, output: str | None) -> int:
    text = export_markdown(store) if output_format == "md" else export_json_text(store) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror or error}") from error
    return 0


def _import(store: NotesStore, file_name: str) -> int:
    try:
        with open(file_name, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise UserError(f"cannot read {file_name}: {reason or error}") from error
    try:
        report = import_json(store, text)
    except ImportFormatError as error:
        raise UserError(f"cannot import {file_name}: {error}") from error
    if isinstance(report, Failed):
        raise UserError(f"NOT IMPORTED: {report.reason}", exit_code=1)
    print(
        f"imported {file_name}: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.kept_both} changed on both sides "
        "(yours kept, theirs in history)"
    )
    return 0


def _list(store: NotesStore, as_json: bool) -> int:
    notes = store.notes()
    if as_json:
        print_json(
            [
                {
                    "id": note.id,
                    "article_id": note.article_id,
                    "article_title": note.article_title,
                    "kind": note.kind,
                    "quote": note.anchor.quote if note.anchor else None,
                    "body": note.body,
                    "tags": note.tags,
                    "updated": iso_from_ms(note.updated_ms),
                }
                for note in notes
            ]
        )
        return 0
    for note in notes:
        # A note holds what was typed or pasted, escape sequences included: show them inert.
        first_line = sanitise(note.body.strip().split("\n", 1)[0])[:60]
        print(
            f"{iso_from_ms(note.updated_ms)[:16]}  {note.kind:<7}  "
            f"{sanitise(note.article_title)[:40]:<40}  {first_line}"
        )
    return 0
