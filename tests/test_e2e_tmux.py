"""End to end: the installed `belreader` in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def _installed_belreader() -> str:
    script = Path(sys.executable).parent / "belreader"
    found = str(script) if script.exists() else shutil.which("belreader")
    if not found:
        pytest.fail("belreader is not installed in this environment (pip install .)")
    return found


class Terminal:
    """A tmux session on a private socket, with helpers to type and read the screen."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this socket and return its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        """The visible text of the pane."""
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str) -> None:
        """Send keys as tmux names them (Enter, Escape, j, ?)."""
        self.tmux("send-keys", "-t", "e2e", *keys)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait until `text` is on screen; fail with the screen if it never comes."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared on screen:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = 10.0) -> None:
        """Wait until `text` has left the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text not in self.screen():
                return
            time.sleep(0.1)
        pytest.fail(f"{text!r} stayed on screen:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path, isolated_dirs: Path) -> Iterator[Terminal]:
    """A 120×36 tmux session running the installed belreader from an unrelated folder."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is required for the end-to-end test (.ci/run installs it)")
    belreader = _installed_belreader()
    socket = f"belreader-e2e-{os.getpid()}"
    env = " ".join(
        f"{name}={shlex.quote(os.environ[name])}"
        for name in ("BELREADER_DATA_DIR", "BELREADER_CONFIG_DIR", "BELREADER_CACHE_DIR")
    )
    command = f"env {env} TERM=xterm-256color {shlex.quote(belreader)}; echo EXITED $?; sleep 30"
    term = Terminal(socket)
    term.tmux(
        "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36", "-c", str(tmp_path), command
    )
    try:
        yield term
    finally:
        term.tmux("kill-server")


def test_reader_opens_bundled_articles_and_answers_keys(terminal: Terminal) -> None:
    """Start with no PATH: the seeds are listed; j, enter, ?, escape and q do what they say."""
    terminal.wait_for("Kyiv: Belarusian military unprepared")
    terminal.wait_for("5 articles")
    terminal.keys("j", "Enter")
    screen = terminal.wait_for("Vladimir Putin, pressured")
    assert "Ukrinform · 2022-12-19" in screen
    terminal.keys("?")
    terminal.wait_for("belreader — keys")
    terminal.keys("Escape")
    # A key sent right after escape would arrive as alt+key: wait for the help to close.
    terminal.wait_until_gone("belreader — keys")
    terminal.keys("r")
    terminal.wait_for("— raw text")
    terminal.keys("q")
    terminal.wait_for("EXITED 0")
