"""Option prompts for quotes and passages; untrusted words always go in as text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content
from textual.widgets.option_list import Option

from reader.core.actors import Mention
from reader.core.article import Article
from reader.core.quote_list import speaker_label
from reader.core.quotes import Quote

QUOTE_CHARS = 400
"""A quote longer than this is cut in lists (the article shows it whole)."""

PASSAGE_CHARS = 480
"""A passage longer than this is shown as a window around its first highlighted mention."""

PASSAGE_LEAD = 120
"""How much of the passage the window keeps before that mention."""


def _flat(text: str, limit: int) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def article_details(article: Article | None) -> str:
    """Date, outlet and headline of an article, for a row's last line."""
    if article is None:
        return "article not loaded"
    return " · ".join(
        (article.date or "undated", article.source or "unknown outlet", article.title)
    )


def quote_prompt(quote: Quote, article: Article | None, *, with_speaker: bool = True) -> Content:
    """A quote's row: speaker (or "unattributed") and kind, the words, then where it is from."""
    if not with_speaker:
        template = "“$words”\n[dim]$kind · $details[/dim]"
    elif quote.attributed:
        template = "[b]$speaker[/b] [dim]($kind)[/dim]\n“$words”\n[dim]$details[/dim]"
    else:
        template = "[i dim]$speaker[/] [dim]($kind)[/dim]\n“$words”\n[dim]$details[/dim]"
    return Content.from_markup(
        template,
        speaker=speaker_label(quote),
        kind=quote.kind,
        words=_flat(quote.text, QUOTE_CHARS),
        details=article_details(article),
    )


def passage_prompt(
    article: Article | None, start: int, end: int, mentions: Iterable[Mention]
) -> Content:
    """A passage's row: its words with the given mentions in bold, then its article."""
    details = Content.from_markup("[dim]$details[/dim]", details=article_details(article))
    if article is None:
        return details
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    low, high = start, end
    if end - start > PASSAGE_CHARS:
        first = min((m.start for m in inside), default=start)
        low = max(start, first - PASSAGE_LEAD)
        high = min(end, low + PASSAGE_CHARS)
    # Line breaks become spaces one for one, so mention offsets still fit the text.
    body = Content(article.text[low:high].replace("\n", " "))
    for mention in inside:
        if low <= mention.start and mention.end <= high:
            body = body.stylize("bold underline", mention.start - low, mention.end - low)
    if low > start:
        body = Content("…") + body
    if high < end:
        body = body + Content("…")
    return Content("\n").join([body, details])


def separated(options: Sequence[Option]) -> list[Option | None]:
    """Options with a separator line between them, so rows of several lines stand apart."""
    spaced: list[Option | None] = []
    for option in options:
        if spaced:
            spaced.append(None)
        spaced.append(option)
    return spaced
