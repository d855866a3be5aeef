"""The loader's shortcuts give what the plain way gives, on text made to catch them out."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import clean, dates

_PIECES = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n \n",
    "\n\t\n",
    "\n\u00a0\n",
    "\t",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\x07",
    "\u212a",
    "ſ",
    "İ",
    "2024",
    "07.02.2024",
    "31.02.2024",
    "2022-02-10T01:04:00+03:00",
    "2024-13-01",
    "22 October 2024",
    "October 22nd, 2024",
    "1ſt Sept. 2024",
    "Monday, 5 May 2025 at 10:30 a.m. UTC",
    "Sat 1 Jan 2000",
    "June 21, 2025 | Radio Free Europe/Radio Liberty",
    "| Nasha Niva",
    "Minsk",
    "a" * 45,
    "b" * 70 + ".",
    "Related articles",
    "Follow us on Telegram",
]

_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=30).map(
    "".join
)


def _plain_find_date(text: str) -> tuple[str, int, int] | None:
    """`find_date` searching every shape in full."""
    best = None
    for shape in dates._DATE_SHAPES:
        for match in shape.finditer(text):
            iso = dates._to_iso(match)
            if iso is None:
                continue
            if best is None or match.start() < best[1]:
                best = (iso, match.start(), match.end())
            break
    return best


@settings(max_examples=400, deadline=None)
@given(_texts)
@example("Posted 1ſt Sept. 2024 | Outlet")
@example("07.02.2024 20:59 | Nasha Niva")
def test_find_date_shortcuts_change_nothing(text: str) -> None:
    """Skipping a shape whose core is missing finds the dates a search of every shape finds."""
    assert dates.find_date(text) == _plain_find_date(text)


def _plain_text_blocks(text: str) -> tuple[list[tuple[str, str]], str]:
    """`_text_blocks` tidying and testing every line the same way."""
    blocks: list[tuple[str, str]] = []
    every_line: list[str] = []
    for chunk in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [line for line in map(clean._tidy, chunk.split("\n")) if line]
        if not lines:
            continue
        every_line.extend(lines)
        wrapped = (
            len(lines) > 1
            and all(40 <= len(line) <= 100 for line in lines[:-1])
            and not any(clean._date_line(line) for line in lines[1:])
        )
        if wrapped:
            blocks.append(("", " ".join(lines)))
        else:
            blocks.extend(("", line) for line in lines)
        blocks.append(("break", ""))
    return blocks, " ".join(every_line)


@settings(max_examples=400, deadline=None)
@given(_texts)
@example(" one line \n\n\u2003two\u00a0lines\t\n\n")
def test_text_blocks_shortcuts_change_nothing(text: str) -> None:
    """A paragraph on one line is split and tidied as the general path does it."""
    assert clean._text_blocks(text) == _plain_text_blocks(text)


_ADDRESS_PIECES = [
    "http://",
    "https://",
    "HTTPS://",
    "httpſ://",
    "ftp://",
    "://",
    ":///",
    "https://www.reuters.com/world/",
    "http://a.b/http://c.d",
    "x",
    "/",
    " ",
    "\n",
    ")",
    "“",
    "hxxp",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=20).map("".join))
@example("see https://a.org/x and http://b.net, then ftp://c and hTtP://d")
def test_addresses_are_what_findall_finds(text: str) -> None:
    """Trying the address pattern only before each "://" finds what `findall` finds."""
    assert clean._addresses(text) == clean._URL.findall(text)


_FURNITURE_STARTS = [
    "Follow us on Telegram",
    "please like us on",
    "Find us on",
    "Subscribe",
    "sign up",
    "Join our team",
    "leave a comment",
    "Leave a reply",
    "3 comments",
    " comments",
    "٣ comment",
    "\u2003comment",
    "Add comment",
    "back to top button",
    "Advertisement",
    "sponsored content",
    "ad",
    "Share this story",
    "tweet",
    "Email on x",
    "print",
    "Photo by",
    "images credit:",
    "Picture:",
    "videos by",
    "additional reporting by",
    "Editing by",
    "writing by",
    "Tags:",
    "topic:",
    "filed under:",
    "Read more:",
    "read also:",
    "The shelling of Minsk",
]


def _disguised(line: str, swaps: list[int]) -> str:
    """The line with letters swapped for what `re` matches them with, ignoring case."""
    variants = {"s": "Sſ", "i": "IİıĲ", "k": "K", "a": "AÅ"}
    characters = list(line)
    for position in swaps:
        index = position % len(characters)
        options = variants.get(characters[index].lower(), characters[index].swapcase())
        characters[index] = options[position % len(options)]
    return "".join(characters)


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(_FURNITURE_STARTS),
    st.lists(st.integers(0, 200), max_size=4),
    st.text(max_size=3),
)
@example("ſubscribe", [], "")
@example("İmage by", [], "")
def test_furniture_start_by_first_character_is_the_whole_pattern(
    line: str, swaps: list[int], prefix: str
) -> None:
    """Trying only the patterns that can start with a line's first character decides as all."""
    for text in (_disguised(line, swaps), prefix + line, prefix):
        assert clean._starts_as_boilerplate(text) == bool(clean._BOILERPLATE_START.match(text))
