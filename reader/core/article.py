"""What an article is once loaded and cleaned."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ParagraphKind = Literal["heading", "paragraph", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of an article's text."""

    kind: ParagraphKind
    """A sub-heading, body text, or boilerplate folded out of the reading view."""
    text: str
    """The block's text, on one line."""
    start: int = -1
    """Where the block starts in `Article.text`; -1 for boilerplate, which is not in it."""

    @property
    def end(self) -> int:
        """Where the block ends in `Article.text` (exclusive); -1 for boilerplate."""
        return -1 if self.start < 0 else self.start + len(self.text)


BodyLoader = Callable[[], "tuple[tuple[Paragraph, ...], str]"]
"""Reads an article's (paragraphs, raw text) on first use: from the cache, or the file again."""

_LOADING = threading.Lock()
"""Held while a lazy body is read, so two threads asking at once read it once."""


def join_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """The clean reading text of these blocks: headings and body joined by blank lines."""
    return "\n\n".join(p.text for p in paragraphs if p.kind != "boilerplate")


class Article:
    """A cleaned article with its metadata and every path it was found at.

    An article from the cache knows its metadata, text length and word count at once and reads
    its body (paragraphs, raw and clean text) on first use (`Article.lazy`): a corpus of 50,000
    articles opens without holding every text in memory.
    """

    __slots__ = (
        "id",
        "title",
        "source",
        "date",
        "url",
        "author",
        "paths",
        "urls",
        "problems",
        "format",
        "_paragraphs",
        "_raw",
        "_text",
        "_text_length",
        "_words",
        "_body",
    )

    id: str
    """Stable identity, derived from the source text, so notes follow the file when it moves."""
    title: str
    """The headline."""
    source: str | None
    """The outlet that published it, when known."""
    date: str | None
    """Publication date as ISO 8601 (YYYY-MM-DD), when known."""
    url: str | None
    """The article's own address, when known."""
    author: str | None
    """The byline, when known."""
    paths: list[str]
    """Every file this exact text was found in."""
    urls: tuple[str, ...]
    """Every address the source mentions, the article's own first."""
    problems: list[str]
    """What was odd about loading it (encoding guessed, bytes replaced, truncated)."""
    format: str
    """The source format: text, markdown or html."""

    def __init__(
        self,
        id: str,  # noqa: A002  (the field's name)
        title: str,
        source: str | None,
        date: str | None,
        url: str | None,
        author: str | None,
        paragraphs: tuple[Paragraph, ...],
        raw: str,
        paths: list[str] | None = None,
        urls: tuple[str, ...] = (),
        problems: list[str] | None = None,
        format: str = "text",  # noqa: A002  (the field's name)
        text: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.source = source
        self.date = date
        self.url = url
        self.author = author
        self.paths = paths if paths is not None else []
        self.urls = urls
        self.problems = problems if problems is not None else []
        self.format = format
        self._paragraphs: tuple[Paragraph, ...] | None = paragraphs
        self._raw: str | None = raw
        self._text: str | None = text or join_text(paragraphs)
        self._text_length = len(self._text)
        self._words = -1
        self._body: BodyLoader | None = None

    @classmethod
    def lazy(
        cls,
        id: str,  # noqa: A002  (the field's name)
        title: str,
        source: str | None,
        date: str | None,
        url: str | None,
        author: str | None,
        *,
        text_length: int,
        words: int,
        body: BodyLoader,
        paths: list[str] | None = None,
        urls: tuple[str, ...] = (),
        problems: list[str] | None = None,
        format: str = "text",  # noqa: A002  (the field's name)
    ) -> Article:
        """An article whose body `body()` reads when first needed.

        Args:
            text_length: the length of its clean text, known without reading it.
            words: the number of words in its clean text.
            body: returns (paragraphs, raw text) — the same the article was cleaned to.
        """
        article = cls(id, title, source, date, url, author, (), "", paths, urls, problems, format)
        article._paragraphs = article._raw = article._text = None
        article._text_length = text_length
        article._words = words
        article._body = body
        return article

    def _load(self) -> None:
        with _LOADING:
            body = self._body
            if body is None:
                return  # another thread read it meanwhile
            paragraphs, raw = body()
            self._text = join_text(paragraphs)
            self._text_length = len(self._text)
            self._raw = raw
            self._paragraphs = paragraphs
            self._body = None

    @property
    def loaded(self) -> bool:
        """Whether the body is in memory (always, but for a cached article not yet read)."""
        return self._body is None

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every block of the source, in order, boilerplate included."""
        if self._body is not None:
            self._load()
        return self._paragraphs  # type: ignore[return-value]  # set by _load

    @property
    def raw(self) -> str:
        """The whole source text, sanitised but otherwise untouched."""
        if self._body is not None:
            self._load()
        return self._raw  # type: ignore[return-value]  # set by _load

    @property
    def text(self) -> str:
        """The clean reading text: headings and body paragraphs joined by blank lines."""
        if self._body is not None:
            self._load()
        return self._text  # type: ignore[return-value]  # set by _load

    @property
    def text_length(self) -> int:
        """`len(self.text)`, without reading a body not yet read."""
        return self._text_length

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The blocks shown in the reading view."""
        return tuple(p for p in self.paragraphs if p.kind != "boilerplate")

    @property
    def boilerplate(self) -> tuple[Paragraph, ...]:
        """The blocks folded out of the reading view."""
        return tuple(p for p in self.paragraphs if p.kind == "boilerplate")

    @property
    def words(self) -> int:
        """How many words the clean text holds."""
        if self._words < 0:
            self._words = len(self.text.split())
        return self._words

    def _fields(self) -> tuple[object, ...]:
        return (
            self.id,
            self.title,
            self.source,
            self.date,
            self.url,
            self.author,
            self.paragraphs,
            self.raw,
            self.paths,
            self.urls,
            self.problems,
            self.format,
            self.text,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self is other or self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value, as a dataclass

    def __repr__(self) -> str:
        # Every field, as a dataclass shows them (a lazy body is read for it).
        names = (
            *("id", "title", "source", "date", "url", "author", "paragraphs", "raw"),
            *("paths", "urls", "problems", "format", "text"),
        )
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(), strict=True))
        return f"Article({shown})"

    def to_dict(self) -> dict[str, object]:
        """The article's metadata as plain data, for JSON output."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "author": self.author,
            "paths": list(self.paths),
            "words": self.words,
            "problems": list(self.problems),
        }


def article_id(raw_text: str) -> str:
    """A stable identity for an article: a hash of its source text, whitespace-insensitive."""
    return id_of_words(" ".join(raw_text.split()))


def id_of_words(words: str) -> str:
    """`article_id` of a text given as its words joined by single spaces (`" ".join(split())`).

    For callers that have split the text into words already.
    """
    return hashlib.blake2b(words.encode("utf-8"), digest_size=8).hexdigest()
