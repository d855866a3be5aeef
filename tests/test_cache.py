"""The cache of parsed articles, names and indexes: invalidation, damage, sharing, CLI."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.actors import match_corpus
from reader.core.cache import SCHEMA_VERSION, CorpusCache
from reader.core.corpus import load
from reader.core.gazetteer import BUNDLED_PATH, Gazetteer, load_gazetteer, merge_layers
from reader.core.search import GazetteerNames, NoteDocument, Searcher, SearchIndex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERIES = ("lukashenka", "mozir", "iskander nuclear", '"national resistance"', "actor:putin -bel")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of the five seeds, free to change."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    """Where the test's cache lives."""
    return tmp_path / "cache" / "cache.sqlite3"


def _load(cache_file: Path, folder: Path) -> tuple[list[str], CorpusCache]:
    """Load through a fresh cache object; the reprs of the articles and the cache used."""
    cache = CorpusCache.open(cache_file)
    corpus = cache.load([folder])
    cache.close()
    return [repr(article) for article in corpus.articles], cache


def _age(path: Path, seconds: float = 60) -> None:
    """Date a file in the past, so the cache trusts its mtime (a fresh one is re-hashed)."""
    info = path.stat()
    shift = int(seconds * 1e9)
    os.utime(path, ns=(info.st_atime_ns - shift, info.st_mtime_ns - shift))


def _age_all(folder: Path) -> None:
    for path in folder.iterdir():
        _age(path)


def _seed(folder: Path, number: int) -> Path:
    return sorted(folder.glob("*.txt"))[number]


def test_second_load_reuses_every_article_unchanged(cache_file: Path, corpus_dir: Path) -> None:
    """A second load parses nothing and gives exactly the articles a plain load gives."""
    _age_all(corpus_dir)
    first, cold = _load(cache_file, corpus_dir)
    second, warm = _load(cache_file, corpus_dir)
    assert cold.stats["parsed"] == 5 and warm.stats["parsed"] == 0
    assert warm.stats["reused"] == 5
    assert first == second == [repr(a) for a in load([corpus_dir]).articles]
    assert not cold.warnings and not warm.warnings


def test_an_added_file_is_the_only_one_read(cache_file: Path, corpus_dir: Path) -> None:
    """A file added since the last load is parsed; the others come from the cache."""
    _age_all(corpus_dir)
    _load(cache_file, corpus_dir)
    (corpus_dir / "new.txt").write_text("Minsk hosts drills\n\nTroops gathered near Brest.\n")
    articles, cache = _load(cache_file, corpus_dir)
    assert cache.stats["parsed"] == 1 and cache.stats["reused"] == 5
    assert any("Minsk hosts drills" in article for article in articles)


def test_a_changed_file_is_read_again(cache_file: Path, corpus_dir: Path) -> None:
    """A file whose content changed shows its new text, and only it is parsed."""
    _age_all(corpus_dir)
    _load(cache_file, corpus_dir)
    target = _seed(corpus_dir, 1)
    target.write_text("Changed headline about Gomel\n\nA new body.\n", encoding="utf-8")
    articles, cache = _load(cache_file, corpus_dir)
    assert cache.stats["parsed"] == 1
    assert any("Changed headline about Gomel" in a for a in articles)


def test_a_same_size_edit_right_after_caching_is_caught_by_content(
    cache_file: Path, corpus_dir: Path
) -> None:
    """A file changed within the clock's granularity, size and mtime kept, is re-hashed."""
    target = _seed(corpus_dir, 0)
    os.utime(target)  # changed just now, as an editor saving it would
    _load(cache_file, corpus_dir)
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Belarus", "Belarux", 1), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    articles, _ = _load(cache_file, corpus_dir)
    assert any("Belarux" in article for article in articles)


def test_a_deleted_file_drops_out_and_is_forgotten(cache_file: Path, corpus_dir: Path) -> None:
    """A deleted file's article is gone from the next load and from the cache's tables."""
    _age_all(corpus_dir)
    _load(cache_file, corpus_dir)
    _seed(corpus_dir, 2).unlink()
    articles, cache = _load(cache_file, corpus_dir)
    assert len(articles) == 4 and cache.stats["forgotten"] == 1
    with CorpusCache.open(cache_file) as reopened:
        info = reopened.info()
    assert info.files == 4 and info.articles == 4


def test_a_renamed_file_is_found_by_content(cache_file: Path, corpus_dir: Path) -> None:
    """A renamed file is not cleaned again: its article is found by content, at its new path."""
    _age_all(corpus_dir)
    _load(cache_file, corpus_dir)
    old = _seed(corpus_dir, 3)
    new = corpus_dir / "moved" / "renamed.txt"
    new.parent.mkdir()
    old.rename(new)
    cache = CorpusCache.open(cache_file)
    corpus = cache.load([corpus_dir])
    assert cache.stats["parsed"] == 0 and cache.stats["by content"] == 1
    assert [str(new)] in [article.paths for article in corpus.articles]
    assert [repr(a) for a in corpus.articles] == [repr(a) for a in load([corpus_dir]).articles]


def test_a_title_made_from_the_file_name_follows_a_rename(cache_file: Path, tmp_path: Path) -> None:
    """An article titled after its file name gets its new name's title when renamed."""
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "first-name.txt").write_text("Advertisement\n", encoding="utf-8")
    assert [a.title for a in load([folder]).articles] == ["first-name"]
    _age_all(folder)
    _load(cache_file, folder)
    (folder / "first-name.txt").rename(folder / "second-name.txt")
    cache = CorpusCache.open(cache_file)
    corpus = cache.load([folder])
    assert [a.title for a in corpus.articles] == ["second-name"]


def _gazetteer_with_extra_actor() -> Gazetteer:
    extra = '[[actor]]\nid = "artyom"\nname = "Artyom"\nkind = "person"\n'
    bundled = BUNDLED_PATH.read_text(encoding="utf-8")
    return merge_layers([(str(BUNDLED_PATH), bundled), ("extra.toml", extra)])


def test_cached_mentions_equal_a_fresh_match(cache_file: Path, corpus_dir: Path) -> None:
    """Mentions from the cache equal `match_corpus`, names found once and then reused."""
    gazetteer = load_gazetteer([corpus_dir])
    articles = load([corpus_dir]).articles
    expected = match_corpus(articles, gazetteer).by_article
    with CorpusCache.open(cache_file) as cache:
        first = cache.match_corpus(articles, gazetteer)
        second = cache.match_corpus(articles, gazetteer)
        assert cache.stats["matched"] == 5 and cache.stats["names reused"] == 5
    assert first.by_article == second.by_article == expected


def test_shared_surnames_resolve_across_the_corpus_from_the_cache(cache_file: Path) -> None:
    """A shared surname alone resolves, from cached names too, to the person named in full."""
    from reader.core.article import Article, Paragraph

    people = (
        '[[actor]]\nid = "ivan"\nname = "Ivan Petrov"\nkind = "person"\naliases = ["Petrov"]\n'
        '[[actor]]\nid = "oleg"\nname = "Oleg Petrov"\nkind = "person"\naliases = ["Petrov"]\n'
    )
    gazetteer = merge_layers([("people.toml", people)])
    texts = ["Ivan Petrov met the press. Petrov said no.", "Later, Petrov spoke in Minsk."]
    articles = [
        Article(f"a{n}", "T", None, None, None, None, (Paragraph("paragraph", t, 0),), t)
        for n, t in enumerate(texts)
    ]
    expected = match_corpus(articles, gazetteer).by_article
    assert [m.actor_id for m in expected["a1"]] == ["ivan"]
    with CorpusCache.open(cache_file) as cache:
        first = cache.match_corpus(articles, gazetteer).by_article
        second = cache.match_corpus(articles, gazetteer).by_article
        assert cache.stats["names reused"] == 2
    assert first == second == expected


def test_a_changed_gazetteer_rematches_without_reparsing(
    cache_file: Path, corpus_dir: Path
) -> None:
    """A new actor in the gazetteer is found in every article, none of which is parsed again."""
    _age_all(corpus_dir)
    with CorpusCache.open(cache_file) as cache:
        articles = cache.load([corpus_dir]).articles
        cache.match_corpus(articles, load_gazetteer([corpus_dir]))
    with CorpusCache.open(cache_file) as cache:
        articles = cache.load([corpus_dir]).articles
        changed = _gazetteer_with_extra_actor()
        mentions = cache.match_corpus(articles, changed)
        assert cache.stats["parsed"] == 0 and cache.stats["matched"] == 5
    assert "artyom" in mentions.corpus_counts()
    assert mentions.by_article == match_corpus(articles, changed).by_article


def test_a_loaded_index_answers_as_a_built_one(cache_file: Path, corpus_dir: Path) -> None:
    """The cached index gives the same results as a fresh build, notes included."""
    articles = load([corpus_dir]).articles
    gazetteer = load_gazetteer([corpus_dir])
    mentions = match_corpus(articles, gazetteer)
    resolver = GazetteerNames(gazetteer)
    note = NoteDocument("n1", articles[0].id, "Gomel bunkers near the border", ("drills",))
    built = SearchIndex.build(
        articles, notes=[note], mentions=mentions.by_article, resolver=resolver
    )
    with CorpusCache.open(cache_file) as cache:
        cache.search_index(articles, mentions=mentions, resolver=resolver)
        loaded = cache.search_index(articles, notes=[note], mentions=mentions, resolver=resolver)
        assert cache.stats["index built"] == 1 and cache.stats["index loaded"] == 1
    for query in (*QUERIES, "bunkers", "tag:drills"):
        fresh, cached = Searcher(built).search(query, 10), Searcher(loaded).search(query, 10)
        assert fresh.results == cached.results and fresh.total == cached.total, query
        assert fresh.expansions == cached.expansions, query


def test_a_loaded_vocabulary_finds_the_same_typos(cache_file: Path, corpus_dir: Path) -> None:
    """The cached typo index (stable hashes) gives every word's one-edit neighbours unchanged."""
    articles = load([corpus_dir]).articles
    with CorpusCache.open(cache_file) as cache:
        built = cache.search_index(articles).vocabulary
        loaded = cache.search_index(articles).vocabulary
    assert type(built) is not type(loaded)
    words = [w for w in built.completions("") if 5 <= len(w) <= 8 and w.isalpha()][::7]
    assert len(words) > 50
    for word in words:
        typo = word[:2] + ("x" if word[2] != "x" else "y") + word[3:]
        for probe in (word, typo, word[:-1], word + "s"):
            assert built.neighbours(probe, 1) == loaded.neighbours(probe, 1), probe


def test_an_index_of_other_articles_is_not_used(cache_file: Path, corpus_dir: Path) -> None:
    """A changed corpus builds a new index rather than loading the old one."""
    articles = load([corpus_dir]).articles
    with CorpusCache.open(cache_file) as cache:
        cache.search_index(articles)
        cache.search_index(articles[:3])
        assert cache.stats["index built"] == 2


def _populate(cache_file: Path, folder: Path) -> None:
    with CorpusCache.open(cache_file) as cache:
        articles = cache.load([folder]).articles
        cache.search_index(articles)
        cache.match_corpus(articles, load_gazetteer([folder]))


def test_a_corrupt_cache_is_rebuilt_with_a_notice(cache_file: Path, corpus_dir: Path) -> None:
    """A cache file of garbage is replaced: a warning, and the corpus loads in full."""
    _age_all(corpus_dir)
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"this is not a database at all" * 200)
    articles, cache = _load(cache_file, corpus_dir)
    assert len(articles) == 5
    assert any("rebuilt" in warning for warning in cache.warnings)
    _, again = _load(cache_file, corpus_dir)
    assert not again.warnings and again.stats["reused"] == 5


def test_a_truncated_cache_never_crashes(cache_file: Path, corpus_dir: Path) -> None:
    """A cache cut short (a full disk, a copy stopped half way) gives the right corpus anyway."""
    _populate(cache_file, corpus_dir)
    with sqlite3.connect(cache_file) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = cache_file.stat().st_size
    with open(cache_file, "r+b") as handle:
        handle.truncate(size // 3)
    expected = [repr(a) for a in load([corpus_dir]).articles]
    cache = CorpusCache.open(cache_file)
    corpus = cache.load([corpus_dir])
    mentions = cache.match_corpus(corpus.articles, load_gazetteer([corpus_dir]))
    index = cache.search_index(corpus.articles, mentions=mentions)
    assert [repr(a) for a in corpus.articles] == expected
    assert Searcher(index).search("mozir", 5).results
    assert cache.warnings


def test_an_old_version_cache_is_rebuilt_with_a_notice(cache_file: Path, corpus_dir: Path) -> None:
    """A cache written by another version is emptied and rebuilt, saying so."""
    _populate(cache_file, corpus_dir)
    with sqlite3.connect(cache_file) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    articles, cache = _load(cache_file, corpus_dir)
    assert len(articles) == 5 and cache.stats["parsed"] == 5
    assert any("another version" in warning for warning in cache.warnings)
    with sqlite3.connect(cache_file) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_unusable_cache_dir_only_warns(tmp_path: Path, corpus_dir: Path) -> None:
    """A cache dir that cannot be created leaves the cache off with a warning; loading works."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = CorpusCache.open(blocker / "cache.sqlite3")
    assert not cache.enabled and cache.warnings
    assert len(cache.load([corpus_dir]).articles) == 5


def test_two_processes_sharing_a_cache_leave_it_whole(tmp_path: Path) -> None:
    """Three processes filling one cache at once all finish cleanly (a lock is not damage)."""
    from benchmarks.generate import write_corpus

    folder = write_corpus(60, 3, tmp_path / "generated")
    _age_all(folder)
    cache_file = tmp_path / "shared" / "cache.sqlite3"
    code = (
        "import sys\nfrom pathlib import Path\nfrom reader.core.cache import CorpusCache\n"
        "c = CorpusCache.open(Path(sys.argv[1]))\n"
        "n = len(c.load([sys.argv[2]]).articles)\n"
        "c.search_index(c.load([sys.argv[2]]).articles)\n"
        "print(n, len(c.warnings))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(cache_file), str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert [out.split() for out, _ in outputs] == [["60", "0"]] * 3, outputs
    with sqlite3.connect(cache_file) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cache = CorpusCache.open(cache_file)
    cache.load([folder])
    assert cache.stats["reused"] == 60 and cache.stats["parsed"] == 0


def _open_interrupted(
    monkeypatch: pytest.MonkeyPatch, cache_file: Path, moment: int
) -> tuple[CorpusCache, list[str], list[CorpusCache]]:
    """Open a cache, opening another just before statement number `moment` of its opening.

    Returns:
        The cache, the statements its opening ran, and the other cache (none if it never ran).
    """
    connect = sqlite3.connect
    first: list[sqlite3.Connection] = []
    statements: list[str] = []
    others: list[CorpusCache] = []

    def open_another(statement: str) -> None:
        statements.append(statement)
        # Outside a transaction the first connection holds no lock: the other opens at once,
        # as a second process starting at that moment would.
        if len(statements) == moment + 1 and not first[0].in_transaction:
            with CorpusCache.open(cache_file) as other:
                others.append(other)

    def traced_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        if not first:
            first.append(db)
            db.set_trace_callback(open_another)
        return db

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", traced_connect)
        cache = CorpusCache.open(cache_file)
    first[0].set_trace_callback(None)
    return cache, statements, others


def test_a_cache_opened_while_another_creates_it_sees_all_or_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus_dir: Path
) -> None:
    """Another cache opened between any two statements of a new cache's opening rebuilds nothing."""
    _age_all(corpus_dir)
    for moment in range(100):
        cache_file = tmp_path / f"at-{moment}" / "cache.sqlite3"
        cache, statements, others = _open_interrupted(monkeypatch, cache_file, moment)
        if len(statements) <= moment:
            break
        where = f"another cache opened before {statements[moment]!r}"
        assert [other.warnings for other in others] == [[]] * len(others), where
        assert len(cache.load([corpus_dir]).articles) == 5, where
        assert cache.warnings == [], where
        cache.close()
    else:
        pytest.fail("the cache took more than 100 statements to open")


def test_a_cache_locked_too_long_is_given_up_saying_so_once(
    monkeypatch: pytest.MonkeyPatch, cache_file: Path, corpus_dir: Path
) -> None:
    """A write kept waiting past the timeout by another process's lock gives the cache up, once."""
    monkeypatch.setattr("reader.core.cache.BUSY_TIMEOUT_MS", 200)
    _age_all(corpus_dir)
    cache = CorpusCache.open(cache_file)
    holder = sqlite3.connect(cache_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        articles = cache.load([corpus_dir]).articles
        cache.search_index(articles)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(articles) == 5 and not cache.enabled
    assert cache.warnings == [
        f"cache {cache_file} stayed locked by another process for over 0.2 s: "
        "carrying on without the cache"
    ]
    assert cache_file.exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (sqlite3.SQLITE_BUSY, "database is locked"),
        (sqlite3.SQLITE_BUSY | 1 << 8, "database is locked"),  # SQLITE_BUSY_RECOVERY
        (sqlite3.SQLITE_PROTOCOL, "locking protocol"),
    ],
)
def test_a_lock_met_while_opening_is_waited_for_not_taken_for_damage(
    monkeypatch: pytest.MonkeyPatch, cache_file: Path, corpus_dir: Path, code: int, message: str
) -> None:
    """An opening refused at once for a lock is tried again; the cached articles are kept."""
    _age_all(corpus_dir)
    _populate(cache_file, corpus_dir)
    connect = sqlite3.connect
    refusals = [code] * 3

    def refusing_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        if refusals:
            error = sqlite3.OperationalError(message)
            error.sqlite_errorcode = refusals.pop()
            raise error
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", refusing_connect)
    cache = CorpusCache.open(cache_file)
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert cache.enabled and cache.warnings == []
    cache.load([corpus_dir])
    assert cache.stats["reused"] == 5 and cache.warnings == []


def test_cli_cache_info_and_clear(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    """`cache info` counts what `articles` and `search` cached; `cache clear` empties it."""
    assert main(["articles", "--corpus", str(corpus_dir), "--json"]) == 0
    assert main(["search", "mozir", "--corpus", str(corpus_dir), "--json"]) == 0
    capsys.readouterr()
    assert main(["cache", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["files"] == 5 and info["articles"] == 5 and info["indexes"] == 1
    assert info["mentions"] == 5 and info["size_bytes"] > 0
    assert info["path"].startswith(os.environ["BELREADER_CACHE_DIR"])
    assert main(["cache", "clear"]) == 0
    assert "cleared" in capsys.readouterr().out
    assert main(["cache", "info"]) == 0
    text = capsys.readouterr().out
    assert "files:    0" in text and "articles: 0" in text


def test_cli_no_cache_writes_nothing(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    """`--no-cache` answers the same and leaves the cache empty."""
    assert main(["search", "mozir", "--corpus", str(corpus_dir), "--json", "--no-cache"]) == 0
    uncached = json.loads(capsys.readouterr().out)
    assert main(["cache", "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == 0
    for _ in range(2):  # the first run fills the cache, the second reads it
        assert main(["search", "mozir", "--corpus", str(corpus_dir), "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == uncached


def test_cli_cache_errors_are_one_line(tmp_path: Path) -> None:
    """A cache dir that is a file: `cache info` fails in one line, `articles` still works."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    env = {**os.environ, "BELREADER_CACHE_DIR": str(blocker)}
    run = [sys.executable, "-m", "reader"]
    info = subprocess.run(
        [*run, "cache", "info"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert info.returncode == 2
    assert "Traceback" not in info.stderr
    assert info.stderr.strip().splitlines()[-1].startswith("belreader: ")
    articles = subprocess.run(
        [*run, "articles"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert articles.returncode == 0 and len(articles.stdout.splitlines()) == 5
    assert "Traceback" not in articles.stderr and "cache not used" in articles.stderr


# Lazy bodies and the folder prefetch.


def _many(folder: Path, count: int = 60) -> Path:
    """A folder of `count` small articles: more than the first chunk, so the prefetch runs."""
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:03}.txt").write_text(
            f"Report {number} from Minsk\n\nLukashenko met {number} officers in Brest.\n"
            f"\nPlease Follow us on Telegram\n",
            encoding="utf-8",
        )
    _age_all(folder)
    return folder


def test_a_warm_load_reads_bodies_only_when_used(cache_file: Path, tmp_path: Path) -> None:
    """Cached articles come without their text; reading it gives exactly what a parse gives."""
    folder = _many(tmp_path / "many")
    CorpusCache.open(cache_file).load([folder])
    cache = CorpusCache.open(cache_file)
    articles = cache.load([folder]).articles
    cache.close()
    assert cache.stats["reused"] == 60 and cache.stats["parsed"] == 0
    assert not any(article.loaded for article in articles)
    fresh = load([folder]).articles
    # What the list and the index key need is there without the body.
    assert [(a.id, a.title, a.text_length, a.words) for a in articles] == [
        (a.id, a.title, len(a.text), a.words) for a in fresh
    ]
    assert not any(article.loaded for article in articles)
    # Read after the cache was closed: from the file it left behind.
    assert articles == fresh
    assert all(article.loaded for article in articles)


def test_a_body_gone_from_the_cache_is_read_from_its_file(cache_file: Path, tmp_path: Path) -> None:
    """Another process clearing the cache after the load loses no text: the file is read again."""
    folder = _many(tmp_path / "many")
    CorpusCache.open(cache_file).load([folder])
    articles = CorpusCache.open(cache_file).load([folder]).articles
    other = CorpusCache.open(cache_file)
    assert other.clear()
    other.close()
    fresh = load([folder]).articles
    assert [a.paragraphs for a in articles] == [a.paragraphs for a in fresh]
    assert [a.raw for a in articles] == [a.raw for a in fresh]


def test_a_body_gone_with_its_file_says_why(cache_file: Path, tmp_path: Path) -> None:
    """Cache cleared and file deleted: the article shows a line saying so, and nothing raises."""
    folder = _many(tmp_path / "many")
    CorpusCache.open(cache_file).load([folder])
    articles = CorpusCache.open(cache_file).load([folder]).articles
    CorpusCache.open(cache_file).clear()
    gone = Path(articles[0].paths[0])
    gone.unlink()
    assert "could not be read again" in articles[0].text
    assert str(gone) in articles[0].text
    assert articles[1].text  # the others still read


def test_the_prefetch_sees_changed_added_and_deleted_files(
    cache_file: Path, tmp_path: Path
) -> None:
    """Past the first chunk, files known in bulk are still checked one by one."""
    folder = _many(tmp_path / "many")
    CorpusCache.open(cache_file).load([folder])
    (folder / "055.txt").write_text("Changed later\n\nNew text about Grodno.\n", encoding="utf-8")
    (folder / "059.txt").unlink()
    (folder / "070.txt").write_text("Added later\n\nA text about Vitebsk.\n", encoding="utf-8")
    cache = CorpusCache.open(cache_file)
    articles = cache.load([folder]).articles
    assert cache.stats["parsed"] == 2 and cache.stats["reused"] == 58
    assert [repr(a) for a in articles] == [repr(a) for a in load([folder]).articles]
    assert "Changed later" in {a.title for a in articles}
    assert cache.stats["forgotten"] == 1
    again = CorpusCache.open(cache_file)
    assert len(again.load([folder]).articles) == 60
    assert again.stats["parsed"] == 0 and again.stats["forgotten"] == 0


def test_the_prefetch_forgets_nothing_of_a_neighbouring_folder(
    cache_file: Path, tmp_path: Path
) -> None:
    """Loading `many` alone keeps what the cache knows of `many2` and of `many/sub`."""
    folder = _many(tmp_path / "many")
    neighbour = _many(tmp_path / "many2")
    CorpusCache.open(cache_file).load([folder, neighbour])
    cache = CorpusCache.open(cache_file)
    cache.load([folder])
    assert cache.stats["reused"] == 60 and cache.stats["forgotten"] == 0
    cache = CorpusCache.open(cache_file)
    cache.load([neighbour])
    assert cache.stats["reused"] == 60 and cache.stats["parsed"] == 0


def test_walk_files_gives_each_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The absolute paths built folder by folder are `os.path.abspath`'s, however given."""
    from reader.core.corpus import walk_files

    folder = _many(tmp_path / "many", 3)
    (folder / "sub").mkdir()
    (folder / "sub" / "x.md").write_text("# X\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("many", "many/", "./many/../many", str(folder), "many/000.txt"):
        found = [item for item in walk_files([given]) if isinstance(item, tuple)]
        assert found
        assert [absolute for _, absolute, _ in found] == [os.path.abspath(p) for p, _, _ in found]


@pytest.mark.parametrize("count", [0, 60])
def test_a_warm_duplicate_knows_both_paths(cache_file: Path, tmp_path: Path, count: int) -> None:
    """Two files of one text are one article with both paths, warm as cold (first chunk or not)."""
    folder = _many(tmp_path / "many", count) if count else tmp_path / "many"
    folder.mkdir(exist_ok=True)
    for name in ("dup-a.txt", "dup-b.txt"):
        (folder / name).write_text("Same title\n\nThe same text about Minsk.\n", encoding="utf-8")
        _age(folder / name)
    for _ in range(2):
        cache = CorpusCache.open(cache_file)
        corpus = cache.load([folder])
        same = [a for a in corpus.articles if a.title == "Same title"]
        assert [[Path(p).name for p in a.paths] for a in same] == [["dup-a.txt", "dup-b.txt"]]
    assert cache.stats["parsed"] == 0


def test_a_cold_load_lets_saved_bodies_go_and_reads_them_back(
    cache_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed and cached, bodies are read again on use, and only so much text stays at once."""
    from reader.core import article as article_module

    folder = _many(tmp_path / "many")
    cache = CorpusCache.open(cache_file)
    articles = cache.load([folder]).articles
    assert cache.stats["parsed"] == 60
    assert not any(a.loaded for a in articles)  # saved, so let go
    monkeypatch.setattr(article_module, "RESIDENT_CHARACTERS", 500)
    fresh = load([folder]).articles
    assert [a.text for a in articles] == [a.text for a in fresh]
    assert [a.paragraphs for a in articles] == [a.paragraphs for a in fresh]
    held = [a for a in articles if a.loaded]
    assert 0 < len(held) < 20
    assert sum(a.text_length + len(a.raw) for a in held) <= 500 + max(
        a.text_length + len(a.raw) for a in held
    )


def test_the_index_key_follows_every_field_the_index_uses() -> None:
    """Id, text length, title, source and date each change the key; the same corpus keeps it."""
    from types import SimpleNamespace

    from reader.core.cache import _index_key

    def article(**changes: object) -> Any:
        fields = {"id": "a1", "text_length": 10, "title": "T", "source": "S", "date": "2024-01-01"}
        return SimpleNamespace(**(fields | changes))

    key = _index_key([article(), article(id="a2")])
    assert _index_key([article(), article(id="a2")]) == key
    for changes in (
        {"id": "a3"},
        {"text_length": 11},
        {"title": "T!"},
        {"source": None},
        {"date": None},
        {"date": "2024-01-02"},
    ):
        assert _index_key([article(**changes), article(id="a2")]) != key
    assert _index_key([article(id="a2"), article()]) != key
    # Text moving from one field into the next makes another key, not the same bytes.
    assert _index_key([article(title="ab", source="c")]) != _index_key(
        [article(title="a", source="bc")]
    )
    assert _index_key([article(title="ab"), article(title="c")]) != _index_key(
        [article(title="a"), article(title="bc")]
    )


def test_a_process_that_ends_with_the_cache_open_leaves_no_log(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """Closed at exit: the write-ahead log is folded into the file, not left for the next start.

    The next start would read a left log back whole before its first query (0.1-0.3 s at
    50,000 articles).
    """
    cache_file = tmp_path / "cache" / "cache.sqlite3"
    code = (
        "import sys; from pathlib import Path; from reader.core.cache import CorpusCache; "
        "cache = CorpusCache.open(Path(sys.argv[1])); cache.load([sys.argv[2]]); "
        "articles = cache.load([sys.argv[2]]).articles; cache.search_index(articles); "
        "assert Path(sys.argv[1] + '-wal').exists(); "
        # Held by a thread still running at exit, as the reader's workers hold theirs: such
        # objects are never finalised, so only closing at exit folds the log.
        "import threading, time; "
        "threading.Thread(target=lambda held=cache: time.sleep(60), daemon=True).start()"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(cache_file), str(corpus_dir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert cache_file.exists()
    assert not Path(f"{cache_file}-wal").exists()
    with CorpusCache.open(cache_file) as cache:
        assert cache.load([corpus_dir]).articles
        assert cache.stats["reused"] == 5


def test_closing_the_cache_folds_its_log_and_bodies_still_read(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """`close` closes the bodies' reader too; a body asked for later is read all the same."""
    cache_file = tmp_path / "cache.sqlite3"
    with CorpusCache.open(cache_file) as cache:
        cache.load([corpus_dir])
    cache = CorpusCache.open(cache_file)
    articles = cache.load([corpus_dir]).articles
    assert not articles[0].loaded
    first_text = articles[0].text
    cache.close()
    assert not Path(f"{cache_file}-wal").exists()
    assert articles[1].text and first_text
    assert articles[1].text == load([corpus_dir]).articles[1].text


def test_every_field_of_an_article_comes_back_from_the_cache(tmp_path: Path) -> None:
    """Problems, several URLs, no source, front matter: a cached article equals a fresh one."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "bad-byte.txt").write_bytes(
        b"A headline about Minsk\n\nSee https://example.org/a and https://example.org/b now.\n"
        b"A stray byte \xff in the body.\n"
    )
    (folder / "front.md").write_text(
        "---\ntitle: Front matter title\nauthor: A. Writer\nsource: BelTA\ndate: 2024-05-01\n"
        "url: https://belta.by/x\n---\n\nBody about Lukashenko.\n",
        encoding="utf-8",
    )
    (folder / "plain.txt").write_text("Untitled words only\n", encoding="utf-8")
    fresh = sorted(load([folder]).articles, key=lambda a: a.id)
    assert any(a.problems for a in fresh) and any(len(a.urls) > 1 for a in fresh)
    assert any(a.source is None for a in fresh) and any(a.author for a in fresh)
    cache_file = tmp_path / "cache.sqlite3"
    _age_all(folder)
    for expected_reused in (0, 3):
        with CorpusCache.open(cache_file) as cache:
            cached = sorted(cache.load([folder]).articles, key=lambda a: a.id)
            assert cache.stats["reused"] == expected_reused
        for got, want in zip(cached, fresh, strict=True):
            assert (got.id, got.title, got.source, got.date, got.url, got.author) == (
                want.id,
                want.title,
                want.source,
                want.date,
                want.url,
                want.author,
            )
            assert (got.urls, got.problems, got.paths, got.format) == (
                want.urls,
                want.problems,
                want.paths,
                want.format,
            )
            assert (got.text_length, got.words, got.text) == (
                want.text_length,
                want.words,
                want.text,
            )
