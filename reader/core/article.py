"""What an article is once loaded and cleaned."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class Article:
    """A cleaned article with its metadata and every path it was found at."""

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
    paragraphs: tuple[Paragraph, ...]
    """Every block of the source, in order, boilerplate included."""
    raw: str
    """The whole source text, sanitised but otherwise untouched."""
    paths: list[str] = field(default_factory=list)
    """Every file this exact text was found in."""
    urls: tuple[str, ...] = ()
    """Every address the source mentions, the article's own first."""
    problems: list[str] = field(default_factory=list)
    """What was odd about loading it (encoding guessed, bytes replaced, truncated)."""
    format: str = "text"
    """The source format: text, markdown or html."""
    text: str = ""
    """The clean reading text: headings and body paragraphs joined by blank lines."""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = "\n\n".join(p.text for p in self.paragraphs if p.kind != "boilerplate")

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
        return len(self.text.split())

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
