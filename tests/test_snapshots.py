"""SVG snapshots of the reader, built by a factory with the seeds, at fixed sizes."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.ui.app import BelreaderApp

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_app() -> BelreaderApp:
    """The reader on the seeds, in the default theme, without signal handlers."""
    return BelreaderApp([SEEDS], watch_signals=False)


async def _loaded(pilot: Pilot[None]) -> None:
    from reader.ui.screens.main import MainScreen

    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(600):  # loading, then actor matching and the rest, each in a worker
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not screen.is_loading and screen.gazetteer is not None and not pilot.app.workers:
            break


def test_snapshot_article_open(snap_compare: object) -> None:
    """The list with the second article opened on the right, at 120×36."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)  # type: ignore[operator]


def test_snapshot_subheadings_at_80x24(snap_compare: object) -> None:
    """An article with sub-headings, scrolled a little, at 80×24."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("G", "enter", "space")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)  # type: ignore[operator]


def test_snapshot_help(snap_compare: object) -> None:
    """The help screen at 100×30."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)  # type: ignore[operator]


def test_snapshot_actor_panel(snap_compare: object) -> None:
    """An article with its actors highlighted by kind and the actor panel open, at 140×40."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        await pilot.press("j", "j", "enter", "a")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=run_before)  # type: ignore[operator]


def test_snapshot_dossier(snap_compare: object) -> None:
    """Lukashenko's dossier on its quotes, at 100×30 (nothing in it depends on the clock)."""

    async def run_before(pilot: Pilot[None]) -> None:
        from reader.ui.screens.main import MainScreen

        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        for _ in range(600):  # load, then actors, then quotes: each in a worker
            await _loaded(pilot)
            if main.quotes is not None:
                break
        main.selected_actor_id = "lukashenko"
        await pilot.press("d")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)  # type: ignore[operator]


def test_snapshot_search_results(snap_compare: object) -> None:
    """The search panel with `lukashenka` typed, results and their matches, at 100×30."""
    from reader.ui.widgets.search_box import SearchBox
    from reader.ui.widgets.search_panel import SearchPanel

    async def run_before(pilot: Pilot[None]) -> None:
        await _loaded(pilot)
        panel = pilot.app.screen.query_one(SearchPanel)
        for _ in range(100):
            if panel.index is not None:
                break
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("slash", *"lukashenka")
        pilot.app.screen.query_one(SearchBox).cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)  # type: ignore[operator]
