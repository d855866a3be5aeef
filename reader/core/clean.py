"""From a file's safe text to an `Article`: metadata, sub-headings, and boilerplate folded away.

The rules read the shape of scraped news, not the names of five outlets: a short outlet line
above the headline, dates and addresses glued to the headline, a table of contents that
repeats the sub-headings, datelines, bylines, and the furniture around an article (follow us,
related articles, photo credits, aggregator disclaimers). Nothing is dropped: boilerplate is
kept as its own kind of block, and the article keeps its raw text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from reader.core.article import (
    Article,
    Paragraph,
    ParagraphKind,
    article_id,
    id_of_words,
    new_paragraphs,
)
from reader.core.dates import find_date, parse_date
from reader.core.html import extract_html
from reader.core.markdown import MarkdownDocument, read_markdown

_URL = re.compile(r"https?://[^\s<>\"'“”‘’)\]]+", re.I)
_LETTER = re.compile(r"[^\W_]")
_TAIL_URL = re.compile(r"\s*(https?://\S+)$")
_ADDRESS_LINE = re.compile(r"\s*(?:(https?://[^\s/]+\S*)|www\.[^\s/]+\.[a-z]{2,}\S*)\s*$", re.I)
"""A line that is only a web address (scrapers put the page's address above its headline)."""
_DATE_OUTLET_SEPARATORS = " |·•–—-,"
_OUTLET_PARTICLES = frozenset(
    ["of", "the", "on", "in", "at", "and", "for", "de", "la", "le", "a", "an"]
)
"""Lower-case words an outlet's name may hold ("War on the Rocks", "Institute for …")."""
_LEADING_DATE_LABEL = re.compile(r"^\s*(?:date|published|posted|updated)\s*:?\s*", re.I)

# Lines that are furniture wherever they stand: patterns that must start the line, each with
# the letters it can start with ("0": a digit or a space)...
_BOILERPLATE_START_SHAPES = (
    ("pfl", r"(please\s+)?(follow|like|find)\s+us\s+on\b"),
    ("sj", r"(subscribe|sign\s+up|join\s+(us|our))\b"),
    ("lca0", r"(leave\s+a\s+(comment|reply)|\d*\s*comments?|add\s+comment)$"),
    ("b", r"back\s+to\s+top(\s+button)?$"),
    ("as", r"advertisement$|sponsored(\s+content)?$|ad$"),
    ("step", r"(share|tweet|email|print)(\s+(this|on)\b.*)?$"),
    ("piv", r"(photo|image|picture|video)s?(\s+credit)?\s*(by\b|:)"),
    ("arew", r"(additional\s+)?(reporting|editing|writing)\s+by\b"),
    ("tf", r"(tags?|topics?|filed\s+under)\s*:"),
    ("r", r"read\s+(more|also)\s*:"),
)
_BOILERPLATE_START = re.compile("|".join(shape for _, shape in _BOILERPLATE_START_SHAPES), re.I)

_CASE_VARIANTS = {"i": "iIİı", "s": "sSſ"}
"""What an ASCII letter matches ignoring case besides its capital (as Python's `re` does)."""


def _start_shapes_by_first_character() -> dict[str, re.Pattern[str]]:
    """For each character a furniture line can start with, the patterns that can start so."""
    by_first: dict[str, re.Pattern[str]] = {}
    for first in sorted({letter for letters, _ in _BOILERPLATE_START_SHAPES for letter in letters}):
        pattern = re.compile(
            "|".join(shape for letters, shape in _BOILERPLATE_START_SHAPES if first in letters),
            re.I,
        )
        for variant in _CASE_VARIANTS.get(first, first + first.upper()):
            by_first[variant] = pattern
    return by_first


_BOILERPLATE_START_BY_FIRST = _start_shapes_by_first_character()


def _starts_as_boilerplate(block: str) -> bool:
    """`_BOILERPLATE_START.match(block)`, trying only the patterns that can start as it does.

    Tried in turn, the ten patterns cost nearly a microsecond a block even where the first
    letter rules out all but one or two.
    """
    first = block[:1]
    pattern = _BOILERPLATE_START_BY_FIRST.get(first)
    if pattern is None:
        if not (first.isdecimal() or first.isspace()):  # what \d and \s match
            return False
        pattern = _BOILERPLATE_START_BY_FIRST["0"]
    return pattern.match(block) is not None


# ...and patterns found anywhere in it, each with a word it cannot match without.
_BOILERPLATE_ANYWHERE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (needle, re.compile(pattern, re.I))
    for needle, pattern in [
        ("sign", r"\bsign\s+up\s+(here|now|today)\b"),
        ("newsletter", r"\bsubscribe\s+to\s+(our|the)\b.*\bnewsletter\b"),
        ("©", r"©"),
        ("(c)", r"\(c\)\s*\d{4}"),
        ("getty", r"\bgetty\s+images\b"),
        ("photo", r"\b(afp|ap|reuters|epa)\s*photo"),
        ("/", r"\b(afp|ap|reuters|epa)\s*/"),
        ("reserved", r"\ball\s+rights\s+reserved\b"),
        ("aggregator", r"\bautomatic\s+aggregator\b"),
        ("trademarks", r"\btrademarks\s+belong\b"),
        ("publish", r"\bdo\s+not\s+want\s+us\s+to\s+publish\b"),
        ("cookie", r"\bcookies?\b.*\b(accept|consent|policy)\b"),
    ]
)

_NEEDLE_BYTES = tuple(needle.encode() for needle, _ in _BOILERPLATE_ANYWHERE)
# Finding one byte is a memchr, many times faster than finding two or three: a needle that is
# not a word ("©", "(c)") is looked for only in a text holding its last byte.
_NEEDLE_GATES = tuple(b"" if needle.isalpha() else needle[-1:] for needle in _NEEDLE_BYTES)


def is_boilerplate_line(block: str) -> bool:
    """Whether a block is page furniture (follow us, subscribe, photo credits, rights…).

    A plain substring test before each unanchored pattern keeps this cheap on long
    paragraphs, where one case-insensitive alternation searched at every position was the
    slowest step of loading.
    """
    return _is_boilerplate(block, _BOILERPLATE_ANYWHERE)


def _is_boilerplate(block: str, anywhere: Sequence[tuple[str, re.Pattern[str]]]) -> bool:
    """`is_boilerplate_line`, trying only the unanchored patterns in `anywhere`."""
    return _starts_as_boilerplate(block) or _holds_furniture(block, anywhere)


def _holds_furniture(block: str, anywhere: Sequence[tuple[str, re.Pattern[str]]]) -> bool:
    """Whether an unanchored pattern of `anywhere` finds furniture in a block holding its word."""
    if not anywhere:
        return False
    lower = block.lower()
    return any(needle in lower and pattern.search(block) for needle, pattern in anywhere)


# Lines after which the rest of a page is furniture (when they stand in its second half).
_TAIL_MARKER = re.compile(
    r"^(related(\s+(articles?|posts?|stories|news|content|reading))?|more\s+for\s+you|"
    r"more\s+(stories|news)(\s+from\b.*)?|you\s+may\s+(also\s+)?like|recommended(\s+for\s+you)?|"
    r"most\s+(read|popular|viewed)|read\s+more|leave\s+a\s+(comment|reply)|comments|"
    r"back\s+to\s+top(\s+button)?|latest\s+news|trending(\s+now)?)\s*:?$",
    re.I,
)

# A dateline opening the first paragraph: "MINSK, 26 September (BelTA) –".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,30}),\s+(?P<when>[^()–—-]{3,40}?)\s*"
    r"\((?P<source>[^()]{2,30})\)\s*[–—-]"
)
_BYLINE = re.compile(r"^by\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$", re.I)
_AUTHOR_LABEL = re.compile(r"^author\s*:\s*(?P<name>.{2,60})$", re.I)
_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")

KNOWN_OUTLETS = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "belta.by": "BelTA",
    "rferl.org": "RFE/RL",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "foreignpolicy.com": "Foreign Policy",
    "kyivindependent.com": "The Kyiv Independent",
    "meduza.io": "Meduza",
    "tass.com": "TASS",
    "ria.ru": "RIA Novosti",
    "charter97.org": "Charter97",
}
"""Outlets whose names are not their domain capitalised."""

_SECTION_WORDS = {
    "analysis",
    "opinion",
    "news",
    "world",
    "europe",
    "politics",
    "breaking",
    "exclusive",
    "eastern europe",
    "world news",
    "commentary",
    "interview",
    "editorial",
    "update",
}


@dataclass(slots=True)
class _Meta:
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None


def clean(
    text: str,
    *,
    path: str,
    fmt: str = "text",
    problems: Sequence[str] = (),
) -> Article:
    """Clean one document's safe text into an `Article`.

    Args:
        text: The whole file, decoded and sanitised.
        path: Where it was read from (a fallback title comes from its name).
        fmt: "text", "markdown" or "html".
        problems: What was odd about reading it, carried onto the article.
    """
    meta = _Meta()
    words: str | None = None
    if fmt == "html":
        page = extract_html(text)
        blocks = [(kind, block) for kind, block in page.blocks]
        meta = _Meta(page.title, page.source, page.date, page.url, page.author)
        urls = list(page.urls)
    elif fmt == "markdown":
        document: MarkdownDocument = read_markdown(text)
        blocks = list(document.blocks)
        front = document.front_matter
        meta = _Meta(
            front.get("title"),
            front.get("source"),
            parse_date(front["date"]) if "date" in front else None,
            front.get("url"),
            front.get("author"),
        )
        urls = list(document.urls)
    else:
        blocks, words = _text_blocks(text)
        urls = []
    if "://" in text:
        urls.extend(u for u in _addresses(text) if u not in urls)
    if meta.title:
        blocks = [b for b in blocks if not (b[0] == "title" and b[1] == meta.title)]
    blocks, found = _read_head(blocks, meta.title is None)
    meta.title = meta.title or found.title
    meta.source = meta.source or found.source
    meta.date = meta.date or found.date
    meta.author = meta.author or found.author
    head_url = found.url
    kinds = _classify(blocks)
    author = _trailing_author(blocks, kinds)
    if author and not meta.author:
        meta.author = author
    dateline = _dateline(blocks, kinds)
    if dateline and not meta.source:
        meta.source = dateline
    meta.url = meta.url or _article_url(head_url, urls)
    if not meta.source and meta.url:
        meta.source = outlet_from_url(meta.url)
    if not meta.title:
        meta.title = _fallback_title(blocks, kinds, path)
    if meta.url and meta.url in urls:
        urls.remove(meta.url)
    all_urls = ((meta.url,) if meta.url else ()) + tuple(urls)
    paragraphs, clean_text = _assemble(blocks, kinds)
    return Article(
        id=article_id(text) if words is None else id_of_words(words),
        title=meta.title,
        source=meta.source,
        date=meta.date,
        url=meta.url,
        author=meta.author,
        paragraphs=paragraphs,
        raw=text,
        paths=[path],
        urls=all_urls,
        problems=list(problems),
        format=fmt,
        text=clean_text,
    )


def _addresses(text: str) -> list[str]:
    """`_URL.findall(text)`, tried only where an address can start: just before a "://".

    Searched from every position, the case-insensitive pattern cost more than the rest of
    a long article's cleaning.
    """
    found: list[str] = []
    end = 0
    at = text.find("://")
    while at >= 0:
        match = None
        for start in (at - 5, at - 4):  # "https://" or "http://"
            if start >= end and (match := _URL.match(text, start)):
                break
        if match:
            found.append(match.group())
            end = match.end()
            at = text.find("://", end)
        else:
            at = text.find("://", at + 1)
    return found


def _assemble(
    blocks: Sequence[tuple[str, str]], kinds: Sequence[ParagraphKind]
) -> tuple[tuple[Paragraph, ...], str]:
    """The article's paragraphs, and its clean text (`join_text` of them, made on the way)."""
    texts = [block for _, block in blocks]
    starts: list[int] = []
    body: list[str] = []
    offset = 0
    for text, kind in zip(texts, kinds, strict=True):
        if kind == "boilerplate":
            starts.append(-1)
            continue
        starts.append(offset)
        body.append(text)
        offset += len(text) + 2
    return tuple(new_paragraphs(kinds, texts, starts)), "\n\n".join(body)


def _tidy(line: str) -> str:
    """The line with runs of whitespace made one space and its ends stripped."""
    # Every whitespace character but the space is unprintable, so a printable line with no
    # doubled or outer spaces is already tidy: most lines, kept without splitting into words.
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
"""A blank line between paragraphs of plain text (spaces, tabs or no-break spaces on it)."""

_BREAK = ("break", "")


def _text_blocks(text: str) -> tuple[list[tuple[str, str]], str]:
    """Split plain text into blocks: one per line, or one per paragraph of hard-wrapped lines.

    Returns:
        The blocks, and the text's words joined by single spaces (for `id_of_words`): the
        tidy lines hold every word, in order, one space apart.
    """
    blocks: list[tuple[str, str]] = []
    every_line: list[str] = []
    # Tested once for the whole text rather than paragraph by paragraph: most texts pass.
    printable = "  " not in text and _printable_but_newlines(text)
    for chunk in _PARAGRAPH_BREAK.split(text):
        if "\n" not in chunk:
            # A paragraph on one line, as most are: no list of lines to build and test.
            if chunk[:1] != " " != chunk[-1:] and (
                printable or chunk.isprintable() and "  " not in chunk
            ):
                line = chunk  # tidy already (as `_tidy` tests)
            else:
                line = " ".join(chunk.split())
            if line:
                every_line.append(line)
                blocks.append(("", line))
                blocks.append(_BREAK)
            continue
        lines = [line for line in map(_tidy, chunk.split("\n")) if line]
        if not lines:
            continue
        every_line.extend(lines)
        wrapped = (
            len(lines) > 1
            and all(40 <= len(line) <= 100 for line in lines[:-1])
            and not any(_date_line(line) for line in lines[1:])
        )
        if wrapped:
            blocks.append(("", " ".join(lines)))
        else:
            blocks.extend(("", line) for line in lines)
        blocks.append(_BREAK)
    return blocks, " ".join(every_line)


_PRINTABLE_ASCII_AND_NEWLINE = bytes(range(0x20, 0x7F)) + b"\n"


def _printable_but_newlines(text: str) -> bool:
    """Whether every character of `text` but its newlines is printable (`str.isprintable`).

    Only the other characters are tested: deleting printable ASCII from the UTF-8 keeps
    every other character whole, and what is left is short.
    """
    utf8 = text.encode("utf-8", "surrogatepass")
    rest = utf8.translate(None, _PRINTABLE_ASCII_AND_NEWLINE)
    return rest.decode("utf-8", "surrogatepass").isprintable()


def _date_line(line: str) -> tuple[str, str | None] | None:
    """A short line that is mostly a date, as (ISO date, the outlet named beside it if any):
    "07.02.2024 20:59 | Nasha Niva", "June 21, 2025 | Radio Free Europe/Radio Liberty"."""
    if len(line) >= 80:
        return None
    return _short_date_line(line)


@lru_cache(maxsize=256)
def _short_date_line(line: str) -> tuple[str, str | None] | None:
    """`_date_line` of a line under 80 characters (kept: reading the head tests it twice)."""
    found = find_date(line)  # None at once for a line without four digits in a row
    if found is None:
        return None
    rest = (line[: found[1]] + " " + line[found[2] :]).strip(_DATE_OUTLET_SEPARATORS)
    if _is_outlet_name(rest):
        return found[0], rest
    return (found[0], None) if len(rest) < 25 else None


def _is_junk(line: str) -> bool:
    return not _LETTER.search(line)


def _strip_head_metadata(line: str) -> tuple[str, str | None, str | None]:
    """Take dates, times and addresses off the ends of a headline: (title, date, url)."""
    url = None
    found_date = None
    changed = True
    line = line.strip()
    label = _LEADING_DATE_LABEL.match(line)
    if label and label.end() < len(line):
        rest = line[label.end() :]
        leading = find_date(rest)
        if leading and leading[1] == 0:
            found_date = leading[0]
            line = rest[leading[2] :].strip(" ,|–—-")
    while changed:
        changed = False
        tail_url = _TAIL_URL.search(line) if "://" in line else None
        if tail_url:
            url = url or tail_url.group(1)
            line = line[: tail_url.start()].rstrip(" ,|")
            changed = True
        found = find_date(line)
        if found and found[2] >= len(line.rstrip(" .,|")) and found[1] > 0:
            found_date = found_date or found[0]
            line = line[: found[1]].rstrip(" ,|–—-")
            changed = True
    return line, found_date, url


def _looks_like_title(line: str) -> bool:
    words = line.split()
    if _DATELINE.match(line) or (line.endswith(".") and len(words) > 15):
        return False  # the article's first sentence, not a headline
    return 3 <= len(words) <= 30 and len(line) <= 250 and not line.endswith((",", ";"))


def _is_short_label(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 3
        and len(line) <= 30
        and line[:1].isupper()
        and not line.endswith((".", "?", "!", ":", ","))
    )


def _repeated(blocks: list[tuple[str, str]], line: str) -> bool:
    """Whether a line's text comes again elsewhere in the document."""
    return "\n".join([block for _, block in blocks]).count(line) > 1


def _is_outlet_name(text: str) -> bool:
    """Whether words beside a date are an outlet's name ("The Moscow Times", "BelTA")."""
    words = text.split()
    return (
        1 <= len(words) <= 5
        and len(text) <= 40
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word.isdigit() or word in _OUTLET_PARTICLES for word in words)
        and not text.endswith((".", "?", "!", ":"))
    )


def _read_head(
    blocks: list[tuple[str, str]], want_title: bool
) -> tuple[list[tuple[str, str]], _Meta]:
    """Find the outlet line, headline, date and byline at the top; return the rest and them."""
    meta = _Meta()
    lines = [i for i, (kind, block) in enumerate(blocks) if kind != "break"]
    drop: set[int] = set()
    position = 0
    while position < len(lines) and _is_junk(blocks[lines[position]][1]):
        drop.add(lines[position])
        position += 1
    while position < len(lines) and (address := _ADDRESS_LINE.match(blocks[lines[position]][1])):
        meta.url = meta.url or address.group(1)
        drop.add(lines[position])
        position += 1
    if position >= len(lines):
        return _without(blocks, drop), meta
    first_text = blocks[lines[position]][1]
    if (
        want_title
        and first_text.lower() not in _SECTION_WORDS
        and position + 1 < len(lines)
        and (
            _is_short_label(first_text)
            and (
                lines[position + 1] == lines[position] + 1  # another line in the same block
                or _repeated(blocks, first_text)
            )
            # A longer outlet name ("Radio Free Europe/Radio Liberty") named again below.
            or (_is_outlet_name(first_text) and _repeated(blocks, first_text))
        )
    ):
        meta.source = first_text
        drop.add(lines[position])
        position += 1
        # Section labels right under the outlet ("Eastern Europe") are not the headline.
        while (
            position + 1 < len(lines)
            and _is_short_label(blocks[lines[position]][1])
            and lines[position] == lines[position - 1] + 1
        ):
            drop.add(lines[position])
            position += 1
    if want_title and position < len(lines):
        kind, line = blocks[lines[position]]
        title, found_date, url = _strip_head_metadata(line)
        if title and (kind == "title" or _looks_like_title(title)):
            meta.title = title
            meta.date, meta.url = found_date, url or meta.url
            drop.add(lines[position])
            position += 1
    for index in lines[position : position + 3]:
        line = blocks[index][1]
        byline = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
        if byline and not meta.author:
            meta.author = byline.group("name").strip()
            drop.add(index)
        elif not meta.date and (dated := _date_line(line)):
            meta.date, outlet = dated
            meta.source = meta.source or outlet
            drop.add(index)
    return _without(blocks, drop), meta


def _without(blocks: list[tuple[str, str]], drop: set[int]) -> list[tuple[str, str]]:
    kept = list(blocks)
    for index in sorted(drop, reverse=True):
        del kept[index]  # a few lines at the top: cheaper than a new list of the rest
    first = 0
    while first < len(kept) and kept[first][0] == "break":
        first += 1
    return kept[first:] if first else kept


def _classify(blocks: list[tuple[str, str]]) -> list[ParagraphKind]:
    """Decide for each block: heading, paragraph or boilerplate."""
    texts = [block for _, block in blocks]
    furniture = _furniture_patterns(texts)
    toc = _table_of_contents(blocks)
    total = len(blocks)
    tail_from = total
    for index in range(total // 2, total):
        if texts[index] and _TAIL_MARKER.match(texts[index]):
            tail_from = index
            break
    kinds: list[ParagraphKind] = []
    kept: list[tuple[str, str]] = []
    for index in range(tail_from):
        item = blocks[index]
        kind, block = item
        # Breaks only separated blocks while reading: they are dropped here.
        if kind == "break":
            continue
        kept.append(item)
        if (
            index in toc
            or _starts_as_boilerplate(block)
            or (
                _holds_furniture(block, _BOILERPLATE_ANYWHERE)
                if furniture is None
                else index in furniture and _holds_furniture(block, furniture[index])
            )
        ):
            kinds.append("boilerplate")
        elif kind in ("heading", "title"):
            kinds.append("heading")
        elif kind == "paragraph":
            kinds.append("paragraph")
        elif len(block) <= 100 and _is_heading(blocks, index, total):
            kinds.append("heading")
        else:
            kinds.append("paragraph")
    # Everything from the tail marker on is furniture.
    tail = [item for item in blocks[tail_from:] if item[0] != "break"]
    kept += tail
    kinds += ["boilerplate"] * len(tail)
    blocks[:] = kept
    return kinds


def _furniture_patterns(
    texts: Sequence[str],
) -> dict[int, list[tuple[str, re.Pattern[str]]]] | None:
    """For each block that may hold a boilerplate needle, the unanchored patterns to try on it.

    A few `find`s over the whole text, lower-cased as bytes (ASCII letters only, which is
    cheap), replace a lower-casing and a dozen substring tests per block; the blocks found
    are then tested as `is_boilerplate_line` tests them. None when that could miss a needle:
    the Kelvin sign lower-cases to "k", and a block with a newline would shift the count.
    """
    joined = "\n".join(texts)
    if "\u212a" in joined or joined.count("\n") != len(texts) - 1:
        return None
    lower = joined.encode("utf-8", "surrogatepass").lower()
    found: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
    for (needle, pattern), encoded, gate in zip(
        _BOILERPLATE_ANYWHERE, _NEEDLE_BYTES, _NEEDLE_GATES, strict=True
    ):
        if gate not in lower:
            continue
        at = lower.find(encoded)
        index = counted = 0
        while at >= 0:
            index += lower.count(b"\n", counted, at)
            counted = at
            found.setdefault(index, []).append((needle, pattern))
            line_end = lower.find(b"\n", at)
            if line_end < 0:
                break
            at = lower.find(encoded, line_end)
    return found


def _is_heading(blocks: Sequence[tuple[str, str]], index: int, total: int) -> bool:
    """A short standalone line with no closing punctuation, followed by body text."""
    text = blocks[index][1]
    if len(text) > 100:
        return False
    standalone = (index == 0 or blocks[index - 1][0] == "break") and (
        index + 1 < total and blocks[index + 1][0] == "break"
    )
    if not standalone:
        return False
    if (
        text.rstrip("\"'”’»").endswith((".", ",", ";", ":", "…"))
        or not text[:1].isupper()
        and (text[:1] not in "\"'“‘«")
    ):
        return False
    words = len(text.split())
    if not 1 <= words <= 14:
        return False
    following = ""
    for kind, block in itertools.islice(blocks, index + 1, None):
        if kind != "break":
            following = block
            break
    # Split no further than needed to tell whether it has more words: it may be long.
    return len(following.split(None, words)) > words


def _table_of_contents(blocks: list[tuple[str, str]]) -> set[int]:
    """Indices of a run of short lines near the top that repeat later as sub-headings."""
    head = blocks[:80]
    between = head[1::2]
    if between.count(_BREAK) == len(between):
        return set()  # no two lines in a row, as in most texts: no run of three
    short = [
        index
        for index, (kind, text) in enumerate(head)
        if kind != "break" and len(text) <= 90 and not text.endswith(".")
    ]
    runs: list[list[int]] = []
    current: list[int] = []
    for index in short:
        if current and index != current[-1] + 1:
            if len(current) >= 3:
                runs.append(current)
            current = []
        current.append(index)
    if len(current) >= 3:
        runs.append(current)
    result: set[int] = set()
    for run in runs:
        after = {blocks[i][1] for i in range(run[-1] + 1, len(blocks))}
        repeated = sum(1 for i in run if blocks[i][1] in after)
        if repeated >= 0.6 * len(run):
            result.update(run)
            if blocks[run[-1]][1] == blocks[run[0]][1]:
                # The contents list runs straight into the first section's heading.
                result.discard(run[-1])
                blocks[run[-1]] = ("heading", blocks[run[-1]][1])
    return result


def _trailing_author(blocks: list[tuple[str, str]], kinds: list[ParagraphKind]) -> str | None:
    """A lone name among the furniture after the last paragraph is the byline."""
    last_body = next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i] == "paragraph"), -1)
    for index in range(last_body + 1, min(len(blocks), last_body + 6)):
        text = blocks[index][1]
        if _NAME_LINE.match(text) and not text.lower().endswith(("staff", "articles", "button")):
            kinds[index] = "boilerplate"
            return text
    return None


def _dateline(blocks: list[tuple[str, str]], kinds: list[ParagraphKind]) -> str | None:
    for (_, text), kind in zip(blocks, kinds, strict=True):
        if kind == "paragraph":
            match = _DATELINE.match(text)
            return match.group("source").strip() if match else None
    return None


def outlet_from_url(url: str) -> str | None:
    """The outlet's name guessed from an address: known names first, else the domain."""
    host = re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].lower()
    host = host.split(":")[0].removeprefix("www.").removeprefix("m.")
    if not host:
        return None
    for domain, name in KNOWN_OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return name
    labels = host.split(".")
    if (
        len(labels) >= 3
        and labels[-2] in {"co", "com", "org", "net", "gov"}
        and len(labels[-1]) == 2
    ):
        label = labels[-3]
    else:
        label = labels[-2] if len(labels) >= 2 else labels[0]
    return label[:1].upper() + label[1:]


def _article_url(head_url: str | None, urls: list[str]) -> str | None:
    """The article's own address: the headline's, or the longest one on the same site."""
    if head_url is None:
        return None
    host = _host(head_url)
    same_site = [u for u in urls if _host(u) == host]
    return max(same_site, key=len, default=head_url).rstrip(".,")


def _host(url: str) -> str:
    return re.sub(r"^https?://", "", url, flags=re.I).split("/")[0].lower().removeprefix("www.")


def _fallback_title(blocks: list[tuple[str, str]], kinds: list[ParagraphKind], path: str) -> str:
    for (_, text), kind in zip(blocks, kinds, strict=True):
        if kind != "boilerplate":
            dateline = _DATELINE.match(text)
            text = text[dateline.end() :].strip() if dateline else text
            sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            return sentence if len(sentence) <= 120 else sentence[:117].rstrip() + "…"
    return PurePath(path).stem
