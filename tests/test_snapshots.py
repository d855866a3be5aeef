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
