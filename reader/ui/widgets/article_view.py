"""The article pane: a line-based view that renders only the lines on screen.

Article text is untrusted, so it reaches the terminal only as `rich.text.Text` built from
plain strings; highlights (actors, matches) are style spans on character offsets of
`Article.text`, never markup.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.article import Article
from reader.core.kinds import KINDS
from reader.ui.kinds import KIND_LABELS, actor_css, all_components, component

_TOKEN = re.compile(r"\S+\s*")

_BACKGROUND_HIGHLIGHTS = ("article-view--match", "article-view--note", "article-view--selection")
"""Highlights that keep their own background (the others show the pane's)."""

LAYOUT_SLICE_SECONDS = 0.012
"""How long one step of laying out a long article may hold the event loop."""


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Break `text` into lines of at most `width` cells, as (start, end) offsets.

    Lines break at spaces; a word longer than a line is cut. Trailing spaces are not part of
    a line, so highlights never spill past the words.
    """
    width = max(1, width)
    measure = len if text.isascii() else cell_len
    if measure(text) <= width:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    line_start = line_end = used = 0
    for token in _TOKEN.finditer(text):
        word_start = token.start()
        word = token.group().rstrip()
        trailing_spaces = len(token.group()) - len(word)
        word_width = measure(word)
        if used and used + word_width > width:
            lines.append((line_start, line_end))
            line_start, used = word_start, 0
        while word_width > width:  # a word wider than the pane is cut where it must be
            cut = word_start + 1
            while cut < word_start + len(word) and measure(text[word_start : cut + 1]) <= width:
                cut += 1
            lines.append((word_start, cut))
            word = word[cut - word_start :]
            word_start = line_start = cut
            word_width = measure(word)
        line_end = word_start + len(word)
        used += word_width + trailing_spaces
    if line_end > line_start or not lines:
        lines.append((line_start, line_end))
    return lines


@dataclass(frozen=True, slots=True)
class Highlight:
    """A style over a range of the article's clean text."""

    start: int
    """First character, an offset into `Article.text`."""
    end: int
    """One past the last character."""
    style: str
    """A component class of `ArticleView` (e.g. "article-view--match")."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    """What the line shows."""
    offset: int | None
    """Where `text` starts in `Article.text`, or None for lines outside it (header, raw)."""
    style: str
    """The component class for the whole line."""
    spans: tuple[tuple[int, int, str], ...] = ()
    """Styles over parts of this line's own text (the legend's bullets)."""


class ArticleView(ScrollView, can_focus=True):
    """Shows one article: a header, then the clean body (or the raw text), with highlights."""

    COMPONENT_CLASSES = all_components() | {
        "article-view--title",
        "article-view--meta",
        "article-view--url",
        "article-view--problem",
        "article-view--heading",
        "article-view--paragraph",
        "article-view--raw",
        "article-view--placeholder",
        "article-view--match",
        "article-view--match-current",
        "article-view--note",
        "article-view--note-current",
        "article-view--selection",
    }

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1;
        background: $surface;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    ArticleView > .article-view--title { text-style: bold; color: $text; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--url { color: $text-muted; text-style: underline; }
    ArticleView > .article-view--problem { color: $text-warning; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-accent; }
    ArticleView > .article-view--paragraph { color: $text; }
    ArticleView > .article-view--raw { color: $text; }
    ArticleView > .article-view--placeholder { color: $text-muted; text-style: italic; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--match-current { background: $warning; color: $background; }
    ArticleView > .article-view--note { background: $success 20%; text-style: underline; }
    ArticleView > .article-view--note-current { background: $success 45%; text-style: underline; }
    ArticleView > .article-view--selection { background: $accent 45%; }
    """ + actor_css("ArticleView")

    BINDINGS = [
        Binding(
            "j,down",
            "scroll_down",
            "Down",
            show=False,
            id="article.down",
            tooltip="Scroll the article down one line",
        ),
        Binding(
            "k,up",
            "scroll_up",
            "Up",
            show=False,
            id="article.up",
            tooltip="Scroll the article up one line",
        ),
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            show=False,
            id="article.page_down",
            tooltip="Scroll the article down one page",
        ),
        Binding(
            "b,pageup",
            "page_up",
            "Page up",
            show=False,
            id="article.page_up",
            tooltip="Scroll the article up one page",
        ),
        Binding(
            "g,home",
            "scroll_home",
            "Top",
            show=False,
            id="article.top",
            tooltip="Go to the top of the article",
        ),
        Binding(
            "G,end",
            "scroll_end",
            "Bottom",
            show=False,
            id="article.bottom",
            tooltip="Go to the end of the article",
        ),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.article: Article | None = None
        self.show_raw = False
        self.show_legend = False
        self._highlights: list[Highlight] = []
        self._highlight_starts: list[int] = []
        self._longest_highlight = 0
        self._lines: list[_Line] = []
        self._line_offsets: list[int] = []
        self._line_indices: list[int] = []
        self._laid_out_width = -1
        self._layout_generation = 0
        self._pending_blocks: Iterator[list[_Line]] | None = None
        self._pending_offset: int | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._placeholder = "No article open. Choose one in the list and press enter."

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def _restyle(self) -> None:
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # What is shown

    def show_article(
        self,
        article: Article | None,
        *,
        raw: bool = False,
        highlights: list[Highlight] | None = None,
    ) -> None:
        """Show `article` (or the placeholder) from the top, clean or raw, with highlights."""
        self.article = article
        self.show_raw = raw
        self._pending_offset = None
        self.set_highlights(highlights or [])
        self._relayout(force=True)
        self.scroll_to(0, 0, animate=False)

    def set_legend(self, show: bool) -> None:
        """Show or hide the legend of actor kinds under the article's header."""
        if show != self.show_legend:
            self.show_legend = show
            if self.article is not None:
                self._relayout(force=True, keep_position=True)

    def set_placeholder(self, text: str) -> None:
        """Set the words shown when no article is open."""
        self._placeholder = text
        if self.article is None:
            self._relayout(force=True)

    def set_raw(self, raw: bool) -> None:
        """Switch between the clean reading view and the raw source text."""
        if raw != self.show_raw:
            self.show_raw = raw
            self._relayout(force=True)
            self.scroll_to(0, 0, animate=False)

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """Replace the highlights drawn over the clean text."""
        self._highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self._highlight_starts = [h.start for h in self._highlights]
        self._longest_highlight = max((h.end - h.start for h in self._highlights), default=0)
        self._strips.clear()
        self.refresh()

    def line_of_offset(self, offset: int) -> int | None:
        """The line (y in the virtual space) showing a character of the clean text."""
        if not self._line_offsets:
            return None
        position = bisect_right(self._line_offsets, offset) - 1
        return self._line_indices[max(0, position)]

    def scroll_to_offset(self, offset: int, *, animate: bool = False) -> None:
        """Scroll so the line holding `offset` of the clean text is in view, a third down."""
        if self._pending_blocks is not None and (
            not self._line_offsets or self._line_offsets[-1] <= offset
        ):
            self._pending_offset = offset  # not laid out yet: scroll when it is
            return
        line = self.line_of_offset(offset)
        if line is None:
            return
        target = max(0, line - self.scrollable_content_region.height // 3)
        self.scroll_to(y=target, animate=animate)

    @property
    def top_offset(self) -> int | None:
        """The clean-text offset of the first body line on screen, if any."""
        start = int(self.scroll_y)
        for line in self._lines[start:]:
            if line.offset is not None:
                return line.offset
        return None

    # Layout

    def on_resize(self) -> None:
        self._relayout()

    def _relayout(self, force: bool = False, *, keep_position: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            width = max(20, self.size.width - 2)
        if width == self._laid_out_width and not force:
            return
        # At the very top the header is in view: stay there rather than jump to the body.
        at_top = self.scroll_y < 1
        keep = self.top_offset if (keep_position or not force) and not at_top else None
        if self._pending_offset is not None:
            keep = self._pending_offset
        self._laid_out_width = width
        self._layout_generation += 1
        self._lines = []
        self._line_offsets = []
        self._line_indices = []
        self._strips.clear()
        self._pending_blocks = self._iter_blocks(width)
        self._pending_offset = keep
        self._layout_more(self._layout_generation)

    def _layout_more(self, generation: int) -> None:
        """Lay out blocks for a few milliseconds, then yield to the event loop and go on.

        A multi-megabyte article thus shows its first screen at once and never freezes keys.
        """
        blocks = self._pending_blocks
        if generation != self._layout_generation or blocks is None:
            return
        deadline = time.perf_counter() + LAYOUT_SLICE_SECONDS
        for block in blocks:
            for line in block:
                if line.offset is not None:
                    self._line_offsets.append(line.offset)
                    self._line_indices.append(len(self._lines))
                self._lines.append(line)
            if time.perf_counter() > deadline:
                break
        else:
            self._pending_blocks = None
        self.virtual_size = Size(self._laid_out_width, len(self._lines))
        target = self._pending_offset
        if target is not None and (
            self._pending_blocks is None or (self._line_offsets and self._line_offsets[-1] > target)
        ):
            self._pending_offset = None
            line_number = self.line_of_offset(target)
            if line_number is not None:
                self.scroll_to(y=line_number, animate=False)
        self.refresh()
        if self._pending_blocks is not None:
            self.set_timer(0.001, partial(self._layout_more, generation))

    @property
    def layout_complete(self) -> bool:
        """Whether every line of the article has been laid out."""
        return self._pending_blocks is None

    def _legend_line(self) -> _Line:
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        position = 0
        for kind in KINDS:
            label = f"● {KIND_LABELS[kind]}"
            spans.append((position, position + 1, component(kind)))
            parts.append(label)
            position += len(label) + 2
        return _Line("  ".join(parts), None, "article-view--meta", tuple(spans))

    def _iter_blocks(self, width: int) -> Iterator[list[_Line]]:
        """The article's lines at `width`, one block (header line, paragraph) at a time."""

        def wrapped(text: str, style: str, offset: int | None = None) -> list[_Line]:
            return [
                _Line(text[start:end], None if offset is None else offset + start, style)
                for start, end in wrap_offsets(text, width)
            ]

        blank = [_Line("", None, "article-view--paragraph")]
        article = self.article
        if article is None:
            yield wrapped(self._placeholder, "article-view--placeholder")
            return
        yield wrapped(article.title, "article-view--title")
        meta = " · ".join(
            part
            for part in (
                article.source,
                article.date,
                f"by {article.author}" if article.author else None,
                f"{article.words:,} words",
            )
            if part
        )
        yield wrapped(meta, "article-view--meta")
        if article.url:
            yield wrapped(article.url, "article-view--url")
        for problem in article.problems:
            yield wrapped(f"⚠ {problem}", "article-view--problem")
        if self.show_legend:
            yield [self._legend_line()]
        if self.show_raw:
            yield wrapped("— raw text (r: back to the clean view) —", "article-view--meta")
            yield blank
            for raw_line in article.raw.split("\n"):
                if raw_line:
                    yield wrapped(raw_line.replace("\t", "    "), "article-view--raw")
                else:
                    yield blank
            return
        folded = len(article.boilerplate)
        if folded:
            noun = "block" if folded == 1 else "blocks"
            yield wrapped(
                f"{folded} {noun} of boilerplate folded (r: raw text)", "article-view--meta"
            )
        for paragraph in article.body:
            style = (
                "article-view--heading"
                if paragraph.kind == "heading"
                else ("article-view--paragraph")
            )
            yield blank + wrapped(paragraph.text, style, paragraph.start)

    # Rendering

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True)
            if not name.startswith(_BACKGROUND_HIGHLIGHTS):
                # Line styles set colour and weight only: the pane's own background shows.
                style = style + Style(bgcolor=self.rich_style.bgcolor)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_strip(self._lines[index], base)
            if len(self._strips) > 4000:
                self._strips.clear()
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def _render_strip(self, line: _Line, base: Style) -> Strip:
        if not line.text:
            return Strip([Segment("", base)], 0)
        text = Text(line.text, no_wrap=True, end="")
        # A span, not Text(style=...): rendering segments applies spans only.
        text.stylize(base + self._style(line.style))
        for start, end, style in line.spans:
            text.stylize(self._style(style), start, end)
        if line.offset is not None and self._highlights:
            start, end = line.offset, line.offset + len(line.text)
            first = bisect_left(self._highlight_starts, start - self._longest_highlight)
            last = bisect_left(self._highlight_starts, end)
            # Backgrounds (notes, matches) go on last, so the actor names inside keep them.
            window = sorted(
                self._highlights[first:last],
                key=lambda h: h.style.startswith(_BACKGROUND_HIGHLIGHTS),
            )
            for highlight in window:
                if highlight.end > start:
                    text.stylize(
                        self._style(highlight.style),
                        max(0, highlight.start - start),
                        min(len(line.text), highlight.end - start),
                    )
        segments = list(text.render(self.app.console))
        return Strip(segments, text.cell_len)
