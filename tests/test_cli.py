"""The command line: versions, JSON output, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m reader ARGS` in a subprocess with no terminal."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_version() -> None:
    """--version prints the package version."""
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"belreader {__version__}"


def test_articles_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """`articles --json` lists the five seeds with every promised field."""
    assert main(["articles", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5
    assert set(data[0]) == {
        "id",
        "title",
        "source",
        "date",
        "url",
        "author",
        "paths",
        "words",
        "problems",
    }
    titles = {item["title"] for item in data}
    assert "Will Belarus join the war against Ukraine?" in titles
    assert all(item["words"] > 100 for item in data)


def test_articles_sorted_by_title(capsys: pytest.CaptureFixture[str]) -> None:
    """--sort title orders the list alphabetically."""
    assert main(["articles", "--json", "--sort", "title"]) == 0
    titles = [item["title"] for item in json.loads(capsys.readouterr().out)]
    assert titles == sorted(titles, key=str.casefold)


def test_articles_corpus_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--corpus reads another folder instead of the seeds."""
    (tmp_path / "one.txt").write_text("A headline of my own\n\nSome body text here.\n")
    assert main(["articles", "--corpus", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["title"] for item in data] == ["A headline of my own"]


def test_check_exit_codes(tmp_path: Path) -> None:
    """check exits 0 when all load, 1 when some are skipped, 2 when nothing loads."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("Headline one here\n\nBody.\n")
    assert run_cli("check", str(good)).returncode == 0
    (good / "empty.txt").write_text("")
    mixed = run_cli("check", str(good), "--json")
    assert mixed.returncode == 1
    report = json.loads(mixed.stdout)
    assert report["skipped"][0]["reason"] == "empty file"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "b.txt").write_bytes(b"\x00" * 100)
    assert run_cli("check", str(bad)).returncode == 2


def test_missing_path_is_one_clear_line() -> None:
    """A missing corpus path gives one line on stderr, exit 2, no traceback."""
    result = run_cli("articles", "--corpus", "/no/such/place")
    assert result.returncode == 2
    assert result.stderr.strip() == "belreader: no such file or folder: /no/such/place"
    reader = run_cli("/no/such/place")
    assert reader.returncode == 2
    assert "Traceback" not in reader.stderr
    assert reader.stderr.count("\n") == 1


def test_reader_without_terminal_says_so() -> None:
    """Starting the reader with no terminal explains itself instead of garbling a pipe."""
    result = run_cli()
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_dir_option_sets_the_environment(tmp_path: Path) -> None:
    """--data-dir overrides where notes live, like BELREADER_DATA_DIR."""
    code = (
        "import os\nfrom reader.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'articles', '--json'])\n"
        "from reader.locations import data_dir\nprint(data_dir(), file=open(os.devnull, 'w'))\n"
        "import sys; sys.stderr.write(str(data_dir()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stderr == str(tmp_path)


def test_output_to_a_closed_pipe_is_quiet() -> None:
    """`belreader articles | head -1` ends without a BrokenPipe traceback."""
    result = subprocess.run(
        f"{sys.executable} -m reader articles | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in result.stderr


def test_shorten_cuts_at_a_word_and_says_so() -> None:
    """Long text in the CLI's text output is cut between words and ends with an ellipsis."""
    from reader.commands.common import shorten

    assert shorten("short  text\n here", 50) == "short text here"
    cut = shorten("conventional and nuclear warheads", 25)
    assert cut == "conventional and…" and len(cut) <= 25


def test_a_bad_option_is_one_line_on_stderr() -> None:
    """A bad option or choice gets exactly one line on stderr and exit code 2, no usage dump."""
    for argv in (["articles", "--bogus"], ["articles", "--sort", "nope"], ["notes", "frob"]):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *argv], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2, argv
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "--help" in result.stderr and "Traceback" not in result.stderr
