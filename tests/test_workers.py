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


def test_loading_reports_often_at_first_then_seldom() -> None:
    """The first screenful fills smoothly; after that each report (a redraw of the list and
    status on the UI thread) comes a few times a second: 20 a second made a cold 10,000
    article load half as slow again in the app as in the core alone."""
    from reader.ui.screens.main import report_every

    assert report_every(0.0) <= 0.05
    assert report_every(0.5) <= 0.05
    assert 0.25 <= report_every(1.5) <= 0.5
    assert report_every(30.0) == report_every(1.5)
