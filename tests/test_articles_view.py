"""The article list's views: sorted once per order, a date range worked out once."""

from __future__ import annotations

from reader.core.article import Article, Paragraph
from reader.core.articles import SORT_ORDERS, Articles


def _article(number: int, date: str | None, source: str | None) -> Article:
    title = f"Report {(number * 7) % 10}"
    return Article(
        id=f"a{number}",
        title=title,
        source=source,
        date=date,
        url=None,
        author=None,
        paragraphs=(Paragraph("paragraph", title, 0),),
        raw=title,
    )


ARTICLES = tuple(
    _article(n, None if n % 4 == 0 else f"202{n % 5}-0{1 + n % 9}-01", ("TASS", None)[n % 2])
    for n in range(20)
)


def test_views_share_their_sorts_and_date_range() -> None:
    view = Articles(ARTICLES)
    view.sort_every_order()
    assert set(view._orders) == set(SORT_ORDERS)
    titled = view.sorted_by("title")
    assert titled.visible is view._orders["title"]
    assert [a.title.casefold() for a in titled] == sorted(a.title.casefold() for a in ARTICLES)
    narrowed = titled.filtered("some", frozenset({"a1", "a3"}))
    assert [a.id for a in narrowed] == [a.id for a in titled if a.id in {"a1", "a3"}]
    assert narrowed.unfiltered().visible is titled.visible
    span = view.date_range
    dates = [a.date for a in ARTICLES if a.date]
    assert (span.first, span.last, span.undated) == (min(dates), max(dates), 5)
    assert narrowed.date_range is span


def test_new_articles_get_their_own_sorts_and_range() -> None:
    view = Articles(ARTICLES)
    view.sort_every_order()
    _ = view.date_range
    fewer = view.with_articles(ARTICLES[:3])
    assert fewer._orders == {} and len(fewer.sorted_by("date")) == 3
    assert fewer.date_range.undated == 1


def test_filters_keep_the_order_and_ignore_ids_not_loaded() -> None:
    """Every order, one filter or two (AND), ids of articles not loaded: the order's subset."""
    evens = frozenset(f"a{n}" for n in range(0, 40, 2))  # a20..a38 are not loaded
    threes = frozenset(f"a{n}" for n in range(0, 20, 3)) | {"gone"}
    view = Articles(ARTICLES)
    for order in SORT_ORDERS:
        ordered = view.sorted_by(order)
        one = ordered.filtered("evens", evens)
        assert list(one) == [a for a in ordered if a.id in evens]
        both = one.filtered("threes", threes)
        assert list(both) == [a for a in ordered if a.id in evens and a.id in threes]
        assert list(both.sorted_by("title")) == [
            a for a in view.sorted_by("title") if a.id in evens and a.id in threes
        ]
        assert list(ordered.filtered("none", frozenset({"gone"}))) == []
    # A view over other articles does not reuse the old places.
    fewer = view.sorted_by("date").filtered("evens", evens).with_articles(ARTICLES[:5])
    assert [a.id for a in fewer] == [
        a.id for a in view.sorted_by("date") if a.id in {"a0", "a2", "a4"}
    ]
