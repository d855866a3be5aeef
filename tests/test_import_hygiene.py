"""The core and the non-interactive CLI never import Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader.core

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(f"reader.core.{info.name}" for info in pkgutil.iter_modules(reader.core.__path__))


def test_core_modules_import_no_ui_library() -> None:
    """Importing every core module leaves textual and rich out of sys.modules."""
    modules = _core_modules()
    assert "reader.core.corpus" in modules and "reader.core.clean" in modules
    assert "reader.core.cache" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import reader.cli, reader.locations\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""


def test_cli_subcommands_run_without_ui_library() -> None:
    """`articles`, `check`, `search` and `cache` run to the end without textual or rich."""
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "main(['articles', '--json'])\n"
        "main(['check', 'seeds'])\n"
        "main(['search', 'mozir', '--json'])\n"
        "main(['cache', 'info'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "sys.stderr.write('UI:' + ','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stderr.strip().endswith("UI:")
