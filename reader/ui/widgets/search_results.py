"""The search results: a virtual list of articles and notes, their matches highlighted.

Titles, snippets and note text are untrusted: each row is built from plain strings as
`Content`, and highlights are style spans on character offsets, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.article import Article
from reader.core.text import fold

if TYPE_CHECKING:  # search loads with its first query, not at start-up
    from reader.core.search import Match, SearchResult

MATCH_STYLE = "bold on $warning 40%"
"""How a matched word looks in a title or snippet (as in the article view)."""

SNIPPET_LINES = 2
"""How many lines of the panel a snippet may fill."""

ROWS_AT_ONCE = 10
"""Result rows laid out in one go; more follow after the screen has refreshed."""

EXPLAINED_KEPT = 3
"""How many approximate matches a row explains (`mozir → Mozyr`)."""

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    """Control and bidi characters made visible one for one, so offsets still hold.

    Article text is cleaned on load; note text is stored exactly as typed, so it is made safe
    here, when it is shown.
    """
    return _UNSAFE.sub("\ufffd", text)


def _marked(text: str, spans: Sequence[tuple[int, int]], style: str = "") -> Content:
    content = Content(_safe(text))
    if style:
        content = content.stylize(style)
    for start, end in spans:
        if end > start:
            content = content.stylize(MATCH_STYLE, start, end)
    return content


def _fitted(
    text: str, spans: Sequence[tuple[int, int]], budget: int
) -> tuple[str, list[tuple[int, int]], bool, bool]:
    """A window of at most `budget` characters of `text`, around its first highlight."""
    if len(text) <= budget:
        return text, list(spans), False, False
    anchor = spans[0][0] if spans else 0
    start = max(0, min(anchor - budget // 4, len(text) - budget))
    if start > 0:
        space = text.find(" ", start, anchor if anchor > start else start + 15)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + budget)
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start else end
    shifted = [
        (max(s, start) - start, min(e, end) - start) for s, e in spans if e > start and s < end
    ]
    return text[start:end], shifted, start > 0, end < len(text)


def explained(matches: Sequence[Match]) -> list[str]:
    """How approximate matches explain themselves (`mozir → Mozyr`), each once."""
    labels: list[str] = []
    seen: set[str] = set()
    for match in matches:
        if match.exact:
            continue
        label = match.label
        key = fold(label)  # "Lukashenko" in the text and "lukashenko" in a title are one
        if key not in seen:
            seen.add(key)
            labels.append(label)
    return labels


def result_prompt(result: SearchResult, article: Article | None, width: int) -> Content:
    """A result's row: title, source and date, a snippet with its matches, and typos explained.

    Args:
        result: the result.
        article: the article it leads to (None when it is not loaded: a note's orphan).
        width: the cells a line of the row has, to keep the snippet to two lines.
    """
    title = article.title if article is not None else "(article not loaded)"
    title_spans = [(m.start, m.end) for m in result.title_matches] if article is not None else []
    is_note = result.kind == "note"
    heading = Content.assemble(
        ("✎ note · " if is_note else "", "$text-accent"),
        _marked(title, title_spans, "bold"),
    )
    details = " · ".join(
        part for part in ((article.source, article.date) if article else ()) if part
    )
    if is_note:
        details = f"{details} · your note" if details else "your note"
    snippet = result.snippet
    # Lines break at spaces, so a line holds a few cells less than the width on average.
    budget = max(20, (width - 6) * SNIPPET_LINES)
    text, spans, clipped_start, clipped_end = _fitted(snippet.text, snippet.highlights, budget)
    clipped_start = clipped_start or snippet.clipped_start
    clipped_end = clipped_end or snippet.clipped_end
    passage = Content.assemble(
        "…" if clipped_start else "",
        _marked(text, spans),
        "…" if clipped_end else "",
    )
    lines = [heading, Content(_safe(details or "—")).stylize("dim"), passage]
    labels = explained((*result.title_matches, *result.matches))
    if labels:
        more = len(labels) - EXPLAINED_KEPT
        shown = ", ".join(labels[:EXPLAINED_KEPT]) + (f" +{more}" if more > 0 else "")
        lines.append(Content(_safe(f"≈ {shown}")).stylize("italic $text-muted"))
    return Content("\n").join(lines)


class SearchResultList(OptionList):
    """Ranked results, one row each; only the rows on screen are drawn."""

    DEFAULT_CSS = """
    SearchResultList {
        height: 1fr;
        border: none;
        padding: 0;
    }
    SearchResultList > .option-list--option {
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding(
            "j",
            "cursor_down",
            "Down",
            show=False,
            id="search.result_down",
            tooltip="Move to the next result",
        ),
        Binding(
            "k",
            "cursor_up",
            "Up",
            show=False,
            id="search.result_up",
            tooltip="Move to the previous result",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: tuple[SearchResult, ...] = ()
        """The results shown, best first."""
        self._articles: dict[str, Article] = {}
        self._shown = 0
        self._generation = 0

    def show_results(self, results: Sequence[SearchResult], articles: dict[str, Article]) -> None:
        """Replace the rows with these results, the cursor on the first.

        The first rows are shown at once and the rest a batch per refresh: laying out fifty
        wrapped rows takes tens of milliseconds, which would hold up the next keystroke.
        """
        results = tuple(results)
        if results == self.results and self._articles is articles:
            return  # the same answer again (one more letter often changes nothing)
        self.results = results
        self._articles = articles
        self._generation += 1
        self._shown = 0
        self.set_options(self._rows(ROWS_AT_ONCE))
        if self.results:
            self.highlighted = 0
        self._show_more(self._generation)

    def _rows(self, count: int) -> list[Option | None]:
        # Options are padded by one cell each side; before the first layout, guess wide.
        width = max(20, (self.scrollable_content_region.width or 60) - 2)
        rows: list[Option | None] = []
        for n in range(self._shown, min(len(self.results), self._shown + count)):
            result = self.results[n]
            prompt = result_prompt(result, self._articles.get(result.article_id), width)
            rows.append(Option(prompt, id=str(n)))
            rows.append(None)  # a faint rule after each result (not an option: indices hold)
        self._shown += len(rows) // 2
        return rows

    def _show_more(self, generation: int) -> None:
        if generation != self._generation or self._shown >= len(self.results):
            return
        self.call_after_refresh(self._add_batch, generation)

    def _add_batch(self, generation: int) -> None:
        if generation == self._generation:
            self.add_options(self._rows(ROWS_AT_ONCE))
            self._show_more(generation)

    @property
    def highlighted_result(self) -> SearchResult | None:
        """The result under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self.results):
            return None
        return self.results[self.highlighted]
