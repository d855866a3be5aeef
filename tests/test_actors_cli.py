"""`belreader actors`: JSON output, candidates, and a broken actors file as a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def test_actors_json_lists_mentioned_actors_with_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The JSON has each mentioned actor with its fields, mentions and per-article counts."""
    assert main(["actors", "--json"]) == 0
    actors = {a["id"]: a for a in json.loads(capsys.readouterr().out)["actors"]}
    lukashenko = actors["lukashenko"]
    assert {"id", "name", "kind", "role", "aliases", "mentions", "articles"} <= set(lukashenko)
    assert lukashenko["kind"] == "person" and "Lukashenka" in lukashenko["aliases"]
    assert lukashenko["mentions"] == sum(lukashenko["articles"].values()) > 20
    assert "zelensky" not in actors


def test_actors_candidates_come_with_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    """--candidates adds names, counts and evidence sentences."""
    assert main(["actors", "--json", "--candidates"]) == 0
    (candidate,) = json.loads(capsys.readouterr().out)["candidates"]
    assert candidate["name"] == "Artyom" and candidate["count"] == 2
    assert any("Artyom" in sentence for sentence in candidate["evidence"])


def test_broken_user_actors_file_is_one_warning_line_and_exit_1(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken user file: a warning with file and line on stderr, results still printed."""
    user_file = isolated_dirs / "config" / "actors.toml"
    user_file.write_text('[[actor]]\nid = "x"\nname = "X\n', encoding="utf-8")
    assert main(["actors", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"belreader: warning: {user_file}:3: not valid TOML")
    assert "Traceback" not in captured.err
    assert json.loads(captured.out)["actors"]


def test_corpus_actors_file_and_no_demonyms_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An actors.toml beside the corpus adds actors; --no-demonyms drops demonym mentions."""
    (tmp_path / "a.txt").write_text(
        "Headline\n\nArtyom met Belarusian officers in Minsk.\n", encoding="utf-8"
    )
    (tmp_path / "actors.toml").write_text(
        '[[actor]]\nid = "artyom"\nname = "Artyom"\nkind = "person"\n', encoding="utf-8"
    )
    assert main(["actors", "--corpus", str(tmp_path), "--json", "--no-demonyms"]) == 0
    ids = {a["id"] for a in json.loads(capsys.readouterr().out)["actors"]}
    assert ids == {"artyom", "minsk"}
