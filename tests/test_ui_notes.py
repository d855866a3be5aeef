"""Pilot tests of notes in the reader: the pane, autosave, passages, the Notes view, faults."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from reader.core.anchor import Anchor
from reader.core.article import Article
from reader.core.notes import STORE_FILENAME, ArticleInfo, Note, NotesStore, Saved
from reader.locations import data_dir
from reader.ui.app import BelreaderApp
from reader.ui.messages import NoteSaved
from reader.ui.screens.help import KEY_GROUPS
from reader.ui.screens.main import MainScreen
from reader.ui.screens.note_history import HistoryScreen
from reader.ui.screens.notes import NotesScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NoteEditor, NotesPane, display_safe
from reader.ui.widgets.passage_picker import PassagePicker
from reader.ui.widgets.status_bar import StatusBar
from tests.test_app import SEEDS, loaded, make_app


def pane_of(screen: MainScreen) -> NotesPane:
    """The screen's notes pane."""
    return screen.query_one(NotesPane)


def subtitle(screen: MainScreen) -> str:
    """The pane's save state as shown in its border."""
    return str(pane_of(screen).border_subtitle or "")


def notifications(app: BelreaderApp) -> str:
    """Every notification shown so far, as one text."""
    return "\n".join(str(n.message) for n in app._notifications)


async def wait_for(pilot: object, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `condition` holds; fail after `seconds`."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    assert condition(), "the condition never held"


def open_article(screen: MainScreen) -> Article:
    """The article shown in the article pane (the test fails if none is)."""
    article = screen.query_one(ArticleView).article
    assert article is not None
    return article


def store_here() -> NotesStore:
    """A second handle on the test's notes store (as another process would have)."""
    return NotesStore.open()


async def open_first(pilot: object, screen: MainScreen) -> None:
    """Open the first article in the list."""
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert screen.query_one(ArticleView).article is not None


async def test_e_opens_the_pane_typing_saves_and_escape_returns() -> None:
    """e focuses the editor; typing is saved after a pause; escape hides it and refocuses."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e")
        pane = pane_of(screen)
        assert pane.is_open and isinstance(pilot.app.focused, NoteEditor)
        await pilot.press(*"Minsk hedges #army")
        assert "unsaved" in subtitle(screen)
        await wait_for(pilot, lambda: subtitle(screen).startswith("saved"), seconds=1.5)
        article = open_article(screen)
        note = store_here().article_note(article.id)
        assert note is not None and note.body == "Minsk hedges #army"
        await pilot.press("escape")
        assert not pane.is_open
        assert pilot.app.focused is screen.query_one(ArticleView)


async def test_keys_typed_in_the_editor_are_text_not_commands() -> None:
    """q, e, m, p and s typed in the pane become text; the app keeps running."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e", "q", "e", "m", "p", "s")
        assert pilot.app.is_running
        assert pane_of(screen).editor.text == "qemps"


async def test_saving_state_shows_while_the_disk_is_written() -> None:
    """When a save is due the border says "saving…" until it is committed, then "saved"."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e", "x")
        pane = pane_of(screen)
        pane.autosave.pause = 0.0
        pane._tick()
        assert subtitle(screen).startswith("saving…")
        await wait_for(pilot, lambda: subtitle(screen).startswith("saved"))


class FailingConnection(sqlite3.Connection):
    """A connection whose COMMIT fails as on a full disk while `failing` is set."""

    failing = False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if FailingConnection.failing and sql == "COMMIT":
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise error
        return super().execute(sql, *args)  # type: ignore[arg-type]


def failing_store() -> NotesStore:
    """A store on the test's data dir whose writes fail while `FailingConnection.failing`."""

    def connect(path: str) -> sqlite3.Connection:
        return sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, factory=FailingConnection
        )

    return NotesStore.open(connect=connect)


async def test_failed_save_shows_not_saved_keeps_text_and_retries() -> None:
    """A write error shows "NOT SAVED: disk is full", keeps the text, and a retry saves it."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.notes_store = failing_store()
        await open_first(pilot, screen)
        FailingConnection.failing = True
        try:
            await pilot.press("e", *"typed during the outage")
            await wait_for(pilot, lambda: "NOT SAVED: disk is full" in subtitle(screen), 5.0)
            pane = pane_of(screen)
            assert pane.has_class("-failed")
            assert pane.editor.text == "typed during the outage"
            await pilot.press("escape")  # leaving does not drop it: still unsaved, retried
            assert "NOT SAVED" in notifications(pilot.app)
        finally:
            FailingConnection.failing = False
        await wait_for(pilot, lambda: not pane.has_unsaved, seconds=4.0)
        article = open_article(screen)
        note = store_here().article_note(article.id)
        assert note is not None and note.body == "typed during the outage"


async def test_unsaved_note_is_not_dropped_when_switching_article() -> None:
    """While a note cannot be saved, moving to another article keeps the pane on it."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.notes_store = failing_store()
        await open_first(pilot, screen)
        first = open_article(screen)
        FailingConnection.failing = True
        try:
            await pilot.press("e", *"keep me")
            second = screen.corpus.articles[1]
            screen.open_article(second.id, focus=False)
            await pilot.pause()
            pane = pane_of(screen)
            assert pane.target is not None and pane.target.article.id == first.id
            assert pane.editor.text == "keep me"
        finally:
            FailingConnection.failing = False


@pytest.fixture
def read_only_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The data dir on a tmpfs mounted read-only (root writes a chmod'ed folder anyway)."""
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        check=True,
        capture_output=True,
    )
    (mount_point / "data").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
    monkeypatch.setenv("BELREADER_DATA_DIR", str(mount_point / "data"))
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


async def test_read_only_data_dir_app_runs_and_note_waits(read_only_data_dir: Path) -> None:
    """With a read-only data dir the app runs, says why, keeps the note; it saves once writable."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert screen.notes_store is None
        assert "read-only" in notifications(pilot.app)
        await open_first(pilot, screen)
        await pilot.press("e", *"written on a read-only disk")
        await wait_for(pilot, lambda: "NOT SAVED" in subtitle(screen), 2.0)
        assert "read-only" in subtitle(screen)
        assert pane_of(screen).editor.text == "written on a read-only disk"
        subprocess.run(["mount", "-o", "remount,rw", str(read_only_data_dir)], check=True)
        await wait_for(pilot, lambda: subtitle(screen).startswith("saved"), seconds=6.0)
        assert screen.notes_store is not None
    note = store_here().notes()[0]
    assert note.body == "written on a read-only disk"


async def test_switching_article_saves_at_once() -> None:
    """Moving to another article saves the note typed a moment ago and shows the new one's."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        first = open_article(screen)
        await pilot.press("e", *"first note")
        second = screen.corpus.articles[1]
        screen.open_article(second.id, focus=False)  # well before the autosave pause
        note = store_here().article_note(first.id)
        assert note is not None and note.body == "first note"
        pane = pane_of(screen)
        assert pane.target is not None and pane.target.article.id == second.id
        assert pane.editor.text == ""


async def test_quit_saves_first() -> None:
    """ctrl+q while typing (no pause) saves the note before the app exits."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        article = open_article(screen)
        await pilot.press("e", *"said just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    note = store_here().article_note(article.id)
    assert note is not None and note.body == "said just before quitting"


async def test_leaving_the_pane_with_tab_saves_at_once() -> None:
    """Moving the focus out of the editor (tab) saves what was typed, without waiting."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        article = open_article(screen)
        await pilot.press("e", *"blurred", "tab")
        assert not isinstance(pilot.app.focused, NoteEditor)
        note = store_here().article_note(article.id)
        assert note is not None and note.body == "blurred"


async def test_quit_with_a_note_that_cannot_be_saved_asks_twice() -> None:
    """If the note cannot be saved, quitting warns and stays; a second quit goes."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.notes_store = failing_store()
        await open_first(pilot, screen)
        FailingConnection.failing = True
        try:
            await pilot.press("e", *"unsaveable")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert pilot.app.is_running and not pilot.app._exit
            assert "Press q again" in notifications(pilot.app)
            assert pane_of(screen).editor.text == "unsaveable"
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert pilot.app._exit
        finally:
            FailingConnection.failing = False


async def test_terminate_signal_saves_the_exact_buffer() -> None:
    """The SIGTERM/SIGHUP handler saves the buffer exactly (escapes and markup too), then exits."""
    typed = "line one\n\x1b]52;c;aGk=\x07 [@click=app.quit]x[/] [b]"
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        article = open_article(screen)
        await pilot.press("e")
        pane_of(screen).editor.insert(typed)
        pilot.app._on_terminate_signal()
        await pilot.pause()
        assert pilot.app._exit
    note = store_here().article_note(article.id)
    assert note is not None and note.body == typed


async def test_unmount_saves_what_was_typed() -> None:
    """Leaving the app by any path that unmounts the screen saves the note first."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        article = open_article(screen)
        await pilot.press("e", *"at exit")
        pilot.app.exit()
    note = store_here().article_note(article.id)
    assert note is not None and note.body == "at exit"


async def test_note_text_is_stored_exactly_and_drawn_safely() -> None:
    """A note with escape sequences and markup is stored as typed; the editor draws no ESC."""
    typed = "\x1b[31mred\x1b[0m \x9b2J [$accent] [/] \u202eevil"
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e")
        editor = pane_of(screen).editor
        editor.insert(typed)
        await pilot.pause()
        drawn = "".join(segment.text for segment in editor.render_line(0))
        assert "\x1b" not in drawn and "\x9b" not in drawn and "\u202e" not in drawn
        assert "␛[31mred" in drawn and "[$accent] [/]" in drawn
        await pilot.press("escape")
        assert pilot.app.is_running
    note = store_here().notes()[0]
    assert note.body == typed
    assert len(display_safe(typed)) == len(typed)


async def test_list_marks_articles_with_notes() -> None:
    """An article with two notes shows "✎ 2" in its list row; the others show no mark."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = screen.articles[0]
        store = store_here()
        assert isinstance(store.save_article_note(article, "one", 0), Saved)
        found = Anchor(article.text[:20], "", article.text[20:40], 0, 20)
        result = store.add_passage_note(article, found, "two")
        assert isinstance(result, Saved)
        screen.post_message(NoteSaved(result.note))
        await pilot.pause()
        rows = screen.query_one(ArticleList)
        assert "✎ 2" in str(rows.get_option_at_index(0).prompt)
        assert "✎" not in str(rows.get_option_at_index(1).prompt)


async def test_marks_show_from_the_start() -> None:
    """Notes saved in an earlier session mark their articles as soon as the list fills."""
    store = store_here()
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = screen.articles[2]
    store.save_article_note(article, "earlier", 0)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        rows = screen.query_one(ArticleList)
        position = rows.position_of(article.id)
        assert position is not None
        assert "✎ 1" in str(rows.get_option_at_index(position).prompt)


def styles_over(view: ArticleView, style: str) -> list[tuple[int, int]]:
    """The spans the article view highlights with `style`."""
    return [(h.start, h.end) for h in view._highlights if h.style == style]


async def test_m_picks_a_sentence_extends_it_and_attaches_a_note() -> None:
    """m highlights the sentence at the top; j adds one; enter and typing make a passage note."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        view = screen.query_one(ArticleView)
        article = view.article
        assert article is not None
        await pilot.press("m")
        picker = screen.query_one(PassagePicker)
        assert pilot.app.focused is picker
        [(start, end)] = styles_over(view, "article-view--selection")
        assert start == view.top_offset and article.text[end - 1] in ".!?”\"'"
        await pilot.press("j")
        [(start2, end2)] = styles_over(view, "article-view--selection")
        assert start2 == start and end2 > end
        await pilot.press("k", "l")
        [(start3, _)] = styles_over(view, "article-view--selection")
        assert start3 > start
        await pilot.press("h", "enter")
        pane = pane_of(screen)
        assert pane.is_open and isinstance(pilot.app.focused, NoteEditor)
        assert pane.target is not None and pane.target.anchor is not None
        assert pane.target.anchor.quote == article.text[start:end]
        await pilot.press(*"why this matters")
        await pilot.press("escape")
        [placed] = store_here().placed_notes(article)
        assert placed.span == (start, end) and placed.note.body == "why this matters"
        assert styles_over(view, "article-view--note") == [(start, end)]
        assert not styles_over(view, "article-view--selection")


async def test_passage_paragraph_and_cancel() -> None:
    """p widens the passage to its paragraph; escape cancels and leaves no highlight."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        view = screen.query_one(ArticleView)
        article = view.article
        assert article is not None
        await pilot.press("m", "p")
        [(start, end)] = styles_over(view, "article-view--selection")
        paragraph = next(p for p in article.body if p.start <= start < p.end)
        assert (start, end) == (paragraph.start, paragraph.end)
        await pilot.press("escape")
        assert not styles_over(view, "article-view--selection")
        assert pilot.app.focused is view


async def test_moving_to_a_passage_note_shows_its_note() -> None:
    """} moves to the next passage note, marks it current and shows its note in the pane."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = screen.articles[0]
        store = screen.notes_store
        assert store is not None
        spans = []
        for number, paragraph in enumerate(article.body[1:3]):
            found = Anchor(paragraph.text, "", "", paragraph.start, paragraph.end)
            spans.append((paragraph.start, paragraph.end))
            store.add_passage_note(article, found, f"passage {number}")
        screen._placed.clear()
        await open_first(pilot, screen)
        await pilot.press("}")
        view = screen.query_one(ArticleView)
        assert styles_over(view, "article-view--note-current") == [spans[0]]
        pane = pane_of(screen)
        assert pane.is_open and pane.editor.text == "passage 0"
        assert pilot.app.focused is view
        await pilot.press("}")
        assert pane.editor.text == "passage 1"
        await pilot.press("e", *" edited")
        await pilot.press("escape")
        bodies = sorted(p.note.body for p in store.placed_notes(article))
        assert bodies == ["passage 0", "passage 1 edited"]


def seed_notes(screen: MainScreen) -> tuple[Note, Note, Note]:
    """A passage note, an orphan whose article is gone, and an unplaceable passage note."""
    store = screen.notes_store
    assert store is not None
    article = screen.articles[1]
    paragraph = article.body[1]
    found = Anchor(paragraph.text, "", "", paragraph.start, paragraph.end)
    placed = store.add_passage_note(article, found, "placed #army")
    gone = store.save_article_note(
        ArticleInfo("gone", "A deleted article", path="/old/gone.txt"), "orphan #army", 0
    )
    lost = store.add_passage_note(
        screen.articles[0], Anchor("words no article holds at all", "", "", 5, 34), "lost"
    )
    assert isinstance(placed, Saved) and isinstance(gone, Saved) and isinstance(lost, Saved)
    return placed.note, gone.note, lost.note


async def test_notes_view_lists_orphans_and_opens_a_note() -> None:
    """ctrl+n lists every note newest first, orphans with why; enter opens at the passage."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        placed, gone, lost = seed_notes(screen)
        await pilot.press("ctrl+n")
        notes = pilot.app.screen
        assert isinstance(notes, NotesScreen)
        listed = notes.query_one("#note-list", OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert [row.note.id for row in notes.shown] == [lost.id, gone.id, placed.id]
        assert "orphaned: article not loaded (last seen at /old/gone.txt)" in prompts[1]
        assert "orphaned: passage not found" in prompts[0]
        assert "“words no article holds at all”" in prompts[0]
        await pilot.press("down")
        await pilot.press("enter")
        assert pilot.app.screen is notes  # an orphan whose article is gone stays listed
        assert "not loaded" in notifications(pilot.app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == placed.article_id
        assert pane_of(screen).editor.text == "placed #army"
        assert placed.anchor is not None
        assert styles_over(view, "article-view--note-current") == [
            (placed.anchor.start, placed.anchor.end)
        ]


async def test_choosing_a_tag_filters_the_article_list() -> None:
    """The tag list counts tags; highlighting one narrows the notes; enter filters articles."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        placed, _, _ = seed_notes(screen)
        await pilot.press("ctrl+n")
        notes = pilot.app.screen
        assert isinstance(notes, NotesScreen)
        await pilot.press("t")
        tags = notes.query_one("#note-tags", OptionList)
        assert "#army  2" in str(tags.get_option_at_index(1).prompt)
        await pilot.press("down")
        await pilot.pause()
        assert {row.note.body for row in notes.shown} == {"placed #army", "orphan #army"}
        await pilot.press("enter")
        assert pilot.app.screen is screen
        assert [a.id for a in screen.articles] == [placed.article_id]
        assert "tag: #army" in screen.query_one(StatusBar).text
        await pilot.press("F")
        assert len(screen.articles) == 5


async def test_history_restores_an_earlier_version() -> None:
    """h in the Notes view lists a note's versions; enter on an old one makes it current."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = screen.articles[0]
        store = screen.notes_store
        assert store is not None
        first = store.save_article_note(article, "first thoughts", 0)
        assert isinstance(first, Saved)
        second = store.save_article_note(article, "second thoughts", first.note.revision)
        assert isinstance(second, Saved) and second.note.revision == 2
        await pilot.press("ctrl+n", "h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        assert [r.body for r in history.revisions] == ["second thoughts", "first thoughts"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NotesScreen)
        note = store.article_note(article.id)
        assert note is not None and note.body == "first thoughts" and note.revision == 3
        assert "first thoughts" in str(pilot.app.screen.shown[0].note.body)


async def test_edit_from_another_process_is_a_conflict_keeping_both() -> None:
    """A note saved by another belreader meanwhile is not overwritten silently: both are kept."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        article = open_article(screen)
        await pilot.press("e")
        other = store_here()
        assert isinstance(other.save_article_note(article, "theirs", 0), Saved)
        await pilot.press(*"mine")
        await pilot.press("escape")
        assert "Both versions are kept" in notifications(pilot.app)
        note = other.article_note(article.id)
        assert note is not None and note.body == "theirs"
        history = other.history(note.id)
        assert {(r.body, r.conflict) for r in history} == {("theirs", False), ("mine", True)}


async def test_corrupt_store_is_moved_aside_and_the_app_opens() -> None:
    """A store of garbage bytes is moved aside, the user is told, and notes work again."""
    folder = data_dir()
    (folder / STORE_FILENAME).write_bytes(os.urandom(4096))
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert screen.notes_store is not None
        assert "moved aside" in notifications(pilot.app)
        assert [p for p in folder.iterdir() if ".corrupt-" in p.name]
        await open_first(pilot, screen)
        await pilot.press("e", *"fresh", "escape")
    assert store_here().notes()[0].body == "fresh"


async def test_moved_articles_re_attach_their_notes(tmp_path: Path) -> None:
    """Notes on an article whose file moved follow it: the store learns the new path."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SEEDS, old)
    async with make_app([old]).run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        article = screen.articles[0]
        assert screen.notes_store is not None
        screen.notes_store.save_article_note(article, "follows the article", 0)
    old.rename(new)
    async with make_app([new]).run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        assert screen.notes_store is not None
        info = screen.notes_store.articles()[article.id]
        assert info.path is not None and info.path.startswith(str(new))


async def test_export_and_import_from_the_palette_helpers() -> None:
    """Export writes a Markdown and a JSON file in the data dir; importing the JSON adds nothing."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e", *"exported #x", "escape")
        markdown = screen.export_notes("md")
        exported = screen.export_notes("json")
        assert markdown is not None and exported is not None
        assert markdown.parent == data_dir() / "exports"
        assert "exported #x" in markdown.read_text()
        assert json.loads(exported.read_text())["notes"][0]["body"] == "exported #x"
        await pilot.pause()
        assert str(exported) in notifications(pilot.app)
        assert screen.import_notes(exported)
        await pilot.pause()
        assert "0 added" in notifications(pilot.app) and "1 unchanged" in notifications(pilot.app)
        assert not [p for p in exported.parent.iterdir() if p.name.endswith(".tmp")]


async def test_import_asks_for_a_path_in_a_modal(tmp_path: Path) -> None:
    """The import command asks for a path; a bad file is refused with one clear line."""
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        screen.ask_import_notes()
        await pilot.pause()
        await pilot.press(*str(bad), "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "Cannot import" in notifications(pilot.app)


async def test_palette_lists_the_notes_commands() -> None:
    """ctrl+p finds the export command by name and running it writes the file."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"notes: export as json")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert list((data_dir() / "exports").glob("notes-*.json"))


async def test_help_lists_every_notes_binding() -> None:
    """Every key bound by the notes widgets and screens is named in the help."""
    from reader.ui.screens.path_prompt import PathPrompt

    listed = " ".join(key for _, keys in KEY_GROUPS for key, _ in keys)
    bound = [
        *(b for b in MainScreen.BINDINGS if b.id.startswith("main.") and "note" in b.id),  # type: ignore[union-attr]
        *NoteEditor.BINDINGS,
        *PassagePicker.BINDINGS,
        *NotesScreen.BINDINGS,
        *HistoryScreen.BINDINGS,
        *PathPrompt.BINDINGS,
    ]
    for binding in bound:
        assert binding.tooltip and binding.id and binding.description  # type: ignore[union-attr]
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert key in listed, f"{key} is bound but not in help"


async def test_enter_handled_after_e_leaves_the_focus_in_the_editor() -> None:
    """An enter still queued when e has opened the pane does not pull the focus away."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await loaded(pilot)
        await open_first(pilot, screen)
        await pilot.press("e")
        assert isinstance(pilot.app.focused, NoteEditor)
        article_list = screen.query_one(ArticleList)
        option = article_list.get_option_at_index(0)
        article_list.post_message(OptionList.OptionSelected(article_list, option, 0))
        await pilot.pause()
        assert isinstance(pilot.app.focused, NoteEditor)
        await pilot.press(*"still here")
        assert pane_of(screen).editor.text == "still here"
