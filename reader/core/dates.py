"""Finding publication dates in the many shapes news sites print them."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:utc|gmt|cet|eet|msk|[+-]\d{2}:?\d{2}))?)?"
)

_DATE_SHAPES = [
    re.compile(
        _WEEKDAY + r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?",
        re.I,
    ),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})" + _TIME, re.I),
    re.compile(
        _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I
    ),
    re.compile(
        _WEEKDAY
        + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH
        + r",?\s+(?P<year>\d{4})"
        + _TIME,
        re.I,
    ),
]

_SHAPE_MARKS = ("-", ".", "", "")
"""A character every match of the shape at the same place holds ("" for none): where it is
missing the shape is not searched."""
_SHAPE_CORES = [
    re.compile(core, re.I)
    for core in [
        r"\d{4}-\d{1,2}-\d{1,2}",
        r"\d\d?\.\d{1,2}\.\d{4}",
        r"\s\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
        r"\d\d?(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}",
    ]
]
"""A part of each shape that every match of it holds, found much faster than the shape: the
shapes open with an optional weekday, so they are tried at every position of the text."""
_YEAR = re.compile(r"\d{4}")


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        year = int(groups["year"])
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
        day = int(groups["day"])
        return date(year, month, day).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date in `text` as (ISO date, start, end), or None."""
    if _YEAR.search(text) is None:
        return None  # every shape has a four-digit year: skip four searches
    best: tuple[str, int, int] | None = None
    for shape, mark, core in zip(_DATE_SHAPES, _SHAPE_MARKS, _SHAPE_CORES, strict=True):
        if mark not in text or core.search(text) is None:
            continue
        for match in shape.finditer(text):
            iso = _to_iso(match)
            if iso is None:
                continue
            if best is None or match.start() < best[1]:
                best = (iso, match.start(), match.end())
            break
    return best


def parse_date(text: str) -> str | None:
    """Read a date written on its own (front matter, HTML meta) as ISO 8601, or None."""
    found = find_date(text.strip())
    return found[0] if found else None
