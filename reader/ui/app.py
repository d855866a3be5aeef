"""The belreader Textual app: settings, theme and signals; the main screen does the rest."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Input

from reader.core import collector
from reader.core.background import BackgroundLoad
from reader.core.settings import Settings, load_settings, save_settings
from reader.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider

EXIT_GRACE_SECONDS = 3.0
"""How long shutdown may take after SIGTERM/SIGHUP (notes already saved) before a hard exit."""

QUIT_AGAIN_SECONDS = 10.0
"""With a note that cannot be saved, a second quit within this long quits anyway."""


def _article_commands() -> type[Provider]:
    from reader.ui.commands import ArticleCommands

    return ArticleCommands


def _reader_commands() -> type[Provider]:
    from reader.ui.commands import ReaderCommands

    return ReaderCommands


def _dossier_commands() -> type[Provider]:
    from reader.ui.commands import DossierCommands

    return DossierCommands


class BelreaderApp(App[None]):
    """A reader for articles on Belarus and Russia's war against Ukraine."""

    CSS_PATH = "app.tcss"
    TITLE = "belreader"
    SUB_TITLE = "Will Belarus join Russia's war?"
    # Given as functions, so the palette's modules load when it first opens, not at start-up.
    COMMANDS = App.COMMANDS | {_article_commands, _reader_commands, _dossier_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit belreader"),
        # A priority binding, so that keys typed right after / reach the box: a plain one
        # runs only once the key has bubbled up, after the keys behind it were dispatched.
        Binding(
            "slash",
            "search_anywhere",
            "Search",
            key_display="/",
            id="app.search",
            tooltip="Search articles and notes, from any view",
            priority=True,
        ),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            key_display="?",
            id="app.help",
            tooltip="Every key, grouped",
        ),
    ]

    def __init__(
        self,
        paths: list[Path],
        *,
        load: BackgroundLoad | None = None,
        startup: collector.Hold | None = None,
        watch_signals: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self._load = load
        self._startup = startup
        self.settings, self._settings_warning = load_settings()
        self._watch_signals = watch_signals
        self._quit_unsaved_at = -QUIT_AGAIN_SECONDS
        self._exit_watchdog: threading.Timer | None = None

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", markup=False)
        if self._watch_signals:
            self._install_signal_handlers()

    def get_default_screen(self) -> MainScreen:
        """The main screen is the first on the stack (no blank default screen before it)."""
        return MainScreen(self.paths, load=self._load, startup=self._startup)

    def _remember_theme(self, theme: Theme) -> None:
        self.settings.theme = theme.name
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Theme not remembered: {error}", severity="warning", markup=False)

    def _install_signal_handlers(self) -> None:
        # A plain Textual app dies on SIGTERM/SIGHUP without unmounting: exit cleanly instead,
        # so the terminal is restored and anything unsaved is saved first.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_terminate_signal)

    def _on_terminate_signal(self) -> None:
        # The handler runs on the event loop between key events: the note is saved whole.
        self.save_notes()
        # Seen: with the terminal gone (SIGHUP), Textual's shutdown can block for ever on its
        # writer thread. Everything is saved by now, so end the process if it hangs.
        if self._watch_signals and self._exit_watchdog is None:
            self._exit_watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
            self._exit_watchdog.daemon = True
            self._exit_watchdog.start()
        self.exit()

    def save_notes(self) -> bool:
        """Save any note being edited, synchronously; True when nothing is left unsaved."""
        return all(
            screen.save_notes_now()
            for screen in self.screen_stack
            if isinstance(screen, MainScreen)
        )

    async def action_quit(self) -> None:
        """Quit, saving notes first; if a note cannot be saved, a second q quits anyway."""
        now = time.monotonic()
        if self.save_notes() or now - self._quit_unsaved_at < QUIT_AGAIN_SECONDS:
            self.exit()
            return
        self._quit_unsaved_at = now
        self.notify(
            "A note is NOT SAVED (see the notes pane). Press q again to quit and lose it.",
            title="Notes",
            severity="error",
            markup=False,
        )

    def open_article_at(self, article_id: str, offset: int | None = None) -> None:
        """Go back to the main screen and open an article there, scrolled to `offset`.

        Screens pushed over the main one (a dossier, the notes or quotes view) call this.
        """
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        main = self.screen
        if isinstance(main, MainScreen):
            main.open_article(article_id, focus=True, offset=offset)

    async def action_search_anywhere(self) -> None:
        """Leave whatever view is open for the main screen and open search there."""
        if _is_text_entry(self.focused):
            raise SkipAction()  # a slash typed into a box or a note is text
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if isinstance(self.screen, MainScreen):
            await self.screen.action_search()

    def action_help(self) -> None:
        """Show every key binding."""
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save a screenshot under the user's data dir only: content can never pick the path."""
        from reader.locations import data_dir, ensure_dir

        folder = ensure_dir(data_dir() / "screenshots")
        saved = self.save_screenshot(path=str(folder))
        self.notify(f"Screenshot saved: {saved}", markup=False)


def _is_text_entry(widget: Widget | None) -> bool:
    """Whether keys typed into `widget` are text (a box, an editor) rather than commands."""
    if isinstance(widget, Input):
        return True
    # The editor's module loads with the notes pane: before that, no editor can have focus.
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def run_app(
    paths: list[Path],
    load: BackgroundLoad | None = None,
    startup: collector.Hold | None = None,
) -> int:
    """Run the reader on `paths` until the user quits; return the exit code.

    Args:
        paths: Article files or folders.
        load: Their load, if started already (before the interface was imported).
        startup: The collector's pause over start-up, released once the first rows are shown.
    """
    app = BelreaderApp(paths, load=load, startup=startup)
    try:
        app.run()
    finally:
        if startup is not None:
            startup.release()
    if app._exit_watchdog is not None:
        app._exit_watchdog.cancel()
    return app.return_code or 0


__all__ = ["BelreaderApp", "Settings", "run_app"]
