"""Packed mentions: the same mentions and counts as one `Mention` object per name, cached or not."""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.core.actors import (
    CorpusMentions,
    Mention,
    MentionColumns,
    MentionsBuilder,
    MentionsByArticle,
    match_corpus,
    resolve,
)
from reader.core.article import Article
from reader.core.cache import CorpusCache
from reader.core.corpus import load
from reader.core.gazetteer import Gazetteer, load_gazetteer, merge_layers
from reader.core.search import GazetteerNames, Searcher, SearchIndex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

Reference = dict[str, tuple[Mention, ...]]


def _reference(articles: Sequence[Article], gazetteer: Gazetteer) -> Reference:
    """Mentions the plain way: every article's hits, then shared surnames resolved over all."""
    hits = {article.id: gazetteer.matcher.hits(article.text) for article in articles}
    named = {
        article_id: {h.actor_ids[0] for h in found if not h.ambiguous and not h.demonym}
        for article_id, found in hits.items()
    }
    corpus_full: Counter[str] = Counter()
    for names in named.values():
        corpus_full.update(names)
    return {
        article_id: tuple(resolve(found, named[article_id], corpus_full))
        for article_id, found in hits.items()
    }


def _counts(reference: Reference, demonyms: bool) -> dict[str, dict[str, int]]:
    """Per actor, how often each article names it (the old dict-of-dicts, in article order)."""
    table: dict[str, dict[str, int]] = {}
    for article_id, mentions in reference.items():
        kept = [m.actor_id for m in mentions if demonyms or not m.demonym]
        for actor_id, count in Counter(kept).most_common():
            table.setdefault(actor_id, {})[article_id] = count
    return table


def _assert_same(mentions: CorpusMentions, reference: Reference) -> None:
    """Mentions, per-article counts and corpus counts agree with the reference, both views."""
    assert dict(mentions.by_article) == reference
    assert list(mentions.by_article) == list(reference)
    for show in (True, False):
        view = mentions.with_demonyms(show)
        table = _counts(reference, show)
        for article_id, expected in reference.items():
            kept = tuple(m for m in expected if show or not m.demonym)
            assert view.mentions(article_id) == kept
            ordered = dict(Counter(m.actor_id for m in kept).most_common())
            assert list(view.counts(article_id).items()) == list(ordered.items())
        for actor_id, per_article in table.items():
            assert list(view.article_counts(actor_id).items()) == list(per_article.items())
            assert view.articles_with(actor_id) == frozenset(per_article)
        totals = {a: sum(per.values()) for a, per in table.items()}
        assert view.corpus_counts() == dict(sorted(totals.items(), key=lambda i: (-i[1], i[0])))
        assert list(view.corpus_counts()) == sorted(totals, key=lambda a: (-totals[a], a))
        spread = {a: len(per) for a, per in table.items()}
        assert list(view.article_frequency().items()) == sorted(
            spread.items(), key=lambda i: (-i[1], i[0])
        )
        assert view.article_counts("no-such-actor") == {}
        assert view.articles_with("no-such-actor") == frozenset()
        assert view.articles_with_all([]) == frozenset(reference)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of 300 articles (some with shared surnames and demonyms)."""
    from benchmarks.generate import write_corpus

    return write_corpus(300, 1, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module", params=["seeds", "generated"])
def corpus(request: pytest.FixtureRequest, generated: Path) -> tuple[list[Article], Gazetteer]:
    """The seeds or the generated corpus, with the bundled gazetteer."""
    folder = SEEDS if request.param == "seeds" else generated
    return list(load([folder]).articles), load_gazetteer([folder])


def test_the_generated_corpus_resolves_shared_surnames(generated: Path) -> None:
    """The corpus used below does exercise shared surnames and demonyms."""
    articles = load([generated]).articles
    matcher = load_gazetteer([generated]).matcher
    hits = [h for article in articles for h in matcher.hits(article.text)]
    assert any(h.ambiguous for h in hits) and any(h.demonym for h in hits)


def test_packed_mentions_equal_one_object_per_name(corpus: tuple[list[Article], Gazetteer]) -> None:
    """`match_corpus` gives the reference's mentions, counts and article sets."""
    articles, gazetteer = corpus
    _assert_same(match_corpus(articles, gazetteer), _reference(articles, gazetteer))


def test_cached_mentions_equal_one_object_per_name_cold_and_warm(
    tmp_path: Path, corpus: tuple[list[Article], Gazetteer]
) -> None:
    """From names found now, then from cached names in a new cache object: the same mentions."""
    articles, gazetteer = corpus
    reference = _reference(articles, gazetteer)
    path = tmp_path / "cache.sqlite3"
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["matched"] == len(articles)
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["names reused"] == len(articles) and cache.stats["matched"] == 0
        assert not cache.warnings


def test_names_are_found_again_once_the_cache_is_cleared(
    tmp_path: Path, corpus: tuple[list[Article], Gazetteer]
) -> None:
    """After `clear`, names are matched again, and a half-cached corpus packs alike."""
    articles, gazetteer = corpus
    reference = _reference(articles, gazetteer)
    path = tmp_path / "cache.sqlite3"
    with CorpusCache.open(path) as cache:
        cache.match_corpus(articles[: len(articles) // 2], gazetteer)
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["names reused"] == len(articles) // 2
        assert cache.clear()
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["matched"] == len(articles)


@pytest.mark.parametrize("damage", ["entry", "length", "odd bytes"])
def test_a_damaged_names_row_is_matched_again(tmp_path: Path, generated: Path, damage: str) -> None:
    """An unknown entry number or arrays of unequal length: that article is matched again."""
    articles = list(load([generated]).articles)
    gazetteer = load_gazetteer([generated])
    path = tmp_path / "cache.sqlite3"
    with CorpusCache.open(path) as cache:
        cache.match_corpus(articles, gazetteer)
    victim = next(a for a in articles if gazetteer.matcher.hits(a.text))
    with sqlite3.connect(path) as db:
        if damage == "entry":
            blob = array("I", [10**6] * len(gazetteer.matcher.hits(victim.text))).tobytes()
            db.execute("UPDATE names SET entries = ? WHERE article_id = ?", (blob, victim.id))
        elif damage == "length":
            db.execute("UPDATE names SET ends = x'' WHERE article_id = ?", (victim.id,))
        else:
            db.execute(
                "UPDATE names SET starts = x'01', ends = x'01', entries = x'01' "
                "WHERE article_id = ?",
                (victim.id,),
            )
    with CorpusCache.open(path) as cache:
        mentions = cache.match_corpus(articles, gazetteer)
        assert cache.stats["matched"] == 1 and cache.warnings
    assert dict(mentions.by_article) == _reference(articles, gazetteer)


def test_a_shared_surname_resolves_from_cached_names_by_the_corpus(tmp_path: Path) -> None:
    """Cached names: a lone surname goes to the one person the corpus names, else is dropped."""
    people = (
        '[[actor]]\nid = "ivan"\nname = "Ivan Petrov"\nkind = "person"\naliases = ["Petrov"]\n'
        '[[actor]]\nid = "oleg"\nname = "Oleg Petrov"\nkind = "person"\naliases = ["Petrov"]\n'
        '[[actor]]\nid = "anna"\nname = "Anna Sidorova"\nkind = "person"\n'
        'aliases = ["Sidorova"]\n'
        '[[actor]]\nid = "olga"\nname = "Olga Sidorova"\nkind = "person"\n'
        'aliases = ["Sidorova"]\n'
        '[[actor]]\nid = "by"\nname = "Belarus"\nkind = "state"\ndemonyms = ["Belarusian"]\n'
    )
    gazetteer = merge_layers([("people.toml", people)])
    texts = [
        "Ivan Petrov met the press. Petrov said no.",
        "Later, Petrov spoke in Belarus to Belarusian troops.",
        "Anna Sidorova and Olga Sidorova; Sidorova left.",
        "Sidorova again, and Petrov.",
        "Nothing here.",
    ]
    from reader.core.article import Paragraph

    articles = [
        Article(f"a{n}", "T", None, None, None, None, (Paragraph("paragraph", t, 0),), t)
        for n, t in enumerate(texts)
    ]
    reference = _reference(articles, gazetteer)
    assert [m.actor_id for m in reference["a1"]] == ["ivan", "by", "by"]
    assert [m.actor_id for m in reference["a2"]] == ["anna", "olga"]
    assert [m.actor_id for m in reference["a3"]] == ["ivan"]
    _assert_same(match_corpus(articles, gazetteer), reference)
    with CorpusCache.open(tmp_path / "cache.sqlite3") as cache:
        cache.match_corpus(articles, gazetteer)
    with CorpusCache.open(tmp_path / "cache.sqlite3") as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["names reused"] == len(articles)


def test_corpus_mentions_from_objects_round_trip() -> None:
    """Mentions given as objects come back equal, in order, empty articles included."""
    given = {
        "b": (Mention(0, 7, "belarus"), Mention(9, 19, "belarus", True), Mention(30, 40, "eu")),
        "a": (),
        "c": (Mention(5, 9, "eu"),),
    }
    mentions = CorpusMentions(given)
    assert isinstance(mentions.by_article, MentionsByArticle)
    assert mentions.by_article == given and list(mentions.by_article) == ["b", "a", "c"]
    assert mentions.by_article.get("missing") is None and "a" in mentions.by_article
    assert mentions.mentions("missing") == () and mentions.counts("missing") == {}
    assert CorpusMentions(mentions.by_article, False).mentions("b") == given["b"][::2]
    assert CorpusMentions().by_article == {} and not CorpusMentions().by_article


def test_mention_columns_hold_the_same_mentions_with_demonyms_or_without() -> None:
    """An article's columns list what `mentions` gives, demonyms shown or left out."""
    given = {
        "b": (Mention(0, 7, "belarus"), Mention(9, 19, "belarus", True), Mention(30, 40, "eu")),
        "a": (),
    }
    for show in (True, False):
        mentions = CorpusMentions(given, show)
        for article_id in ("b", "a", "missing"):
            expected = MentionColumns.of(mentions.mentions(article_id))
            assert mentions.columns(article_id) == expected
    assert CorpusMentions(given, False).columns("b").actor_ids == ["belarus", "eu"]


def test_a_builder_filled_out_of_order_keeps_the_reserved_order() -> None:
    """Positions reserved first and filled later (waiting articles) keep corpus order."""
    builder = MentionsBuilder(["minsk", "", "kyiv"], [False, False, True])
    first, second = builder.reserve("one"), builder.reserve("two")
    assert builder.reserve("one") == first
    builder.put(second, [3], [8], ["kyiv"], [True])
    builder.put_codes(first, [0, 10], [4, 12], [0, builder.code("warsaw", False)])
    mentions = builder.build()
    assert mentions.by_article == {
        "one": (Mention(0, 4, "minsk"), Mention(10, 12, "warsaw")),
        "two": (Mention(3, 8, "kyiv", True),),
    }


def test_actor_search_on_packed_mentions_equals_plain_ones(generated: Path) -> None:
    """`actor:` ranks alike from packed mentions and from a plain dict of the same mentions."""
    articles = list(load([generated]).articles)
    gazetteer = load_gazetteer([generated])
    mentions = match_corpus(articles, gazetteer)
    resolver = GazetteerNames(gazetteer)
    packed = SearchIndex.build(articles, mentions=mentions.by_article, resolver=resolver)
    plain = SearchIndex.build(articles, mentions=dict(mentions.by_article), resolver=resolver)
    for query in ("actor:lukashenko", "actor:putin minsk", "actor:belarus -actor:russia"):
        left, right = Searcher(packed).search(query, 30), Searcher(plain).search(query, 30)
        assert left.total == right.total and left.total > 0, query
        assert left.results == right.results, query


def test_names_saved_while_another_process_numbered_entries_stay_right(
    tmp_path: Path, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries numbered by another cache between this one's read and its save are mapped."""
    articles = list(load([generated]).articles)
    gazetteer = load_gazetteer([generated])
    reference = _reference(articles, gazetteer)
    path = tmp_path / "cache.sqlite3"
    save_names = CorpusCache._save_names
    other = CorpusCache.open(path)

    def save_after_the_other(self: CorpusCache, *args: object) -> None:
        if self is not other:
            # The other process matches the corpus backwards: names numbered in another order.
            other.match_corpus(articles[::-1], gazetteer)
        save_names(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(CorpusCache, "_save_names", save_after_the_other)
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
    other.close()
    monkeypatch.setattr(CorpusCache, "_save_names", save_names)
    with CorpusCache.open(path) as cache:
        _assert_same(cache.match_corpus(articles, gazetteer), reference)
        assert cache.stats["names reused"] == len(articles) and not cache.warnings
