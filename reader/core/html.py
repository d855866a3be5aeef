"""Reading HTML articles: body text by block, scripts and styles dropped, metadata from tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.core.dates import parse_date
from reader.core.text import sanitise

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dd",
        "dt",
        "dl",
        "form",
        "address",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base"})


@dataclass(slots=True)
class HtmlPage:
    """The readable parts of an HTML page."""

    blocks: list[tuple[str, str]] = field(default_factory=list)
    """(kind, text): "title" for the first h1, "heading", "" (to classify) or "break"."""
    title: str | None = None
    """From og:title or <title>, else None (the h1 then serves)."""
    source: str | None = None
    """From og:site_name or application-name."""
    date: str | None = None
    """From article:published_time, date meta tags or <time datetime>."""
    url: str | None = None
    """From the canonical link or og:url."""
    author: str | None = None
    """From the author meta tag."""
    urls: list[str] = field(default_factory=list)
    """Link addresses in the body, in order."""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self._skip_depth = 0
        self._stack: list[str] = []
        self._text: list[str] = []
        self._heading: str | None = None
        self._in_title = False
        self._title_text: list[str] = []
        self._seen_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            self.page.url = self.page.url or values.get("href") or None
        elif tag == "time" and values.get("datetime") and not self.page.date:
            self.page.date = parse_date(values["datetime"])
        elif tag == "a" and values.get("href", "").startswith(("http://", "https://")):
            self.page.urls.append(values["href"])
        if tag in _SKIPPED:
            self._skip_depth += 1
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = tag
        if tag not in _VOID:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _BLOCKS:
            self._flush()
        if tag in _HEADINGS:
            self._heading = None
        if tag in _SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_text.append(data)
        elif not self._skip_depth:
            self._text.append(data)

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or "").lower()
        content = " ".join(values.get("content", "").split())
        if not content:
            return
        page = self.page
        if key == "og:title":
            page.title = content
        elif key in ("og:site_name", "application-name"):
            page.source = page.source or content
        elif key in ("article:published_time", "date", "pubdate", "dc.date", "publish-date"):
            page.date = page.date or parse_date(content)
        elif key == "og:url":
            page.url = page.url or content
        elif key in ("author", "article:author") and not content.startswith("http"):
            page.author = page.author or content

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text.clear()
        if not text:
            return
        if self._heading:
            kind = "title" if self._heading == "h1" and not self._seen_h1 else "heading"
            self._seen_h1 = self._seen_h1 or self._heading == "h1"
        else:
            kind = ""
        self.page.blocks.append((kind, text))
        self.page.blocks.append(("break", ""))

    def close(self) -> None:
        super().close()
        self._flush()
        title = " ".join("".join(self._title_text).split())
        if not self.page.title and title:
            self.page.title = title


def extract_html(markup: str) -> HtmlPage:
    """The text blocks and metadata of an HTML page; never raises on broken markup."""
    extractor = _Extractor()
    extractor.feed(markup)
    extractor.close()
    page = extractor.page
    # Entities are decoded after load-time sanitising: sanitise again (&#27; is an ESC).
    page.blocks = [(kind, sanitise(text)) for kind, text in page.blocks]
    for name in ("title", "source", "url", "author"):
        value = getattr(page, name)
        if value is not None:
            setattr(page, name, sanitise(value))
    if page.title:
        # Pages often title themselves "Headline | Outlet": the h1 is the cleaner headline.
        first_h1 = next((text for kind, text in page.blocks if kind == "title"), None)
        if first_h1 and first_h1 in page.title:
            page.title = first_h1
    return page
