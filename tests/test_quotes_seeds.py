"""The hand-checked quotes of the seeds: how many are found, and how many rightly attributed."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.actors import match_corpus
from reader.core.corpus import load
from reader.core.gazetteer import load_gazetteer
from reader.core.quotes import Quote, find_article_quotes

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "seed_quotes.json"


def _seed_quotes(
    seeds_dir: Path,
) -> tuple[list[dict[str, str]], dict[str, tuple[str, list[Quote]]]]:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))["quotes"]
    corpus = load([seeds_dir])
    gazetteer = load_gazetteer([seeds_dir])
    mentions = match_corpus(corpus.articles, gazetteer)
    found = {
        Path(article.paths[0]).name: (
            article.text,
            find_article_quotes(article, mentions.mentions(article.id), gazetteer),
        )
        for article in corpus.articles
    }
    return expected, found


def _match(row: dict[str, str], text: str, quotes: list[Quote]) -> Quote | None:
    """The found quote holding the start of the expected one's words."""
    at = text.find(row["begins"])
    assert at >= 0, f"fixture text not in the article: {row['begins']!r}"
    return next((q for q in quotes if q.start <= at < q.end), None)


def test_seed_quotes_found_and_attributed(seeds_dir: Path) -> None:
    """At least 95% of the fixture's quotes are found and 90% of those rightly attributed."""
    expected, found = _seed_quotes(seeds_dir)
    matched = right = same_kind = 0
    wrong: list[str] = []
    for row in expected:
        text, quotes = found[row["file"]]
        quote = _match(row, text, quotes)
        if quote is None:
            wrong.append(f"missed: {row['begins']}")
            continue
        matched += 1
        same_kind += quote.kind == row["kind"]
        if (quote.speaker_id, quote.speaker) == (row["speaker_id"], row["speaker"]):
            right += 1
        else:
            wrong.append(f"{row['begins']}: {quote.speaker} instead of {row['speaker']}")
    found_share = matched / len(expected)
    accuracy = right / matched
    print(
        f"\nseed quotes: {len(expected)} expected, found {matched} ({found_share:.1%}), "
        f"attributed rightly {right} ({accuracy:.1%}), same kind {same_kind}"
    )
    for line in wrong:
        print("  " + line)
    assert found_share >= 0.95
    assert accuracy >= 0.90


def test_seed_quotes_include_no_scare_quotes(seeds_dir: Path) -> None:
    """No found quote is one of the fixture's listed scare quotes or titles."""
    _, found = _seed_quotes(seeds_dir)
    texts = {" ".join(q.text.split()) for _, quotes in found.values() for q in quotes}
    for scare in (
        "false flag",
        "nonsense,",
        "volunteers",
        "high risk",
        "special military operation",
    ):
        assert scare not in texts
    assert not any(t.startswith("Rosemary Thomas:") for t in texts)


def test_seed_quotes_are_not_overcounted(seeds_dir: Path) -> None:
    """Every quote found on the seeds is one of the fixture's (no extra quotes)."""
    expected, found = _seed_quotes(seeds_dir)
    claimed = 0
    for row in expected:
        text, quotes = found[row["file"]]
        claimed += _match(row, text, quotes) is not None
    total = sum(len(quotes) for _, quotes in found.values())
    assert total == claimed == len(expected)
