"""Reading Markdown articles: front matter, headings and paragraphs, as plain text blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<url>[^)\s]*)[^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]*)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\w)_(?!\s)|`)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")

FRONT_MATTER_KEYS = ("title", "date", "source", "url", "author")
"""The front matter fields belreader reads; others are kept in the raw text only."""


@dataclass(slots=True)
class MarkdownDocument:
    """A Markdown file as blocks of plain text with its front matter."""

    front_matter: dict[str, str] = field(default_factory=dict)
    """The recognised front matter fields, values unquoted."""
    blocks: list[tuple[str, str]] = field(default_factory=list)
    """(kind, text) in order: kind is "title", "heading", "" (to classify) or "break"."""
    urls: list[str] = field(default_factory=list)
    """Addresses of links and images, in order."""


def read_markdown(text: str) -> MarkdownDocument:
    """Split Markdown into front matter and plain-text blocks."""
    document = MarkdownDocument()
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group("body").split("\n"):
            found = _FIELD.match(line.strip())
            if found and found.group("key").lower() in FRONT_MATTER_KEYS:
                value = found.group("value").strip().strip("\"'")
                if value:
                    document.front_matter[found.group("key").lower()] = value
        text = text[match.end() :]
    seen_title = False
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            document.blocks.append(("", " ".join(paragraph)))
            document.blocks.append(("break", ""))
            paragraph.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            words = _inline(heading.group("text"), document.urls)
            kind = "title" if len(heading.group("hashes")) == 1 and not seen_title else "heading"
            seen_title = seen_title or kind == "title"
            document.blocks.append((kind, words))
            document.blocks.append(("break", ""))
            continue
        if _LIST_ITEM.match(line) or stripped.startswith(">"):
            flush()
        content = _inline(stripped.lstrip("> ").strip(), document.urls)
        if content:
            paragraph.append(content)
        if _LIST_ITEM.match(line):
            flush()
    flush()
    return document


def _inline(text: str, urls: list[str]) -> str:
    """Plain text of a line of Markdown: links keep their words, images their alt text."""

    def image(match: re.Match[str]) -> str:
        urls.append(match.group("url"))
        return match.group("alt")

    def link(match: re.Match[str]) -> str:
        urls.append(match.group("url"))
        return match.group("text")

    text = _IMAGE.sub(image, text)
    text = _LINK.sub(link, text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())
