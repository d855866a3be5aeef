"""Parsing what a user types into the search box: words, phrases, operators and fields.

The grammar, fzf-style where fzf has one:

- words are ANDed; `'word` matches the word exactly (no typo tolerance, no prefix);
- `"an exact phrase"`; `!word` or `-word` excludes (also `-"a phrase"`, `-source:x`);
- `a | b` matches either side (binds tighter than the space between words);
- fields: `actor:NAME`, `source:`, `title:`, `note:`, `tag:`, `date:2022`,
  `date:2022-12..2023-02` (either end may be left open); a field's value may be quoted.

Malformed input raises `QueryError` with a message saying what is wrong; nothing else escapes.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from reader.core.text import fold

TextField = Literal["title", "note"]
"""Fields whose value is searched as text, restricted to one part of the documents."""

FIELDS = ("actor", "source", "title", "date", "note", "tag")
"""The field names a query understands; any other `name:` is plain text."""

WORD = re.compile(r"[^\W_]+")
"""What a word is, in queries and in indexed text alike: letters and digits."""

_FIELD = re.compile(r"([A-Za-z]+):")
_DATE_PART = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class QueryError(ValueError):
    """A query that cannot be understood, with a message saying what is wrong."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word to find, with how loosely it may match."""

    word: str
    """The word folded (lower case, no diacritics), as it is looked up."""
    typed: str
    """The word as the user typed it, for showing what matched what."""
    exact: bool = False
    """True for `'word`: no typo tolerance and no prefix."""
    prefix: bool = False
    """True for the last word while the user is still typing it: completions match too."""
    field: TextField | None = None
    """Restrict to titles or to notes; None searches article text, titles and notes."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear together, in this order."""

    words: tuple[str, ...]
    """The phrase's words, folded."""
    typed: str
    """The phrase as the user typed it, without quotes."""
    field: TextField | None = None
    """Restrict to titles or to notes; None searches article text, titles and notes."""


@dataclass(frozen=True, slots=True)
class ActorFilter:
    """Documents naming an actor, by any of its names."""

    name: str
    """The name as typed; resolved to actors by the gazetteer."""


@dataclass(frozen=True, slots=True)
class SourceFilter:
    """Documents from an outlet whose name contains this text (folded)."""

    text: str
    """The folded text the source must contain."""


@dataclass(frozen=True, slots=True)
class DateFilter:
    """Documents dated within a range of ISO date prefixes, ends included."""

    start: str | None
    """The first date prefix included (`2022`, `2022-12`, `2022-12-19`); None: no lower end."""
    end: str | None
    """The last date prefix included; None: no upper end."""

    def admits(self, date: str | None) -> bool:
        """Whether an article's ISO date falls within the range; undated never does."""
        if date is None:
            return False
        if self.start is not None and date[: len(self.start)] < self.start:
            return False
        return self.end is None or date[: len(self.end)] <= self.end


@dataclass(frozen=True, slots=True)
class TagFilter:
    """Notes carrying a tag."""

    tag: str
    """The tag, folded, without a leading `#`."""


@dataclass(frozen=True, slots=True)
class Exclude:
    """Documents matching the inner clause are left out."""

    clause: Clause
    """What must not match."""


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Documents matching at least one of the options."""

    options: tuple[Clause, ...]
    """Two or more clauses, as typed between `|`."""


Clause = Term | Phrase | ActorFilter | SourceFilter | DateFilter | TagFilter | Exclude | AnyOf
"""One thing a document must satisfy."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: clauses a document must all satisfy."""

    clauses: tuple[Clause, ...]
    """Every clause, in the order typed."""
    text: str
    """The query as typed."""

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to search for."""
        return not self.clauses

    @property
    def searches_notes_only(self) -> bool:
        """True when a `note:` or `tag:` clause asks for notes rather than articles."""
        return any(_is_note_clause(clause) for clause in self.clauses)


def _is_note_clause(clause: Clause) -> bool:
    if isinstance(clause, TagFilter):
        return True
    if isinstance(clause, Term | Phrase):
        return clause.field == "note"
    if isinstance(clause, AnyOf):
        return all(_is_note_clause(option) for option in clause.options)
    return False


@dataclass(frozen=True, slots=True)
class _Token:
    """A piece of the query between spaces: an atom, or the `|` operator."""

    text: str
    """The atom as typed (quotes kept), or `|`."""
    quoted: bool
    """True when the atom contains a quoted part."""


def parse_query(text: str, *, typing: bool = False) -> Query:
    """Parse a query; with `typing`, the last word also matches as a prefix.

    Raises:
        QueryError: the query is malformed (unclosed quote, bad date, lone operator...).
    """
    tokens = _tokenise(text)
    still_typing = typing and bool(text) and not text[-1].isspace()
    groups: list[list[Clause]] = []
    expecting_option = False
    for index, token in enumerate(tokens):
        if token.text == "|" and not token.quoted:
            if not groups or expecting_option:
                raise QueryError("'|' needs a word on each side (write a | b)")
            expecting_option = True
            continue
        is_last = index == len(tokens) - 1
        clause = _parse_atom(token, prefix=still_typing and is_last)
        if clause is None:
            expecting_option = False
            continue
        if expecting_option:
            if isinstance(clause, Exclude) or isinstance(groups[-1][-1], Exclude):
                raise QueryError("an excluded word cannot be one side of '|' (write -a -b)")
            groups[-1].append(clause)
            expecting_option = False
        else:
            groups.append([clause])
    if expecting_option:
        raise QueryError("'|' needs a word on each side (write a | b)")
    clauses = tuple(group[0] if len(group) == 1 else AnyOf(tuple(group)) for group in groups)
    return Query(clauses, text)


def _tokenise(text: str) -> list[_Token]:
    """Split at spaces and `|` outside quotes; a quote left open is an error."""
    tokens: list[_Token] = []
    current: list[str] = []
    quoted = False
    in_quote = False
    quote_start = 0

    def flush() -> None:
        nonlocal quoted
        if current:
            tokens.append(_Token("".join(current), quoted))
            current.clear()
        quoted = False

    for position, char in enumerate(text):
        if in_quote:
            current.append(char)
            if char == '"':
                in_quote = False
        elif char == '"':
            in_quote = True
            quoted = True
            quote_start = position
            current.append(char)
        elif char.isspace():
            flush()
        elif char == "|":
            flush()
            tokens.append(_Token("|", False))
        else:
            current.append(char)
    if in_quote:
        fragment = text[quote_start:].strip()
        raise QueryError(f'unclosed quote: {fragment} (add a closing ")')
    flush()
    return tokens


def _parse_atom(token: _Token, *, prefix: bool) -> Clause | None:
    atom = token.text
    if atom[0] in "-!":
        rest = atom[1:]
        if not rest:
            raise QueryError(f"'{atom}' needs a word after it (write {atom}word)")
        inner = _parse_atom(_Token(rest, token.quoted), prefix=False)
        if inner is None:
            raise QueryError(f"nothing to exclude in '{atom}'")
        if isinstance(inner, Term):
            # Exclusion is literal: leaving out near-misses would hide what the user wants.
            inner = Term(inner.word, inner.typed, exact=True, field=inner.field)
        return Exclude(inner)
    field_match = _FIELD.match(atom)
    if field_match and field_match.group(1).lower() in FIELDS:
        name = field_match.group(1).lower()
        value = atom[field_match.end() :]
        return _parse_field(name, value, atom, prefix=prefix)
    return _parse_text(atom, field=None, prefix=prefix)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    return value


def _parse_text(atom: str, *, field: TextField | None, prefix: bool) -> Clause | None:
    """A word, an exact `'word`, or a quoted phrase; None when it holds no word at all."""
    if atom.startswith('"'):
        if not atom.endswith('"') or len(atom) < 2:
            raise QueryError(f"unexpected text after a closing quote in {atom}")
        inner = atom[1:-1]
        words = tuple(WORD.findall(fold(inner)))
        if not words:
            raise QueryError(f"empty phrase {atom}: put words between the quotes")
        return Phrase(words, inner.strip(), field)
    exact = atom.startswith("'")
    if exact:
        atom = atom[1:]
        if not atom:
            raise QueryError("\"'\" needs a word after it (write 'word for an exact match)")
    if '"' in atom:
        raise QueryError(f'a quote inside a word: {atom} (quote whole phrases: "a b")')
    words = tuple(WORD.findall(fold(atom)))
    if not words:
        return None
    if len(words) > 1:
        # "S-400" or "Lukashenko's": the pieces must stand together, as written.
        return Phrase(words, atom, field)
    return Term(words[0], atom, exact=exact, prefix=prefix and not exact, field=field)


def _parse_field(name: str, value: str, atom: str, *, prefix: bool) -> Clause:
    bare = _unquote(value).strip()
    if not bare:
        raise QueryError(f"'{name}:' needs a value (write {name}:something)")
    if name == "date":
        return _parse_date(bare)
    if name == "actor":
        return ActorFilter(bare)
    if name == "source":
        return SourceFilter(" ".join(WORD.findall(fold(bare))) or fold(bare))
    if name == "tag":
        tag = fold(bare.lstrip("#"))
        if not tag:
            raise QueryError(f"'{atom}' needs a tag name after '#'")
        return TagFilter(tag)
    field: TextField = "title" if name == "title" else "note"
    clause = _parse_text(value, field=field, prefix=prefix)
    if clause is None:
        raise QueryError(f"'{atom}' has no word to search for")
    return clause


def _parse_date(value: str) -> DateFilter:
    if ".." in value:
        start_text, _, end_text = value.partition("..")
        if ".." in end_text:
            raise QueryError(f"date:{value}: use one '..' between two dates")
        if not start_text and not end_text:
            raise QueryError("date:..: give at least one end (date:2022.. or date:..2023-02)")
        start = _date_prefix(start_text, value) if start_text else None
        end = _date_prefix(end_text, value) if end_text else None
        if start is not None and end is not None and start[: len(end)] > end:
            raise QueryError(f"date:{value}: the range ends before it starts")
        return DateFilter(start, end)
    exact = _date_prefix(value, value)
    return DateFilter(exact, exact)


def _date_prefix(text: str, whole: str) -> str:
    """A validated ISO date prefix: YYYY, YYYY-MM or YYYY-MM-DD, zero-padded."""
    match = _DATE_PART.fullmatch(text)
    hint = "write date:2022, date:2022-12 or date:2022-12..2023-02"
    if match is None:
        raise QueryError(f"date:{whole}: '{text}' is not a date ({hint})")
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        raise QueryError(f"date:{whole}: month {month} does not exist ({hint})")
    if day is None:
        return f"{year}-{int(month):02d}"
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise QueryError(f"date:{whole}: {text} is not a day in the calendar") from None
    return f"{year}-{int(month):02d}-{int(day):02d}"
