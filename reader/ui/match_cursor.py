"""Where the reader stands among a search's matches in one article: n / N and "3/12"."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from reader.ui.widgets.article_view import Highlight


@dataclass(frozen=True, slots=True)
class SearchMatches:
    """A query's matches in one article's clean text, and which one is current."""

    article_id: str
    """The article the matches are in."""
    query: str
    """The query as typed, to find the matches again in another article."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each match in `Article.text`, in order."""
    current: int | None = None
    """The match the reader is at; None before the first n / N."""

    @property
    def label(self) -> str:
        """The counter for the status bar: `3/12`, or `12 matches` before moving."""
        count = len(self.spans)
        if not count:
            return "no matches in the text"
        if self.current is None:
            return f"{count} match{'es' if count != 1 else ''}"
        return f"{self.current + 1}/{count}"

    @property
    def current_start(self) -> int | None:
        """Where the current match starts, if there is one."""
        return None if self.current is None else self.spans[self.current][0]

    def highlights(self) -> list[Highlight]:
        """Every match as a highlight, the current one marked apart."""
        return [
            Highlight(
                start,
                end,
                "article-view--match-current" if n == self.current else "article-view--match",
            )
            for n, (start, end) in enumerate(self.spans)
        ]

    def moved(self, *, forward: bool, from_offset: int = 0) -> SearchMatches:
        """The next (or previous) match, wrapping at the ends.

        Args:
            forward: next rather than previous.
            from_offset: where to start looking when no match is current yet (the top of the
                screen, or a note's passage).
        """
        if not self.spans:
            return self
        count = len(self.spans)
        if self.current is not None:
            step = 1 if forward else -1
            return replace(self, current=(self.current + step) % count)
        starts = [start for start, _ in self.spans]
        if forward:
            position = bisect_left(starts, from_offset)
            return replace(self, current=position if position < count else 0)
        position = bisect_right(starts, from_offset) - 1
        return replace(self, current=position if position >= 0 else count - 1)
