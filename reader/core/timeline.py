"""Counts by date laid out on an even time axis, so a chart's gaps are real gaps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

DAILY_SPAN_DAYS = 62
"""Spans up to this many days are counted per day; longer ones per month."""


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def timeline_buckets(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts summed per day or per month (by the span), empty days or months as zero.

    Args:
        counts: (ISO date, count) pairs in any order; dates that do not parse are left out.

    Returns:
        (day "YYYY-MM-DD" or month "YYYY-MM", count) from the first date to the last.
    """
    by_day: dict[date, int] = {}
    for text, count in counts:
        day = _day(text)
        if day is not None:
            by_day[day] = by_day.get(day, 0) + count
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    if (last - first).days <= DAILY_SPAN_DAYS:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return [(day.isoformat(), by_day.get(day, 0)) for day in days]
    by_month: dict[tuple[int, int], int] = {}
    for day, count in by_day.items():
        by_month[day.year, day.month] = by_month.get((day.year, day.month), 0) + count
    buckets: list[tuple[str, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        buckets.append((f"{year:04d}-{month:02d}", by_month.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return buckets
