"""Pilot tests of the actor features beyond the panel: candidates and the demonyms setting."""

from __future__ import annotations

from pathlib import Path

from reader.core.candidates import load_dismissed
from reader.core.gazetteer import user_actors_path
from reader.core.settings import load_settings
from reader.ui.screens.candidates import CandidatesScreen, KindPicker
from reader.ui.widgets.status_bar import StatusBar
from tests.test_app import loaded, make_app

UNKNOWN_NAMES = """Minsk talks stall as analysts warn

Taras Vinnichuk, a senior fellow at the Baltic Policy Forum, said the talks had stalled.
"Nobody in Minsk wants this war," Vinnichuk told reporters on Monday.
The Baltic Policy Forum said Lukashenko was playing for time.
Olga Sarnatskaya, an analyst at the Baltic Policy Forum, said the army was not ready.
Sarnatskaya added that Minsk would wait.
"""


def corpus_with_unknowns(tmp_path: Path) -> list[Path]:
    """The seeds and one article naming people and a body the gazetteer does not know."""
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "unknowns.txt").write_text(UNKNOWN_NAMES, encoding="utf-8")
    return [Path(__file__).resolve().parent.parent / "seeds", folder]


async def _candidates(pilot: object) -> CandidatesScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("A")  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, CandidatesScreen)
    for _ in range(300):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
        if not screen.is_searching:
            break
    assert screen.candidates, "the seeds have names the gazetteer does not know"
    return screen


async def test_candidates_list_unknown_names_with_evidence(tmp_path: Path) -> None:
    """A lists candidates the gazetteer does not know, each with evidence sentences."""
    async with make_app(corpus_with_unknowns(tmp_path)).run_test(size=(120, 36)) as pilot:
        main = await loaded(pilot)
        screen = await _candidates(pilot)
        assert main.gazetteer is not None
        known = {name for actor in main.gazetteer for name in actor.names}
        assert all(c.name not in known for c in screen.candidates)
        evidence = str(screen.query_one("#candidate-evidence").render())
        assert screen.candidates[0].evidence[0][:20] in evidence
        await pilot.press("escape")
        assert pilot.app.screen is main


async def test_promoting_a_candidate_adds_it_and_rematches(tmp_path: Path) -> None:
    """p then a kind writes the actor to the user's file and the reader matches it."""
    async with make_app(corpus_with_unknowns(tmp_path)).run_test(size=(120, 36)) as pilot:
        main = await loaded(pilot)
        screen = await _candidates(pilot)
        candidate = screen.candidates[0]
        await pilot.press("p")
        assert isinstance(pilot.app.screen, KindPicker)
        await pilot.press("home", "enter")  # the first kind: person
        await pilot.pause()
        assert pilot.app.screen is screen
        assert candidate not in screen.candidates
        text = user_actors_path().read_text(encoding="utf-8")
        assert candidate.name in text and 'kind = "person"' in text
        await pilot.press("escape")
        for _ in range(300):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if main.gazetteer and any(a.name == candidate.name for a in main.gazetteer):
                break
        assert main.gazetteer is not None
        promoted = next(a for a in main.gazetteer if a.name == candidate.name)
        assert promoted.kind == "person"
        assert main.mentions.articles_with(promoted.id)


async def test_dismissing_a_candidate_persists(tmp_path: Path) -> None:
    """x dismisses a candidate for good: it is remembered and not listed again."""
    async with make_app(corpus_with_unknowns(tmp_path)).run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        screen = await _candidates(pilot)
        name = screen.candidates[0].name
        await pilot.press("x")
        assert name in load_dismissed()
        assert name not in {c.name for c in screen.candidates}
        await pilot.press("escape")
        again = await _candidates(pilot)
        assert name not in {c.name for c in again.candidates}


async def test_kind_picker_escape_promotes_nothing(tmp_path: Path) -> None:
    """Escape in the kind picker leaves the actors file alone."""
    async with make_app(corpus_with_unknowns(tmp_path)).run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        screen = await _candidates(pilot)
        count = len(screen.candidates)
        await pilot.press("p", "escape")
        assert pilot.app.screen is screen
        assert len(screen.candidates) == count
        assert not user_actors_path().exists()


async def test_toggling_demonyms_is_remembered(tmp_path: Path) -> None:
    """The Toggle demonyms command hides demonym highlights and saves the setting."""
    async with make_app(corpus_with_unknowns(tmp_path)).run_test(size=(120, 36)) as pilot:
        main = await loaded(pilot)
        article = main.corpus.articles[0]
        assert any(m.demonym for m in main.mentions.mentions(article.id))
        main.action_toggle_demonyms()
        assert not any(m.demonym for m in main.mentions.mentions(article.id))
        settings, _warning = load_settings()
        assert settings.show_demonyms is False


async def test_no_actor_is_selected_until_the_user_opens_the_panel(tmp_path: Path) -> None:
    """Loading fills the hidden panel without choosing an actor; opening it chooses one."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        main = await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert main.selected_actor_id is None
        assert "actor:" not in main.query_one(StatusBar).text
        await pilot.press("a")
        assert main.selected_actor_id is not None
        assert "actor:" in main.query_one(StatusBar).text


async def test_j_and_k_move_in_the_actor_panel(tmp_path: Path) -> None:
    """j and k move the panel's cursor like the arrows, and the selected actor follows."""
    async with make_app().run_test(size=(140, 40)) as pilot:
        main = await loaded(pilot)
        await pilot.press("enter", "a")
        first = main.selected_actor_id
        await pilot.press("j")
        assert main.selected_actor_id not in (None, first)
        await pilot.press("k")
        assert main.selected_actor_id == first


async def test_at_80_columns_the_actor_panel_takes_the_lists_place() -> None:
    """Narrow: the actor panel replaces the list and gives way to search; wide: all side by side."""
    from reader.ui.widgets.actor_panel import ActorPanel
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.search_panel import SearchPanel

    async with make_app().run_test(size=(80, 24)) as pilot:
        main = await loaded(pilot)
        article_list, panel = main.query_one(ArticleList), main.query_one(ActorPanel)
        await pilot.press("a")
        await pilot.pause()
        assert panel.display and not article_list.display
        assert main.query_one(ArticleView).size.width >= 40
        await pilot.press("slash")
        await pilot.pause()
        assert main.query_one(SearchPanel).display and not panel.display
        await pilot.press("escape")
        await pilot.pause()
        assert panel.display and not article_list.display
        assert main.focused is main.query_one(ArticleView)
        await pilot.press("a", "a")  # into the panel, then out of it: closed
        await pilot.pause()
        assert article_list.display and not panel.display
    async with make_app().run_test(size=(140, 36)) as pilot:
        main = await loaded(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert main.query_one(ActorPanel).display and main.query_one(ArticleList).display
