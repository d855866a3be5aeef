"""Finding actors in text: mentions as spans of `Article.text`, per article and per corpus.

The rules, each with a test:

- whole words only: a name never matches inside a longer word;
- the longest name wins and mentions never overlap ("Belarusian Armed Forces" is one actor);
- possessives match (`Lukashenko's`, `Belarus'`, `Lukashenko’s`): the mention is the name;
- a name starts with a capital letter (`Belarus`, `BELARUS`, not `belarus`) unless the
  gazetteer writes it in lower case (`von der Leyen`, `белорусский`), which then matches
  either way; after its first letter, case and diacritics are folded (`Nauseda` = `Nausėda`,
  `KREMLIN` = `Kremlin`) except for acronyms, names of three letters or fewer and names that
  are common words (`Polish`, `Foreign Policy`), which match only as written;
- zero-width characters and soft hyphens inside a name do not break it;
- nothing matches inside a web address;
- a surname shared by several people resolves to the one the article (or else the corpus)
  names in full, and is dropped when that leaves more than one;
- demonyms ("Belarusian") resolve to their state, flagged so the screen can show them
  lighter, and can be left out.

The matcher compiles every name into one regular expression shaped as a prefix tree, once,
on first use. The tree's first level is one literal capital per branch, so the regex engine
jumps from capital to capital in C and never starts at a lower-case word; the text is matched
as written, with only its accented letters rewritten (to the same letter unaccented, case
kept), so folding costs nothing on plain text. Folding covers the Latin, Greek and Cyrillic
blocks, general punctuation and full-width forms.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import attrgetter, sub
from typing import Any, cast

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
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_URL_END = re.compile(r"\S*")
# Word-initial letters of English and Russian prose, most frequent first: the prefix tree
# tries its first-level branches in this order, so common starts are found sooner.
_FIRST_LETTER_ORDER = "tasowicbpmfhdrelngukyvjqxzпнсвокдмрэтгабилуфзеяжхцчшщюё"
# Letters by frequency inside words: the order deeper branches are tried in.
_LETTER_ORDER = "eaoinrstlhdcumkygpvbfwzjxqеоаинтсрвлкмдпуяызьгбчйхжшюцщэфъё"
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
_FOLDED_BLOCKS = ((0x80, 0x530), (0x1E00, 0x2070), (0xFF00, 0xFFF0))
"""Non-ASCII code points folded in names: Latin, Greek, Cyrillic, punctuation, full width."""
_KEPT_AS_WRITTEN = frozenset("’‘ʼ")
"""Non-ASCII characters left in the text and matched by classes: curly apostrophes are too
frequent in English prose to rewrite one by one."""
_SURFACE_CACHE_LIMIT = 100_000
"""Distinct matched strings remembered per matcher before the memo starts afresh."""


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
class _Folding:
    """How text is prepared for the folded pattern and which characters each key letter takes."""

    plain: dict[str, str]
    """Each non-ASCII character rewritten before matching: its unaccented letter, case kept."""
    plain_pattern: re.Pattern[str]
    """Finds the characters of `plain` in a text."""
    classes: dict[str, str]
    """For each folded character, the characters of rewritten text that fold to it."""
    undecomposed: str
    """Characters of `plain` that NFKD leaves alone (a normalised text may still hold them)."""


@cache
def _folding() -> _Folding:
    """The folding tables, built once per process from `folded_key` itself (a few ms)."""
    plain: dict[str, str] = {}
    classes: dict[str, set[str]] = {}
    codes = [range(0x80)] + [range(low, high) for low, high in _FOLDED_BLOCKS]
    for char in (chr(code) for block in codes for code in block):
        key = folded_key(char)
        if len(key) != 1:
            continue
        target = char
        if not char.isascii() and char not in _KEPT_AS_WRITTEN:
            upper = key.upper()
            capital = char.isupper() and len(upper) == 1 and folded_key(upper) == key
            target = upper if capital else key
            if folded_key(target) != key:
                target = char
        if target != char:
            plain[char] = target
        classes.setdefault(key, set()).add(target)
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in sorted(plain)) + "]")
    joined = {key: "".join(sorted(chars)) for key, chars in classes.items()}
    undecomposed = "".join(ch for ch in plain if unicodedata.normalize("NFKD", ch) == ch)
    return _Folding(plain, pattern, joined, undecomposed)


def _plain_text(text: str) -> str:
    """The text with accented letters unaccented (case kept), one character for one."""
    if text.isascii():
        return text
    folding = _folding()
    # Accents decompose under NFKD, and this C check is ~10× faster than scanning for them.
    if unicodedata.is_normalized("NFKD", text) and not any(
        ch in text for ch in folding.undecomposed
    ):
        return text
    table = folding.plain
    return folding.plain_pattern.sub(lambda match: table[match.group()], text)


def _punctuation_variants() -> dict[str, str]:
    """For each uniform punctuation character of a key, the other characters written for it."""
    variants: dict[str, str] = {}
    for odd, same in _KEY_PUNCTUATION:
        variants[same] = variants.get(same, "") + odd
    return variants


def _has_invisible(text: str) -> bool:
    # A handful of `in` scans run in C at memory speed; a regex charset scan is 20× slower.
    return not text.isascii() and any(char in text for char in _INVISIBLE_CHARS)


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
class MentionColumns:
    """One article's mentions as parallel lists in text order, with no `Mention` made."""

    starts: list[int]
    """Where each name starts in `Article.text`."""
    ends: list[int]
    """Where each name ends (exclusive)."""
    actor_ids: list[str]
    """The actor each name refers to."""
    demonyms: list[bool]
    """Whether each name is a demonym."""

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> MentionColumns:
        """The columns of some mentions."""
        listed = list(mentions)
        return cls(
            [m.start for m in listed],
            [m.end for m in listed],
            [m.actor_id for m in listed],
            [m.demonym for m in listed],
        )


# The slots of `Mention`, set directly by `_new_mentions` (the same object __init__ builds).
_new_object = object.__new__
_SET_START, _SET_END, _SET_ACTOR, _SET_DEMONYM = (
    Mention.__dict__[name].__set__ for name in ("start", "end", "actor_id", "demonym")
)


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


# Compared and hashed by identity: entries are unique per key, and sets of them stay cheap.
@dataclass(frozen=True, slots=True, eq=False)
class _Entry:
    actor_ids: tuple[str, ...]
    demonym: bool
    blocked: bool
    single: str | None = None
    """The one actor, when the name is not shared."""
    full: str | None = None
    """The one actor, when the name is neither shared nor a demonym (it names them in full)."""
    exact: bool = False
    """Whether the name matches only as written."""

    @staticmethod
    def of(
        actor_ids: tuple[str, ...], demonym: bool, *, blocked: bool = False, exact: bool = False
    ) -> _Entry:
        """An entry with its shortcuts filled in."""
        single = actor_ids[0] if len(actor_ids) == 1 else None
        return _Entry(actor_ids, demonym, blocked, single, None if demonym else single, exact)


_UNKNOWN = _Entry.of((), False, blocked=True)
"""What a matched string resolves to if its key is missing (never expected; dropped)."""


class ActorMatcher:
    """Finds a gazetteer's actors in text; build once (via `Gazetteer.matcher`) and reuse."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        """The actors matched."""
        self._folded: dict[str, _Entry] = {}
        self._exact: dict[str, _Entry] = {}
        # Folded keys the gazetteer writes with a lower-case initial: they may start either way.
        self._lower_initial: set[str] = set()
        for actor in gazetteer:
            forms = [(n, False) for n in actor.names] + [(d, True) for d in actor.demonyms]
            for form, is_demonym in forms:
                self._add(form, actor.id, is_demonym, is_exact_alias(form, actor.exact))
        for phrase in gazetteer.excluded:
            exact = is_exact_alias(phrase)
            table = self._exact if exact else self._folded
            key = " ".join((_punctuation_key(phrase) if exact else folded_key(phrase)).split())
            if key:
                table[key] = _Entry.of((), False, blocked=True, exact=exact)
                if not exact and phrase.strip()[:1].islower():
                    self._lower_initial.add(key)
        self._blocking = any(e.blocked for e in (*self._folded.values(), *self._exact.values()))
        # Matched strings and their entries: the same few spellings recur across a corpus.
        self._surfaces: dict[str, _Entry] = {}

    def _add(self, form: str, actor_id: str, demonym: bool, exact: bool) -> None:
        table = self._exact if exact else self._folded
        key = " ".join((_punctuation_key(form) if exact else folded_key(form)).split())
        if not key:
            return
        if not exact and form.strip()[:1].islower():
            self._lower_initial.add(key)
        known = table.get(key)
        if known is None:
            table[key] = _Entry.of((actor_id,), demonym, exact=exact)
        elif not known.blocked and actor_id not in known.actor_ids:
            table[key] = _Entry.of((*known.actor_ids, actor_id), known.demonym, exact=exact)

    def _folded_trie(self) -> _Layer:
        classes = _folding().classes
        trie: _Node = {}
        for key in self._folded:
            initials = classes.get(key[0], key[0])
            if key not in self._lower_initial:
                # Capitals only: news text capitalises names, and never starting at a
                # lower-case word is what makes the scan fast.
                initials = "".join(ch for ch in initials if not ch.islower()) or initials
            for initial in initials:
                _insert(trie, initial, key[1:])
        return trie, lambda ch: classes.get(ch, ch)

    def _exact_trie(self, char_class: Callable[[str], str]) -> _Layer:
        trie: _Node = {}
        for key in self._exact:
            for initial in char_class(key[0]):
                _insert(trie, initial, key[1:])
        return trie, char_class

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        """Folded and exact names in one pattern, over the text with its accents rewritten."""
        plain = _folding().plain
        # What an exact name's character can look like once the text is rewritten: its
        # punctuation variants that survive, or the letter its accent is rewritten to (the
        # match is then checked against the original text).
        variants = {
            key: "".join(ch for ch in key + odds if ch not in plain)
            for key, odds in _punctuation_variants().items()
        }
        return _trie_regex(
            [
                self._folded_trie(),
                self._exact_trie(lambda ch: variants.get(ch) or plain.get(ch, ch)),
            ]
        )

    @cached_property
    def _separate_regexes(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The folded names alone (for rewritten text) and the exact ones (for the original)."""
        variants = {key: key + odds for key, odds in _punctuation_variants().items()}
        exact = self._exact_trie(lambda ch: variants.get(ch, ch))
        return _trie_regex([self._folded_trie()]), _trie_regex([exact])

    def compile(self) -> None:
        """Build the regular expression now rather than on first use (for a worker thread)."""
        _ = self._regex

    def _entry(self, surface: str) -> _Entry:
        """The entry of a string the pattern matched in rewritten text (memoised)."""
        entry = self._folded.get(folded_key(surface))
        if entry is None:
            entry = self._exact.get(_punctuation_key(surface), _UNKNOWN)
        if len(self._surfaces) >= _SURFACE_CACHE_LIMIT:
            self._surfaces.clear()
        self._surfaces[surface] = entry
        return entry

    def _spans(self, text: str) -> _Found:
        """Every name in `text` with its entry: leftmost-longest, never overlapping."""
        if _has_invisible(text):
            return self._spans_without_invisibles(text)
        regex = self._regex
        if regex is None:
            return _Found([], [], [])
        plain = _plain_text(text)
        # `split` with the pattern's one group yields text, name, text, name, ..., text, all
        # built in C; offsets are running sums of their lengths. No match object, no
        # bytecode per name: several times cheaper than `finditer` when names are dense.
        parts = regex.split(plain)
        if len(parts) == 1:
            return _Found([], [], [])
        surfaces = parts[1::2]
        entries = list(map(self._surfaces.get, surfaces))
        if None in entries:
            learn = self._entry
            entries = [entry or learn(name) for entry, name in zip(entries, surfaces, strict=True)]
        bounds = list(accumulate(map(len, parts)))
        found = _Found(bounds[0:-1:2], bounds[1::2], cast("list[_Entry]", entries))
        if _UNKNOWN in entries or (
            plain is not text and not self._exact_as_written(text, plain, found)
        ):
            found = self._spans_separately(text, plain)
        urls = _url_spans(text)
        if urls:
            found.drop_within(urls)
        if self._blocking and any(map(_BLOCKED, found.entries)):
            found.keep([not entry.blocked for entry in found.entries])
        return found

    def _exact_as_written(self, text: str, plain: str, found: _Found) -> bool:
        """Whether every exact name found in rewritten text is also there in the original."""
        if not any(map(_EXACT, found.entries)):
            return True
        return all(
            text[start:end] == plain[start:end]
            or self._exact.get(_punctuation_key(text[start:end])) is entry
            for start, end, entry in zip(found.starts, found.ends, found.entries, strict=True)
            if entry.exact
        )

    def _spans_separately(self, text: str, plain: str) -> _Found:
        """The rare careful path: folded names in rewritten text, exact ones in the original.

        Taken when an accent rewritten inside an exact name (or a string no key explains)
        makes the single pattern's answer doubtful.
        """
        folded, exact = self._separate_regexes
        spans: list[tuple[int, int, _Entry]] = []
        if folded is not None:
            for m in folded.finditer(plain):
                entry = self._folded.get(folded_key(m.group()), _UNKNOWN)
                spans.append((m.start(), m.end(), entry))
        if exact is not None:
            for m in exact.finditer(text):
                entry = self._exact.get(_punctuation_key(m.group()), _UNKNOWN)
                spans.append((m.start(), m.end(), entry))
        kept = [span for span in _leftmost_longest(spans) if span[2] is not _UNKNOWN]
        return _Found([s for s, _, _ in kept], [e for _, e, _ in kept], [n for _, _, n in kept])

    def _spans_without_invisibles(self, text: str) -> _Found:
        kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
        kept.append(len(text))
        found = self._spans(_INVISIBLE.sub("", text))
        return _Found(
            [kept[start] for start in found.starts],
            [kept[end - 1] + 1 for end in found.ends],
            found.entries,
        )

    def hits(self, text: str) -> list[Hit]:
        """Every name in `text`, longest first and never overlapping, surnames unresolved."""
        found = self._spans(text)
        entries = found.entries
        return list(map(Hit, found.starts, found.ends, map(_IDS, entries), map(_DEMONYM, entries)))

    def mentions(self, text: str, *, demonyms: bool = True) -> list[Mention]:
        """The mentions in one text, shared surnames resolved from that text alone."""
        found = self._spans(text)
        return _resolve_spans(found, _named_in_full(found)[0], Counter(), demonyms)


@dataclass(slots=True)
class _Found:
    """Names found in one text as parallel lists: no tuple per name to build or to collect."""

    starts: list[int]
    ends: list[int]
    entries: list[_Entry]

    def keep(self, wanted: list[bool]) -> None:
        """Keep only the names whose flag is true."""
        self.starts = list(compress(self.starts, wanted))
        self.ends = list(compress(self.ends, wanted))
        self.entries = list(compress(self.entries, wanted))

    def drop_within(self, ranges: list[tuple[int, int]]) -> None:
        """Drop the names that start inside any of these sorted, disjoint ranges."""
        starts = self.starts
        # Back to front, so the slices still to delete keep their indices.
        for low, high in reversed(ranges):
            first, last = bisect.bisect_left(starts, low), bisect.bisect_left(starts, high)
            if first < last:
                del self.starts[first:last], self.ends[first:last], self.entries[first:last]


_BLOCKED: Callable[[_Entry], bool] = attrgetter("blocked")
_EXACT: Callable[[_Entry], bool] = attrgetter("exact")
_IDS: Callable[[_Entry], tuple[str, ...]] = attrgetter("actor_ids")
_DEMONYM: Callable[[_Entry], bool] = attrgetter("demonym")
_SINGLE: Callable[[_Entry], str | None] = attrgetter("single")


def _leftmost_longest(spans: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """The spans sorted leftmost, then longest first, with every overlapping later one dropped."""
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    kept: list[tuple[int, int, _Entry]] = []
    last_end = -1
    for span in spans:
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept


def _named_in_full(found: _Found) -> tuple[set[str], bool]:
    """The actors named unambiguously, and whether any name is a shared surname."""
    entries = set(found.entries)
    full = {entry.full for entry in entries}
    full.discard(None)
    shared = any(entry.single is None for entry in entries)
    return cast("set[str]", full), shared


def _resolve_spans(
    found: _Found, article_full: set[str], corpus_full: Counter[str], demonyms: bool
) -> list[Mention]:
    """`resolve` for names straight from the matcher, without building `Hit`s first."""
    return _new_mentions(*_resolved_columns(found, article_full, corpus_full, demonyms))


_Columns = tuple[list[int], list[int], list[str], list[bool]]
"""Mentions as parallel lists: starts, ends, actor ids, demonym flags."""


def _resolved_columns(
    found: _Found, article_full: set[str], corpus_full: Counter[str], demonyms: bool
) -> _Columns:
    """`_resolve_spans` as parallel lists of the mentions' fields."""
    starts, ends, entries = found.starts, found.ends, found.entries
    ids = list(map(_SINGLE, entries))
    flags = list(map(_DEMONYM, entries))
    if None in ids or (not demonyms and True in flags):
        kept: list[tuple[int, int, str, bool]] = []
        for start, end, entry in zip(starts, ends, entries, strict=True):
            if not demonyms and entry.demonym:
                continue
            actor_id = entry.single
            if actor_id is None:
                options = entry.actor_ids
                chosen = [a for a in options if a in article_full] or [
                    a for a in options if corpus_full[a]
                ]
                if len(chosen) != 1:
                    continue
                actor_id = chosen[0]
            kept.append((start, end, actor_id, entry.demonym))
        starts, ends = [k[0] for k in kept], [k[1] for k in kept]
        ids, flags = [k[2] for k in kept], [k[3] for k in kept]
    # Every shared surname was resolved or dropped above: no id is None any more.
    return starts, ends, cast("list[str]", ids), flags


def _new_mentions(
    starts: list[int], ends: list[int], ids: list[str], demonyms: list[bool]
) -> list[Mention]:
    """Mentions built field by field in C (`map` over slot setters): a frozen dataclass's
    __init__ costs ~0.8 µs, the bulk of per-mention work at corpus scale otherwise."""
    mentions: list[Mention] = list(map(_new_object, repeat(Mention, len(ids))))
    for setter, values in (
        (_SET_START, starts),
        (_SET_END, ends),
        (_SET_ACTOR, ids),
        (_SET_DEMONYM, demonyms),
    ):
        deque(map(setter, mentions, values), maxlen=0)
    return mentions


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


def _url_spans(text: str) -> list[tuple[int, int]]:
    """The web addresses in `text`: from the whitespace before each `://` or `www.` to the next."""
    marks: list[int] = []
    # `str.find` runs at memory speed (a regex would stop at every `w`); `www.` in any case
    # ends in `w.` or `W.`, so three scans cover every mark.
    for needle in ("://", "w.", "W."):
        index = text.find(needle)
        while index >= 0:
            if needle == "://":
                marks.append(index)
            elif index >= 2 and text[index - 2] in "wW" and text[index - 1] in "wW":
                marks.append(index - 2)
            index = text.find(needle, index + 1)
    if not marks:
        return []
    marks.sort()
    spans: list[tuple[int, int]] = []
    for mark in marks:
        if spans and mark < spans[-1][1]:
            continue
        # Walk back to the whitespace before the address (`\S` is `not isspace()`).
        start = mark
        floor = max(0, mark - 2048)
        while start > floor and not text[start - 1].isspace():
            start -= 1
        tail = _URL_END.match(text, mark)
        spans.append((start, tail.end() if tail else mark))
    return spans


_Node = dict[str, Any]
"""A prefix tree: each character leads to a subtree; the key "" marks where a name ends."""
_Layer = tuple[_Node, Callable[[str], str]]
"""A prefix tree and, for each of its characters, the characters of text it accepts."""


def _insert(trie: _Node, initial: str, rest: str) -> None:
    node = trie.setdefault(initial, {})
    for char in rest:
        node = node.setdefault(char, {})
    node[""] = {}


def _trie_regex(layers: Sequence[_Layer]) -> re.Pattern[str] | None:
    """One pattern for the names of every layer, shaped as one prefix tree.

    The first level is one literal per first character and nothing precedes it, so the
    engine's search skips in C to the next possible first character; the word-start check
    comes right after that character. Deeper, each branch is a small class of the characters
    that fold to one key character; where layers overlap (an exact `U` beside a folded
    `[uU]`) the classes are split so that the tree stays deterministic and the first match is
    the longest.
    """
    starts: dict[str, list[_Layer]] = {}
    for trie, char_class in layers:
        for initial, child in trie.items():
            starts.setdefault(initial, []).append((child, char_class))
    if not starts:
        return None
    ranked = sorted(starts, key=lambda ch: (_rank(_FIRST_LETTER_ORDER, ch.lower()), ch))
    alternatives = [re.escape(ch) + r"(?<!\w.)" + _states_pattern(starts[ch]) for ch in ranked]
    # One group around the whole name, for `split`.
    return re.compile("((?:" + "|".join(alternatives) + r")(?!\w))")


def _rank(order: str, char: str) -> int:
    position = order.find(char)
    return position if position >= 0 else len(order)


def _states_pattern(states: list[_Layer]) -> str:
    """The pattern after reaching these subtrees (one per layer that got this far)."""
    if len(states) == 1:
        node, char_class = states[0]
        return _node_pattern(node, _memoised_classes(char_class))
    ends_here = any("" in node for node, _ in states)
    targets: dict[str, list[_Layer]] = {}
    for node, char_class in states:
        for ch, child in node.items():
            for accepted in char_class(ch) if ch else "":
                targets.setdefault(accepted, []).append((child, char_class))
    # Characters that lead to the same subtrees share a branch.
    by_target: dict[tuple[int, ...], tuple[str, list[_Layer]]] = {}
    for accepted, target in targets.items():
        signature = tuple(id(child) for child, _ in target)
        chars, _ = by_target.get(signature, ("", target))
        by_target[signature] = (chars + accepted, target)
    groups = sorted(
        by_target.values(),
        key=lambda group: (_rank(_LETTER_ORDER, min(group[0]).lower()), group[0]),
    )
    branches = [_class_pattern(chars) + _states_pattern(target) for chars, target in groups]
    return _alternation(branches, ends_here)


def _node_pattern(node: _Node, class_pattern: Callable[[str], str]) -> str:
    """The pattern of one layer's subtree (the common case, kept lean: it runs per node)."""
    parts: list[str] = []
    # A run of nodes with one child and no name ending is a plain sequence.
    while len(node) == 1:
        (char,) = node
        if not char:
            return "".join(parts)
        parts.append(class_pattern(char))
        node = node[char]
    ends_here = "" in node
    ranked = sorted((ch for ch in node if ch), key=lambda ch: (_rank(_LETTER_ORDER, ch), ch))
    branches = [class_pattern(ch) + _node_pattern(node[ch], class_pattern) for ch in ranked]
    parts.append(_alternation(branches, ends_here))
    return "".join(parts)


def _alternation(branches: list[str], optional: bool) -> str:
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if optional else group


def _memoised_classes(char_class: Callable[[str], str]) -> Callable[[str], str]:
    """`_class_pattern(char_class(ch))`, computed once per character."""
    patterns: dict[str, str] = {}

    def class_pattern(char: str) -> str:
        pattern = patterns.get(char)
        if pattern is None:
            pattern = patterns[char] = _class_pattern(char_class(char))
        return pattern

    return class_pattern


def _class_pattern(chars: str) -> str:
    if len(chars) == 1:
        return re.escape(chars)
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


_ITEM_SIZE = array("I").itemsize
"""Bytes per offset or code in packed mentions."""


class PackedMentions:
    """Every article's mentions as three parallel arrays, one slice per article.

    A `Mention` object costs ~110 bytes and a 50,000-article corpus has millions of them;
    packed, a mention is 12 bytes, and objects are made only for the article asked about.
    """

    __slots__ = (
        "article_ids",
        "positions",
        "bounds",
        "starts",
        "ends",
        "codes",
        "code_actor",
        "code_demonym",
        "_article_of",
        "_per_actor",
        "_spread",
        "_totals",
    )

    def __init__(
        self,
        article_ids: list[str],
        bounds: array[int],
        columns: tuple[array[int], array[int], array[int]],
        code_actor: list[str],
        code_demonym: list[bool],
    ) -> None:
        self.article_ids = article_ids
        """The articles in corpus order."""
        self.positions = {article_id: n for n, article_id in enumerate(article_ids)}
        """Each article id's place in `article_ids`."""
        self.bounds = bounds
        """Where each article's slice of the arrays starts (one more at the end)."""
        self.starts, self.ends, self.codes = columns
        """Each mention's start, end and code, article after article in text order."""
        self.code_actor = code_actor
        """The actor id of each code."""
        self.code_demonym = code_demonym
        """Whether each code is a demonym."""
        self._article_of: array[int] | None = None
        self._per_actor: dict[tuple[str, bool], Counter[int]] = {}
        self._spread: dict[bool, Counter[str | None]] = {}
        self._totals: dict[bool, Counter[str | None]] = {}

    def article(self, position: int) -> tuple[Mention, ...]:
        """The mentions of the article at `position`, as objects."""
        low, high = self.bounds[position], self.bounds[position + 1]
        if low == high:
            return ()
        codes = self.codes[low:high]
        return tuple(
            _new_mentions(
                self.starts[low:high].tolist(),
                self.ends[low:high].tolist(),
                list(map(self.code_actor.__getitem__, codes)),
                list(map(self.code_demonym.__getitem__, codes)),
            )
        )

    def columns(self, position: int) -> MentionColumns:
        """The mentions of the article at `position`, as columns."""
        low, high = self.bounds[position], self.bounds[position + 1]
        codes = self.codes[low:high]
        return MentionColumns(
            self.starts[low:high].tolist(),
            self.ends[low:high].tolist(),
            list(map(self.code_actor.__getitem__, codes)),
            list(map(self.code_demonym.__getitem__, codes)),
        )

    def actor_of_code(self, demonyms: bool) -> list[str | None]:
        """Each code's actor id, or None for a demonym when demonyms are left out."""
        if demonyms:
            return list(self.code_actor)
        return [None if d else a for a, d in zip(self.code_actor, self.code_demonym, strict=True)]

    def counts(self, position: int, demonyms: bool) -> Counter[str | None]:
        """How often each actor is mentioned in one article (None: demonyms left out)."""
        low, high = self.bounds[position], self.bounds[position + 1]
        codes = self.codes[low:high]
        if demonyms:
            return Counter(map(self.code_actor.__getitem__, codes))
        return Counter(map(self.actor_of_code(False).__getitem__, codes))

    def article_of(self) -> array[int]:
        """Each mention's article position (made on first use: 4 bytes a mention)."""
        if self._article_of is None:
            lengths = map(sub, self.bounds[1:], self.bounds)
            positions = chain.from_iterable(map(repeat, range(len(self.article_ids)), lengths))
            self._article_of = array("I", positions)
        return self._article_of

    def actor_articles(self, actor_id: str, demonyms: bool) -> Counter[int]:
        """The positions of the articles mentioning the actor, in order, with how often.

        One scan of the codes in C (~0.1 s for 3.4 million mentions), kept per actor: a
        table of every actor's articles would cost a second of Python to build.
        """
        key = (actor_id, demonyms)
        found = self._per_actor.get(key)
        if found is None:
            actor_of = self.actor_of_code(demonyms)
            wanted = {code for code, actor in enumerate(actor_of) if actor == actor_id}
            if wanted:
                found = Counter(compress(self.article_of(), map(wanted.__contains__, self.codes)))
            else:
                found = Counter()
            self._per_actor[key] = found
        return found

    def article_frequency(self, demonyms: bool) -> Counter[str | None]:
        """How many articles mention each actor (None: demonyms left out)."""
        found = self._spread.get(demonyms)
        if found is None:
            actor_of = self.actor_of_code(demonyms)
            codes, bounds = self.codes, self.bounds
            found = Counter()
            for low, high in pairwise(bounds):
                if low != high:
                    found.update(set(map(actor_of.__getitem__, codes[low:high])))
            self._spread[demonyms] = found
        return found

    def corpus_counts(self, demonyms: bool) -> Counter[str | None]:
        """How often each actor is mentioned across the corpus (None: demonyms left out)."""
        found = self._totals.get(demonyms)
        if found is None:
            actor_of = self.actor_of_code(demonyms)
            found = Counter()
            for code, count in Counter(self.codes).items():
                found[actor_of[code]] += count
            self._totals[demonyms] = found
        return found

    def article_counts(self, actor_id: str, demonyms: bool) -> dict[str, int]:
        """How often each article mentions the actor (only articles that do), in corpus order."""
        ids = self.article_ids
        return {
            ids[position]: count
            for position, count in self.actor_articles(actor_id, demonyms).items()
        }


def _pack(by_article: Mapping[str, Sequence[Mention]]) -> PackedMentions:
    """Mention objects packed (what `CorpusMentions(dict)` is given)."""
    if isinstance(by_article, MentionsByArticle):
        return by_article.packed
    builder = MentionsBuilder()
    for article_id, mentions in by_article.items():
        builder.put(
            builder.reserve(article_id),
            [m.start for m in mentions],
            [m.end for m in mentions],
            [m.actor_id for m in mentions],
            [m.demonym for m in mentions],
        )
    return builder.packed()


class MentionsBuilder:
    """Packs a corpus's mentions article by article (in any order of filling)."""

    def __init__(self, code_actor: Sequence[str] = (), code_demonym: Sequence[bool] = ()) -> None:
        """Start with these codes (an empty actor id: a code never used for a mention).

        Args:
            code_actor: the actor id of each code already numbered (the cache's entries).
            code_demonym: whether each of those codes is a demonym.
        """
        self._code_actor = list(code_actor)
        self._code_demonym = list(code_demonym)
        self._code_of: dict[tuple[str, bool], int] = {}
        for code, key in enumerate(zip(self._code_actor, self._code_demonym, strict=True)):
            if key[0]:
                self._code_of.setdefault(key, code)
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        self._columns: list[list[bytes]] = [[], [], []]

    def reserve(self, article_id: str) -> int:
        """The article's position, new and empty unless the id was reserved before."""
        position = self._positions.get(article_id)
        if position is None:
            position = self._positions[article_id] = len(self._ids)
            self._ids.append(article_id)
            for column in self._columns:
                column.append(b"")
        return position

    def code(self, actor_id: str, demonym: bool) -> int:
        """The code of an actor (named or as a demonym), numbered on first use."""
        key = (actor_id, demonym)
        code = self._code_of.get(key)
        if code is None:
            code = self._code_of[key] = len(self._code_actor)
            self._code_actor.append(actor_id)
            self._code_demonym.append(demonym)
        return code

    def put_packed(self, position: int, starts: bytes, ends: bytes, codes: bytes) -> None:
        """An article's mentions as the bytes of `array("I")`s of offsets and codes."""
        for column, values in zip(self._columns, (starts, ends, codes), strict=True):
            column[position] = values

    def put_codes(
        self, position: int, starts: Sequence[int], ends: Sequence[int], codes: Sequence[int]
    ) -> None:
        """An article's mentions as sequences of offsets and codes."""
        self.put_packed(
            position,
            array("I", starts).tobytes(),
            array("I", ends).tobytes(),
            array("I", codes).tobytes(),
        )

    def put(
        self,
        position: int,
        starts: Sequence[int],
        ends: Sequence[int],
        actor_ids: Sequence[str],
        demonyms: Sequence[bool],
    ) -> None:
        """An article's mentions as parallel sequences of their fields."""
        keys = list(zip(actor_ids, demonyms, strict=True))
        codes = list(map(self._code_of.get, keys))
        if None in codes:
            codes = [
                self.code(*key) if code is None else code
                for code, key in zip(codes, keys, strict=True)
            ]
        self.put_codes(position, starts, ends, cast("list[int]", codes))

    def packed(self) -> PackedMentions:
        """Everything put so far, packed."""
        columns = []
        for parts in self._columns:
            column = array("I")
            column.frombytes(b"".join(parts))
            columns.append(column)
        starts, ends, codes = columns
        if not len(starts) == len(ends) == len(codes):
            raise ValueError("mention arrays differ in length")
        lengths = (len(part) // _ITEM_SIZE for part in self._columns[0])
        bounds = array("Q", accumulate(lengths, initial=0))
        return PackedMentions(
            list(self._ids),
            bounds,
            (starts, ends, codes),
            list(self._code_actor),
            list(self._code_demonym),
        )

    def build(self, show_demonyms: bool = True) -> CorpusMentions:
        """Everything put so far, as the corpus's mentions."""
        return CorpusMentions.of_packed(self.packed(), show_demonyms)


class MentionsByArticle(Mapping[str, tuple[Mention, ...]]):
    """Each article id's mentions in text order, demonyms included, made on each lookup."""

    def __init__(self, packed: PackedMentions) -> None:
        self.packed = packed
        """The mentions, packed."""

    def __getitem__(self, article_id: str) -> tuple[Mention, ...]:
        return self.packed.article(self.packed.positions[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed.article_ids)

    def __len__(self) -> int:
        return len(self.packed.article_ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.packed.positions

    def article_counts(self, actor_id: str) -> dict[str, int]:
        """How often each article mentions the actor, demonyms included (for search)."""
        return self.packed.article_counts(actor_id, True)


class CorpusMentions:
    """Every article's mentions, with counts and lookups for the actor panel and filters."""

    def __init__(
        self,
        by_article: Mapping[str, Sequence[Mention]] | None = None,
        show_demonyms: bool = True,
    ) -> None:
        """Mentions given per article id, in text order (packed at once).

        Args:
            by_article: each article id's mentions, demonyms included.
            show_demonyms: whether demonyms count as mentions in this view.
        """
        self._packed = _pack(by_article or {})
        self.show_demonyms = show_demonyms
        """Whether demonyms count as mentions in this view."""

    @classmethod
    def of_packed(cls, packed: PackedMentions, show_demonyms: bool = True) -> CorpusMentions:
        """A view of mentions already packed."""
        view = cls.__new__(cls)
        view._packed = packed
        view.show_demonyms = show_demonyms
        return view

    @property
    def by_article(self) -> MentionsByArticle:
        """Each article id's mentions in text order, demonyms included."""
        return MentionsByArticle(self._packed)

    def mentions(self, article_id: str) -> tuple[Mention, ...]:
        """The article's mentions in text order (without demonyms when they are off)."""
        position = self._packed.positions.get(article_id)
        if position is None:
            return ()
        found = self._packed.article(position)
        if self.show_demonyms:
            return found
        return tuple(m for m in found if not m.demonym)

    def columns(self, article_id: str) -> MentionColumns:
        """The article's mentions as columns (a `Mention` each costs ~0.5 µs to make)."""
        position = self._packed.positions.get(article_id)
        if position is None:
            return MentionColumns([], [], [], [])
        found = self._packed.columns(position)
        if self.show_demonyms or not any(found.demonyms):
            return found
        kept = [not d for d in found.demonyms]
        return MentionColumns(
            list(compress(found.starts, kept)),
            list(compress(found.ends, kept)),
            list(compress(found.actor_ids, kept)),
            [False] * sum(kept),
        )

    def with_demonyms(self, show: bool) -> CorpusMentions:
        """The same mentions with demonyms shown or hidden (no matching again)."""
        return CorpusMentions.of_packed(self._packed, show)

    def counts(self, article_id: str) -> dict[str, int]:
        """How often each actor is mentioned in one article, most mentioned first."""
        position = self._packed.positions.get(article_id)
        if position is None:
            return {}
        counted = self._packed.counts(position, self.show_demonyms)
        counted.pop(None, None)
        return cast("dict[str, int]", dict(counted.most_common()))

    def top_actors(self, article_id: str, limit: int = 3) -> list[str]:
        """The ids of the article's most mentioned actors, for the article list."""
        return list(self.counts(article_id))[:limit]

    def article_counts(self, actor_id: str) -> dict[str, int]:
        """How often each article mentions the actor (only articles that do)."""
        return self._packed.article_counts(actor_id, self.show_demonyms)

    def corpus_counts(self) -> dict[str, int]:
        """Total mentions of each mentioned actor across the corpus, most mentioned first."""
        return _ranked(self._packed.corpus_counts(self.show_demonyms))

    def article_frequency(self) -> dict[str, int]:
        """How many articles mention each actor, most widespread first."""
        return _ranked(self._packed.article_frequency(self.show_demonyms))

    def articles_with(self, actor_id: str) -> frozenset[str]:
        """The ids of the articles that mention the actor (for `Articles.filtered`)."""
        positions = self._packed.actor_articles(actor_id, self.show_demonyms)
        return frozenset(map(self._packed.article_ids.__getitem__, positions))

    def articles_with_all(self, actor_ids: Iterable[str]) -> frozenset[str]:
        """The ids of the articles that mention every one of the actors (AND)."""
        chosen: frozenset[str] | None = None
        for actor_id in actor_ids:
            having = self.articles_with(actor_id)
            chosen = having if chosen is None else chosen & having
        return chosen if chosen is not None else frozenset(self._packed.article_ids)


def _ranked(counted: Counter[str | None]) -> dict[str, int]:
    """Actors by count, highest first, then by id (None, the demonyms left out, dropped)."""
    kept = [(actor, count) for actor, count in counted.items() if actor is not None and count]
    return dict(sorted(kept, key=lambda item: (-item[1], item[0])))


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
    builder = MentionsBuilder()
    # Articles with a shared surname wait for the whole corpus; the rest resolve at once, so
    # their spans are freed early (fewer live objects for the garbage collector to walk).
    waiting: dict[int, tuple[_Found, set[str]]] = {}
    corpus_full: Counter[str] = Counter()
    for done, article in enumerate(articles, 1):
        spans = matcher._spans(article.text)
        full, shared = _named_in_full(spans)
        corpus_full.update(full)
        position = builder.reserve(article.id)
        if shared:
            builder.put_packed(position, b"", b"", b"")
            waiting[position] = (spans, full)
        else:
            builder.put(position, *_resolved_columns(spans, full, corpus_full, True))
            waiting.pop(position, None)
        if progress is not None and done % 200 == 0:
            progress(done)
    for position, (spans, full) in waiting.items():
        builder.put(position, *_resolved_columns(spans, full, corpus_full, True))
    return builder.build(show_demonyms)


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
