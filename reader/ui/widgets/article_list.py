"""The article list: a virtual list (only visible rows are drawn) of titles with metadata.

Rows are built only when drawn. A long list (`FIXED_ROWS_FROM` articles or more) gives every
row the same height, each line cut with an ellipsis, so that sorting or filtering 50,000
rows never lays out a single title: the option list's line map becomes arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any, overload

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.article import Article
from reader.core.articles import Articles

_ID = attrgetter("id")

FIXED_ROWS_FROM = 1_000
"""From this many rows on, every row is `ROW_HEIGHT` lines (titles cut to one line)."""

ROW_HEIGHT = 3
"""Lines per row in a long list: title, details, top actors."""


def article_prompt(article: Article, marks: str = "", actors: str = "") -> Content:
    """An article's row: its title; source, date and marks, dimmed; its top actors.

    Titles come from files, so they are inserted as literal text, never read as markup.
    """
    details = " · ".join(part for part in (article.source, article.date) if part) or "—"
    if marks:
        details += f"  {marks}"
    # Assembled from styled parts (a tenth of the cost of parsing a markup template per row).
    if not actors:
        return Content.assemble((article.title, "b"), "\n", (details, "dim"))
    return Content.assemble(
        (article.title, "b"), "\n", (details, "dim"), "\n", (actors, "$text-accent 80%")
    )


class ArticleOption(Option):
    """An article's row, its prompt made the first time it is drawn."""

    def __init__(self, article: Article, make_prompt: Callable[[Article], Content]) -> None:
        super().__init__("", id=article.id)
        self.article = article
        """The article shown."""
        self._make_prompt = make_prompt
        self._built = False

    # Identity, as `Option.__hash__` gives, but in C: tables of 50,000 rows fill 4× faster.
    __hash__ = object.__hash__

    @property
    def prompt(self) -> Any:
        """The row's content, built on first use."""
        if not self._built:
            self._prompt = self._make_prompt(self.article)
            self._built = True
        return self._prompt

    def forget_prompt(self) -> None:
        """Build the prompt again when next drawn (its marks or actors changed)."""
        self._built = False
        self._visual = None


class _FixedLines(Sequence[tuple[int, int]]):
    """(row, line in row) for each line of a list whose rows are all `height` lines."""

    def __init__(self, rows: int, height: int) -> None:
        self._rows = rows
        self._height = height

    def __len__(self) -> int:
        return self._rows * self._height

    @overload
    def __getitem__(self, y: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, y: slice) -> Sequence[tuple[int, int]]: ...

    def __getitem__(self, y: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if isinstance(y, slice):
            return [self[i] for i in range(*y.indices(len(self)))]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        return divmod(y, self._height)


class _FixedMap(Mapping[int, int]):
    """Row → its first line (or its height) in a list of equal rows."""

    def __init__(self, rows: int, height: int, *, first_line: bool) -> None:
        self._rows = rows
        self._height = height
        self._first_line = first_line

    def __getitem__(self, row: int) -> int:
        if not 0 <= row < self._rows:
            raise KeyError(row)
        return row * self._height if self._first_line else self._height

    def __iter__(self) -> Iterator[int]:
        return iter(range(self._rows))

    def __len__(self) -> int:
        return self._rows


class _Lookup(dict[Any, Any]):
    """A table that computes what it does not hold (a missing key raises KeyError as usual)."""

    def __init__(self, lookup: Callable[[Any], Any]) -> None:
        super().__init__()
        self._lookup = lookup

    def __missing__(self, key: Any) -> Any:
        return self._lookup(key)


TABLES_KEPT = 6
"""Unfiltered views whose rows the list keeps (each sort order, and a reload's)."""


class ArticleList(OptionList):
    """The corpus's articles in the current order and filter; highlights follow the cursor."""

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
    }
    ArticleList > .option-list--option {
        padding: 0 1;
    }
    ArticleList.-fixed-rows {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding(
            "j",
            "cursor_down",
            "Down",
            show=False,
            id="list.down",
            tooltip="Move to the next article",
        ),
        Binding(
            "k", "cursor_up", "Up", show=False, id="list.up", tooltip="Move to the previous article"
        ),
        Binding(
            "g", "first", "First", show=False, id="list.first", tooltip="Go to the first article"
        ),
        Binding("G", "last", "Last", show=False, id="list.last", tooltip="Go to the last article"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.describe: Callable[[Article], tuple[str, str]] = lambda _article: ("", "")
        """Gives an article's (marks, top actors) for its row; set by the screen."""
        self.articles = Articles()
        self._shown_ids: list[str] = []
        self._positions: dict[str, int] = {}
        # Rows by the id() of their article: a row holds its article, so ids stay unique.
        self._row_options: dict[int, ArticleOption] = {}
        # Per sort order of the unfiltered view (keyed by the id() of its shared tuple, which
        # the entry holds): its ids, rows and positions, so sorting again is a few lookups.
        self._tables: dict[
            int, tuple[Sequence[Article], list[str], list[ArticleOption], dict[str, int]]
        ] = {}

    def _prompt(self, article: Article) -> Content:
        return article_prompt(article, *self.describe(article))

    def _option(self, article: Article) -> ArticleOption:
        """The article's row, reused between orders and filters (its prompt built once)."""
        option = self._row_options.get(id(article))
        if option is None:
            option = self._row_options[id(article)] = ArticleOption(article, self._prompt)
        return option

    @property
    def fixed_rows(self) -> bool:
        """Whether every row has the same height (a long list)."""
        return self.has_class("-fixed-rows")

    def _set_fixed_rows(self, count: int) -> None:
        fixed = count >= FIXED_ROWS_FROM
        if fixed != self.fixed_rows:
            self.set_class(fixed, "-fixed-rows")
            self._clear_caches()

    @property
    def _lines(self) -> Sequence[tuple[int, int]]:
        if self.fixed_rows:
            return _FixedLines(len(self.options), ROW_HEIGHT)
        return super()._lines

    @property
    def _heights(self) -> dict[int, int]:
        if self.fixed_rows:
            return _FixedMap(len(self.options), ROW_HEIGHT, first_line=False)  # type: ignore[return-value]
        return super()._heights

    @property
    def _index_to_line(self) -> dict[int, int]:
        if self.fixed_rows:
            return _FixedMap(len(self.options), ROW_HEIGHT, first_line=True)  # type: ignore[return-value]
        return super()._index_to_line

    def _update_lines(self) -> None:
        if not self.fixed_rows:
            super()._update_lines()
            return
        if not self.scrollable_content_region:
            return
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(self.options) * ROW_HEIGHT)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def show(
        self, articles: Articles, keep_id: str | None = None, *, rebuild: bool = False
    ) -> None:
        """Show a view of the articles, keeping the cursor on `keep_id` (or the same article).

        Args:
            articles: The view to show.
            keep_id: The article to keep the cursor on (default: the one under it now).
            rebuild: Redraw every row even if the order is unchanged (marks changed).
        """
        self.articles = articles
        wanted = keep_id or self.highlighted_id
        if len(self._row_options) > 2 * len(articles.all_articles) + FIXED_ROWS_FROM:
            self._row_options.clear()  # rows of articles no longer loaded
            self._tables.clear()
        ids, options, positions = self._tables_for(articles)
        if rebuild:
            for option in self._row_options.values():
                option.forget_prompt()
        if rebuild or (ids is not self._shown_ids and ids != self._shown_ids):
            self._set_fixed_rows(len(ids))
            self._replace_options(options)
            self._shown_ids, self._positions = ids, positions
        if not ids:
            return
        position = self._positions.get(wanted) if wanted else None
        self.highlighted = position if position is not None else 0

    def prepare(self, articles: Articles) -> None:
        """Work out the rows of an unfiltered view now (an order the user may sort by next)."""
        self._tables_for(articles.unfiltered())

    def _tables_for(
        self, articles: Articles
    ) -> tuple[list[str], list[ArticleOption], dict[str, int]]:
        """The view's article ids, rows and each id's position (kept for unfiltered views)."""
        shown = articles.visible
        cached = self._tables.get(id(shown))
        if cached is not None and cached[0] is shown:
            return cached[1], cached[2], cached[3]
        ids = list(map(_ID, shown))
        options = self._options_for(shown, ids)
        positions = dict(zip(ids, range(len(ids)), strict=True))
        if not articles.filters:
            if len(self._tables) >= TABLES_KEPT:
                del self._tables[next(iter(self._tables))]
            self._tables[id(shown)] = (shown, ids, options, positions)
        return ids, options, positions

    def _options_for(self, articles: Sequence[Article], ids: list[str]) -> list[ArticleOption]:
        """The rows of these articles, in order (lookups in C; a Python call only for new rows)."""
        options: list[ArticleOption | None] = list(map(self._row_options.get, map(id, articles)))
        if None in options:
            for number, (option, article) in enumerate(zip(options, articles, strict=True)):
                if option is None:
                    options[number] = self._option(article)
        return options  # type: ignore[return-value]  # every None was replaced

    def _replace_options(self, options: list[ArticleOption]) -> None:
        """`set_options` for rows known to have unique ids, without checking each one."""
        if not self.fixed_rows:
            self.set_options(options)
            return
        # `add_options` checks and files each option one by one: ~2 µs a row, 100 ms at
        # 50,000. The same tables built in one pass each cost a tenth of that.
        self._options = list(options)
        # Both tables answer from `_positions` (set next, by `show`) rather than being filled:
        # a 50,000-entry dict each is a third of a sort's time.
        self._option_to_index = _Lookup(lambda option: self._positions[option.id])
        self._id_to_option = _Lookup(lambda article_id: self._options[self._positions[article_id]])
        self._line_cache.clear()
        self._option_render_cache.clear()
        self.highlighted = None
        self.scroll_y = 0
        self.refresh()
        self._update_lines()

    def append_in_load_order(self, articles: Sequence[Article]) -> None:
        """Add articles loaded since the last call at the end; the view is sorted when done."""
        new = articles[len(self._shown_ids) :]
        if new:
            self._set_fixed_rows(len(articles))
            self.add_options([self._option(a) for a in new])
            self._set_shown([*self._shown_ids, *(a.id for a in new)])
            if self.highlighted is None:
                self.highlighted = 0

    def _set_shown(self, ids: list[str]) -> None:
        self._shown_ids = ids
        self._positions = dict(zip(ids, range(len(ids)), strict=True))

    def position_of(self, article_id: str) -> int | None:
        """The row showing the article with this id, if shown."""
        return self._positions.get(article_id)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the article under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self._shown_ids):
            return None
        return self._shown_ids[self.highlighted]
