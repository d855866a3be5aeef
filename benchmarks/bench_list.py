"""The article list at 50,000 rows: sorting, filtering and scrolling, beside plain Python.

A headless Textual app holds belreader's `ArticleList` with 50,000 generated articles (built
directly, no files). Each figure is the median time from the request to the list holding the
new rows, as the main screen does it (`Articles.sorted_by`/`filtered` then `ArticleList.show`),
and the next frame drawn. The frame is drawn as soon as every widget has handled its
messages, not after `Pilot.pause()`: that waits for the process to look idle, sleeping in
steps of 20 ms, so any change that made work during the first step measured 40 ms more
than it took. The floor is Python's `sorted()` of the same 50,000 titles; the peer is a
plain `OptionList` given the same rows with their full prompts (what the list did before it
was virtual), timed once.

Run alone with ``python -m benchmarks.bench_list``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import Any

from benchmarks.common import row

BENCHMARK = "list 50k"
ROWS = 50_000
ROUNDS = 9
GOAL = "<= 50 ms"
SOURCES = ("BelTA", "Reuters", "Meduza", "Ukrinform", None)


def generated_articles(count: int) -> list[Any]:
    """Small articles with varied titles, dates and sources, built without files."""
    from reader.core.article import Article, Paragraph

    articles = []
    for number in range(count):
        title = f"{('Minsk', 'Kyiv', 'Moscow', 'Brest')[number % 4]} report {number * 7919 % count}"
        date = None if number % 11 == 0 else f"20{15 + number % 10}-{1 + number % 12:02d}-01"
        articles.append(
            Article(
                id=f"gen{number:08d}",
                title=title,
                source=SOURCES[number % len(SOURCES)],
                date=date,
                url=None,
                author=None,
                paragraphs=(Paragraph("paragraph", title, 0),),
                raw=title,
            )
        )
    return articles


async def _frame(pilot: Any) -> None:
    """Let every widget handle what the change sent it, then draw the frame at once."""
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


async def _measure() -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList
    from textual.widgets.option_list import Option

    from reader.core import collector
    from reader.core.articles import Articles
    from reader.ui.widgets.article_list import ArticleList, article_prompt

    # Made as the app's load makes its articles: with the collector paused, which freezes
    # them, so that later full collections do not scan 50,000 articles again and again.
    with collector.paused():
        articles = generated_articles(ROWS)
    titles = [a.title for a in articles]

    class Bench(App[None]):
        CSS = "ArticleList, OptionList { width: 50; height: 1fr; }"

        def compose(self) -> ComposeResult:
            yield ArticleList(id="list")
            yield OptionList(id="peer")

    figures: dict[str, list[float]] = {
        "floor": [],
        "first sort": [],
        "sort": [],
        "filter": [],
        "unfilter": [],
        "end": [],
    }
    app = Bench()
    async with app.run_test(size=(120, 36)) as pilot:
        article_list = app.query_one(ArticleList)
        view = Articles(tuple(articles))
        article_list.show(view)
        await pilot.pause()
        chosen = frozenset(a.id for a in articles[::7])
        orders = ("title", "source", "date")
        for number in range(ROUNDS):
            began = time.perf_counter()
            sorted(titles, key=str.casefold)
            figures["floor"].append(time.perf_counter() - began)

            began = time.perf_counter()
            view = view.sorted_by(orders[number % len(orders)])
            article_list.show(view)
            await _frame(pilot)
            # The first time in each order sorts; later views of that order reuse it.
            first = number < len(orders)
            figures["first sort" if first else "sort"].append(time.perf_counter() - began)

            began = time.perf_counter()
            narrowed = view.filtered("actor: Lukashenko", chosen)
            article_list.show(narrowed)
            await _frame(pilot)
            figures["filter"].append(time.perf_counter() - began)

            began = time.perf_counter()
            article_list.show(narrowed.unfiltered())
            await _frame(pilot)
            figures["unfilter"].append(time.perf_counter() - began)

            began = time.perf_counter()
            article_list.action_last() if number % 2 == 0 else article_list.action_first()
            await _frame(pilot)
            figures["end"].append(time.perf_counter() - began)

        peer = app.query_one("#peer", OptionList)
        began = time.perf_counter()
        peer.add_options(Option(article_prompt(a), id=a.id) for a in view)
        await pilot.pause()
        peer_seconds = time.perf_counter() - began
    return {key: statistics.median(values) for key, values in figures.items()} | {
        "peer": peer_seconds
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time sorting, filtering and scrolling the 50,000-row list (the same in quick mode)."""
    figures = asyncio.run(_measure())
    floor_ms = figures["floor"] * 1000
    peer_ms = figures["peer"] * 1000

    def ms(key: str) -> float:
        return float(figures[key]) * 1000

    note = f"floor: sorted() of the titles; old way (OptionList, full rows): {peer_ms:,.0f} ms"
    return [
        row(BENCHMARK, "floor: sorted() of 50,000 titles", floor_ms, "ms", floor_ms),
        row(
            BENCHMARK,
            "first sort in an order, unprepared + frame",
            ms("first sort"),
            "ms",
            floor_ms,
            note="the app sorts and prepares every order in the background once loaded",
        ),
        row(BENCHMARK, "sort (date/title/source) + frame", ms("sort"), "ms", floor_ms, goal=GOAL),
        row(BENCHMARK, "filter to 1 in 7 + frame", ms("filter"), "ms", floor_ms, goal=GOAL),
        row(BENCHMARK, "clear the filter + frame", ms("unfilter"), "ms", floor_ms, goal=GOAL),
        row(BENCHMARK, "jump to last/first row + frame", ms("end"), "ms", floor_ms, note=note),
        row(BENCHMARK, "peer: plain OptionList, all rows laid out", peer_ms, "ms", floor_ms),
    ]


def main() -> int:
    """Run the list benchmark and print its rows."""
    from benchmarks.run import format_table

    print(format_table(run()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
