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


_BLOCK_TEXTS = [
    "Contents",
    "Minsk",
    "Troops at the border",
    "Troops at the border.",
    "What Lukashenko said",
    "“Quoted heading”",
    "lower case line",
    "A heading, with a comma,",
    "Belarus has not sent troops to Ukraine, officials in Kyiv said on Monday.",
    "Analysts doubt that Minsk would risk a war its own soldiers do not want " * 3,
    "x" * 95,
    "",
]

_blocks = st.lists(
    st.one_of(
        st.just(("break", "")),
        st.tuples(st.sampled_from(["", "heading", "paragraph"]), st.sampled_from(_BLOCK_TEXTS)),
    ),
    max_size=40,
)


def _plain_table_of_contents(blocks: list[tuple[str, str]]) -> set[int]:
    """`_table_of_contents` looking for runs in every text."""
    short = [
        index
        for index, (kind, text) in enumerate(blocks[:80])
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
                result.discard(run[-1])
                blocks[run[-1]] = ("heading", blocks[run[-1]][1])
    return result


_HEADINGS = [("", "Minsk"), ("", "Contents"), ("", "Troops at the border"), ("", "Kyiv")]
_contents_blocks = st.lists(
    st.sampled_from([("break", ""), *_HEADINGS, ("", _BLOCK_TEXTS[8])]), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_blocks, _contents_blocks))
@example([("", "Contents"), ("", "Minsk"), ("", "Contents"), ("break", ""), ("", "Minsk")])
@example([*_HEADINGS[:3], ("break", ""), _HEADINGS[0], ("break", ""), _HEADINGS[1]])
def test_table_of_contents_shortcut_changes_nothing(blocks: list[tuple[str, str]]) -> None:
    """Passing over texts whose lines all stand apart finds the contents lists a full look finds."""
    mine = list(blocks)
    plain = list(blocks)
    assert clean._table_of_contents(mine) == _plain_table_of_contents(plain)
    assert mine == plain


def _plain_is_heading(blocks: list[tuple[str, str]], index: int, total: int) -> bool:
    """`_is_heading` testing in the order first written and splitting the next block whole."""
    text = blocks[index][1]
    if len(text) > 100:
        return False
    words = text.split()
    if not 1 <= len(words) <= 14:
        return False
    if (
        text.rstrip("\"'”’»").endswith((".", ",", ";", ":", "…"))
        or not text[:1].isupper()
        and (text[:1] not in "\"'“‘«")
    ):
        return False
    standalone = (index == 0 or blocks[index - 1][0] == "break") and (
        index + 1 < total and blocks[index + 1][0] == "break"
    )
    if not standalone:
        return False
    following = next((b for k, b in blocks[index + 1 :] if k != "break"), "")
    return len(following.split()) > len(words)


@settings(max_examples=500, deadline=None)
@given(_blocks, st.integers(0, 39))
def test_is_heading_shortcuts_change_nothing(blocks: list[tuple[str, str]], index: int) -> None:
    """A heading is told as the plain test tells it, with the next block split only so far."""
    if index < len(blocks):
        expected = _plain_is_heading(blocks, index, len(blocks))
        assert clean._is_heading(blocks, index, len(blocks)) == expected


def test_printable_but_newlines_is_isprintable_of_the_rest_for_every_code_point() -> None:
    """Over every code point, alone and in runs, the UTF-8 test is `isprintable` of the rest."""
    for base in range(0, 0x110000, 256):
        run = "".join(map(chr, range(base, base + 256)))
        assert clean._printable_but_newlines(run) == run.replace("\n", "").isprintable()
        for character in run:
            expected = character == "\n" or character.isprintable()
            assert clean._printable_but_newlines(character) == expected, hex(ord(character))


@settings(max_examples=400, deadline=None)
@given(_texts)
@example("a\nb\u00a0c")
@example("\ud800\n")
def test_printable_but_newlines_on_text(text: str) -> None:
    """Whole texts are judged as `isprintable` judges them once their newlines are gone."""
    assert clean._printable_but_newlines(text) == text.replace("\n", "").isprintable()
