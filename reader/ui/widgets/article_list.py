"""The article list: a virtual list (only visible rows are drawn) of titles with metadata."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.article import Article
from reader.core.articles import Articles


def article_prompt(article: Article, marks: str = "", actors: str = "") -> Content:
    """An article's row: its title; source, date and marks, dimmed; its top actors.

    Titles come from files, so they are inserted as literal text, never read as markup.
    """
    details = " · ".join(part for part in (article.source, article.date) if part) or "—"
    template = "[b]$title[/b]\n[dim]$details$marks[/dim]"
    if actors:
        template += "\n[$text-accent 80%]$actors[/]"
    return Content.from_markup(
        template,
        title=article.title,
        details=details,
        marks=f"  {marks}" if marks else "",
        actors=actors,
    )


class ArticleList(OptionList):
    """The corpus's articles in the current order and filter; highlights follow the cursor."""

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
    }
    ArticleList > .option-list--option {
        padding: 0 1;
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

    def _option(self, article: Article) -> Option:
        return Option(article_prompt(article, *self.describe(article)), id=article.id)

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
        ids = [article.id for article in articles]
        if rebuild or ids != self._shown_ids:
            self.clear_options()
            self.add_options([self._option(a) for a in articles])
            self._set_shown(ids)
        if not ids:
            return
        position = self._positions.get(wanted) if wanted else None
        self.highlighted = position if position is not None else 0

    def append_in_load_order(self, articles: Sequence[Article]) -> None:
        """Add articles loaded since the last call at the end; the view is sorted when done."""
        new = articles[len(self._shown_ids) :]
        if new:
            self.add_options([self._option(a) for a in new])
            self._set_shown([*self._shown_ids, *(a.id for a in new)])
            if self.highlighted is None:
                self.highlighted = 0

    def _set_shown(self, ids: list[str]) -> None:
        self._shown_ids = ids
        self._positions = {article_id: i for i, article_id in enumerate(ids)}

    def position_of(self, article_id: str) -> int | None:
        """The row showing the article with this id, if shown."""
        return self._positions.get(article_id)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the article under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self._shown_ids):
            return None
        return self._shown_ids[self.highlighted]
