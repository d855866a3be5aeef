"""Parsing search queries: every operator, every field, and malformed input."""

from __future__ import annotations

import pytest

from reader.core.query import (
    ActorFilter,
    AnyOf,
    DateFilter,
    Exclude,
    Phrase,
    QueryError,
    SourceFilter,
    TagFilter,
    Term,
    parse_query,
)


def test_words_are_separate_clauses_folded() -> None:
    """Each word is its own clause (ANDed), folded for case and diacritics."""
    query = parse_query("Nausėda Belarus")
    assert query.clauses == (Term("nauseda", "Nausėda"), Term("belarus", "Belarus"))


def test_last_word_is_a_prefix_only_while_typing() -> None:
    """While typing, the last word (not followed by a space) is also a prefix."""
    assert parse_query("putin luka", typing=True).clauses[-1] == Term("luka", "luka", prefix=True)
    assert parse_query("putin luka ", typing=True).clauses[-1] == Term("luka", "luka")
    assert parse_query("putin luka").clauses[-1] == Term("luka", "luka")


def test_quoted_phrase() -> None:
    """Double quotes make a phrase of folded words."""
    query = parse_query('"National Resistance" center')
    assert query.clauses[0] == Phrase(("national", "resistance"), "National Resistance")


def test_apostrophe_word_is_exact() -> None:
    """A leading apostrophe asks for the word exactly, never as a prefix."""
    assert parse_query("'mozyr", typing=True).clauses == (Term("mozyr", "mozyr", exact=True),)


@pytest.mark.parametrize("typed", ["-iskander", "!iskander"])
def test_exclusion(typed: str) -> None:
    """`-word` and `!word` exclude the word, matched literally."""
    (clause,) = parse_query(typed).clauses
    assert clause == Exclude(Term("iskander", "iskander", exact=True))


def test_excluded_phrase_and_field() -> None:
    """A phrase or a field can be excluded too."""
    query = parse_query('-"armed forces" -source:tass')
    assert query.clauses == (
        Exclude(Phrase(("armed", "forces"), "armed forces")),
        Exclude(SourceFilter("tass")),
    )


def test_or_binds_neighbours() -> None:
    """`a | b` is one clause of alternatives, ANDed with the other words."""
    query = parse_query("belarus troops | soldiers | army")
    assert query.clauses == (
        Term("belarus", "belarus"),
        AnyOf((Term("troops", "troops"), Term("soldiers", "soldiers"), Term("army", "army"))),
    )


def test_fields() -> None:
    """actor:, source:, title:, note: and tag: each make their clause."""
    query = parse_query(
        'actor:"Alexander Lukashenko" source:Ukrinform title:war note:draft tag:#todo'
    )
    assert query.clauses == (
        ActorFilter("Alexander Lukashenko"),
        SourceFilter("ukrinform"),
        Term("war", "war", field="title"),
        Term("draft", "draft", field="note"),
        TagFilter("todo"),
    )
    assert query.searches_notes_only


def test_title_phrase() -> None:
    """A field's value may be a quoted phrase."""
    assert parse_query('title:"join war"').clauses == (
        Phrase(("join", "war"), "join war", field="title"),
    )


def test_dates() -> None:
    """date: takes a year, a month, a day, or a range with either end open."""
    assert parse_query("date:2022").clauses == (DateFilter("2022", "2022"),)
    assert parse_query("date:2022-12..2023-02").clauses == (DateFilter("2022-12", "2023-02"),)
    assert parse_query("date:2022-1-5..").clauses == (DateFilter("2022-01-05", None),)
    assert parse_query("date:..2023").clauses == (DateFilter(None, "2023"),)


def test_date_range_admits_by_prefix() -> None:
    """A range includes whole months at both ends and leaves undated articles out."""
    dates = DateFilter("2022-12", "2023-02")
    assert dates.admits("2022-12-01") and dates.admits("2023-02-28")
    assert not dates.admits("2022-11-30") and not dates.admits("2023-03-01")
    assert not dates.admits(None)


def test_unknown_field_is_text() -> None:
    """A `name:` that is not a field is searched as words."""
    assert parse_query("kyiv:today").clauses == (Phrase(("kyiv", "today"), "kyiv:today"),)


def test_hyphenated_word_is_a_phrase() -> None:
    """S-400 must match its pieces side by side."""
    assert parse_query("S-400").clauses == (Phrase(("s", "400"), "S-400"),)


def test_punctuation_only_is_ignored() -> None:
    """An atom with no letters at all searches for nothing."""
    assert parse_query("— …").is_empty


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ('"national resistance', "unclosed quote"),
        ('""', "empty phrase"),
        ("|", "'|' needs a word on each side"),
        ("putin |", "'|' needs a word on each side"),
        ("| putin", "'|' needs a word on each side"),
        ("a | | b", "'|' needs a word on each side"),
        ("-", "needs a word after it"),
        ("!", "needs a word after it"),
        ("'", "needs a word after it"),
        ("title:", "'title:' needs a value"),
        ('actor:""', "'actor:' needs a value"),
        ("tag:#", "needs a tag name"),
        ("date:20x", "is not a date"),
        ("date:2022-13", "month 13 does not exist"),
        ("date:2023-02-30", "not a day in the calendar"),
        ("date:2023..2022", "ends before it starts"),
        ("date:..", "give at least one end"),
        ("date:2020..2021..2022", "one '..'"),
        ("a | -b", "cannot be one side of '|'"),
        ('pu"t"in', "quote inside a word"),
    ],
)
def test_malformed_queries_say_what_is_wrong(typed: str, says: str) -> None:
    """Malformed input raises QueryError with a message naming the problem."""
    with pytest.raises(QueryError, match=None) as caught:
        parse_query(typed)
    assert says in str(caught.value)
