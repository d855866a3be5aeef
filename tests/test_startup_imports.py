"""Start-up loads only what the first frame needs: search, actors, notes and the panels wait."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

DEFERRED = (
    "rapidfuzz",
    "reader.core.search",
    "reader.core.fuzzy",
    "reader.core.clean",
    "reader.core.actors",
    "reader.core.gazetteer",
    "reader.core.notes",
    "reader.ui.commands",
    "reader.ui.widgets.search_panel",
    "reader.ui.widgets.actor_panel",
    "reader.ui.widgets.notes_pane",
    "reader.ui.widgets.passage_picker",
    "textual.widgets._text_area",
)
"""Modules that load on first use or once the list shows (a search, a file to clean, actors,
notes, the hidden panels and the palette), never before the first rows."""

FIRST_ROWS = """
import asyncio, sys
from pathlib import Path
from reader.ui.app import BelreaderApp
from reader.ui.widgets.article_list import ArticleList

seen: list[set[str]] = []
append = ArticleList.append_in_load_order

def spy(self, articles):
    if not seen and articles:
        seen.append(set(sys.modules))
    return append(self, articles)

ArticleList.append_in_load_order = spy

async def main() -> None:
    app = BelreaderApp([Path(sys.argv[1])], watch_signals=False)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(400):
            if seen:
                break
            await pilot.pause(0.01)

asyncio.run(main())
names = sys.argv[2].split(",")
print(",".join(name for name in names if name in seen[0]) if seen else "NO ROWS")
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BELREADER_")}
    for name in ("CACHE", "DATA", "CONFIG"):
        folder = tmp_path / name.lower()
        folder.mkdir(exist_ok=True)
        env[f"BELREADER_{name}_DIR"] = str(folder)
    return env


def test_importing_the_app_defers_search_and_cleaning(tmp_path: Path) -> None:
    """Importing reader.ui.app leaves rapidfuzz, search, fuzzy and clean out of sys.modules."""
    code = (
        "import sys\n"
        "import reader.ui.app\n"
        f"print(','.join(m for m in {DEFERRED!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_environment(tmp_path),
    )
    assert result.stdout.strip() == ""


def test_warm_start_shows_rows_before_search_and_cleaning_load(tmp_path: Path) -> None:
    """With the cache primed, the first rows reach the list before any deferred module loads."""
    env = _environment(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "reader", "articles", "--corpus", str(SEEDS), "--json"],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    result = subprocess.run(
        [sys.executable, "-c", FIRST_ROWS, str(SEEDS), ",".join(DEFERRED)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.stdout.strip() == ""
