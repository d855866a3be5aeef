"""Sentence boundaries in an article's clean text, as character spans."""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"”’»)\]]*[ \t]+(?=[\"“‘«(\[]?[A-ZÀ-ÞА-ЯЁ0-9—–])|\n[ \t]*\n\s*|\n"
)
"""The gap between two sentences: after a full stop, before a capital; or a paragraph break."""

_ABBREVIATIONS = _word_set(
    "mr mrs ms dr st gen lt col sgt jr sr no vs etc prof rep sen gov capt maj adm u.s u.k e.g i.e"
)
"""Words whose full stop does not end a sentence (compared lower-case, without the stop)."""


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) spans of the sentences in `text[start:end]`, whitespace trimmed."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for gap in _BOUNDARY.finditer(text, start, stop):
        before = text[begin : gap.start()].rstrip('"”’»)] \t')
        last_word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
        if last_word in _ABBREVIATIONS and "\n" not in gap.group():
            continue
        _add(text, spans, begin, gap.start())
        begin = gap.end()
    _add(text, spans, begin, stop)
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
