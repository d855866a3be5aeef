"""End to end: the installed `belreader` in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
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
        self.start: list[str] = []
        """The tmux arguments that start the session (to start the reader again)."""

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

    def restart(self) -> None:
        """End the session (if any) and start the reader again in a fresh one."""
        self.tmux("kill-session", "-t", "e2e")
        self.tmux(*self.start)

    def reader_pid(self) -> int:
        """The pid of the belreader process running in the pane."""
        shell = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip()
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 1, f"expected one process under the pane's shell: {children}"
        return int(children[0])

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
    # One server per test: a server still shutting down would swallow the next test's session.
    socket = f"belreader-e2e-{os.getpid()}-{tmp_path.name}"
    env = " ".join(
        f"{name}={shlex.quote(os.environ[name])}"
        for name in ("BELREADER_DATA_DIR", "BELREADER_CONFIG_DIR", "BELREADER_CACHE_DIR")
    )
    command = f"env {env} TERM=xterm-256color {shlex.quote(belreader)}; echo EXITED $?; sleep 30"
    term = Terminal(socket)
    term.start = [
        "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36", "-c", str(tmp_path), command
    ]  # fmt: skip
    term.tmux(*term.start)
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


def _write_a_note(terminal: Terminal, text: str) -> None:
    """Press e on the first article (shown as the list's cursor rests on it) and type `text`."""
    terminal.wait_for("5 articles")
    terminal.wait_for("Soviet-era")
    terminal.keys("e")
    terminal.wait_for("escape: back")
    terminal.keys("-l", text)
    terminal.wait_for(text)
    terminal.wait_for("unsaved · escape: back")


def _note_is_back(terminal: Terminal, text: str) -> None:
    """Start again, open the first article's note: `text` is there, and the list marks it."""
    terminal.restart()
    terminal.wait_for("✎ 1")
    terminal.wait_for("Soviet-era")
    terminal.keys("e")
    terminal.wait_for(text)


def _running(pid: int) -> bool:
    """Whether the process is still running (a zombie whose shell is gone has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_note_typed_survives_kill_9(terminal: Terminal) -> None:
    """A note shown as saved is there after the reader is killed with SIGKILL and restarted."""
    _write_a_note(terminal, "Minsk hedges again #e2e")
    terminal.wait_for(" saved · escape: back")  # the autosave after the pause
    os.kill(terminal.reader_pid(), signal.SIGKILL)
    terminal.wait_for("EXITED 137")
    _note_is_back(terminal, "Minsk hedges again #e2e")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_while_typing_saves_the_buffer_and_restores_the_terminal(
    terminal: Terminal, signum: int
) -> None:
    """SIGTERM or SIGHUP before the autosave pause: the exact text is saved, the terminal reset."""
    typed = "typed then signalled [b] #sig"
    _write_a_note(terminal, typed)
    os.kill(terminal.reader_pid(), signum)
    terminal.wait_for("EXITED 0")
    modes = terminal.tmux(
        "display-message", "-p", "-t", "e2e", "#{alternate_on}#{mouse_any_flag}#{cursor_flag}"
    )
    assert modes.strip() == "001", "alternate screen, mouse mode or hidden cursor left behind"
    _note_is_back(terminal, typed)


def test_closing_the_terminal_saves_the_note(terminal: Terminal) -> None:
    """Closing the terminal (tmux kills the pane: SIGHUP) while typing saves the note."""
    typed = "written as the window closed"
    _write_a_note(terminal, typed)
    pid = terminal.reader_pid()
    terminal.tmux("kill-session", "-t", "e2e")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    assert not _running(pid), "the reader outlived its terminal"
    _note_is_back(terminal, typed)
