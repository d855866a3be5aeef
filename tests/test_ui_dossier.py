"""Pilot tests of who said what: dossiers, the quotes view, co-occurrence and the timeline sort."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Sparkline, TabbedContent

from reader.core.quotes import Quote
from reader.locations import data_dir
from reader.ui.app import BelreaderApp
from reader.ui.rows import passage_prompt, quote_prompt
from reader.ui.screens.cooccurrence import CooccurrenceScreen
from reader.ui.screens.dossier import DossierScreen
from reader.ui.screens.help import KEY_GROUPS
from reader.ui.screens.main import MainScreen
from reader.ui.screens.passages import PassagesScreen
from reader.ui.screens.quotes import QuotesScreen
from reader.ui.widgets.actor_panel import ActorPanel
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.keyed_list import KeyedList
from reader.ui.widgets.status_bar import StatusBar

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_app() -> BelreaderApp:
    """The app on the seeds, without process signal handlers."""
    return BelreaderApp([SEEDS], watch_signals=False)


async def ready(pilot: Pilot[None]) -> MainScreen:
    """Wait until the corpus is loaded, its actors matched and its quotes found."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(600):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not screen.is_loading and screen.gazetteer is not None and screen.quotes is not None:
            break
    assert screen.quotes is not None
    return screen


async def settled(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages land."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def in_view(view: ArticleView, offset: int) -> bool:
    """Whether the line showing `offset` of the clean text is on screen."""
    line = view.line_of_offset(offset)
    assert line is not None
    return view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def open_dossier(pilot: Pilot[None], screen: MainScreen, actor_id: str) -> DossierScreen:
    """Select an actor as the panel would, press d, and wait for the dossier."""
    screen.selected_actor_id = actor_id
    await pilot.press("d")
    await settled(pilot)
    dossier = pilot.app.screen
    assert isinstance(dossier, DossierScreen)
    assert dossier.dossier is not None
    return dossier


def prompts(rows: OptionList) -> list[str]:
    """The plain text of every row of a list."""
    return [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]


async def test_lukashenko_dossier_shows_every_section() -> None:
    """d opens Lukashenko's dossier: identity, 4 articles, 6 quotes, Putin beside him, timeline."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "lukashenko")
        head = str(dossier.query_one("#dossier-identity").render())
        assert "Alexander Lukashenko" in head and "person" in head and "Lukashenka" in head
        assert "32 mentions in 4 articles · 6 quotes" in head
        articles = prompts(dossier.query_one("#dossier-articles-list", KeyedList))
        assert len(articles) == 4 and articles[0].startswith(
            f"{dossier.dossier.articles[0].mentions}×"
        )  # type: ignore[union-attr]
        quotes = prompts(dossier.query_one("#dossier-quotes-list", KeyedList))
        assert len(quotes) == 6
        assert any(
            "“We will not interfere,”" in q and "Belarus to join the invasion" in q for q in quotes
        )
        pairs = prompts(dossier.query_one("#dossier-with-list", KeyedList))
        assert any("Vladimir Putin" in p for p in pairs)
        caption = str(dossier.query_one("#dossier-timeline-caption").render())
        assert "2022-12-19" in caption and "26 undated" in caption
        notes = prompts(dossier.query_one("#dossier-notes-list", KeyedList))
        assert notes == ["no notes"]
        tabs = dossier.query_one(TabbedContent)
        assert str(tabs.get_tab("dossier-quotes").label) == "Quotes (6)"
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_putin_dossier_timeline_and_companions_switch_scope() -> None:
    """Putin's dossier: 3 quotes, 4 dated and 9 undated mentions; c widens his companions."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "putin")
        assert len(dossier.dossier.quotes) == 3  # type: ignore[union-attr]
        caption = str(dossier.query_one("#dossier-timeline-caption").render())
        assert "4 on 2022-12-19" in caption and "9 undated mentions" in caption
        assert not dossier.query_one(Sparkline).display  # one day is no line
        await pilot.press("right", "right")
        assert dossier.query_one(TabbedContent).active == "dossier-with"
        assert pilot.app.focused is dossier.query_one("#dossier-with-list")
        sentence = dossier.query_one("#dossier-with-list", KeyedList).option_count
        await pilot.press("c")
        assert dossier.scope == "paragraph"
        assert "same paragraph" in str(dossier.query_one("#dossier-scope").render())
        assert dossier.query_one("#dossier-with-list", KeyedList).option_count >= sentence
        await pilot.press("left", "left", "left")
        assert dossier.query_one(TabbedContent).active == "dossier-notes"


async def test_belarus_timeline_is_a_sparkline_by_month() -> None:
    """Belarus is named on two dates 21 months apart: a sparkline of 22 months, gaps as zero."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "belarus")
        sparkline = dossier.query_one(Sparkline)
        assert sparkline.display and sparkline.data is not None and len(sparkline.data) == 22
        assert sparkline.data[0] > 0 and sparkline.data[-1] > 0 and sparkline.data[1] == 0
        axis = str(dossier.query_one("#dossier-timeline-axis").render())
        assert axis == "2022-12 … 2024-09"
        assert "Mentions by month" in str(dossier.query_one("#dossier-timeline-caption").render())


async def test_dossier_lists_notes_naming_the_actor() -> None:
    """A passage note naming Lukashenka shows in his dossier; enter opens it at its passage."""
    from reader.core.anchor import anchor

    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert screen.notes_store is not None
        article = next(a for a in screen.corpus.articles if a.source == "Tsarizm")
        at = article.text.index("Mozyr")
        screen.notes_store.add_passage_note(
            article, anchor(article.text, at, at + 5), "Lukashenka's red line is Mozyr"
        )
        dossier = await open_dossier(pilot, screen, "lukashenko")
        await pilot.press("left")
        assert dossier.query_one(TabbedContent).active == "dossier-notes"
        [row] = prompts(dossier.query_one("#dossier-notes-list", KeyedList))
        assert row.startswith("Lukashenka's red line is Mozyr") and article.title in row
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert view.article is article and in_view(view, at)


async def test_dossier_article_opens_at_the_first_mention() -> None:
    """Enter on a dossier's article opens it on the main screen with the first mention in view."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "putin")
        appearance = dossier.dossier.articles[-1]  # type: ignore[union-attr]
        await pilot.press("G", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == appearance.article_id
        assert view.article.text[appearance.first_start :].startswith(("Putin", "Vladimir Putin"))
        assert in_view(view, appearance.first_start)


async def test_dossier_quote_opens_at_the_quote() -> None:
    """Enter on a dossier's quote opens its article with the quote in view."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "lukashenko")
        await pilot.press("right")
        assert pilot.app.focused is dossier.query_one("#dossier-quotes-list")
        quote = dossier.dossier.quotes[-1].quote  # type: ignore[union-attr]
        await pilot.press("G", "enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert pilot.app.screen is screen
        assert view.article is not None and view.article.id == quote.article_id
        assert in_view(view, quote.start)


async def test_dossier_pair_opens_its_passages() -> None:
    """A companion in the dossier lists the passages naming both; enter opens one."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        dossier = await open_dossier(pilot, screen, "lukashenko")
        await pilot.press("right", "right", "enter")
        await pilot.pause()
        passages = pilot.app.screen
        assert isinstance(passages, PassagesScreen)
        pair = dossier.dossier.co_actors["sentence"][0]  # type: ignore[union-attr]
        assert passages.pair == pair
        rows = prompts(passages.query_one(OptionList))
        assert len(rows) == pair.count
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ArticleView)
        assert pilot.app.screen is screen
        assert view.article is not None and view.article.id == pair.passages[0].article_id
        assert in_view(view, pair.passages[0].start)


async def test_actor_panel_d_opens_the_highlighted_actor() -> None:
    """In the actor panel, d opens the dossier of the actor under the cursor."""
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter", "a", "j")
        await pilot.pause()
        panel = screen.query_one(ActorPanel)
        chosen = panel.highlighted_actor_id
        assert chosen is not None and panel.has_focus_within
        await pilot.press("d")
        await settled(pilot)
        assert isinstance(pilot.app.screen, DossierScreen)
        assert pilot.app.screen.actor.id == chosen


async def test_palette_opens_a_dossier_by_name() -> None:
    """ctrl+p, "dossier putin", enter: Putin's dossier opens."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"actor dossier: vladimir putin")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(pilot.app.screen, DossierScreen)
        assert pilot.app.screen.actor.id == "putin"


async def test_dossier_lays_out_at_80x24_and_200x60() -> None:
    """The dossier's head, timeline and lists all get room at 80×24 and 200×60 (40×12 works)."""
    async with make_app().run_test(size=(40, 12)) as pilot:
        screen = await ready(pilot)
        await open_dossier(pilot, screen, "lukashenko")
        await pilot.press("right", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
    for size in ((80, 24), (200, 60)):
        async with make_app().run_test(size=size) as pilot:
            screen = await ready(pilot)
            dossier = await open_dossier(pilot, screen, "lukashenko")
            rows = dossier.query_one("#dossier-articles-list", KeyedList)
            assert rows.size.height >= 5 and rows.size.width > 40
            assert dossier.query_one("#dossier-identity").size.height >= 3
            assert dossier.query_one("#dossier-timeline-caption").size.width > 20


async def test_quotes_view_filters_by_speaker_and_words() -> None:
    """Q lists all 48 quotes by date; the speaker box keeps Danilov's, the words box narrows."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("Q")
        await settled(pilot)
        view = pilot.app.screen
        assert isinstance(view, QuotesScreen)
        assert len(view.shown) == len(screen.quotes or []) == 48
        dated = [screen.corpus.get(q.article_id).date for q in view.shown]  # type: ignore[union-attr]
        known = [d for d in dated if d]
        assert known == sorted(known) and dated[: len(known)] == known
        view.query_one("#quotes-speaker", Input).focus()
        await pilot.press(*"danil")
        await pilot.pause(0.3)
        assert view.shown and all(q.speaker_id == "danilov" for q in view.shown)
        danilov = len(view.shown)
        assert danilov == sum(q.speaker_id == "danilov" for q in screen.quotes or [])
        view.query_one("#quotes-words", Input).focus()
        await pilot.press(*"lukashenko")
        await pilot.pause(0.3)
        assert 0 < len(view.shown) < danilov
        assert all("lukashenko" in q.text.lower() for q in view.shown)
        assert f"{len(view.shown)} of 48 quotes" in str(view.query_one("#quotes-count").render())


async def test_quotes_view_opens_the_article_at_the_quote() -> None:
    """Enter on a quote in the quotes view opens its article with the quote in view."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("Q")
        await settled(pilot)
        view = pilot.app.screen
        assert isinstance(view, QuotesScreen)
        quote = view.shown[-1]
        await pilot.press("G", "enter")
        await pilot.pause()
        article_view = screen.query_one(ArticleView)
        assert pilot.app.screen is screen
        assert article_view.article is not None and article_view.article.id == quote.article_id
        assert in_view(article_view, quote.start)


async def test_quotes_export_writes_markdown_and_json() -> None:
    """x and X write the quotes shown to the data dir as Markdown and valid JSON."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("Q")
        await settled(pilot)
        view = pilot.app.screen
        assert isinstance(view, QuotesScreen)
        view.query_one("#quotes-speaker", Input).value = "putin"
        await pilot.pause(0.3)
        shown = list(view.shown)
        assert shown
        view.query_one("#quotes-list").focus()
        await pilot.press("x", "X")
        await pilot.pause()
        folder = data_dir() / "exports"
        [markdown] = folder.glob("quotes-*.md")
        [data] = folder.glob("quotes-*.json")
        rows = json.loads(data.read_text(encoding="utf-8"))
        assert len(rows) == len(shown)
        assert {r["speaker"] for r in rows} == {"Vladimir Putin"}
        for row in rows:
            assert {"speaker", "quote", "kind", "start", "end"} <= set(row)
            assert {"title", "source", "date", "url"} <= set(row["article"])
        text = markdown.read_text(encoding="utf-8")
        assert text.count("## Vladimir Putin") == len(shown)
        assert "- outlet: Tsarizm" in text and "- url:" in text
        assert not list(folder.glob(".*.tmp"))  # written atomically: no temporary left behind


async def test_palette_exports_every_quote() -> None:
    """The palette's "Quotes: export as JSON" writes all 48 quotes."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        path = screen.export_quotes("json")
        assert path is not None and path.parent == data_dir() / "exports"
        assert len(json.loads(path.read_text(encoding="utf-8"))) == 48


async def test_cooccurrence_view_lists_pairs_and_opens_passages() -> None:
    """o lists the top pairs with counts; enter shows their passages; enter opens one."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("o")
        await settled(pilot)
        view = pilot.app.screen
        assert isinstance(view, CooccurrenceScreen)
        pairs = view.pairs["sentence"]
        assert pairs and [p.count for p in pairs] == sorted((p.count for p in pairs), reverse=True)
        rows = prompts(view.query_one(KeyedList))
        assert rows[0].strip().startswith(str(pairs[0].count))
        await pilot.press("c")
        await settled(pilot)
        assert view.scope == "paragraph" and view.pairs["paragraph"][0].count >= pairs[0].count
        await pilot.press("enter")
        await pilot.pause()
        passages = pilot.app.screen
        assert isinstance(passages, PassagesScreen)
        pair = view.pairs["paragraph"][0]
        await pilot.press("enter")
        await pilot.pause()
        article_view = screen.query_one(ArticleView)
        assert pilot.app.screen is screen
        assert article_view.article is not None
        assert article_view.article.id == pair.passages[0].article_id
        assert in_view(article_view, pair.passages[0].start)


async def test_timeline_sort_shows_the_date_range() -> None:
    """The timeline order puts the oldest first, undated last; the status shows the date range."""
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("s", "s", "s")
        assert screen.articles.order == "timeline"
        dates = [a.date for a in screen.articles]
        assert dates == ["2022-12-19", "2024-09-13", None, None, None]
        status = screen.query_one(StatusBar).text
        assert "sorted by timeline (2022-12-19 → 2024-09-13, 3 undated)" in status


async def test_help_lists_the_new_keys() -> None:
    """Every binding of the dossier, quotes, pairs and passages screens is in the help."""
    listed = {
        token.strip(",")
        for _, keys in KEY_GROUPS
        for key, _ in keys
        for token in key.replace(":", " ").split()
    }
    new_keys = [
        *(
            b
            for b in MainScreen.BINDINGS
            if b.id in ("main.dossier", "main.quotes", "main.cooccurrence")
        ),  # type: ignore[union-attr]
        *DossierScreen.BINDINGS,
        *QuotesScreen.BINDINGS,
        *CooccurrenceScreen.BINDINGS,
        *PassagesScreen.BINDINGS,
        *KeyedList.BINDINGS,
    ]
    assert len(new_keys) >= 15
    for binding in new_keys:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert key in listed, f"{key} is bound but not in help"
        assert binding.tooltip and binding.id and binding.description  # type: ignore[union-attr]


async def test_hostile_quote_is_shown_literally(tmp_path: Path) -> None:
    """A quote holding markup shows as typed in the quotes view and the dossier; nothing runs."""
    hostile = "[@click=app.quit]x[/] costs [b]bold[/i] and [$accent] nothing"
    (tmp_path / "hostile.txt").write_text(
        f"Markup in a quote\n\n“{hostile},” Lukashenko said on Tuesday in Minsk.\n"
    )
    async with BelreaderApp([tmp_path], watch_signals=False).run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("Q")
        await settled(pilot)
        view = pilot.app.screen
        assert isinstance(view, QuotesScreen)
        [row] = prompts(view.query_one(KeyedList))
        assert hostile in row and row.startswith("Alexander Lukashenko")
        await pilot.click("#quotes-list", offset=(5, 1))
        await pilot.pause()
        assert pilot.app.is_running
        dossier = await open_dossier(pilot, screen, "lukashenko")
        assert any(
            hostile in q for q in prompts(dossier.query_one("#dossier-quotes-list", KeyedList))
        )


def test_rows_show_hostile_words_literally() -> None:
    """A quote or passage holding markup is shown as typed, never parsed."""
    hostile = "[@click=app.quit]x[/] [b]bold[/i] [$accent]"
    quote = Quote("a", 0, len(hostile), hostile, "direct", "[red]Evil[/]", None)
    prompt = str(quote_prompt(quote, None))
    assert "[red]Evil[/]" in prompt and hostile in prompt
    passage = str(passage_prompt(None, 0, 1, []))
    assert passage == "article not loaded"


async def test_the_corpus_quotes_are_found_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Finding every quote makes objects that live on: no full collection stalls the UI."""
    import gc

    from reader.core import quotes as quotes_module

    find = quotes_module.find_quotes
    collecting: list[bool] = []

    def recording(*args: object, **kwargs: object) -> list[Quote]:
        collecting.append(gc.isenabled())
        return find(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quotes_module, "find_quotes", recording)
    async with make_app().run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        assert collecting == [False]
        assert screen.quotes
