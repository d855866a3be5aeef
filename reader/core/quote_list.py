"""The corpus's quotes as a reader lists them: narrowed by typed words, exported to files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal

from reader.core.article import Article
from reader.core.export import write_atomic
from reader.core.gazetteer import Gazetteer, alias_key
from reader.core.quotes import Quote, quote_to_dict

ExportFormat = Literal["md", "json"]

UNATTRIBUTED = "unattributed"
"""How a quote with no speaker is named, in lists and exports."""


def speaker_label(quote: Quote) -> str:
    """The speaker's name, or "unattributed"."""
    return quote.speaker or UNATTRIBUTED


def by_speaker(quotes: Iterable[Quote], typed: str, gazetteer: Gazetteer) -> list[Quote]:
    """The quotes whose speaker's name or one of its aliases holds the typed words.

    Matching ignores case and diacritics, so "lukashen" finds Lukashenko and "Łukaszenka";
    "unattr" finds the quotes with no speaker.
    """
    wanted = alias_key(typed)
    if not wanted:
        return list(quotes)
    fitting_ids = {
        actor.id
        for actor in gazetteer
        if any(wanted in alias_key(name) for name in (actor.name, *actor.aliases))
    }
    fits: dict[str, bool] = {}  # per speaker as written: a corpus has few, quotes many
    chosen: list[Quote] = []
    for quote in quotes:
        label = speaker_label(quote)
        if label not in fits:
            fits[label] = wanted in alias_key(label)
        if quote.speaker_id in fitting_ids or fits[label]:
            chosen.append(quote)
    return chosen


def quotes_markdown(quotes: Iterable[Quote], articles: Mapping[str, Article]) -> str:
    """Quotes as Markdown: speaker, quote, article, outlet, date and URL for each."""
    lines = ["# Quotes", ""]
    for quote in quotes:
        article = articles[quote.article_id]
        lines.append(f"## {speaker_label(quote)} ({quote.kind})")
        lines.append("")
        lines.extend("> " + line if line else ">" for line in quote.text.splitlines())
        lines.append("")
        lines.append(f"- article: {article.title}")
        lines.append(f"- outlet: {article.source or 'unknown'}")
        lines.append(f"- date: {article.date or 'undated'}")
        lines.append(f"- url: {article.url or 'none'}")
        lines.append("")
    return "\n".join(lines)


def quotes_json_text(quotes: Iterable[Quote], articles: Mapping[str, Article]) -> str:
    """Quotes as a JSON list, one object per quote as `quote_to_dict` gives it."""
    data = [quote_to_dict(quote, articles[quote.article_id]) for quote in quotes]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_quotes(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    export_format: ExportFormat,
    path: Path,
) -> Path:
    """Write the quotes to `path` atomically (the old file or all of the new) and return it."""
    text = (
        quotes_markdown(quotes, articles)
        if export_format == "md"
        else quotes_json_text(quotes, articles)
    )
    write_atomic(path, text)
    return path


def default_export_path(folder: Path, export_format: ExportFormat, now: datetime) -> Path:
    """A new file in `folder` named by the time, e.g. quotes-2026-12-03-081500.md."""
    return folder / f"quotes-{now:%Y-%m-%d-%H%M%S}.{export_format}"
