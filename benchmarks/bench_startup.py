"""Start-up: process start to the first frame showing the article list, beside a bare Textual app.

Every process runs under its own pseudo-terminal (120×36, TERM=xterm-256color), since the
reader refuses to start without one, and the floor runs the same way so the two compare. The
floor is a bare app with the same widget types (Header, a Horizontal holding an OptionList of
a few items and a ScrollView line pane, Footer) that exits right after its first frame. The
reader exits as soon as its list first shows rows (`BELREADER_EXIT_AFTER_LIST=1`). Two times
are taken from just before the fork: until the terminal first receives a frame showing the
list (the reader's status line counting one article or more; the floor's "Article 1"), which
is the figure the goals speak of, and until the child has exited (shutdown included: the
reader then also waits for its background workers). Cases are interleaved round by round so
machine noise hits them alike.

Bytecode is compiled first for the reader and the installed packages (`compile_bytecode`), as a
real install has it, so a machine with PYTHONDONTWRITEBYTECODE set does not time the compiler.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_DIR, SEEDS_DIR, corpus, median, row

BENCHMARK = "startup"
TIMEOUT_SECONDS = 30.0
"""A run that has not exited by then is killed and counted as failed."""
TERMINAL_ROWS, TERMINAL_COLUMNS = 36, 120
EXIT_AFTER_LIST_ENV = "BELREADER_EXIT_AFTER_LIST"
RSS_SAMPLE_SECONDS = 0.01
"""How often a child's peak RSS is read from /proc while it runs.

`wait4`'s ru_maxrss cannot be used: a forked child inherits the parent's high-water mark
across exec, and the runner's own memory (a loaded corpus) would show instead.
"""

FLOOR_APP = """
import sys, textwrap
from rich.segment import Segment
from textual.app import App
from textual.containers import Horizontal
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, OptionList

with open(sys.argv[1], encoding="utf-8") as handle:
    LINES = [part for block in handle.read().splitlines() for part in textwrap.wrap(block, 76)]

class TextPane(ScrollView):
    def on_mount(self):
        self.virtual_size = Size(80, len(LINES))
    def render_line(self, y):
        index = self.scroll_offset.y + y
        return Strip([Segment(LINES[index] if index < len(LINES) else "")])

class Floor(App):
    CSS = "OptionList { width: 40; height: 1fr; } TextPane { width: 1fr; }"
    def compose(self):
        yield Header()
        with Horizontal():
            yield OptionList(*[f"Article {number}" for number in range(1, 6)])
            yield TextPane()
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.exit)

Floor().run()
"""
"""The floor: a bare app with the reader's widget types that exits after its first frame."""

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


@dataclass
class Outcome:
    """One timed run in a pseudo-terminal."""

    seconds: float | None
    """From just before the fork to the child's exit; None if it timed out."""
    shown_seconds: float | None
    """From just before the fork to the first output showing the list; None if never seen."""
    exit_code: int | None
    """The child's exit status (negative: killed by that signal)."""
    peak_rss_mb: float
    """The child's peak resident memory (VmHWM), sampled while it runs."""
    tail: str
    """The last screen text it wrote, escape sequences removed, for a failure's note."""


@dataclass
class Case:
    """One thing to start, measured several times."""

    metric: str
    argv: list[str]
    env: dict[str, str]
    goal: str | None = None
    shown: re.Pattern[str] = re.compile(r"\b[1-9][\d,]* articles?\b")
    """What on screen proves the list shows rows."""
    outcomes: list[Outcome] = field(default_factory=list)
    failure: str | None = None
    """Set on the first failed run; the case is not run again."""


def run_in_pty(
    argv: list[str], env: dict[str, str], timeout: float, shown: re.Pattern[str] | None = None
) -> Outcome:
    """Start `argv` on a fresh pseudo-terminal, drain its output, and time it to its exit.

    When `shown` is given, also time the first output (escape sequences removed) it matches.
    """
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the program
        try:
            size = struct.pack("HHHH", TERMINAL_ROWS, TERMINAL_COLUMNS, 0, 0)
            fcntl.ioctl(0, termios.TIOCSWINSZ, size)
            os.chdir(REPO_DIR)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    output = bytearray()
    peak_rss_kb = 0
    deadline = started + timeout
    timed_out = False
    shown_at: float | None = None
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([master], [], [], min(remaining, RSS_SAMPLE_SECONDS))
            peak_rss_kb = max(peak_rss_kb, _peak_rss_kb(pid))
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError as error:  # EIO: the child closed its side of the terminal
                if error.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            if shown is not None and shown_at is None:
                # This chunk with the end of the last, so text split between reads is seen;
                # the kept tail alone would miss the start of a frame larger than itself.
                screen = _ANSI.sub("", (output[-512:] + chunk).decode("utf-8", "replace"))
                if shown.search(screen):
                    shown_at = time.perf_counter() - started
            # Keep only the tail: a failure's last words are what a note needs.
            output += chunk
            del output[:-8192]
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        elapsed = time.perf_counter() - started
    finally:
        os.close(master)
    tail = " ".join(_ANSI.sub("", output.decode("utf-8", "replace")).split())[-200:]
    return Outcome(
        None if timed_out else elapsed,
        shown_at,
        os.waitstatus_to_exitcode(status),
        peak_rss_kb / 1024,
        tail,
    )


def _peak_rss_kb(pid: int) -> int:
    """A running process's peak resident set (VmHWM) in KiB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _environment(cache_dir: Path, data_dir: Path, config_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The developer's own Textual settings (devtools, driver, colours) must not leak in.
        if not key.startswith(("TEXTUAL", "BELREADER_"))
    }
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(TERMINAL_COLUMNS),
        LINES=str(TERMINAL_ROWS),
        BELREADER_CACHE_DIR=str(cache_dir),
        BELREADER_DATA_DIR=str(data_dir),
        BELREADER_CONFIG_DIR=str(config_dir),
    )
    env[EXIT_AFTER_LIST_ENV] = "1"
    return env


def compile_bytecode() -> None:
    """Write .pyc files for the reader and every installed package, as an install has them.

    Without them (PYTHONDONTWRITEBYTECODE set, a fresh checkout) every run recompiles every
    module it imports, and start-up measures the compiler instead. Both the reader and the
    floor import from these folders, so both start with bytecode present. The children still
    run with the caller's environment, so they read the files but write none.
    """
    import compileall
    import sysconfig

    folders = {REPO_DIR / "reader", Path(sysconfig.get_paths()["purelib"])}
    folders.add(Path(sysconfig.get_paths()["platlib"]))
    for folder in sorted(folders):
        if folder.is_dir():
            compileall.compile_dir(folder, quiet=2, workers=0)


def app_supports_exit_after_list() -> bool:
    """Whether the reader's UI knows the environment variable that ends it after the list."""
    ui_dir = REPO_DIR / "reader" / "ui"
    return any(
        EXIT_AFTER_LIST_ENV in path.read_text(encoding="utf-8", errors="replace")
        for path in ui_dir.rglob("*.py")
    )


def _prime_cache(folder: Path, env: dict[str, str]) -> None:
    """Let the core build whatever it caches for `folder`, as a user's earlier session would."""
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "reader", "articles", "--corpus", str(folder), "--json"],
        cwd=REPO_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )


def _run_rounds(cases: list[Case], rounds: int) -> None:
    for _ in range(rounds):
        for case in cases:
            if case.failure:
                continue
            outcome = run_in_pty(case.argv, case.env, TIMEOUT_SECONDS, case.shown)
            if outcome.seconds is None:
                case.failure = f"timed out after {TIMEOUT_SECONDS:.0f} s: {outcome.tail}"
            elif outcome.exit_code != 0:
                case.failure = f"exit code {outcome.exit_code}: {outcome.tail}"
            else:
                case.outcomes.append(outcome)


def run(quick: bool) -> list[dict[str, Any]]:
    """Time the floor, the seeds and generated corpora to the first list frame."""
    rounds = 5 if quick else 7
    sizes = (10_000,) if quick else (10_000, 50_000)
    python = sys.executable
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="belreader-startup-") as scratch:
        root = Path(scratch)

        def env_for(name: str) -> dict[str, str]:
            folders = [root / name / part for part in ("cache", "data", "config")]
            for folder in folders:
                folder.mkdir(parents=True, exist_ok=True)
            return _environment(*folders)

        seed_file = min(SEEDS_DIR.glob("*.txt"))
        floor = Case(
            "floor: bare Textual app, first frame",
            [python, "-c", FLOOR_APP, str(seed_file)],
            env_for("floor"),
            shown=re.compile(r"Article 1\b"),
        )
        cases = [floor]
        ready = app_supports_exit_after_list()
        if ready:
            cases.append(
                Case(
                    "seeds (5 articles): list shown",
                    [python, "-m", "reader", str(SEEDS_DIR)],
                    env_for("seeds"),
                    goal="<= 1.3x floor",
                )
            )
            for size in sizes:
                folder = corpus(size)
                label = f"{size // 1000}k"
                cold = Case(
                    f"{label} cold (empty cache): list shown",
                    [python, "-m", "reader", str(folder)],
                    {},
                    goal="<= 2 s",
                )
                warm = Case(
                    f"{label} warm (cache primed): list shown",
                    [python, "-m", "reader", str(folder)],
                    env_for(f"warm-{size}"),
                    goal="<= 2x floor" if size == 50_000 else None,
                )
                _prime_cache(folder, warm.env)
                cases += [cold, warm]
        # A cold case gets a fresh, empty cache for every run.
        cold_cases = [case for case in cases if "cold" in case.metric]
        for done in range(rounds):
            for case in cold_cases:
                case.env = env_for(f"{case.metric.split()[0]}-cold-{done}")
            _run_rounds(cases, 1)

    return _rows(cases, ready)


def _rows(cases: list[Case], ready: bool) -> list[dict[str, Any]]:
    floor = cases[0]
    floor_shown = median([o.shown_seconds for o in floor.outcomes if o.shown_seconds]) or None
    floor_seconds = median([o.seconds for o in floor.outcomes if o.seconds]) or None
    floor_rss = median([o.peak_rss_mb for o in floor.outcomes]) if floor.outcomes else None
    rows: list[dict[str, Any]] = []
    for case in cases:
        runs = len(case.outcomes)
        if case.failure and not case.outcomes:
            note = "app not ready: " + case.failure if case is not floor else case.failure
            rows.append(row(BENCHMARK, case.metric, None, "s", floor_shown, note=note[:160]))
            continue
        shown = [o.shown_seconds for o in case.outcomes if o.shown_seconds is not None]
        note = f"{runs} runs" + (f"; then failed: {case.failure[:120]}" if case.failure else "")
        if len(shown) < runs:
            note += f"; list seen on screen in {len(shown)} of them"
        rows.append(
            row(
                BENCHMARK,
                case.metric,
                median(shown) if shown else None,
                "s",
                floor_shown,
                goal=case.goal,
                note=note,
            )
        )
    for case in cases:
        if case.outcomes:
            seconds = median([o.seconds for o in case.outcomes if o.seconds is not None])
            metric = f"to exit: {case.metric.split(':')[0]}"
            rows.append(
                row(
                    BENCHMARK,
                    metric,
                    seconds,
                    "s",
                    floor_seconds,
                    note="start to the process's exit, shutdown included",
                )
            )
    if not ready:
        rows.append(
            row(
                BENCHMARK,
                "belreader: list shown",
                None,
                "s",
                floor_seconds,
                note=f"app not ready: reader/ui does not handle {EXIT_AFTER_LIST_ENV} yet",
            )
        )
    for case in cases:
        if case.outcomes:
            rss = median([o.peak_rss_mb for o in case.outcomes])
            metric = f"peak RSS (sampled): {case.metric.split(':')[0]}"
            rows.append(row(BENCHMARK, metric, rss, "MB", floor_rss))
    return rows
