"""Finding actors in text: mentions as spans of `Article.text`, per article and per corpus.

The rules, each with a test:

- whole words only: a name never matches inside a longer word;
- the longest name wins and mentions never overlap ("Belarusian Armed Forces" is one actor);
- possessives match (`Lukashenko's`, `Belarus'`, `Lukashenko’s`): the mention is the name;
- case and diacritics are folded (`Nauseda` = `Nausėda`, `KREMLIN` = `Kremlin`) except for
  acronyms, names of three letters or fewer and names that are common words (`Polish`,
  `Foreign Policy`), which match only as written;
- zero-width characters and soft hyphens inside a name do not break it;
- nothing matches inside a web address;
- a surname shared by several people resolves to the one the article (or else the corpus)
  names in full, and is dropped when that leaves more than one;
- demonyms ("Belarusian") resolve to their state, flagged so the screen can show them
  lighter, and can be left out.

The matcher compiles every name into one regular expression shaped as a prefix tree, once,
on first use (about 30–40 MB/s, where a plain alternation is several times slower).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from reader.core.article import Article
from reader.core.gazetteer import Gazetteer, alias_key
from reader.core.text import fold

_COMMON_WORDS_TEXT = """
    polish poles pole turkey china chad may bush tusk wolf grad patriot javelin lancet sputnik
    guardian mark rose hope grace march august will bill jack frank faith victor trump storm
    reuters tor buk smart hawk eagle falcon tiger leopard bear crown union state kremlin
"""
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split()) - {"reuters", "kremlin", "union", "state"}
"""Names that are also ordinary English words: they match only with the gazetteer's case."""

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_URL_MARK = re.compile(r"://|[Ww][Ww][Ww]\.")
_URL_START = re.compile(r"\S*$")
_URL_END = re.compile(r"\S*")
# Word-initial letters of English and Russian prose, most frequent first: the prefix tree
# tries its first-level branches in this order, so common starts are found sooner.
_FIRST_LETTER_ORDER = "tasowicbpmfhdrelngukyvjqxzпнсвокдмрэтгабилуфзеяжхцчшщюё"
_KEY_PUNCTUATION = (
    ("\n", " "),
    ("\t", " "),
    ("’", "'"),
    ("‘", "'"),
    ("ʼ", "'"),
    ("\u00a0", " "),
    ("\u2010", "-"),
    ("\u2011", "-"),
)
"""Characters made uniform in matching keys: one replacement character for each."""
_KEY_TABLE = str.maketrans(dict(_KEY_PUNCTUATION))
_FOLD_CACHE: dict[str, str] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_one(match: re.Match[str]) -> str:
    char = match.group()
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        folded = fold(char).translate(_KEY_TABLE)
        _FOLD_CACHE[char] = folded
    return folded


def _punctuation_key(text: str) -> str:
    """The text with apostrophes, hyphens and spaces made uniform, one character for one."""
    # str.replace per character is a fast C scan; str.translate walks in Python-speed steps.
    for odd, plain in _KEY_PUNCTUATION:
        if odd in text:
            text = text.replace(odd, plain)
    return text


def folded_key(text: str) -> str:
    """The text case- and diacritics-folded with uniform punctuation, one character for one."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few capitals lower to two characters (İ): fold char by char to keep offsets.
        return _punctuation_key(fold(text))
    for odd in ("\n", "\t"):
        if odd in lowered:
            lowered = lowered.replace(odd, " ")
    if lowered.isascii():
        return lowered
    # Only the non-ASCII characters go through Python: folding and punctuation at once.
    return _NON_ASCII.sub(_fold_one, lowered)


def is_exact_alias(alias: str, listed_exact: frozenset[str] = frozenset()) -> bool:
    """Whether a name must match with its exact case: acronyms, short names, common words."""
    if alias in listed_exact:
        return True
    letters = [ch for ch in alias if ch.isalpha()]
    if len(letters) <= 3:
        return True
    if all(ch.isupper() for ch in letters):
        return True
    return alias_key(alias) in COMMON_WORDS


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor named at one place in an article's clean text."""

    start: int
    """Where the name starts in `Article.text`."""
    end: int
    """Where it ends (exclusive)."""
    actor_id: str
    """The actor it refers to."""
    demonym: bool = False
    """True when the word is a demonym ("Belarusian") rather than a name."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found in text before surnames are resolved."""

    start: int
    """Where the name starts."""
    end: int
    """Where it ends (exclusive)."""
    actor_ids: tuple[str, ...]
    """The actors it may refer to: one, or several people sharing a surname."""
    demonym: bool = False
    """Whether the name is a demonym."""

    @property
    def ambiguous(self) -> bool:
        """Whether several actors share this name."""
        return len(self.actor_ids) > 1


@dataclass(frozen=True, slots=True)
class _Entry:
    actor_ids: tuple[str, ...]
    demonym: bool
    blocked: bool


class ActorMatcher:
    """Finds a gazetteer's actors in text; build once (via `Gazetteer.matcher`) and reuse."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        """The actors matched."""
        self._folded: dict[str, _Entry] = {}
        self._exact: dict[str, _Entry] = {}
        for actor in gazetteer:
            forms = [(n, False) for n in actor.names] + [(d, True) for d in actor.demonyms]
            for form, is_demonym in forms:
                self._add(form, actor.id, is_demonym, is_exact_alias(form, actor.exact))
        for phrase in gazetteer.excluded:
            exact = is_exact_alias(phrase)
            table = self._exact if exact else self._folded
            key = _punctuation_key(phrase) if exact else folded_key(phrase)
            table[" ".join(key.split())] = _Entry((), False, True)

    def _add(self, form: str, actor_id: str, demonym: bool, exact: bool) -> None:
        table = self._exact if exact else self._folded
        key = " ".join((_punctuation_key(form) if exact else folded_key(form)).split())
        known = table.get(key)
        if known is None:
            table[key] = _Entry((actor_id,), demonym, False)
        elif not known.blocked and actor_id not in known.actor_ids:
            table[key] = _Entry((*known.actor_ids, actor_id), known.demonym, False)

    @cached_property
    def _folded_regex(self) -> re.Pattern[str] | None:
        return _trie_regex(self._folded)

    @cached_property
    def _exact_regex(self) -> re.Pattern[str] | None:
        return _trie_regex(self._exact)

    def compile(self) -> None:
        """Build the regular expressions now rather than on first use (for a worker thread)."""
        _ = self._folded_regex, self._exact_regex

    def hits(self, text: str) -> list[Hit]:
        """Every name in `text`, longest first and never overlapping, surnames unresolved."""
        if _INVISIBLE.search(text):
            return self._hits_without_invisibles(text)
        candidates: list[tuple[int, int, _Entry]] = []
        if self._folded_regex is not None:
            key = folded_key(text)
            table = self._folded
            candidates.extend(
                (m.start(), m.end(), table[m.group()]) for m in self._folded_regex.finditer(key)
            )
        if self._exact_regex is not None:
            key = _punctuation_key(text)
            table = self._exact
            exact_found = [
                (m.start(), m.end(), table[m.group()]) for m in self._exact_regex.finditer(key)
            ]
            if exact_found:
                candidates.extend(exact_found)
                # Leftmost, then longest: the same rule a single pass would follow.
                candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        urls = _url_spans(text)
        found: list[Hit] = []
        last_end = -1
        for start, end, entry in candidates:
            if start < last_end:
                continue
            last_end = end
            if entry.blocked or (urls and _inside(urls, start)):
                continue
            found.append(Hit(start, end, entry.actor_ids, entry.demonym))
        return found

    def _hits_without_invisibles(self, text: str) -> list[Hit]:
        kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
        kept.append(len(text))
        visible = _INVISIBLE.sub("", text)
        return [
            Hit(kept[h.start], kept[h.end - 1] + 1, h.actor_ids, h.demonym)
            for h in self.hits(visible)
        ]

    def mentions(self, text: str, *, demonyms: bool = True) -> list[Mention]:
        """The mentions in one text, shared surnames resolved from that text alone."""
        hits = self.hits(text)
        full = _full_names(hits)
        return resolve(hits, full, Counter(), demonyms=demonyms)


def resolve(
    hits: Sequence[Hit],
    article_full: set[str],
    corpus_full: Counter[str],
    *,
    demonyms: bool = True,
) -> list[Mention]:
    """Turn hits into mentions: a shared surname goes to the one person named in full.

    Args:
        hits: the names found in one article.
        article_full: actors named unambiguously in that article.
        corpus_full: how many articles of the corpus name each actor unambiguously.
        demonyms: whether to keep demonyms.
    """
    mentions: list[Mention] = []
    for hit in hits:
        if hit.demonym and not demonyms:
            continue
        if not hit.ambiguous:
            mentions.append(Mention(hit.start, hit.end, hit.actor_ids[0], hit.demonym))
            continue
        in_article = [a for a in hit.actor_ids if a in article_full]
        chosen = in_article if in_article else [a for a in hit.actor_ids if corpus_full[a]]
        if len(chosen) == 1:
            mentions.append(Mention(hit.start, hit.end, chosen[0], hit.demonym))
    return mentions


def _full_names(hits: Iterable[Hit]) -> set[str]:
    return {h.actor_ids[0] for h in hits if not h.ambiguous and not h.demonym}


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text.lower():
        return []
    spans: list[tuple[int, int]] = []
    for mark in _URL_MARK.finditer(text):
        if spans and mark.start() < spans[-1][1]:
            continue
        head = _URL_START.search(text, max(0, mark.start() - 2048), mark.start())
        start = head.start() if head else mark.start()
        tail = _URL_END.match(text, mark.start())
        spans.append((start, tail.end() if tail else mark.end()))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _trie_regex(table: dict[str, _Entry]) -> re.Pattern[str] | None:
    """One pattern for every key, shaped as a prefix tree so each position costs little."""
    if not table:
        return None
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in table:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    first = "".join(sorted(re.escape(ch) for ch in trie))
    body = _node_pattern(trie, order=_FIRST_LETTER_ORDER)
    # The lookahead rejects most positions at once; the lookarounds make whole words.
    return re.compile(f"(?=[{first}])(?<!\\w){body}(?!\\w)")


def _node_pattern(node: dict[str, dict], order: str = "") -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    ranked = sorted(
        node.items(), key=lambda item: (order.find(item[0]) % (len(order) + 1), item[0])
    )
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in ranked if ch]
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends_here else group


@dataclass(frozen=True)
class CorpusMentions:
    """Every article's mentions, with counts and lookups for the actor panel and filters."""

    by_article: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    """Each article id's mentions in text order, demonyms included."""
    show_demonyms: bool = True
    """Whether demonyms count as mentions in this view."""

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        """The article's mentions in text order (without demonyms when they are off)."""
        found = self.by_article.get(article_id, ())
        if self.show_demonyms:
            return found
        return tuple(m for m in found if not m.demonym)

    def with_demonyms(self, show: bool) -> CorpusMentions:
        """The same mentions with demonyms shown or hidden (no matching again)."""
        return CorpusMentions(self.by_article, show)

    def counts(self, article_id: str) -> dict[str, int]:
        """How often each actor is mentioned in one article, most mentioned first."""
        return dict(Counter(m.actor_id for m in self.mentions(article_id)).most_common())

    def top_actors(self, article_id: str, limit: int = 3) -> list[str]:
        """The ids of the article's most mentioned actors, for the article list."""
        return list(self.counts(article_id))[:limit]

    @cached_property
    def _article_counts(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for article_id in self.by_article:
            for actor_id, count in self.counts(article_id).items():
                table.setdefault(actor_id, {})[article_id] = count
        return table

    def article_counts(self, actor_id: str) -> dict[str, int]:
        """How often each article mentions the actor (only articles that do)."""
        return dict(self._article_counts.get(actor_id, {}))

    def corpus_counts(self) -> dict[str, int]:
        """Total mentions of each mentioned actor across the corpus, most mentioned first."""
        totals = {actor: sum(per.values()) for actor, per in self._article_counts.items()}
        return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    def article_frequency(self) -> dict[str, int]:
        """How many articles mention each actor, most widespread first."""
        spread = {actor: len(per) for actor, per in self._article_counts.items()}
        return dict(sorted(spread.items(), key=lambda item: (-item[1], item[0])))

    def articles_with(self, actor_id: str) -> frozenset[str]:
        """The ids of the articles that mention the actor (for `Articles.filtered`)."""
        return frozenset(self._article_counts.get(actor_id, {}))

    def articles_with_all(self, actor_ids: Iterable[str]) -> frozenset[str]:
        """The ids of the articles that mention every one of the actors (AND)."""
        chosen: frozenset[str] | None = None
        for actor_id in actor_ids:
            having = self.articles_with(actor_id)
            chosen = having if chosen is None else chosen & having
        return chosen if chosen is not None else frozenset(self.by_article)


def match_corpus(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    *,
    show_demonyms: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CorpusMentions:
    """Find every article's mentions, resolving shared surnames across the corpus.

    Args:
        articles: the corpus.
        gazetteer: the actors to find.
        show_demonyms: the initial demonym setting of the result (`with_demonyms` changes it).
        progress: called with the number of articles matched so far, every 200 articles.
    """
    matcher = gazetteer.matcher
    all_hits: dict[str, list[Hit]] = {}
    article_full: dict[str, set[str]] = {}
    corpus_full: Counter[str] = Counter()
    for done, article in enumerate(articles, 1):
        hits = matcher.hits(article.text)
        all_hits[article.id] = hits
        full = _full_names(hits)
        article_full[article.id] = full
        corpus_full.update(full)
        if progress is not None and done % 200 == 0:
            progress(done)
    by_article = {
        article_id: tuple(resolve(hits, article_full[article_id], corpus_full))
        for article_id, hits in all_hits.items()
    }
    return CorpusMentions(by_article, show_demonyms)


def next_mention(
    mentions: Sequence[Mention], offset: int, actor_id: str | None = None
) -> Mention | None:
    """The first mention starting after `offset` (of one actor, if given), or None."""
    index = bisect.bisect_right([m.start for m in mentions], offset)
    for mention in mentions[index:]:
        if actor_id is None or mention.actor_id == actor_id:
            return mention
    return None


def previous_mention(
    mentions: Sequence[Mention], offset: int, actor_id: str | None = None
) -> Mention | None:
    """The last mention starting before `offset` (of one actor, if given), or None."""
    index = bisect.bisect_left([m.start for m in mentions], offset)
    for mention in reversed(mentions[:index]):
        if actor_id is None or mention.actor_id == actor_id:
            return mention
    return None


def mention_at(mentions: Sequence[Mention], offset: int) -> Mention | None:
    """The mention covering `offset`, if any (what the cursor is on)."""
    index = bisect.bisect_right([m.start for m in mentions], offset) - 1
    if index >= 0 and mentions[index].start <= offset < mentions[index].end:
        return mentions[index]
    return None
