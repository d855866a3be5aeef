"""Anchoring passages and finding them again after the text changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchor import CONTEXT_CHARS, Anchor, anchor, locate

TEXT = (
    "Belarus has hosted Russian troops since 2022. Lukashenko insists his army will not cross "
    "the border. Western officials say the risk is low but not zero. Lukashenko insists his "
    "army is ready to defend the country. Kyiv keeps forces in the north all the same."
)

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.", min_size=0, max_size=80)


def test_anchor_keeps_quote_context_and_offsets() -> None:
    """An anchor holds the quote, up to 32 characters each side, and the offsets."""
    start = TEXT.index("Western")
    found = anchor(TEXT, start, start + 16)
    assert found.quote == "Western official"
    assert found.prefix == TEXT[start - CONTEXT_CHARS : start] and len(found.prefix) == 32
    assert found.suffix == TEXT[start + 16 : start + 16 + 32]
    assert (found.start, found.end) == (start, start + 16)


def test_anchor_rejects_empty_span() -> None:
    """An empty or out-of-range span cannot be anchored."""
    with pytest.raises(ValueError):
        anchor(TEXT, 5, 5)
    with pytest.raises(ValueError):
        anchor(TEXT, 0, len(TEXT) + 1)


def test_repeated_quote_resolved_by_context() -> None:
    """When the quote occurs twice, the occurrence whose context matches wins, not the nearest."""
    second = TEXT.index("Lukashenko insists", 50)
    found = anchor(TEXT, second, second + len("Lukashenko insists his"))
    shifted = "A new first paragraph, quite long, pushes everything along the page. " + TEXT
    span = locate(found, shifted)
    assert span is not None
    assert span[0] == shifted.index("Lukashenko insists", 120)


def test_changed_quote_found_fuzzily() -> None:
    """A quote with a word changed is still found where it now stands."""
    start = TEXT.index("Western")
    found = anchor(TEXT, start, TEXT.index("zero.") + 5)
    edited = "Intro. " + TEXT.replace("the risk is low", "the risk is small")
    span = locate(found, edited)
    assert span is not None
    assert "risk is small" in edited[span[0] : span[1]]
    assert abs(span[0] - edited.index("Western")) <= 2


def test_vanished_quote_is_orphaned() -> None:
    """A passage removed from the text cannot be located: None, not a wrong place."""
    start = TEXT.index("Western")
    end = TEXT.index("zero.") + 5
    found = anchor(TEXT, start, end)
    assert locate(found, TEXT[:start] + TEXT[end:]) is None


def test_short_quote_found_through_its_context() -> None:
    """A one-word quote whose word changed spelling is found through its surroundings."""
    start = TEXT.index("Kyiv")
    found = anchor(TEXT, start, start + 4)
    edited = TEXT.replace("Kyiv keeps", "Kiev keeps")
    span = locate(found, edited)
    assert span == (start, start + 4)


@settings(max_examples=150, deadline=None)
@given(
    before=words,
    quote=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=40),
    after=words,
    inserted_before=words,
    inserted_after=words,
    cut_before=st.integers(min_value=0, max_value=80),
    cut_after=st.integers(min_value=0, max_value=80),
)
def test_edits_around_quote_keep_it_found(
    before: str,
    quote: str,
    after: str,
    inserted_before: str,
    inserted_after: str,
    cut_before: int,
    cut_after: int,
) -> None:
    """Insertions and deletions outside the quote never lose it: it is found exactly."""
    text = before + quote + after
    found = anchor(text, len(before), len(before) + len(quote))
    new_before = inserted_before + before[cut_before:]
    new_after = after[: max(0, len(after) - cut_after)] + inserted_after
    new_text = new_before + quote + new_after
    span = locate(found, new_text)
    assert span is not None
    assert new_text[span[0] : span[1]] == quote


@settings(max_examples=100, deadline=None)
@given(
    prefix=words,
    suffix=words,
    position=st.integers(min_value=0, max_value=59),
    replacement=st.sampled_from(["x", "", "yz"]),
)
def test_small_change_inside_long_quote_still_located(
    prefix: str, suffix: str, position: int, replacement: str
) -> None:
    """One character changed inside a 60-character quote: the quote is still placed over it."""
    quote = "Lukashenko said Belarus would fight only if it were attacked"
    text = prefix + quote + suffix
    found = anchor(text, len(prefix), len(prefix) + len(quote))
    changed = quote[:position] + replacement + quote[position + 1 :]
    new_text = "Z" + prefix + changed + suffix
    span = locate(found, new_text)
    assert span is not None
    quote_start = 1 + len(prefix)
    overlap = min(span[1], quote_start + len(changed)) - max(span[0], quote_start)
    assert overlap >= 0.8 * len(changed)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="abc ", min_size=40, max_size=200))
def test_unrelated_text_orphans(text: str) -> None:
    """A quote in letters that the new text does not contain at all is never placed."""
    found = Anchor(quote="XYZXYZXYZXYZXYZXYZ", prefix="", suffix="", start=3, end=21)
    assert locate(found, text) is None
