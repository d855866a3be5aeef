"""The passage picker: choose a passage of the article by sentences, from the keyboard."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from reader.core.article import Article
from reader.core.sentences import sentence_spans


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of whole sentences of an article's clean text."""

    start: int
    """Offset of its first character in `Article.text`."""
    end: int
    """Offset just past its last character."""
    sentences: int
    """How many sentences it holds."""


class PassagePicker(Static, can_focus=True):
    """A one-line bar, focused while choosing: the chosen sentences are highlighted."""

    DEFAULT_CSS = """
    PassagePicker {
        display: none;
        height: 1;
        padding: 0 1;
        background: $accent 30%;
        color: $text;
    }
    PassagePicker.-active { display: block; }
    """

    BINDINGS = [
        Binding("j,down", "grow", "Longer", id="passage.grow",
                tooltip="Add the next sentence to the passage"),
        Binding("k,up", "shrink", "Shorter", id="passage.shrink",
                tooltip="Drop the passage's last sentence"),
        Binding("l,right", "move(1)", "Next", id="passage.next",
                tooltip="Move the passage to the next sentence"),
        Binding("h,left", "move(-1)", "Previous", id="passage.previous",
                tooltip="Move the passage to the previous sentence"),
        Binding("p", "paragraph", "Paragraph", id="passage.paragraph",
                tooltip="Widen the passage to its whole paragraph"),
        Binding("enter", "choose", "Note on it", id="passage.choose",
                tooltip="Write a note on the chosen passage"),
        Binding("escape", "cancel", "Cancel", id="passage.cancel",
                tooltip="Stop choosing a passage"),
    ]  # fmt: skip

    @dataclass
    class Changed(Message):
        """The chosen passage changed."""

        passage: Passage
        """What is chosen now."""

    @dataclass
    class Chosen(Message):
        """The user wants a note on the passage."""

        article: Article
        """The article the passage is in."""
        passage: Passage
        """The passage."""

    @dataclass
    class Cancelled(Message):
        """The user stopped choosing."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.article: Article | None = None
        self._sentences: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._paragraphs: list[tuple[int, int]] = []
        self._first = self._last = 0

    def begin(self, article: Article, offset: int) -> bool:
        """Start choosing in `article` with the sentence at (or just after) `offset`."""
        self._sentences = sentence_spans(article.text)
        if not self._sentences:
            return False
        self.article = article
        self._starts = [start for start, _ in self._sentences]
        self._paragraphs = [(p.start, p.start + len(p.text)) for p in article.body]
        index = max(0, bisect_right(self._starts, offset) - 1)
        if self._sentences[index][1] <= offset and index + 1 < len(self._sentences):
            index += 1
        self._first = self._last = index
        self.add_class("-active")
        self.focus()
        self._changed()
        return True

    @property
    def passage(self) -> Passage:
        """The passage chosen now."""
        return Passage(
            self._sentences[self._first][0],
            self._sentences[self._last][1],
            self._last - self._first + 1,
        )

    def _changed(self) -> None:
        count = self._last - self._first + 1
        noun = "sentence" if count == 1 else "sentences"
        self.update(
            Content(
                f"Passage: {count} {noun} — j/k longer/shorter · h/l move · p paragraph · "
                "enter: note on it · escape: cancel"
            )
        )
        self.post_message(self.Changed(self.passage))

    def end(self) -> None:
        """Stop choosing and hide the bar."""
        self.remove_class("-active")
        self.article = None

    def on_blur(self) -> None:
        # Tabbing away abandons the choice, so no stale highlight is left behind.
        if self.article is not None:
            self.action_cancel()

    def action_grow(self) -> None:
        """Add the next sentence."""
        if self._last + 1 < len(self._sentences):
            self._last += 1
            self._changed()

    def action_shrink(self) -> None:
        """Drop the last sentence (one always stays)."""
        if self._last > self._first:
            self._last -= 1
            self._changed()

    def action_move(self, step: int) -> None:
        """Move the passage by one sentence, keeping its length."""
        length = self._last - self._first
        first = min(max(0, self._first + step), len(self._sentences) - 1 - length)
        if first != self._first:
            self._first, self._last = first, first + length
            self._changed()

    def action_paragraph(self) -> None:
        """Widen the passage to the paragraphs its sentences are in."""
        start, end = self.passage.start, self.passage.end
        for p_start, p_end in self._paragraphs:
            if p_start <= start < p_end:
                start = p_start
            if p_start < end <= p_end:
                end = p_end
        first = bisect_right(self._starts, start) - 1
        last = bisect_right(self._starts, end - 1) - 1
        self._first, self._last = max(0, first), max(first, last)
        self._changed()

    def action_choose(self) -> None:
        """Ask for a note on the passage."""
        article = self.article
        if article is not None:
            passage = self.passage
            self.end()
            self.post_message(self.Chosen(article, passage))

    def action_cancel(self) -> None:
        """Stop choosing."""
        self.end()
        self.post_message(self.Cancelled())
