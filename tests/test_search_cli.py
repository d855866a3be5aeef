"""`belreader search`: JSON results with offsets, plain output, and bad queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def test_search_json_has_offsets_into_clean_text(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON results carry metadata, snippet and match offsets into the article's clean text."""
    assert main(["search", "mozir", "--corpus", str(seeds_dir), "--json", "--limit", "3"]) == 0
    results = json.loads(capsys.readouterr().out)
    first = results[0]
    assert Path(first["paths"][0]).name.startswith("001_")
    assert {"id", "title", "source", "date", "paths", "score", "snippet", "matches"} <= set(first)
    from reader.core.corpus import load

    text = next(a.text for a in load([seeds_dir]).articles if a.id == first["id"])
    match = first["matches"][0]
    assert text[match["start"] : match["end"]] == "Mozyr"
    assert (match["term"], match["kind"], match["exact"]) == ("mozir", "approximate", False)


def test_search_plain_output(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain output lists title, snippet and what matched approximately."""
    assert main(["search", "lubakova", "--corpus", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "Will Belarus join the war against Ukraine?" in out
    assert "lubakova → Liubakova" in out


def test_bad_query_is_one_line_and_nonzero(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed query gets one clear line on stderr and a non-zero exit."""
    assert main(["search", "date:2022-13", "--corpus", str(seeds_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "month 13 does not exist" in err
