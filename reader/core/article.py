"""What an article is once loaded and cleaned."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Literal

from reader.core.digest import blake2b

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


# Paragraphs are built field by field in C, as `actors._new_mentions` builds mentions: a frozen
# dataclass's __init__ costs ~1 µs, and a 50,000-article corpus has a million paragraphs.
_new_object = object.__new__
_PARAGRAPH_SETTERS = tuple(Paragraph.__dict__[name].__set__ for name in ("kind", "text", "start"))


def new_paragraphs(
    kinds: Sequence[ParagraphKind], texts: Sequence[str], starts: Sequence[int]
) -> list[Paragraph]:
    """Paragraphs from parallel lists of their fields (as `Paragraph(kind, text, start)`)."""
    paragraphs: list[Paragraph] = list(map(_new_object, repeat(Paragraph, len(texts))))
    columns: tuple[Sequence[Any], ...] = (kinds, texts, starts)
    for setter, values in zip(_PARAGRAPH_SETTERS, columns, strict=True):
        deque(map(setter, paragraphs, values), maxlen=0)
    return paragraphs


BodyLoader = Callable[[], "tuple[tuple[Paragraph, ...], str]"]
"""Reads an article's (paragraphs, raw text) on first use: from the cache, or the file again."""

_LOADING = threading.Lock()
"""Held while a lazy body is read or let go, so two threads asking at once read it once."""

RESIDENT_CHARACTERS = 8_000_000
"""How much clean text the bodies read on demand may hold at once (the oldest read go first).

Indexing or matching a corpus that was just parsed and cached reads every text once: kept,
50,000 bodies would take 1.5 GB; bounded, a few thousand articles' worth (or eight 1 MB ones).
"""

_resident: OrderedDict[int, Article] = OrderedDict()
"""Articles whose body was read on demand, oldest first (guarded by `_LOADING`)."""
_resident_characters = 0


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

    def _load(self) -> tuple[tuple[Paragraph, ...], str, str]:
        """The body as (paragraphs, raw, text), read if it is not in memory."""
        global _resident_characters
        with _LOADING:
            paragraphs, raw, text = self._paragraphs, self._raw, self._text
            if paragraphs is not None and raw is not None and text is not None:
                return paragraphs, raw, text  # another thread read it meanwhile
            body = self._body
            assert body is not None, "an article without a body to read"
            paragraphs, raw = body()
            text = join_text(paragraphs)
            self._paragraphs, self._raw, self._text = paragraphs, raw, text
            self._text_length = len(text)
            _resident[id(self)] = self
            _resident_characters += len(text) + len(raw)
            while _resident_characters > RESIDENT_CHARACTERS and len(_resident) > 1:
                _, oldest = _resident.popitem(last=False)
                _resident_characters -= oldest._release()
            return paragraphs, raw, text

    def _release(self) -> int:
        """Let the body go (it can be read again); returns the characters it held."""
        held = len(self._text or "") + len(self._raw or "")
        self._paragraphs = self._raw = self._text = None
        return held

    def read_later(self, body: BodyLoader) -> None:
        """Let the body go now: `body()` reads it again when next needed (it was just cached).

        Args:
            body: returns the same (paragraphs, raw text) as the article holds now.
        """
        with _LOADING:
            if self._body is None and self._text is not None:
                self._body = body
                self._release()

    @property
    def loaded(self) -> bool:
        """Whether the body is in memory (a cached body is read on first use, then may go)."""
        return self._text is not None

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every block of the source, in order, boilerplate included."""
        paragraphs = self._paragraphs
        return paragraphs if paragraphs is not None else self._load()[0]

    @property
    def raw(self) -> str:
        """The whole source text, sanitised but otherwise untouched."""
        raw = self._raw
        return raw if raw is not None else self._load()[1]

    @property
    def text(self) -> str:
        """The clean reading text: headings and body paragraphs joined by blank lines."""
        text = self._text
        return text if text is not None else self._load()[2]

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
    return blake2b(words.encode("utf-8"), digest_size=8).hexdigest()
