"""A non-mutating view of a corpus's articles: sorted one way, filtered by some criteria."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import count
from operator import attrgetter
from typing import Literal

from reader.core.article import Article

_ID = attrgetter("id")

SortOrder = Literal["date", "title", "source", "timeline"]
SORT_ORDERS: tuple[SortOrder, ...] = ("date", "title", "source", "timeline")
"""The orders the list cycles through, in that order."""


def _date_key(article: Article) -> tuple[int, str, str]:
    # Newest first, undated last: sort ascending on the negated date text.
    if article.date is None:
        return (1, "", article.title.casefold())
    inverted = "".join(chr(0x10FFFF - ord(ch)) for ch in article.date)
    return (0, inverted, article.title.casefold())


def _timeline_key(article: Article) -> tuple[int, str, str]:
    # Oldest first, as events happened; undated last.
    return (article.date is None, article.date or "", article.title.casefold())


def _newest_first(articles: list[Article]) -> tuple[Article, ...]:
    """`sorted(articles, key=_date_key)` in two stable sorts: a fifth of the time at 50,000."""
    by_title = sorted(articles, key=lambda a: a.title.casefold())
    dated = [a for a in by_title if a.date is not None]
    # A reversed sort keeps equal dates in title order (Python's sort stays stable).
    dated.sort(key=lambda a: a.date or "", reverse=True)
    return (*dated, *(a for a in by_title if a.date is None))


def _sorted(articles: list[Article], order: SortOrder) -> tuple[Article, ...]:
    """The articles in one order (date and source in stable passes, not per-character keys)."""
    if order == "date":
        return _newest_first(articles)
    if order == "source":
        newest = _newest_first(articles)
        return tuple(sorted(newest, key=lambda a: (a.source or "\uffff").casefold()))
    return tuple(sorted(articles, key=_SORT_KEYS[order]))


_SORT_KEYS: dict[SortOrder, Callable[[Article], tuple[object, ...]]] = {
    "date": _date_key,
    "title": lambda a: (a.title.casefold(), a.id),
    "source": lambda a: ((a.source or "\uffff").casefold(), *_date_key(a)),
    "timeline": _timeline_key,
}


@dataclass(frozen=True, slots=True)
class DateRange:
    """The span of a set of articles' dates."""

    first: str | None
    """The earliest date (ISO), None when no article is dated."""
    last: str | None
    """The latest date (ISO), None when no article is dated."""
    undated: int
    """How many articles have no date."""

    def describe(self) -> str:
        """The span in a few words, e.g. "2022-12-19 → 2024-09-13, 3 undated"."""
        span = "no dates" if self.first is None else f"{self.first} → {self.last}"
        return f"{span}, {self.undated} undated" if self.undated else span


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """One criterion a view is narrowed by, with the words that describe it."""

    label: str
    """How the filter is shown to the user, e.g. "actor: Putin"."""
    article_ids: frozenset[str]
    """The articles that pass."""


@dataclass(frozen=True)
class Articles:
    """An ordered, filtered view of articles; every change returns a new view."""

    all_articles: tuple[Article, ...] = ()
    """Everything loaded, in load order."""
    order: SortOrder = "date"
    """How the view is sorted."""
    filters: tuple[ArticleFilter, ...] = ()
    """Criteria an article must all pass (AND)."""
    _orders: dict[SortOrder, tuple[Article, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Every article in each order sorted so far, shared by the views `replace` makes."""
    _ranges: list[DateRange] = field(default_factory=list, repr=False, compare=False)
    """The date range once worked out, shared like `_orders`."""
    _positions: dict[SortOrder, dict[str, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Where each article stands in each of `_orders`, shared like it: filters read them."""

    def __iter__(self) -> Iterator[Article]:
        return iter(self.visible)

    def __len__(self) -> int:
        return len(self.visible)

    def __getitem__(self, index: int) -> Article:
        return self.visible[index]

    @cached_property
    def visible(self) -> Sequence[Article]:
        """The articles that pass every filter, in order (computed once per view)."""
        ordered = self._orders.get(self.order)
        if ordered is None:
            # Sorted once per order and shared by every view of these articles: a filter
            # keeps the order, so re-sorting and filtering 50,000 rows costs one pass.
            ordered = self._orders[self.order] = _sorted(list(self.all_articles), self.order)
        if not self.filters:
            return ordered
        wanted = self.filters[0].article_ids
        if len(self.filters) > 1:
            wanted = wanted.intersection(*(c.article_ids for c in self.filters[1:]))
        # The chosen articles' places in the order, sorted: the work grows with the articles
        # chosen, not with the corpus (asking each of 50,000 articles took 10-20 ms).
        places = sorted(place for place in map(self._places().get, wanted) if place is not None)
        return tuple(map(ordered.__getitem__, places))

    def _places(self) -> dict[str, int]:
        """Each article id → where it stands in this view's order, before filtering."""
        places = self._positions.get(self.order)
        if places is None:
            ordered = self.sorted_by(self.order).unfiltered().visible
            places = self._positions[self.order] = dict(zip(map(_ID, ordered), count()))
        return places

    @property
    def date_range(self) -> DateRange:
        """The span of every loaded article's dates (filters aside), and how many are undated.

        Worked out once for the articles and shared by every view of them (each sort or
        filter is a new view)."""
        if not self._ranges:
            dates = [a.date for a in self.all_articles if a.date]
            undated = len(self.all_articles) - len(dates)
            self._ranges.append(
                DateRange(min(dates), max(dates), undated)
                if dates
                else DateRange(None, None, undated)
            )
        return self._ranges[0]

    @property
    def is_filtered(self) -> bool:
        """Whether any filter narrows the view."""
        return bool(self.filters)

    def sorted_by(self, order: SortOrder) -> Articles:
        """The same view in another order."""
        return replace(self, order=order)

    def next_order(self) -> Articles:
        """The same view in the next sort order of `SORT_ORDERS`."""
        position = SORT_ORDERS.index(self.order)
        return self.sorted_by(SORT_ORDERS[(position + 1) % len(SORT_ORDERS)])

    def filtered(self, label: str, article_ids: frozenset[str]) -> Articles:
        """The view narrowed further to `article_ids`, described by `label`."""
        return replace(self, filters=(*self.filters, ArticleFilter(label, article_ids)))

    def unfiltered(self) -> Articles:
        """The view with every filter cleared."""
        return replace(self, filters=())

    def with_articles(self, articles: Sequence[Article]) -> Articles:
        """The same order and filters over another set of articles."""
        return replace(self, all_articles=tuple(articles), _orders={}, _ranges=[], _positions={})

    def sort_every_order(self) -> None:
        """Sort the articles in every order now (from a worker), so a later sort is instant."""
        for order in SORT_ORDERS:
            self.sorted_by(order)._places()

    def index_of(self, article_id: str) -> int | None:
        """Where the article with this id stands in the view, if it is visible."""
        for index, article in enumerate(self.visible):
            if article.id == article_id:
                return index
        return None
