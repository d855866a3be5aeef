"""Fixtures shared by every test: the developer's own notes, config and cache stay untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the data, config and cache dirs at a fresh temporary folder for each test."""
    home = tmp_path_factory.mktemp("home")
    for name in ("DATA", "CONFIG", "CACHE"):
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"BELREADER_{name}_DIR", str(folder))
    return home


@pytest.fixture
def seeds_dir() -> Path:
    """The five bundled articles in the source tree."""
    return SEEDS
