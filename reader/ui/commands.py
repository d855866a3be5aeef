"""Command palette providers: open an article by title, sort, show problems, raw text."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen


def _main_screen(provider: Provider) -> MainScreen | None:
    from reader.ui.screens.main import MainScreen

    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


class ArticleCommands(Provider):
    """ "Open article…": every loaded article by title (titles are shown as plain text)."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for article in list(screen.corpus.articles):
            label = f"Open article: {article.title}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    Content(label),
                    partial(screen.open_article, article.id),
                    text=label,
                )

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for article in list(screen.articles)[:200]:
            label = f"Open article: {article.title}"
            yield DiscoveryHit(Content(label), partial(screen.open_article, article.id), text=label)


class ReaderCommands(Provider):
    """The reader's own actions, by name."""

    def _commands(self) -> list[tuple[str, str, object]]:
        screen = _main_screen(self)
        if screen is None:
            return []
        return [
            ("Sort by date", "Newest first, undated last", partial(screen.sort_by, "date")),
            ("Sort by title", "A to Z", partial(screen.sort_by, "title")),
            ("Sort by source", "Outlet, then date", partial(screen.sort_by, "source")),
            ("Show problems", "Files skipped while loading, and why", screen.action_show_problems),
            (
                "Toggle raw text",
                "The article's source text, or the clean view",
                screen.action_toggle_raw,
            ),
            (
                "Actor candidates",
                "Names that look like actors but are unknown: promote or dismiss",
                screen.action_show_candidates,
            ),
            (
                "Toggle demonyms",
                "Highlight words like 'Belarusian' as their state, or not (remembered)",
                screen.action_toggle_demonyms,
            ),
            ("Help: keys", "Every key binding", self.app.action_help),
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), cast("partial[None]", callback), help=help_text
                )

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, cast("partial[None]", callback), help=help_text)
