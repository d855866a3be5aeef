"""Anchoring passage notes to article text the way Hypothesis does, and finding them again.

An anchor keeps the exact quote, a little text on each side and the offsets. When the text
changes, `locate` tries the old offsets, then the quote wherever it occurs (the occurrence
whose context and position fit best), then a fuzzy match; a note it cannot place is orphaned,
never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
"""How much text before and after the quote an anchor keeps."""

FUZZY_THRESHOLD = 80.0
"""The lowest rapidfuzz score (0-100) at which a changed passage still counts as found."""

SHORT_QUOTE = 16
"""Quotes shorter than this are matched fuzzily together with their context, not alone."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a passage note sits in an article's clean text."""

    quote: str
    """The exact passage the note is about."""
    prefix: str
    """Up to `CONTEXT_CHARS` characters just before the quote."""
    suffix: str
    """Up to `CONTEXT_CHARS` characters just after the quote."""
    start: int
    """Offset of the quote's first character in `Article.text` when it was anchored."""
    end: int
    """Offset just past the quote's last character (exclusive)."""

    def to_dict(self) -> dict[str, object]:
        """The anchor as plain data, for JSON."""
        return {
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }


def anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """An anchor for `text[start:end]`; raises ValueError for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"cannot anchor span {start}..{end} in a text of {len(text)} characters")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def locate(found: Anchor, text: str, threshold: float = FUZZY_THRESHOLD) -> tuple[int, int] | None:
    """Where the anchored passage is in `text` now, as (start, end), or None when it is gone.

    Args:
        found: the anchor saved with the note.
        text: the article's current clean text.
        threshold: the lowest fuzzy score accepted when the quote itself has changed.
    """
    quote = found.quote
    if not quote:
        return None
    if text[found.start : found.end] == quote:
        return found.start, found.end
    exact = _best_exact(found, text)
    if exact is not None:
        return exact
    return _fuzzy(found, text, threshold)


def _context_score(found: Anchor, text: str, start: int, end: int) -> int:
    """How many characters of prefix and suffix agree around a candidate, nearest first."""
    before = text[max(0, start - len(found.prefix)) : start]
    after = text[end : end + len(found.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(found.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, found.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _best_exact(found: Anchor, text: str) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    best_key: tuple[int, int] | None = None
    position = text.find(found.quote)
    while position >= 0:
        end = position + len(found.quote)
        # Context agreement decides first; closeness to the old offset breaks ties.
        key = (_context_score(found, text, position, end), -abs(position - found.start))
        if best_key is None or key > best_key:
            best, best_key = (position, end), key
        position = text.find(found.quote, position + 1)
    return best


def _fuzzy(found: Anchor, text: str, threshold: float) -> tuple[int, int] | None:
    from rapidfuzz import fuzz

    quote = found.quote
    if len(quote) >= SHORT_QUOTE:
        alignment = fuzz.partial_ratio_alignment(quote, text, score_cutoff=threshold)
        if alignment is None:
            return None
        start, end = alignment.dest_start, alignment.dest_end
        length = end - start
        if not (0.5 * len(quote) <= length <= 1.5 * len(quote)):
            return None
        return (start, end) if start < end else None
    # A short quote matches too many places alone: find its surroundings, then the quote there.
    needle = found.prefix + quote + found.suffix
    if len(needle) < SHORT_QUOTE:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, text, score_cutoff=threshold)
    if alignment is None:
        return None
    # Look a little beyond the aligned window: the alignment is only as long as the needle.
    window_start = max(0, alignment.dest_start - len(found.prefix))
    window = text[window_start : alignment.dest_end + len(found.suffix)]
    expected = alignment.dest_start + len(found.prefix) - window_start
    inner = _nearest(window, quote, expected)
    if inner is not None:
        return window_start + inner, window_start + inner + len(quote)
    between = _between_context(found, window, expected)
    if between is not None:
        return window_start + between[0], window_start + between[1]
    return None


def _nearest(haystack: str, needle: str, expected: int) -> int | None:
    """The occurrence of `needle` in `haystack` nearest to `expected`, if any."""
    best: int | None = None
    position = haystack.find(needle)
    while position >= 0:
        if best is None or abs(position - expected) < abs(best - expected):
            best = position
        position = haystack.find(needle, position + 1)
    return best


def _between_context(found: Anchor, window: str, expected: int) -> tuple[int, int] | None:
    """The changed short quote: whatever stands between the end of its prefix and its suffix."""
    edge = 8
    before, after = found.prefix[-edge:], found.suffix[:edge]
    if len(before) < edge or len(after) < edge:
        return None
    longest = 2 * len(found.quote) + 4
    best: tuple[int, int] | None = None
    position = window.find(before)
    while position >= 0:
        start = position + len(before)
        end = window.find(after, start, start + longest + len(after))
        if end > start and (best is None or abs(start - expected) < abs(best[0] - expected)):
            best = (start, end)
        position = window.find(before, position + 1)
    return best
