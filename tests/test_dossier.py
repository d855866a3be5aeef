"""Actor dossiers and co-occurrence on the seeds, and the quotes and actor commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.actors import match_corpus
from reader.core.clean import clean
from reader.core.cooccurrence import co_actors, top_pairs
from reader.core.corpus import load
from reader.core.dossier import Dossier, build_dossier, resolve_actor
from reader.core.gazetteer import load_gazetteer
from reader.core.notes import ArticleInfo, NotesStore


def _dossier(seeds_dir: Path, actor_id: str, store: NotesStore | None = None) -> Dossier:
    corpus = load([seeds_dir])
    gazetteer = load_gazetteer([seeds_dir])
    mentions = match_corpus(corpus.articles, gazetteer)
    return build_dossier(actor_id, corpus.articles, mentions, gazetteer, store)


def test_lukashenko_dossier_on_the_seeds(seeds_dir: Path) -> None:
    """Lukashenko: 4 articles, 32 mentions, his six quotes, Putin named beside him."""
    dossier = _dossier(seeds_dir, "lukashenko")
    assert dossier.actor.kind == "person" and "Lukashenka" in dossier.actor.aliases
    assert len(dossier.articles) == 4 and dossier.mentions == 32
    assert dossier.articles[0].mentions == max(a.mentions for a in dossier.articles)
    texts = [q.quote.text for q in dossier.quotes]
    assert "We will not interfere," in texts and "No need." in texts
    assert len(texts) == 6
    # The quote about Lukashenko by Artyom is not his.
    assert not any(t.startswith("Lukashenko is doing his best") for t in texts)
    sentence_partners = {p.second_id for p in dossier.co_actors["sentence"]}
    assert "putin" in sentence_partners
    assert dossier.timeline[0].date == "2022-12-19" and dossier.undated_mentions == 26


def test_putin_dossier_on_the_seeds(seeds_dir: Path) -> None:
    """Putin: his two quotes (not Danilov's about him), first mentions at his name."""
    corpus = load([seeds_dir])
    dossier = _dossier(seeds_dir, "putin")
    texts = [q.quote.text for q in dossier.quotes]
    assert len(texts) == 3
    assert any(t.startswith("We agreed to continue") for t in texts)
    assert not any(t.startswith("Putin demands") for t in texts)
    by_id = {a.id: a for a in corpus.articles}
    for appearance in dossier.articles:
        text = by_id[appearance.article_id].text
        assert "Putin" in text[appearance.first_start : appearance.first_start + 20]
    sourced = next(q for q in dossier.quotes if q.quote.text.startswith("In the coming"))
    assert sourced.source == "Tsarizm"


def test_co_actor_passages_hold_both_actors(seeds_dir: Path) -> None:
    """Each passage of a pair names both actors; paragraphs hold more pairs than sentences."""
    corpus = load([seeds_dir])
    gazetteer = load_gazetteer([seeds_dir])
    mentions = match_corpus(corpus.articles, gazetteer)
    by_id = {a.id: a for a in corpus.articles}
    (pair,) = [
        p for p in co_actors("lukashenko", corpus.articles, mentions) if p.second_id == "putin"
    ]
    for passage in pair.passages:
        spans = mentions.mentions(passage.article_id)
        inside = {m.actor_id for m in spans if passage.start <= m.start < passage.end}
        assert {"lukashenko", "putin"} <= inside
        assert by_id[passage.article_id].text[passage.start : passage.end]
    counts = [
        next(
            p.count
            for p in co_actors("lukashenko", corpus.articles, mentions, s)
            if p.second_id == "putin"
        )
        for s in ("sentence", "paragraph", "article")
    ]
    sentences, paragraphs, articles = counts
    assert sentences <= paragraphs and articles == len(
        mentions.articles_with_all(["lukashenko", "putin"])
    )


def test_top_pairs_are_sorted_and_counted(seeds_dir: Path) -> None:
    """Corpus pairs come most frequent first, each counted by its passages."""
    corpus = load([seeds_dir])
    mentions = match_corpus(corpus.articles, load_gazetteer([seeds_dir]))
    pairs = top_pairs(corpus.articles, mentions, "paragraph", limit=5)
    assert len(pairs) == 5
    assert [p.count for p in pairs] == sorted((p.count for p in pairs), reverse=True)
    assert all(p.count == len(p.passages) and p.first_id < p.second_id for p in pairs)
    assert (pairs[0].first_id, pairs[0].second_id) == ("belarus", "ukraine")


def test_dossier_notes_name_the_actor(seeds_dir: Path, isolated_dirs: Path) -> None:
    """Notes naming the actor (by any alias, any case) or tagging its id are in the dossier."""
    corpus = load([seeds_dir])
    article = corpus.articles[1]
    with NotesStore.open(isolated_dirs / "data") as store:
        store.save_article_note(
            ArticleInfo.from_article(article), "Watch what LUKASHENKA says", None
        )
        dossier = _dossier(seeds_dir, "lukashenko", store)
        other = _dossier(seeds_dir, "putin", store)
    assert [n.body for n in dossier.notes] == ["Watch what LUKASHENKA says"]
    assert other.notes == ()


def test_resolve_actor_by_id_name_or_alias() -> None:
    """Names resolve by id, name or alias, ignoring case and diacritics; unknown is None."""
    gazetteer = load_gazetteer()
    assert resolve_actor("LUKASHENKA", gazetteer) is gazetteer["lukashenko"]
    assert resolve_actor("nauseda", gazetteer) is gazetteer["nauseda"]
    assert resolve_actor("Gitanas Nauséda", gazetteer) is gazetteer["nauseda"]
    assert resolve_actor("nobody at all", gazetteer) is None


def test_undated_article_counts_outside_the_timeline() -> None:
    """Mentions in undated articles are counted apart from the dated timeline."""
    dated = clean("date 2021-03-04 A\n\nLukashenko met Putin. Lukashenko left.", path="a.txt")
    undated = clean("B\n\nLukashenko spoke.", path="b.txt")
    gazetteer = load_gazetteer()
    mentions = match_corpus([dated, undated], gazetteer)
    dossier = build_dossier("lukashenko", [dated, undated], mentions, gazetteer)
    assert [(t.date, t.mentions, t.articles) for t in dossier.timeline] == [("2021-03-04", 2, 1)]
    assert dossier.undated_mentions == 1


def test_quotes_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`belreader quotes --json` gives speaker, id, quote, kind, article and offsets."""
    assert main(["quotes", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 48
    artyom = next(r for r in rows if r["quote"].startswith("Lukashenko is doing"))
    assert (artyom["speaker"], artyom["speaker_id"], artyom["kind"]) == ("Artyom", None, "direct")
    assert set(artyom["article"]) >= {"id", "title", "source", "date", "paths"}
    assert artyom["end"] > artyom["start"]
    dated = [r["article"]["date"] for r in rows if r["article"]["date"]]
    assert dated == sorted(dated) and rows[-1]["article"]["date"] is None


def test_quotes_command_speaker_filter_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """--speaker keeps one speaker's quotes; --format md lists speaker, outlet, date, URL."""
    assert main(["quotes", "--json", "--speaker", "Lukashenka"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6 and {r["speaker_id"] for r in rows} == {"lukashenko"}
    assert main(["quotes", "--format", "md", "--speaker", "danilov"]) == 0
    markdown = capsys.readouterr().out
    assert "## Oleksiy Danilov (direct)" in markdown and "- outlet: Ukrinform" in markdown
    assert "- url: https://www.ukrinform.net/" in markdown and "- date: 2022-12-19" in markdown


def test_quotes_command_unknown_speaker_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --speaker is one clear line on stderr and exit 2."""
    assert main(["quotes", "--speaker", "Nobody Atall"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nobody Atall" in err


def test_actor_command_json_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    """`belreader actor NAME --json` is the dossier; an unknown NAME is one line, exit 2."""
    assert main(["actor", "lukashenka", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actor"]["id"] == "lukashenko" and data["mentions"] == 32
    assert len(data["quotes"]) == 6 and data["quotes"][0]["article"]["title"]
    assert set(data["co_actors"]) == {"sentence", "paragraph", "article"}
    assert main(["actor", "nobody"]) == 2
    assert capsys.readouterr().err.startswith("belreader: no actor named 'nobody'")
