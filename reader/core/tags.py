"""`#tag` words in notes: finding them, counting them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# A tag starts after a non-word boundary, holds letters, digits, `_` or `-`, and has a letter.
_TAG = re.compile(r"(?<![\w#&/])#(\w[\w-]*)")
# Anything URL-like: a `#` inside it is a fragment, not a tag.
_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+")


def tags_in(text: str) -> list[str]:
    """The tags of a note, case-folded, each once, in order of first appearance.

    `# Heading` (a hash followed by a space) is Markdown, not a tag; a `#` inside a URL is a
    fragment; a hash followed only by digits (`#1`) is a number.
    """
    url_spans = [match.span() for match in _URL.finditer(text)]
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        position = match.start()
        if any(start <= position < end for start, end in url_spans):
            continue
        word = match.group(1).rstrip("-")
        if not any(ch.isalpha() for ch in word):
            continue
        seen.setdefault(word.casefold(), None)
    return list(seen)


def count_tags(texts: Iterable[str]) -> Counter[str]:
    """How many of the given notes carry each tag."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tags_in(text))
    return counts
