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
            (
                "Sort as timeline",
                "Oldest first, undated last; the date range shows below",
                partial(screen.sort_by, "timeline"),
            ),
            ("Quotes: all", "Every quote by date: filter, open, export", screen.action_show_quotes),
            (
                "Quotes: export as Markdown",
                "Every quote with speaker, article, outlet, date and URL, into the data folder",
                partial(screen.export_quotes, "md"),
            ),
            (
                "Quotes: export as JSON",
                "Every quote with speaker, article, outlet, date and URL, into the data folder",
                partial(screen.export_quotes, "json"),
            ),
            (
                "Actors named together",
                "The pairs of actors in one sentence, paragraph or article most often",
                screen.action_show_cooccurrence,
            ),
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
            ("Notes: list all", "Every note, with tags and history", screen.action_show_notes),
            (
                "Notes: export as Markdown",
                "Write every note to a file in the data folder",
                partial(screen.export_notes, "md"),
            ),
            (
                "Notes: export as JSON",
                "A file you can import again (here or elsewhere)",
                partial(screen.export_notes, "json"),
            ),
            ("Notes: import…", "Merge a JSON export into your notes", screen.ask_import_notes),
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


class DossierCommands(Provider):
    """ "Actor dossier: NAME" for every actor in the gazetteer, from any screen."""

    def _dossiers(self) -> list[tuple[str, partial[None]]]:
        from reader.ui.screens.main import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if main is None or main.gazetteer is None:
            return []
        return [
            (f"Actor dossier: {actor.name}", partial(main.open_dossier, actor.id))
            for actor in sorted(main.gazetteer, key=lambda actor: actor.name.casefold())
        ]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._dossiers():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Content(label), callback, text=label)

    async def discover(self) -> Hits:
        for label, callback in self._dossiers():
            yield DiscoveryHit(Content(label), callback, text=label)
