"""Workers are started without work on the UI thread that grows with the corpus."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "reader" / "ui"


def _work_decorators() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "work":
                    found.append((f"{path.name}:{node.name}", decorator))
    return found


def test_every_worker_names_its_description() -> None:
    """Without `description=`, Textual's `@work` builds one from `repr()` of every argument,
    on the UI thread: for a worker handed 10,000 articles that was a two-second stall."""
    decorators = _work_decorators()
    assert len(decorators) >= 10
    unnamed = [
        where
        for where, call in decorators
        if not any(keyword.arg == "description" for keyword in call.keywords)
    ]
    assert unnamed == []
