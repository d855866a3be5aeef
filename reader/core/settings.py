"""The user's settings: a small JSON file in the config dir, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reader.locations import config_dir

SETTINGS_FILE = "settings.json"

RECENT_QUERIES_KEPT = 50
"""How many recent search queries are remembered."""


@dataclass(slots=True)
class Settings:
    """What the reader remembers between runs."""

    theme: str = "textual-dark"
    """The Textual theme last chosen."""
    sort_order: str = "date"
    """How the article list was last sorted."""
    show_demonyms: bool = True
    """Whether demonyms (Belarusian, Russian) are highlighted as their state."""
    recent_queries: list[str] = field(default_factory=list)
    """Search queries run lately, the newest first, without repeats."""


def with_recent_query(recent: list[str], query: str) -> list[str]:
    """The recent queries with `query` first (moved up if already there), capped."""
    query = query.strip()
    if not query:
        return list(recent)
    kept = [query, *(item for item in recent if item != query)]
    return kept[:RECENT_QUERIES_KEPT]


def settings_path() -> Path:
    """Where the settings file lives."""
    return config_dir() / SETTINGS_FILE


def load_settings() -> tuple[Settings, str | None]:
    """Read the settings; a missing file gives defaults, a broken one defaults and a warning."""
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError) as error:
        return Settings(), f"settings not read ({path}): {error}"
    if not isinstance(data, dict):
        return Settings(), f"settings not read ({path}): not a JSON object"
    known = {f.name: f.type for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    defaults = Settings()
    for name, value in list(values.items()):
        if not isinstance(value, type(getattr(defaults, name))):
            del values[name]
        elif isinstance(value, list):
            values[name] = [item for item in value if isinstance(item, str)]
    return Settings(**values), None


def save_settings(settings: Settings) -> None:
    """Write the settings atomically (temp file, fsync, rename); raises OSError on failure."""
    write_atomic(settings_path(), json.dumps(asdict(settings), indent=2) + "\n")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
