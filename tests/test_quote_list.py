"""Quotes as a reader lists them: speaker filter, exports, `quotes -o`, timelines, date ranges."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.actors import match_corpus
from reader.core.article import Article
from reader.core.articles import Articles
from reader.core.corpus import load
from reader.core.dossier import build_dossier
from reader.core.gazetteer import load_gazetteer
from reader.core.quote_list import (
    by_speaker,
    default_export_path,
    export_quotes,
    quotes_json_text,
    quotes_markdown,
)
from reader.core.quotes import Quote, find_quotes
from reader.core.timeline import timeline_buckets


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], list[Quote], object, object]:
    """The seeds loaded, matched and their quotes found once for the module."""
    seeds_dir = Path(__file__).resolve().parent.parent / "seeds"
    corpus = load([seeds_dir])
    gazetteer = load_gazetteer([seeds_dir])
    mentions = match_corpus(corpus.articles, gazetteer)
    return corpus.articles, find_quotes(corpus.articles, mentions, gazetteer), gazetteer, mentions


def test_by_speaker_matches_names_and_aliases_folded(seeds: tuple) -> None:  # type: ignore[type-arg]
    """Part of a name or alias, any case or accent, finds the speaker; "unattr" the unattributed."""
    _, quotes, gazetteer, _ = seeds
    lukashenko = [q for q in quotes if q.speaker_id == "lukashenko"]
    assert by_speaker(quotes, "LUKASHEN", gazetteer) == lukashenko
    assert by_speaker(quotes, "lukashenka", gazetteer) == lukashenko  # an alias
    assert by_speaker(quotes, "", gazetteer) == quotes
    assert all(q.speaker_id == "danilov" for q in by_speaker(quotes, "Danílov", gazetteer))
    unattributed = by_speaker(quotes, "unattr", gazetteer)
    assert unattributed == [q for q in quotes if not q.attributed]


def test_markdown_export_names_speaker_article_outlet_date_and_url(seeds: tuple) -> None:  # type: ignore[type-arg]
    """Each quote in Markdown has its speaker, words, article, outlet, date and URL."""
    articles, quotes, _, _ = seeds
    by_id = {a.id: a for a in articles}
    text = quotes_markdown(quotes, by_id)
    assert text.count("\n## ") == len(quotes)
    assert text.count("- article: ") == text.count("- outlet: ") == len(quotes)
    assert text.count("- date: ") == text.count("- url: ") == len(quotes)
    assert "## Oleksiy Danilov (direct)" in text and "- date: 2022-12-19" in text


def test_json_export_is_a_list_of_quote_objects(seeds: tuple) -> None:  # type: ignore[type-arg]
    """The JSON export parses to one object per quote with speaker, quote and article fields."""
    articles, quotes, _, _ = seeds
    rows = json.loads(quotes_json_text(quotes, {a.id: a for a in articles}))
    assert len(rows) == len(quotes)
    assert rows[0]["quote"] == quotes[0].text and rows[0]["speaker"] == quotes[0].speaker
    assert {"id", "title", "source", "date", "url", "paths"} <= set(rows[0]["article"])


def test_export_writes_atomically_over_an_old_file(tmp_path: Path, seeds: tuple) -> None:  # type: ignore[type-arg]
    """An export replaces an old file whole and leaves no temporary file."""
    articles, quotes, _, _ = seeds
    target = tmp_path / "quotes.json"
    target.write_text("old")
    assert export_quotes(quotes, {a.id: a for a in articles}, "json", target) == target
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(quotes)
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.json"]


def test_default_export_path_is_named_by_the_time() -> None:
    """Exports are named by the time they were made, with the format's ending."""
    when = datetime(2026, 12, 3, 8, 15, 0)
    assert default_export_path(Path("/d"), "md", when) == Path("/d/quotes-2026-12-03-081500.md")


def test_quotes_cli_writes_a_file(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`belreader quotes -o FILE` writes JSON or Markdown by --format or by the file's ending."""
    json_file = tmp_path / "q.json"
    assert (
        main(["quotes", "--corpus", str(seeds_dir), "--speaker", "putin", "-o", str(json_file)])
        == 0
    )
    rows = json.loads(json_file.read_text(encoding="utf-8"))
    assert rows and {r["speaker_id"] for r in rows} == {"putin"}
    md_file = tmp_path / "q.txt"
    assert main(["quotes", "--corpus", str(seeds_dir), "--format", "md", "-o", str(md_file)]) == 0
    assert md_file.read_text(encoding="utf-8").startswith("# Quotes")
    assert capsys.readouterr().out == ""
    assert main(["quotes", "--corpus", str(seeds_dir), "-o", str(tmp_path / "q.txt")]) != 0
    assert "--format md" in capsys.readouterr().err


def test_dossier_reuses_quotes_found_already(seeds: tuple) -> None:  # type: ignore[type-arg]
    """A dossier built from the corpus's quotes holds the same quotes as one that finds them."""
    articles, quotes, gazetteer, mentions = seeds
    found = build_dossier("lukashenko", articles, mentions, gazetteer)
    reused = build_dossier("lukashenko", articles, mentions, gazetteer, quotes=quotes)
    assert reused.quotes == found.quotes and len(reused.quotes) == 6


def test_timeline_buckets_by_month_with_gaps() -> None:
    """Dates months apart are summed per month, the empty months between them as zero."""
    buckets = timeline_buckets([("2022-12-19", 4), ("2023-03-01", 1), ("2022-12-01", 2)])
    assert buckets == [("2022-12", 6), ("2023-01", 0), ("2023-02", 0), ("2023-03", 1)]


def test_timeline_buckets_by_day_for_short_spans() -> None:
    """A span of a few weeks is counted per day; unparsable dates are left out."""
    buckets = timeline_buckets([("2024-09-13", 2), ("2024-09-15", 1), ("2024-99", 5)])
    assert buckets == [("2024-09-13", 2), ("2024-09-14", 0), ("2024-09-15", 1)]
    assert timeline_buckets([]) == []


def _article(title: str, date: str | None) -> Article:
    return Article(
        id=title, title=title, source=None, date=date, url=None, author=None, paragraphs=(), raw=""
    )


def test_timeline_order_and_date_range() -> None:
    """The timeline order is oldest first, undated last; the range spans the dated articles."""
    view = Articles(
        (_article("b", None), _article("c", "2024-01-02"), _article("a", "2022-05-01"))
    ).sorted_by("timeline")
    assert [a.title for a in view] == ["a", "c", "b"]
    assert view.date_range.describe() == "2022-05-01 → 2024-01-02, 1 undated"
    assert Articles((_article("x", None),)).date_range.describe() == "no dates, 1 undated"
