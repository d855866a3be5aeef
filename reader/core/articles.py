"""A non-mutating view of a corpus's articles: sorted one way, filtered by some criteria."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from reader.core.article import Article

SortOrder = Literal["date", "title", "source"]
SORT_ORDERS: tuple[SortOrder, ...] = ("date", "title", "source")
"""The orders the list cycles through, in that order."""


def _date_key(article: Article) -> tuple[int, str, str]:
    # Newest first, undated last: sort ascending on the negated date text.
    if article.date is None:
        return (1, "", article.title.casefold())
    inverted = "".join(chr(0x10FFFF - ord(ch)) for ch in article.date)
    return (0, inverted, article.title.casefold())


_SORT_KEYS: dict[SortOrder, Callable[[Article], tuple[object, ...]]] = {
    "date": _date_key,
    "title": lambda a: (a.title.casefold(), a.id),
    "source": lambda a: ((a.source or "\uffff").casefold(), *_date_key(a)),
}


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

    def __iter__(self) -> Iterator[Article]:
        return iter(self.visible)

    def __len__(self) -> int:
        return len(self.visible)

    def __getitem__(self, index: int) -> Article:
        return self.visible[index]

    @cached_property
    def visible(self) -> Sequence[Article]:
        """The articles that pass every filter, in order (computed once per view)."""
        chosen = [a for a in self.all_articles if all(a.id in f.article_ids for f in self.filters)]
        return tuple(sorted(chosen, key=_SORT_KEYS[self.order]))

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
        return replace(self, all_articles=tuple(articles))

    def index_of(self, article_id: str) -> int | None:
        """Where the article with this id stands in the view, if it is visible."""
        for index, article in enumerate(self.visible):
            if article.id == article_id:
                return index
        return None
