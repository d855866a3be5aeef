"""Exporting notes to Markdown and JSON, importing them back, and the `notes` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.anchor import anchor
from reader.core.export import (
    FORMAT_VERSION,
    ImportFormatError,
    export_json,
    export_json_text,
    export_markdown,
    import_json,
    parse_export,
    write_atomic,
)
from reader.core.notes import ArticleInfo, ImportReport, NotesStore, Saved

TEXT = "Minsk denies any plan to send troops.\n\nAnalysts in Kyiv watch the border closely."
ARTICLE = ArticleInfo(
    "a1", "Will Minsk fight?", "/corpus/a.txt", "Reuters", "2024-05-01", "https://e.org/a"
)
OTHER = ArticleInfo("b2", "Border drills", None, None, None, None)


class StepClock:
    """A clock that moves one second on every reading."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def filled_store(folder: Path | None = None) -> NotesStore:
    """A store with an article note, a passage note, a note on another article and a deleted one."""
    store = NotesStore.open(folder, clock=StepClock())
    assert isinstance(
        store.save_article_note(ARTICLE, "Key piece. #nuclear\n> not a quote", 0), Saved
    )
    start = TEXT.index("Analysts")
    passage = anchor(TEXT, start, start + 24)
    assert isinstance(store.add_passage_note(ARTICLE, passage, "Who are they? #sources"), Saved)
    assert isinstance(store.save_article_note(OTHER, "Drills [b]x[/] \x1b[31m", 0), Saved)
    gone = store.add_passage_note(OTHER, anchor(TEXT, 0, 5), "deleted one")
    assert isinstance(gone, Saved)
    assert isinstance(store.delete_note(gone.note.id, gone.note.revision), Saved)
    return store


def test_markdown_groups_by_article_with_metadata_quotes_and_tags() -> None:
    """Markdown has a section per article with source, date and URL, quotes and tags."""
    markdown = export_markdown(filled_store())
    assert markdown.index("## Border drills") < markdown.index("## Will Minsk fight?")
    section = markdown[markdown.index("## Will Minsk fight?") :]
    assert "- Source: Reuters" in section and "- Date: 2024-05-01" in section
    assert "- URL: <https://e.org/a>" in section
    assert "> Analysts in Kyiv watch t" in section
    assert "Tags: #nuclear" in section and "Tags: #sources" in section
    assert "deleted one" not in markdown


def test_json_has_versioned_schema_and_every_field() -> None:
    """JSON carries format, version, article metadata, anchors, tags and timestamps."""
    data = export_json(filled_store())
    assert data["format"] == "belreader-notes" and data["version"] == FORMAT_VERSION
    articles = data["articles"]
    assert isinstance(articles, list)
    assert articles[1] == {
        "id": "a1",
        "title": "Will Minsk fight?",
        "source": "Reuters",
        "date": "2024-05-01",
        "url": "https://e.org/a",
        "path": "/corpus/a.txt",
    }
    notes = data["notes"]
    assert isinstance(notes, list) and len(notes) == 3
    passage = next(n for n in notes if n["kind"] == "passage")
    assert passage["anchor"]["quote"] == "Analysts in Kyiv watch t"
    assert passage["anchor"]["prefix"].endswith("troops.\n\n")
    assert passage["anchor"]["start"] == TEXT.index("Analysts")
    assert passage["tags"] == ["sources"]
    assert passage["created"].endswith("Z") and passage["updated"] >= passage["created"]


def test_round_trip_into_empty_store_gives_same_export(tmp_path: Path) -> None:
    """Export, import into an empty store, export again: the same notes, byte for byte."""
    first = export_json_text(filled_store())
    empty = NotesStore.open(tmp_path / "elsewhere")
    report = import_json(empty, first)
    assert report == ImportReport(added=3)
    assert export_json_text(empty) == first
    assert export_markdown(empty) == export_markdown(NotesStore.open())


def test_importing_twice_adds_nothing(tmp_path: Path) -> None:
    """The same file imported twice creates no duplicates and no revisions."""
    text = export_json_text(filled_store())
    other = NotesStore.open(tmp_path / "other")
    import_json(other, text)
    histories = {n.id: len(other.history(n.id)) for n in other.notes()}
    assert import_json(other, text) == ImportReport(unchanged=3)
    assert {n.id: len(other.history(n.id)) for n in other.notes()} == histories
    assert len(other.notes()) == 3


def test_import_merges_newer_and_keeps_older_in_history(tmp_path: Path) -> None:
    """A newer imported text becomes current; an older different one lands in history."""
    local = filled_store()
    shared = export_json(local)
    notes = shared["notes"]
    assert isinstance(notes, list)
    newer, older = notes[0], notes[1]
    newer["body"], newer["updated"] = "edited elsewhere later", "2099-01-01T00:00:00.000Z"
    older["body"], older["updated"] = "edited elsewhere earlier", "2000-01-01T00:00:00.000Z"
    report = import_json(local, json.dumps(shared))
    assert report == ImportReport(updated=1, unchanged=1, kept_both=1)
    newer_note = local.note(str(newer["id"]))
    older_note = local.note(str(older["id"]))
    assert newer_note is not None and newer_note.body == "edited elsewhere later"
    assert older_note is not None and older_note.body != "edited elsewhere earlier"
    history = local.history(older_note.id)
    assert any(r.conflict and r.body == "edited elsewhere earlier" for r in history)


def test_article_note_with_other_id_merges_into_existing(tmp_path: Path) -> None:
    """An imported article note for an article that already has one never makes a second."""
    text = export_json_text(filled_store(tmp_path / "theirs"))
    mine = NotesStore.open()
    assert isinstance(mine.save_article_note(ARTICLE, "my own note", 0), Saved)
    import_json(mine, text)
    article_notes = [n for n in mine.notes() if n.article_id == "a1" and n.kind == "article"]
    assert len(article_notes) == 1
    bodies = [r.body for r in mine.history(article_notes[0].id)]
    assert "my own note" in bodies and "Key piece. #nuclear\n> not a quote" in bodies


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not a belreader notes export"),
        ('{"format": "belreader-notes", "version": 99, "articles": [], "notes": []}', "99"),
        (
            '{"format": "belreader-notes", "version": 1, "articles": [], '
            '"notes": [{"id": "n", "article_id": "x", "kind": "article", "body": "b", '
            '"created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"}]}',
            "not in `articles`",
        ),
    ],
)
def test_bad_import_files_are_refused(text: str, message: str) -> None:
    """Files that are not exports raise ImportFormatError with a clear reason."""
    with pytest.raises(ImportFormatError, match=message):
        parse_export(text)


def test_write_atomic_replaces_whole_and_leaves_no_litter(tmp_path: Path) -> None:
    """An atomic write replaces the file with the full text and leaves no temporary file."""
    target = tmp_path / "notes.md"
    target.write_text("old")
    write_atomic(target, "new text ✓")
    assert target.read_text(encoding="utf-8") == "new text ✓"
    assert os.listdir(tmp_path) == ["notes.md"]


def test_write_atomic_failure_keeps_old_file(tmp_path: Path) -> None:
    """When the write fails (text that cannot be encoded), the old file stays and no litter."""
    target = tmp_path / "notes.md"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \udcff surrogate")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["notes.md"]


def test_cli_export_import_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`notes export -o`, `notes import` into another data dir and `notes list --json` agree."""
    filled_store().close()
    out = tmp_path / "notes.json"
    assert main(["notes", "export", "--format", "json", "-o", str(out)]) == 0
    assert main(["notes", "export"]) == 0
    assert "## Will Minsk fight?" in capsys.readouterr().out
    other_dir = tmp_path / "other-data"
    assert main(["--data-dir", str(other_dir), "notes", "import", str(out)]) == 0
    assert "3 added" in capsys.readouterr().out
    assert main(["--data-dir", str(other_dir), "notes", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(item["body"] for item in listed) == sorted(
        n["body"] for n in json.loads(out.read_text())["notes"]
    )
    assert main(["--data-dir", str(other_dir), "notes", "list"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_cli_bad_import_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad import file gives one line on stderr and exit 2, no traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "belreader-notes", "version": 1}')
    assert main(["notes", "import", str(bad)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot import" in error and "Traceback" not in error
    assert main(["notes", "import", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_notes_command_imports_no_ui_library() -> None:
    """`belreader notes export` and `list` run without importing textual or rich."""
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "main(['notes', 'export', '--format', 'json'])\n"
        "main(['notes', 'list'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "sys.stderr.write('UI:' + ','.join(bad))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stderr.strip().endswith("UI:")
    assert '"format": "belreader-notes"' in result.stdout
