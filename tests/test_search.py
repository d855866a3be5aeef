"""Search: typo rules, matches and snippets, ranking, operators, actors, notes and scope."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pytest

from reader.core.article import Article, Paragraph
from reader.core.query import WORD
from reader.core.search import NoteDocument, Searcher, SearchIndex, fast_fold, words_of
from reader.core.text import fold


def article(
    article_id: str,
    text: str,
    title: str = "Untitled",
    *,
    source: str | None = None,
    date: str | None = None,
) -> Article:
    """A one-paragraph article for tests."""
    return Article(
        id=article_id,
        title=title,
        source=source,
        date=date,
        url=None,
        author=None,
        paragraphs=(Paragraph("paragraph", text, 0),),
        raw=text,
    )


FILLER = "Officials met again today and talked about the weather and the harvest. "


def searcher(*articles: Article) -> Searcher:
    """A searcher over these articles."""
    return Searcher(SearchIndex.build(articles))


def ids(found_searcher: Searcher, query: str, *, typing: bool = False) -> list[str]:
    """The article ids a query returns, best first."""
    found = found_searcher.search(query, 50, typing=typing)
    assert found.error is None
    return [result.article_id for result in found.results]


# Typo rules, one test each.


def test_short_word_matches_exactly_or_as_prefix() -> None:
    """Up to 4 letters: the word itself or words it begins."""
    found = searcher(article("a", "Troops reached Mozyr."), article("b", "Moz is a word."))
    assert ids(found, "moz") == ["b", "a"]
    assert ids(found, "mozy") == ["a"]


def test_short_word_allows_no_typo() -> None:
    """Up to 4 letters, a typo finds nothing: `mozi` is not `mozy…`."""
    assert ids(searcher(article("a", "Troops reached Mozyr.")), "mozi") == []


def test_five_to_eight_letters_allow_one_edit() -> None:
    """5–8 letters: one insertion, deletion or substitution is forgiven."""
    found = searcher(article("a", "Iskander missiles near Mozyr."))
    assert ids(found, "mozir") == ["a"]  # substitution
    assert ids(found, "iskandr") == ["a"]  # deletion
    assert ids(found, "iskaander") == ["a"]  # insertion (9 letters allow two anyway)


def test_five_to_eight_letters_refuse_two_edits() -> None:
    """5–8 letters: two edits are too many."""
    assert ids(searcher(article("a", "Troops reached Mozyr.")), "mazir") == []


def test_transposition_is_one_edit() -> None:
    """Swapping neighbours counts as one edit (optimal string alignment)."""
    assert ids(searcher(article("a", "Troops reached Mozyr.")), "moyzr") == ["a"]


def test_nine_letters_or_more_allow_two_edits() -> None:
    """9+ letters: two edits are forgiven, three are not."""
    found = searcher(article("a", "Lukashenko spoke."))
    assert ids(found, "lukashanka") == ["a"]
    assert ids(found, "lykashanka") == []


def test_last_word_is_a_prefix_while_typing() -> None:
    """While typing, the last word finds its completions; once typed, it does not."""
    found = searcher(article("a", "Lukashenko spoke."))
    assert ids(found, "lukash", typing=True) == ["a"]
    assert ids(found, "lukash", typing=False) == []


def test_one_letter_being_typed_waits() -> None:
    """A one-letter last word is not searched yet, and the user is told."""
    found = searcher(article("a", "Belarus and war."), article("b", "Belarus only."))
    result = found.search("belarus w", 10, typing=True)
    assert sorted(r.article_id for r in result.results) == ["a", "b"]
    assert any("keep typing" in notice for notice in result.notices)


def test_exact_word_has_no_fuzz() -> None:
    """`'word` finds only the word itself."""
    found = searcher(article("a", "Troops reached Mozyr."))
    assert ids(found, "'mozir") == []
    assert ids(found, "'mozyr") == ["a"]


def test_diacritics_and_case_are_folded() -> None:
    """`nauseda` finds Nausėda, and the match points at the real text."""
    text = "Lithuanian president Gitanas Nausėda argued."
    result = searcher(article("a", text)).search("NAUSEDA", 5, typing=False).results[0]
    (match,) = result.matches
    assert text[match.start : match.end] == "Nausėda" and match.exact


# Matches, labels and snippets.


def test_approximate_match_explains_itself() -> None:
    """An approximate match carries the term it came from: mozir → Mozyr."""
    text = FILLER * 3 + "Troops reached Mozyr on Monday."
    result = searcher(article("a", text)).search("mozir", 5, typing=False).results[0]
    (match,) = result.matches
    assert (match.start, match.end) == (text.index("Mozyr"), text.index("Mozyr") + 5)
    assert match.kind == "approximate" and not match.exact
    assert match.label == "mozir → Mozyr"


def test_every_match_is_returned_in_order() -> None:
    """All matches in the text come back, in text order, for n/N."""
    text = "Mozyr first. " + FILLER * 5 + "Mozyr again. Mozyr thrice."
    result = searcher(article("a", text)).search("mozyr", 5, typing=False).results[0]
    starts = [match.start for match in result.matches]
    assert starts == [i for i in range(len(text)) if text.startswith("Mozyr", i)]


def test_snippet_surrounds_the_match_with_offsets() -> None:
    """The snippet shows the match in context; its highlights point at the match."""
    text = FILLER * 10 + "The Heisbourg remark about corpses drew attention. " + FILLER * 10
    result = searcher(article("a", text)).search("heisbourg corpses", 5).results[0]
    snippet = result.snippet
    assert "Heisbourg remark about corpses" in snippet.text
    assert snippet.text == text[snippet.start : snippet.start + len(snippet.text)]
    marked = [snippet.text[s:e] for s, e in snippet.highlights]
    assert "Heisbourg" in marked and "corpses" in marked
    assert snippet.clipped_start and snippet.clipped_end
    assert snippet.display().startswith("…") and snippet.display().endswith("…")


def test_snippet_line_breaks_keep_offsets() -> None:
    """Line breaks in a snippet become spaces, one for one."""
    text = "First paragraph about Mozyr.\n\nSecond paragraph."
    snippet = searcher(article("a", text)).search("mozyr", 5).results[0].snippet
    assert "\n" not in snippet.text and len(snippet.text) == len(text)


def test_title_matches_are_reported() -> None:
    """Matches in the title come with offsets into the title."""
    result = (
        searcher(article("a", "Nothing here.", "Putin visits Minsk")).search("minsk", 5).results[0]
    )
    assert [(m.start, m.end) for m in result.title_matches] == [(13, 18)]


# Ranking.


def test_title_hit_outranks_body_hit() -> None:
    """A word in the title weighs more than the same word once in the text."""
    found = searcher(
        article("body", FILLER + "Wagner fighters arrived.", "Weather report"),
        article("title", FILLER + "Fighters arrived.", "Wagner in Belarus"),
    )
    assert ids(found, "wagner") == ["title", "body"]


def test_exact_outranks_approximate() -> None:
    """The word as typed ranks above a word one edit away."""
    found = searcher(
        article("near", FILLER + "Troops reached Mozyr."),
        article("exact", FILLER + "Troops reached Mozir."),
    )
    assert ids(found, "mozir") == ["exact", "near"]


def test_close_words_outrank_far_apart() -> None:
    """Words side by side rank above the same words far apart."""
    found = searcher(
        article("far", "Iskander arrived. " + FILLER * 8 + "Nuclear talk."),
        article("close", "Iskander nuclear talk. " + FILLER * 8 + "Arrived."),
    )
    assert ids(found, "iskander nuclear") == ["close", "far"]


def test_ties_are_broken_by_load_order() -> None:
    """Equal scores always come back in the order the articles were loaded."""
    found = searcher(*(article(f"id{n}", "Mozyr.") for n in range(5)))
    assert ids(found, "mozyr") == [f"id{n}" for n in range(5)]
    assert ids(found, "mozyr") == ids(found, "mozyr")


def test_ties_at_the_cut_go_to_the_earliest_articles() -> None:
    """Of equal scores, the earliest articles are shown, however the matches were gathered."""
    later = [article(f"gamma{n}", "Gamma.") for n in range(30)]
    earlier = [article(f"alpha{n}", "Alpha.") for n in range(30)]
    found = searcher(*earlier, *later).search("gamma | alpha", 10, typing=False)
    assert [result.article_id for result in found.results] == [f"alpha{n}" for n in range(10)]


def test_limit_and_total() -> None:
    """`limit` caps the results; `total` counts every match."""
    result = searcher(*(article(f"id{n}", "Mozyr.") for n in range(7))).search("mozyr", 3)
    assert len(result.results) == 3 and result.total == 7


# Operators and fields.


CORPUS = (
    article(
        "a", "Iskander missiles near Mozyr.", "Missiles", source="Ukrinform", date="2022-12-19"
    ),
    article("b", "Putin visited Minsk. National resistance grows.", "Visit", date="2023-02-01"),
    article(
        "c", "Putin spoke about Iskander deployment.", "Speech", source="TASS", date="2024-09-13"
    ),
)


def test_words_are_anded() -> None:
    """Every word must match."""
    assert ids(searcher(*CORPUS), "putin iskander") == ["c"]


def test_exclusion_removes_documents() -> None:
    """`-word` leaves out documents holding it."""
    assert ids(searcher(*CORPUS), "putin -iskander") == ["b"]
    assert ids(searcher(*CORPUS), "putin !iskander") == ["b"]


def test_or_matches_either_side() -> None:
    """`a | b` matches documents with either word."""
    assert sorted(ids(searcher(*CORPUS), "minsk | mozyr")) == ["a", "b"]


def test_phrase_requires_order() -> None:
    """A phrase matches its words side by side, in order only."""
    found = searcher(*CORPUS)
    assert ids(found, '"national resistance"') == ["b"]
    assert ids(found, '"resistance national"') == []


def test_excluded_phrase() -> None:
    """`-"a phrase"` leaves out documents holding the phrase."""
    assert ids(searcher(*CORPUS), 'putin -"national resistance"') == ["c"]


def test_title_source_and_date_fields() -> None:
    """title:, source: and date: narrow by metadata."""
    found = searcher(*CORPUS)
    assert ids(found, "title:missiles") == ["a"]
    assert ids(found, "iskander source:tass") == ["c"]
    assert ids(found, "date:2022") == ["a"]
    assert ids(found, "date:2022-12..2023-02") == ["a", "b"]


def test_malformed_query_comes_back_as_error() -> None:
    """A malformed query returns an error message, never raises."""
    result = searcher(*CORPUS).search('"national resistance', 5)
    assert result.error is not None and "unclosed quote" in result.error
    assert result.results == ()


# Actors, with a fake gazetteer.


class Span(NamedTuple):
    """A mention span, as the actor matcher gives them."""

    start: int
    end: int
    actor_id: str


class FakeNames:
    """A two-actor gazetteer."""

    names = {
        "lukashenko": ("Alexander Lukashenko", "Lukashenko", "Lukashenka", "Лукашенко"),
        "putin": ("Vladimir Putin", "Putin", "Путин"),
    }

    def actor_ids(self, name: str) -> Sequence[str]:
        """Actors with this name."""
        key = " ".join(words_of(name))
        return [a for a, names in self.names.items() if key in {fold(n) for n in names} | {a}]

    def aliases(self, actor_id: str) -> Sequence[str]:
        """An actor's names."""
        return self.names[actor_id]

    def label(self, actor_id: str) -> str:
        """An actor's first name."""
        return self.names[actor_id][0]


def actor_searcher() -> Searcher:
    """Three articles, with mentions found by hand."""
    texts = {
        "ru": "Лукашенко встретился с Путиным.",
        "en": "Lukashenko met officials.",
        "other": "Nobody of note.",
    }
    mentions = {"ru": [Span(0, 9, "lukashenko")], "en": [Span(0, 10, "lukashenko")]}
    articles = [article(key, text) for key, text in texts.items()]
    index = SearchIndex.build(articles, mentions=mentions, resolver=FakeNames())
    return Searcher(index)


def test_alias_widens_a_name_to_the_actor() -> None:
    """`lukashenka` also finds Лукашенко and Lukashenko, shown as aliases."""
    found = actor_searcher().search("lukashenka", 10, typing=False)
    assert sorted(r.article_id for r in found.results) == ["en", "ru"]
    russian = next(r for r in found.results if r.article_id == "ru")
    assert russian.matches[0].kind == "alias"
    assert russian.matches[0].label == "lukashenka → Лукашенко (Alexander Lukashenko)"


def test_actor_field_uses_mentions() -> None:
    """`actor:` finds the articles whose mentions name the actor, highlighting them."""
    found = actor_searcher().search('actor:"Alexander Lukashenko"', 10, typing=False)
    assert sorted(r.article_id for r in found.results) == ["en", "ru"]
    assert all(r.matches[0].kind == "actor" for r in found.results)


def test_unknown_actor_says_so() -> None:
    """An actor nobody goes by returns nothing, with a notice."""
    found = actor_searcher().search("actor:nobody", 10, typing=False)
    assert found.results == () and any("no actor" in n for n in found.notices)


def test_notices_return_with_their_query() -> None:
    """A query searched again (a letter deleted, say) says again what it said the first time."""
    found = searcher(
        *(article(f"id{n}", " ".join(f"ab{n}x{k}" for k in range(30))) for n in range(3))
    )
    first = found.search("ab", 5).notices
    found.search("abc", 5)
    assert any("most common of 90 words" in notice for notice in first)
    assert found.search("ab", 5).notices == first
    nobody = actor_searcher()
    assert nobody.search("actor:nobody", 5).notices == nobody.search("actor:nobody", 5).notices
    assert nobody.search("actor:nobody", 5).notices


def test_actor_without_gazetteer_falls_back_to_text() -> None:
    """Without a gazetteer, `actor:` matches the name as text and says so."""
    found = searcher(*CORPUS).search("actor:putin", 10, typing=False)
    assert sorted(r.article_id for r in found.results) == ["b", "c"]
    assert any("actors not matched yet" in n for n in found.notices)


# Notes.


def test_notes_are_found_and_lead_to_their_article() -> None:
    """A note matching a query is a result leading to its article."""
    index = SearchIndex.build(CORPUS)
    index.add_note(NoteDocument("n1", "a", "Check the Zyabrovka airfield claim.", ("todo",)))
    result = Searcher(index).search("zyabrovka", 5, typing=False).results[0]
    assert (result.kind, result.note_id, result.article_id) == ("note", "n1", "a")


def test_note_and_tag_fields_search_notes_only() -> None:
    """`note:` and `tag:` return notes, not articles."""
    index = SearchIndex.build(CORPUS)
    index.add_note(NoteDocument("n1", "b", "Putin quote to verify.", ("#todo",)))
    index.add_note(NoteDocument("n2", "c", "Nothing to add.", ("done",)))
    found = Searcher(index)
    assert [r.note_id for r in found.search("note:putin", 5, typing=False).results] == ["n1"]
    assert [r.note_id for r in found.search("tag:todo", 5, typing=False).results] == ["n1"]


def test_removed_and_changed_notes() -> None:
    """Removing or rewriting a note changes what is found, even for a reused searcher."""
    index = SearchIndex.build(CORPUS)
    found = Searcher(index)
    index.add_note(NoteDocument("n1", "a", "Zyabrovka airfield."))
    assert found.search("zyabrovka", 5, typing=False).total == 1
    index.add_note(NoteDocument("n1", "a", "Machulishchy airfield."))
    assert found.search("zyabrovka", 5, typing=False).total == 0
    assert found.search("machulishchi", 5, typing=False).total == 1  # a typo away
    index.remove_note("n1")
    assert found.search("airfield", 5, typing=False).total == 0


# Scope, progress, folding.


def test_scope_searches_one_article() -> None:
    """With a scope, only that article is searched, with all its matches."""
    found = searcher(*CORPUS)
    result = found.search("putin", 5, scope="c", typing=False)
    assert [r.article_id for r in result.results] == ["c"]
    assert [m.text for m in found.matches_in("b", "putin")] == ["Putin"]
    assert found.matches_in("a", "putin") == ()


def test_build_reports_progress() -> None:
    """Building calls back with (done, total), ending at total."""
    calls: list[tuple[int, int]] = []
    SearchIndex.build(
        [article(f"id{n}", "Mozyr.") for n in range(1001)],
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[-1] == (1001, 1001) and (500, 1001) in calls


def test_reused_searcher_gives_the_same_answers() -> None:
    """Typing a query letter by letter ends with the same results as searching it at once."""
    query = "putin iskander | mozyr"
    typed = searcher(*CORPUS)
    for length in range(1, len(query)):
        typed.search(query[:length], 5)
    assert typed.search(query, 5).results == searcher(*CORPUS).search(query, 5).results
    assert [r.article_id for r in typed.search(query, 5).results] == ["c"]


@pytest.mark.parametrize(
    "query", ["putin spoke iskander", "putin -mozyr iskander", "iskander | mozyr putin missiles"]
)
def test_every_keystroke_finds_what_a_fresh_search_finds(query: str) -> None:
    """Words met keystroke after keystroke give the results and total of a fresh search."""
    typed = searcher(*CORPUS)
    for length in range(1, len(query) + 1):
        found = typed.search(query[:length], 5)
        fresh = searcher(*CORPUS).search(query[:length], 5)
        assert (found.results, found.total) == (fresh.results, fresh.total), query[:length]


def test_removed_note_stays_out_of_every_query() -> None:
    """A removed note is found by no query, of one word or of several."""
    index = SearchIndex.build(CORPUS)
    found = Searcher(index)
    index.add_note(NoteDocument("n1", "a", "Putin near Mozyr airfield."))
    assert found.search("putin mozyr", 5, typing=False).total == 1
    index.remove_note("n1")
    assert found.search("putin mozyr", 5, typing=False).total == 0
    assert found.search("airfield", 5, typing=False).total == 0
    assert found.search("putin", 5, typing=False).total == 2


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII Text",
        "Nausėda and Łukasz met “Лукашенко” — in Kraków’s square",
        "ΣΊΣΥΦΟΣ İstanbul ǅemal ﬁne straße",
    ],
)
def test_fast_fold_keeps_offsets_and_words(text: str) -> None:
    """The search fold keeps every offset and finds the same words as `fold`."""
    folded = fast_fold(text)
    assert len(folded) == len(text)
    assert words_of(text) == WORD.findall(fold(text))


def test_packed_postings_read_words_as_asked_and_keep_what_is_added() -> None:
    """The cached index's postings: a word's slice once looked up, added words kept, all listed."""
    from array import array

    from reader.core.search import PackedPostings

    words = ["belarus", "minsk", "troops"]
    postings = PackedPostings(words, array("Q", [2, 3, 6]), array("I", [1, 2, 3, 4, 5, 6]))
    assert [postings.frequency(w) for w in (*words, "kyiv")] == [2, 1, 3, 0]
    assert not postings._opened  # counted without slicing
    assert postings.get("minsk") == array("I", [3])
    assert postings["troops"] == array("I", [4, 5, 6])
    assert postings.get("kyiv") is None and "kyiv" not in postings and "belarus" in postings
    found = postings.get("belarus")
    assert found is not None
    found.append(9)  # appended in place, as indexing a note does
    assert postings["belarus"] == array("I", [1, 2, 9])
    postings["kyiv"] = array("I", [7])
    assert list(postings) == ["belarus", "minsk", "troops", "kyiv"] and len(postings) == 4
    assert dict(postings.items())["kyiv"] == array("I", [7])
    with pytest.raises(ValueError):
        PackedPostings(words, array("Q", [2, 3]), array("I", [1, 2, 3]))
