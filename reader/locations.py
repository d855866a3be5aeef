"""Where belreader keeps things on disk: notes, config, cache and the bundled seeds.

Each place comes from platformdirs and can be overridden by one environment variable,
so tests and users can point belreader anywhere without touching a real home.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "belreader"

DATA_DIR_ENV = "BELREADER_DATA_DIR"
CONFIG_DIR_ENV = "BELREADER_CONFIG_DIR"
CACHE_DIR_ENV = "BELREADER_CACHE_DIR"
NO_CACHE_ENV = "BELREADER_NO_CACHE"
"""When set (to anything but empty), the cache is neither read nor written."""


def _from_env_or(env_name: str, default: str) -> Path:
    override = os.environ.get(env_name, "").strip()
    return Path(override).expanduser() if override else Path(default)


def data_dir() -> Path:
    """The folder holding the user's notes."""
    import platformdirs

    return _from_env_or(DATA_DIR_ENV, platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The folder holding settings and the user's own actors file."""
    import platformdirs

    return _from_env_or(CONFIG_DIR_ENV, platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The folder holding caches that can always be rebuilt."""
    import platformdirs

    return _from_env_or(CACHE_DIR_ENV, platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def seeds_dir() -> Path:
    """The bundled articles: inside the installed package, or at the root of a source tree."""
    packaged = Path(__file__).parent / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def ensure_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
