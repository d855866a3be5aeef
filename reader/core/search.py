"""Search over articles and notes: an inverted index, typo-tolerant words, BM25-like ranking.

The index keeps, for each folded word, the documents holding it and how often (titles count
`TITLE_BOOST` times); positions are not stored. Phrases, closeness of the words, match
offsets and snippets are worked out at query time from the text of the few documents being
ranked or shown, which keeps the build fast and the index small.

`Searcher` answers one query after another (a keystroke each) and reuses the previous
keystrokes' work: the expansions of each word and the documents each clause matched.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import threading
import time
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul
from typing import Literal, Protocol, runtime_checkable

from reader.core import collector
from reader.core.article import Article
from reader.core.fuzzy import EXACT_OR_PREFIX_UP_TO, Neighbour, Vocabulary, allowed_edits
from reader.core.gazetteer import Gazetteer
from reader.core.query import (
    WORD,
    ActorFilter,
    AnyOf,
    Clause,
    DateFilter,
    Exclude,
    Phrase,
    Query,
    QueryError,
    SourceFilter,
    TagFilter,
    Term,
    parse_query,
)
from reader.core.text import fold

TITLE_BOOST = 3
"""A word in the title counts as this many occurrences in the text."""

BM25_K1 = 1.2
"""How quickly repeating a word stops adding to the score."""

BM25_B = 0.75
"""How much a long document's score is discounted."""

MAX_TF = 255
"""Occurrences counted per document and word (more adds nothing to a saturated score)."""

MatchKind = Literal["exact", "prefix", "approximate", "alias", "phrase", "actor"]
"""How a piece of text matched: as typed, as a completion, a typo away, as another name of
the same actor, inside an exact phrase, or as a mention found by `actor:`."""

KIND_WEIGHT: dict[MatchKind, float] = {
    "exact": 1.0,
    "phrase": 1.0,
    "actor": 1.0,
    "alias": 0.9,
    "prefix": 0.7,
    "approximate": 0.6,
}
"""How much a match of each kind is worth beside an exact one."""

TWO_EDITS_WEIGHT = 0.45
"""Worth of a word two edits away (one edit is "approximate")."""

MIN_PREFIX_LETTERS = 2
"""A word being typed is completed only from this many letters; one letter waits."""

PREFIX_COMPLETIONS = 40
"""Completions of a prefix searched, the most widespread first; the rest wait for more letters."""

PREFIX_POSTINGS = 60_000
"""Documents scored for a prefix's completions at most (summed), whatever the corpus size."""

PROXIMITY_WEIGHT = 0.5
"""Score bonus for words side by side, fading as they are further apart."""

PROXIMITY_CHARS = 60.0
"""The distance, in characters, at which the closeness bonus has halved."""

SCORE_CACHE_ENTRIES = 2_000_000
"""Word scores kept between keystrokes, in (document, score) entries (about 75 bytes each)."""

FOLDED_TEXTS_KEPT = 1_000
"""Folded document texts kept between keystrokes (the top results change little)."""

FOUND_KEPT = 20_000
"""Matches of one word in one document kept between keystrokes."""

SNIPPET_CHARS = 160
"""About how long a snippet is."""

ResultKind = Literal["article", "note"]
"""What a result leads to."""


def fast_fold(text: str) -> str:
    """`text.fold` for searching: one character for each, other punctuation made spaces.

    Typographic quotes and dashes become spaces, which leaves every word and offset as it was
    but lets most texts be ASCII, where lowering and finding words run several times faster.
    """
    if text.isascii():
        return text.lower()
    folded = _NON_ASCII.sub(_fold_char, text).lower()
    if len(folded) != len(text):
        folded = "".join(ch if ch.isalnum() or ch.isascii() else " " for ch in fold(text))
    return folded


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED_CHARS: dict[str, str] = {}


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    folded = _FOLDED_CHARS.get(char)
    if folded is None:
        folded = fold(char)
        folded = _FOLDED_CHARS[char] = folded if folded.isalnum() else " "
    return folded


_ASCII_WORD = re.compile(r"[a-z0-9]+")
_LATIN_CYRILLIC_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u0481\u048a-\u04ff"
_LATIN_CYRILLIC_WORD = re.compile(f"[a-z0-9{_LATIN_CYRILLIC_LETTERS}]+")
_BEYOND_LATIN_CYRILLIC = re.compile(f"[^\\x00-\\x7f{_LATIN_CYRILLIC_LETTERS}]")


def words_of(text: str) -> list[str]:
    """The folded words of a text, as the index stores them."""
    folded = fast_fold(text)
    # Explicit letter classes find the same words as `WORD` two to three times as fast; they
    # serve whenever the text keeps to ASCII, Latin and Cyrillic letters.
    if folded.isascii():
        return _ASCII_WORD.findall(folded)
    if _BEYOND_LATIN_CYRILLIC.search(folded) is None:
        return _LATIN_CYRILLIC_WORD.findall(folded)
    return WORD.findall(folded)


class ActorSpan(Protocol):
    """An actor mention: where in an article's clean text, and which actor."""

    @property
    def start(self) -> int:
        """Where the mention starts."""

    @property
    def end(self) -> int:
        """Where it ends (exclusive)."""

    @property
    def actor_id(self) -> str:
        """The actor mentioned."""


@runtime_checkable
class ActorCounts(Protocol):
    """Mentions that count, per actor, the articles naming it (without a pass over them all)."""

    def article_counts(self, actor_id: str) -> Mapping[str, int]:
        """How often each article mentions the actor (only articles that do)."""


class ActorResolver(Protocol):
    """Turns names into actors and back, as the gazetteer knows them."""

    def actor_ids(self, name: str) -> Sequence[str]:
        """The actors called `name` (any of their names, case and diacritics folded)."""

    def aliases(self, actor_id: str) -> Sequence[str]:
        """Every name the actor goes by."""

    def label(self, actor_id: str) -> str:
        """The actor's name as shown to the user."""


class GazetteerNames:
    """An `ActorResolver` over a gazetteer: every name and alias, compared folded."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._by_name: dict[str, list[str]] = {}
        for actor in gazetteer:
            for name in (actor.id, actor.name, *actor.aliases):
                owners = self._by_name.setdefault(_name_key(name), [])
                if actor.id not in owners:
                    owners.append(actor.id)

    def actor_ids(self, name: str) -> Sequence[str]:
        """The actors called `name` (any of their names, case and diacritics folded)."""
        return tuple(self._by_name.get(_name_key(name), ()))

    def aliases(self, actor_id: str) -> Sequence[str]:
        """Every name the actor goes by."""
        actor = self._gazetteer.get(actor_id)
        return (actor.name, *actor.aliases) if actor is not None else ()

    def label(self, actor_id: str) -> str:
        """The actor's canonical name."""
        actor = self._gazetteer.get(actor_id)
        return actor.name if actor is not None else actor_id


def _name_key(name: str) -> str:
    return " ".join(words_of(name))


@dataclass(frozen=True, slots=True)
class NoteDocument:
    """A note as search sees it."""

    note_id: str
    """The note's identity in the notes store."""
    article_id: str
    """The article it belongs to."""
    text: str
    """What the note says."""
    tags: tuple[str, ...] = ()
    """Its tags, without `#`."""


@dataclass(frozen=True, slots=True)
class Match:
    """One place a query matched, in a document's text or title."""

    start: int
    """Where the match starts (in `Article.text`, the note text, or the title)."""
    end: int
    """Where it ends (exclusive)."""
    term: str
    """The query word or phrase it came from, as typed."""
    text: str
    """The matched text as it stands in the document."""
    kind: MatchKind
    """How it matched."""
    actor: str | None = None
    """For an alias or actor match, the actor's name."""

    @property
    def exact(self) -> bool:
        """True when the text is what was typed (case and diacritics aside)."""
        return self.kind in ("exact", "phrase", "actor")

    @property
    def label(self) -> str:
        """How the match explains itself: `mozir → Mozyr`, or just the text when exact."""
        if self.exact and fold(self.text) == fold(self.term):
            return self.text
        suffix = f" ({self.actor})" if self.actor and self.kind == "alias" else ""
        return f"{self.term} → {self.text}{suffix}"

    def to_dict(self) -> dict[str, object]:
        """The match as plain data, for JSON output."""
        return {
            "start": self.start,
            "end": self.end,
            "term": self.term,
            "text": self.text,
            "kind": self.kind,
            "exact": self.exact,
            "actor": self.actor,
        }


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short passage around the best matches, with them marked."""

    text: str
    """The passage, on one line (line breaks shown as spaces, so offsets still hold)."""
    start: int
    """Where the passage starts in the document's text."""
    highlights: tuple[tuple[int, int], ...]
    """Matched spans, as offsets into `text`."""
    clipped_start: bool
    """True when the passage starts inside the text (show an ellipsis before)."""
    clipped_end: bool
    """True when it stops before the end of the text (show an ellipsis after)."""

    def display(self) -> str:
        """The passage with ellipses where it was cut, for plain output."""
        return ("…" if self.clipped_start else "") + self.text + ("…" if self.clipped_end else "")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One article or note that matched, with where."""

    kind: ResultKind
    """An article, or a note leading to its article."""
    article_id: str
    """The article to open."""
    note_id: str | None
    """The note, for a note result."""
    score: float
    """Relevance; higher first."""
    snippet: Snippet
    """A passage around the best matches."""
    matches: tuple[Match, ...]
    """Every match in the text (the article's clean text, or the note's), in order."""
    title_matches: tuple[Match, ...] = ()
    """Matches in the article's title."""


@dataclass(frozen=True, slots=True)
class Expansion:
    """A word the query searched for in place of (or beside) what was typed."""

    typed: str
    """The word as typed."""
    word: str
    """The vocabulary word searched."""
    kind: MatchKind
    """Why: a completion, a typo away, another name of an actor."""
    actor: str | None = None
    """For an alias, the actor's name."""

    @property
    def label(self) -> str:
        """`mozir → mozyr`, for showing beside the search box."""
        suffix = f" ({self.actor})" if self.actor else ""
        return f"{self.typed} → {self.word}{suffix}"


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The answer to one query."""

    query: str
    """The query as typed."""
    results: tuple[SearchResult, ...] = ()
    """The best results, best first."""
    total: int = 0
    """How many documents matched in all."""
    total_is_exact: bool = True
    """False when phrases were only checked in the documents shown, so `total` is an upper bound."""
    error: str | None = None
    """What is wrong with a malformed query (then there are no results)."""
    notices: tuple[str, ...] = ()
    """Things worth telling the user: a word waiting for more letters, an unknown actor."""
    expansions: tuple[Expansion, ...] = ()
    """Words searched beyond what was typed (completions, typos, aliases)."""
    elapsed_ms: float = 0.0
    """How long the search took."""


@dataclass(slots=True)
class _Document:
    """An indexed article or note."""

    kind: ResultKind
    """Article or note."""
    key: str
    """The article id, or the note id."""
    article_id: str
    """The article it leads to."""
    title: str
    """The article's title (a note's is its article's)."""
    body: Article | str
    """The article (its clean text read when first needed), or the note's text."""
    source: str
    """The source, folded, for `source:`."""
    date: str | None
    """The ISO date, for `date:`."""
    tags: tuple[str, ...] = ()
    """A note's folded tags."""

    @property
    def text(self) -> str:
        """The clean text searched and shown."""
        body = self.body
        return body if isinstance(body, str) else body.text


class PackedPostings(MutableMapping[str, "array[int]"]):
    """Each word's postings, read from one packed array as words are first looked up.

    A cached index of 50,000 articles holds 180,000 words: slicing every word's postings into
    its own array on load took 0.17 s, most of it for words no query ever asks about. Words
    looked up (or added, as notes are indexed) are kept as arrays of their own, so what a
    caller appends to stays.
    """

    def __init__(self, words: list[str], ends: array[int], packed: array[int]) -> None:
        """`words` sorted; word i's postings are `packed[ends[i - 1]:ends[i]]`."""
        if len(ends) != len(words) or (ends and ends[-1] != len(packed)):
            raise ValueError("postings do not add up")
        self._words = words
        self._ends = ends
        self._packed = packed
        self._opened: dict[str, array[int]] = {}
        self._added: set[str] = set()
        """Words not among the packed ones."""

    def _position(self, word: str) -> int | None:
        position = bisect.bisect_left(self._words, word)
        if position < len(self._words) and self._words[position] == word:
            return position
        return None

    def get(self, word: str, default: array[int] | None = None) -> array[int] | None:  # type: ignore[override]
        found = self._opened.get(word)
        if found is not None:
            return found
        position = self._position(word)
        if position is None:
            return default
        start = self._ends[position - 1] if position else 0
        found = self._opened[word] = self._packed[start : self._ends[position]]
        return found

    def frequency(self, word: str) -> int:
        """How many postings a word has, without slicing them out."""
        found = self._opened.get(word)
        if found is not None:
            return len(found)
        position = self._position(word)
        if position is None:
            return 0
        return self._ends[position] - (self._ends[position - 1] if position else 0)

    def __getitem__(self, word: str) -> array[int]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, postings: array[int]) -> None:
        if word not in self._opened and self._position(word) is None:
            self._added.add(word)
        self._opened[word] = postings

    def __delitem__(self, word: str) -> None:
        raise TypeError("postings are only ever added to")

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self._opened or self._position(word) is not None)

    def __iter__(self) -> Iterator[str]:
        yield from self._words
        yield from sorted(self._added)

    def __len__(self) -> int:
        return len(self._words) + len(self._added)


ProgressCallback = Callable[[int, int], None]
"""Called as `progress(done, total)` while an index is built."""


class SearchIndex:
    """Articles and notes indexed by folded word; build it with `SearchIndex.build`."""

    def __init__(self) -> None:
        self._postings: MutableMapping[str, array[int]] = {}
        self._title_postings: MutableMapping[str, array[int]] = {}
        self._documents: list[_Document] = []
        self._lengths = array("I")
        self._total_length = 0
        self._removed: set[int] = set()
        self._article_documents: dict[str, int] = {}
        self._note_documents: dict[str, int] = {}
        self._vocabulary: Vocabulary | None = None
        self._norms: list[float] | None = None
        self._numbers: list[int] = []
        self._mentions: Mapping[str, Sequence[ActorSpan]] = {}
        self._actor_documents: dict[str, dict[int, float]] | None = None
        self._score_cache: OrderedDict[tuple[str, bool, float], dict[int, float]] = OrderedDict()
        self._score_cache_size = 0
        self._score_generation = 0
        self.resolver: ActorResolver | None = None
        """Turns names into actors, for `actor:` and for widening names to aliases."""
        self.generation = 0
        """Bumped on every change, so searchers drop what they cached."""

    @classmethod
    def build(
        cls,
        articles: Iterable[Article],
        *,
        notes: Iterable[NoteDocument] = (),
        mentions: Mapping[str, Sequence[ActorSpan]] | None = None,
        resolver: ActorResolver | None = None,
        progress: ProgressCallback | None = None,
    ) -> SearchIndex:
        """Index articles and notes; safe to run in a worker thread.

        Args:
            articles: the corpus.
            notes: notes to index beside the articles.
            mentions: each article id's actor mentions, for `actor:` (optional).
            resolver: the gazetteer's names, for `actor:` and aliases (optional).
            progress: called with (documents done, documents in all) every 500 documents.
        """
        index = cls()
        article_list = list(articles)
        note_list = list(notes)
        total = len(article_list) + len(note_list)
        # Millions of small arrays and strings, none cyclic: collecting would only cost time.
        with collector.paused():
            for done, article in enumerate(article_list, 1):
                index._add_article(article)
                if progress is not None and done % 500 == 0:
                    progress(done, total)
            for note in note_list:
                index._add_note(note)
            index._vocabulary = Vocabulary(index._postings, index.document_frequency)
        index.set_actors(mentions or {}, resolver)
        if progress is not None:
            progress(total, total)
        return index

    def __len__(self) -> int:
        return len(self._documents) - len(self._removed)

    @property
    def vocabulary(self) -> Vocabulary:
        """Every indexed word."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self._postings, self.document_frequency)
        return self._vocabulary

    def set_actors(
        self, mentions: Mapping[str, Sequence[ActorSpan]], resolver: ActorResolver | None
    ) -> None:
        """Use these actor mentions (article id → spans) and names from now on."""
        self._mentions = mentions
        self.resolver = resolver
        self._actor_documents = None
        self.generation += 1

    def add_note(self, note: NoteDocument) -> None:
        """Index a new note, or re-index one that changed."""
        self.remove_note(note.note_id)
        for word in self._add_note(note):
            self.vocabulary.add(word)
        self._norms = None
        self.generation += 1

    def remove_note(self, note_id: str) -> None:
        """Forget a note (nothing happens if it is not indexed)."""
        number = self._note_documents.pop(note_id, None)
        if number is not None:
            self._removed.add(number)
            self._norms = None
            self.generation += 1

    def document_frequency(self, word: str) -> int:
        """In how many documents a word appears."""
        postings = self._postings
        if isinstance(postings, PackedPostings):
            return postings.frequency(word)  # ranking completions asks of thousands of words
        found = postings.get(word)
        return len(found) if found is not None else 0

    def article(self, article_id: str) -> int | None:
        """The document number of an article, if indexed."""
        return self._article_documents.get(article_id)

    def _add_article(self, article: Article) -> list[str]:
        document = _Document(
            "article",
            article.id,
            article.id,
            article.title,
            article,
            " ".join(words_of(article.source or "")),
            article.date,
        )
        self._article_documents[article.id] = len(self._documents)
        return self._add(document)

    def _add_note(self, note: NoteDocument) -> list[str]:
        article_number = self._article_documents.get(note.article_id)
        article = self._documents[article_number] if article_number is not None else None
        document = _Document(
            "note",
            note.note_id,
            note.article_id,
            article.title if article else "",
            note.text,
            article.source if article else "",
            article.date if article else None,
            tuple(fold(tag.lstrip("#")) for tag in note.tags),
        )
        self._note_documents[note.note_id] = len(self._documents)
        return self._add(document, index_title=False)

    def _add(self, document: _Document, *, index_title: bool = True) -> list[str]:
        """Index one document; returns the words new to the index."""
        number = len(self._documents)
        self._documents.append(document)
        words = words_of(document.text)
        counts = Counter(words)
        new_words: list[str] = []
        if index_title and document.title:
            title_postings = self._title_postings
            for word in set(words_of(document.title)):
                counts[word] += TITLE_BOOST
                found = title_postings.get(word)
                if found is None:
                    found = title_postings[word] = array("I")
                found.append(number)
        self._lengths.append(len(words))
        self._total_length += len(words)
        postings = self._postings
        shifted = number << 8
        for word, count in counts.items():
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
                new_words.append(word)
            found.append(shifted | (count if count < MAX_TF else MAX_TF))
        return new_words

    # Query-time helpers used by Searcher.

    def _norm(self) -> list[float]:
        """BM25's length normalisation per document, computed once per change."""
        if self._norms is None:
            live = max(1, len(self))
            average = max(1.0, self._total_length / live)
            # A list, not an array: reading it hands out its floats rather than making new ones.
            self._norms = [
                BM25_K1 * (1 - BM25_B + BM25_B * length / average) for length in self._lengths
            ]
        return self._norms

    def _idf(self, frequency: int) -> float:
        count = max(1, len(self))
        return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))

    def _word_scores(
        self, word: str, *, title: bool = False, weight: float = 1.0
    ) -> dict[int, float]:
        """Each document holding the word (in the title, if asked) → its score, times `weight`.

        Weighted scores are kept too: a completion or a typo keeps its weight from keystroke
        to keystroke, and merging kept scores is a plain dict update.
        """
        cache = self._score_cache
        if self._score_generation != self.generation:
            cache.clear()
            self._score_cache_size = 0
            self._score_generation = self.generation
        key = (word, title, weight)
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            return found
        plain = cache.get((word, title, 1.0)) if weight != 1.0 else None
        if plain is not None:
            found = dict(zip(plain.keys(), map(mul, plain.values(), repeat(weight)), strict=True))
        else:
            found = self._compute_word_scores(word, title, weight)
        cache[key] = found
        self._score_cache_size += len(found)
        while self._score_cache_size > SCORE_CACHE_ENTRIES and len(cache) > 1:
            _, dropped = cache.popitem(last=False)
            self._score_cache_size -= len(dropped)
        return found

    def _document_numbers(self) -> list[int]:
        """0, 1, 2… one int object per document, shared as the key of every score kept.

        Kept scores hold hundreds of thousands of entries: sharing their keys saves an int
        each and keeps the keys together in memory, where meeting two words reads them.
        """
        numbers = self._numbers
        if len(numbers) < len(self._documents):
            numbers.extend(range(len(numbers), len(self._documents)))
        return numbers

    def _compute_word_scores(self, word: str, title: bool, weight: float = 1.0) -> dict[int, float]:
        """Each document holding the word → its score times `weight`, worked out afresh."""
        numbers = self._document_numbers()
        if title:
            in_titles = self._title_postings.get(word)
            if in_titles is None:
                return {}
            score = self._idf(len(in_titles)) * TITLE_BOOST * weight
            return dict.fromkeys(map(numbers.__getitem__, in_titles), score)
        postings = self._postings.get(word)
        if postings is None:
            return {}
        norms = self._norm()
        idf_k1 = self._idf(len(postings)) * (BM25_K1 + 1)
        # Multiplying by a weight of 1.0 changes no score, so short lists share one form.
        if len(postings) < 4 * MAX_TF:
            return {
                (number := numbers[packed >> 8]): idf_k1
                * (tf := packed & 255)
                / (tf + norms[number])
                * weight
                for packed in postings
            }
        # idf_k1 * tf looked up rather than multiplied for each posting: the same numbers.
        numerators = [idf_k1 * tf for tf in range(MAX_TF + 1)]
        if weight == 1.0:
            return {
                (number := numbers[packed >> 8]): numerators[tf := packed & 255]
                / (tf + norms[number])
                for packed in postings
            }
        return {
            (number := numbers[packed >> 8]): numerators[tf := packed & 255]
            / (tf + norms[number])
            * weight
            for packed in postings
        }

    def _actor_scores(self, actor_id: str) -> dict[int, float]:
        if self._actor_documents is None:
            self._actor_documents = {}
        scores = self._actor_documents.get(actor_id)
        if scores is None:
            documents = self._article_documents
            scores = {
                documents[article_id]: math.log1p(count)
                for article_id, count in self._actor_counts(actor_id).items()
                if article_id in documents
            }
            self._actor_documents[actor_id] = scores
        return scores

    def _actor_counts(self, actor_id: str) -> Mapping[str, int]:
        """How often each article mentions the actor, from the mentions' own counts if kept."""
        if isinstance(self._mentions, ActorCounts):
            return self._mentions.article_counts(actor_id)
        counts: dict[str, int] = {}
        for article_id, spans in self._mentions.items():
            count = sum(1 for span in spans if span.actor_id == actor_id)
            if count:
                counts[article_id] = count
        return counts

    def _mention_spans(self, article_id: str) -> Sequence[ActorSpan]:
        return self._mentions.get(article_id, ())


@dataclass(frozen=True, slots=True)
class _Variant:
    """A vocabulary word a query word stands for, and what it is worth."""

    word: str
    """The vocabulary word."""
    kind: MatchKind
    """Exact, completion, typo, alias."""
    weight: float
    """Multiplies the word's score."""
    actor: str | None = None
    """For an alias, the actor's name."""


@dataclass(frozen=True, slots=True)
class _Finder:
    """Finds one word or phrase of a query in folded text, with a pattern per first letter.

    Each pattern starts with literal letters, which lets the regex engine skip ahead through
    the text (a single alternation of unrelated words is some twenty times slower); the left
    word boundary is checked by hand for the same reason.
    """

    key: Clause
    """The clause this finder stands for (it keys the per-document cache)."""
    number: int
    """The number of the query clause it belongs to."""
    typed: str
    """The word or phrase as typed."""
    patterns: tuple[re.Pattern[str], ...]
    """Patterns over folded text, each ending at a word boundary."""
    words: Mapping[str, tuple[MatchKind, str | None]]
    """Folded word → (kind, actor) for the variants searched."""
    default_kind: MatchKind
    """The kind of a match not in `words` (a completion, or a phrase)."""
    title_only: bool
    """True for `title:` clauses."""

    def find(self, folded: str) -> list[tuple[int, int, str, MatchKind, str | None]]:
        """(start, end, typed, kind, actor) for each match in folded text, in order."""
        found: list[tuple[int, int, str, MatchKind, str | None]] = []
        words = self.words
        for pattern in self.patterns:
            for match in pattern.finditer(folded):
                start = match.start()
                if start and folded[start - 1].isalnum():
                    continue
                known = words.get(match.group())
                kind, actor = known if known is not None else (self.default_kind, None)
                found.append((start, match.end(), self.typed, kind, actor))
        if len(self.patterns) > 1:
            found.sort()
        return found


def _word_finder(
    key: Clause, number: int, term: Term, variants: Sequence[_Variant], prefix: str | None
) -> _Finder:
    words = {variant.word: (variant.kind, variant.actor) for variant in variants}
    by_letter: dict[str, list[str]] = {}
    for word in words:
        if prefix is None or not word.startswith(prefix):
            by_letter.setdefault(word[0], []).append(word)
    patterns = [
        re.compile(
            "(?:"
            + "|".join(re.escape(w) for w in sorted(group, key=lambda w: (-len(w), w)))
            + r")(?![^\W_])"
        )
        for _, group in sorted(by_letter.items())
    ]
    if prefix is not None:
        patterns.append(re.compile(re.escape(prefix) + r"[^\W_]*"))
    return _Finder(key, number, term.typed, tuple(patterns), words, "prefix", term.field == "title")


@dataclass(slots=True)
class _Plan:
    """What to look for in the text of the documents shown, worked out once per query."""

    finders: list[_Finder] = field(default_factory=list)
    """One per word or phrase of the query (alternatives included)."""
    actors: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    """Actor id → (clause number, name as typed, actor's name), for `actor:` clauses."""
    verify: list[tuple[int, Phrase]] = field(default_factory=list)
    """Phrases (with their clause number) to check in each candidate's text."""
    text_clauses: int = 0
    """How many clauses match words of the text, for the closeness bonus."""


_Found = tuple[int, int, int, str, MatchKind, str | None]
"""A match before it becomes a `Match`: (start, end, clause number, term, kind, actor)."""

_CACHE_CLAUSES = 48
_CACHE_COMBINED = 4
_CACHE_VARIANTS = 512


class Searcher:
    """Answers queries over one index, a keystroke at a time, reusing earlier work."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        """The index searched."""
        self._lock = threading.Lock()
        self._generation = -1
        self._variants: OrderedDict[
            tuple[str, bool, bool], tuple[tuple[_Variant, ...], tuple[int, int] | None]
        ] = OrderedDict()
        self._neighbours: OrderedDict[tuple[str, int], list[Neighbour]] = OrderedDict()
        self._clauses: OrderedDict[Clause, tuple[dict[int, float], tuple[str, ...]]] = OrderedDict()
        self._combined: OrderedDict[
            tuple[tuple[str | None, bool], tuple[Clause, ...]], dict[int, float]
        ] = OrderedDict()
        self._notices: list[str] = []
        self._folded: OrderedDict[int, str] = OrderedDict()
        self._matches: dict[int, list[_Found]] = {}
        self._found_cache: OrderedDict[
            tuple[Clause, int, bool], list[tuple[int, int, str, MatchKind, str | None]]
        ] = OrderedDict()

    def search(
        self,
        query_text: str,
        limit: int = 50,
        *,
        scope: str | None = None,
        typing: bool = True,
    ) -> SearchResults:
        """The best `limit` results for a query; malformed queries come back with `error`.

        Args:
            query_text: what the user typed.
            limit: how many results to return (all matches of each are returned).
            scope: an article id to search only within that article.
            typing: True while the user types, so the last word is completed as a prefix.
        """
        started = time.perf_counter()
        try:
            query = parse_query(query_text, typing=typing)
        except QueryError as error:
            return SearchResults(query_text, error=str(error))
        with self._lock:
            results = self._run(query, limit, scope)
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(
            query_text,
            results[0],
            results[1],
            results[2],
            None,
            results[3],
            results[4],
            elapsed,
        )

    def matches_in(self, article_id: str, query_text: str) -> tuple[Match, ...]:
        """Every match of a query in one article's text, in order (for n/N); none if malformed."""
        found = self.search(query_text, 1, scope=article_id, typing=False)
        return found.results[0].matches if found.results else ()

    def _run(
        self, query: Query, limit: int, scope: str | None
    ) -> tuple[tuple[SearchResult, ...], int, bool, tuple[str, ...], tuple[Expansion, ...]]:
        index = self.index
        if self._generation != index.generation:
            self._variants.clear()
            self._neighbours.clear()
            self._clauses.clear()
            self._combined.clear()
            self._folded.clear()
            self._found_cache.clear()
            self._generation = index.generation
        self._notices = []
        self._matches = {}
        plan = _Plan()
        clauses = self._active_clauses(query)
        if not clauses:
            return (), 0, True, tuple(self._notices), ()
        universe = self._universe(query, scope)
        if universe is not None and not universe:
            return (), 0, True, tuple(self._notices), ()
        included: list[Clause] = []
        # Removed notes are excluded rather than every other document listed as the universe.
        excluded: set[int] = set(index._removed) if universe is None else set()
        for number, clause in enumerate(clauses):
            if isinstance(clause, Exclude):
                excluded |= self._excluded(clause.clause)
                continue
            included.append(clause)
            self._clause_hits(clause)
            self._plan(clause, number, plan)
        context = (scope, query.searches_notes_only)
        scores = self._scores(tuple(included), excluded, universe, context)
        expansions = self._expansions(clauses)
        ranked, total, exact_total = self._rank(scores, plan, limit)
        results = tuple(self._result(number, score, plan) for number, score in ranked)
        return results, total, exact_total, tuple(self._notices), expansions

    def _active_clauses(self, query: Query) -> list[Clause]:
        """The clauses to search now: a one-letter word still being typed waits."""
        clauses = list(query.clauses)
        if clauses:
            last = clauses[-1]
            if isinstance(last, Term) and last.prefix and len(last.word) < MIN_PREFIX_LETTERS:
                clauses.pop()
                self._notice(f"'{last.typed}': keep typing to search for it")
        return clauses

    def _universe(self, query: Query, scope: str | None) -> set[int] | None:
        """The documents a query may return; None means every live document."""
        index = self.index
        if scope is not None:
            number = index.article(scope)
            if number is None:
                return set()
            return {number}
        documents = index._documents
        if query.searches_notes_only:
            return {
                number
                for number in index._note_documents.values()
                if documents[number].kind == "note"
            }
        return None

    # Words and their variants.

    def _notice(self, text: str) -> None:
        """Tell the user something about this query (once, however often it is found)."""
        if text not in self._notices:
            self._notices.append(text)

    def _variants_of(self, term: Term) -> tuple[_Variant, ...]:
        key = (term.word, term.exact, term.prefix)
        found = self._variants.get(key)
        if found is not None:
            self._variants.move_to_end(key)
        else:
            found = self._variants[key] = self._expand(term)
            if len(self._variants) > _CACHE_VARIANTS:
                self._variants.popitem(last=False)
        variants, capped = found
        if capped is not None:
            searched, count = capped
            self._notice(
                f"'{term.typed}': searching the {searched} most common of "
                f"{count} words starting so; type more to narrow"
            )
        return variants

    def _expand(self, term: Term) -> tuple[tuple[_Variant, ...], tuple[int, int] | None]:
        """The words a term searches, and (completions searched, completions in all) if capped."""
        vocabulary = self.index.vocabulary
        word = term.word
        chosen: dict[str, _Variant] = {}
        if word in vocabulary:
            chosen[word] = _Variant(word, "exact", 1.0)
        if term.exact:
            return tuple(chosen.values()), None
        capped = None
        completes = len(word) <= EXACT_OR_PREFIX_UP_TO or term.prefix
        if completes and len(word) >= MIN_PREFIX_LETTERS:
            completions, count = vocabulary.frequent_completions(
                word, PREFIX_COMPLETIONS, PREFIX_POSTINGS
            )
            for completion in completions:
                chosen.setdefault(completion, _Variant(completion, "prefix", 0.7))
            if count > len(completions):
                capped = (len(completions), count)
        edits = allowed_edits(word)
        if edits:
            for neighbour in self._neighbours_of(word, edits):
                if neighbour.edits == 0:
                    continue
                weight = KIND_WEIGHT["approximate"] if neighbour.edits == 1 else TWO_EDITS_WEIGHT
                if neighbour.word not in chosen or chosen[neighbour.word].weight < weight:
                    chosen[neighbour.word] = _Variant(neighbour.word, "approximate", weight)
        for variant in self._aliases(term, chosen):
            known = chosen.get(variant.word)
            if known is None or known.weight < variant.weight:
                chosen[variant.word] = variant
        return tuple(chosen.values()), capped

    def _neighbours_of(self, word: str, edits: int) -> list[Neighbour]:
        """A word's typo neighbours, kept: a word typed, then a space, is looked up twice."""
        key = (word, edits)
        cached = self._neighbours.get(key)
        if cached is not None:
            self._neighbours.move_to_end(key)
            return cached
        found = self._neighbours[key] = self.index.vocabulary.neighbours(word, edits)
        if len(self._neighbours) > _CACHE_VARIANTS:
            self._neighbours.popitem(last=False)
        return found

    def _aliases(self, term: Term, chosen: Mapping[str, _Variant]) -> list[_Variant]:
        """Other one-word names of any actor the word (or a near word) names.

        An alias reached through a typo is worth no more than the typo, so `mozir` stays an
        approximate match for Mozyr rather than becoming an alias of it.
        """
        resolver = self.index.resolver
        if resolver is None:
            return []
        vocabulary = self.index.vocabulary
        sources = [(term.word, 1.0)]
        sources += [(v.word, v.weight) for v in chosen.values() if v.kind == "approximate"]
        found: list[_Variant] = []
        seen: set[str] = set()
        for name, worth in sources:
            for actor_id in resolver.actor_ids(name):
                if actor_id in seen:
                    continue
                seen.add(actor_id)
                label = resolver.label(actor_id)
                weight = KIND_WEIGHT["alias"] * worth
                for alias in resolver.aliases(actor_id):
                    alias_words = words_of(alias)
                    if len(alias_words) == 1 and alias_words[0] in vocabulary:
                        found.append(_Variant(alias_words[0], "alias", weight, label))
        return found

    def _expansions(self, clauses: Sequence[Clause]) -> tuple[Expansion, ...]:
        shown: list[Expansion] = []
        for term in _terms(clauses):
            for variant in self._variants_of(term):
                if variant.kind != "exact":
                    shown.append(Expansion(term.typed, variant.word, variant.kind, variant.actor))
        return tuple(shown)

    # Which documents each clause matches, and how well.

    def _clause_hits(self, clause: Clause) -> dict[int, float]:
        """The documents a clause matches → the clause's score in each (notices kept too)."""
        cached = self._clauses.get(clause)
        if cached is not None:
            self._clauses.move_to_end(clause)
            hits, notices = cached
        else:
            outer, self._notices = self._notices, []
            try:
                hits = self._compute_hits(clause)
            finally:
                notices, self._notices = tuple(self._notices), outer
            self._clauses[clause] = (hits, notices)
            if len(self._clauses) > _CACHE_CLAUSES:
                self._clauses.popitem(last=False)
        for notice in notices:
            self._notice(notice)
        return hits

    def _compute_hits(self, clause: Clause) -> dict[int, float]:
        index = self.index
        if isinstance(clause, Term):
            return self._term_hits(clause)
        if isinstance(clause, Phrase):
            return self._phrase_candidates(clause)
        if isinstance(clause, AnyOf):
            merged: dict[int, float] = {}
            for option in clause.options:
                for number, score in self._clause_hits(option).items():
                    if score > merged.get(number, -1.0):
                        merged[number] = score
            return merged
        if isinstance(clause, ActorFilter):
            return self._actor_hits(clause)
        documents = index._documents
        if isinstance(clause, SourceFilter):
            wanted = clause.text
            return {n: 0.0 for n, d in enumerate(documents) if wanted in d.source}
        if isinstance(clause, DateFilter):
            return {n: 0.0 for n, d in enumerate(documents) if clause.admits(d.date)}
        if isinstance(clause, TagFilter):
            return {n: 0.0 for n, d in enumerate(documents) if clause.tag in d.tags}
        raise AssertionError(f"unexpected clause {clause!r}")  # Exclude is handled by the caller

    def _term_hits(self, term: Term) -> dict[int, float]:
        """Each document holding a variant of the word → its best variant's score."""
        index = self.index
        title = term.field == "title"
        variants = sorted(self._variants_of(term), key=lambda v: v.weight)
        if len(variants) == 1 and variants[0].weight == 1.0:
            hits = index._word_scores(variants[0].word, title=title)
        else:
            # Lower weights first, so where several variants occur the best one's score stays.
            weighted = [
                index._word_scores(variant.word, title=title, weight=variant.weight)
                for variant in variants
            ]
            hits = dict(weighted[0]) if weighted else {}
            for scores in weighted[1:]:
                hits.update(scores)
        if term.field == "note":
            documents = index._documents
            hits = {n: s for n, s in hits.items() if documents[n].kind == "note"}
        return hits

    def _phrase_candidates(self, phrase: Phrase) -> dict[int, float]:
        """Documents holding every word of the phrase; the order is checked when ranking."""
        index = self.index
        title = phrase.field == "title"
        per_word = sorted((index._word_scores(word, title=title) for word in phrase.words), key=len)
        if not per_word or not per_word[0]:
            return {}
        found = dict(per_word[0])
        for scores in per_word[1:]:
            found = {n: s + scores[n] for n, s in found.items() if n in scores}
        if phrase.field == "note":
            documents = index._documents
            found = {n: s for n, s in found.items() if documents[n].kind == "note"}
        return found

    def _actor_hits(self, clause: ActorFilter) -> dict[int, float]:
        index = self.index
        resolver = index.resolver
        if resolver is None or not index._mentions:
            self._notice(f"actor:{clause.name}: actors not matched yet; matched as text")
            return self._clause_hits(_as_text(clause.name))
        actor_ids = resolver.actor_ids(clause.name)
        if not actor_ids:
            self._notice(f"actor:{clause.name}: no actor goes by that name")
            return {}
        merged: dict[int, float] = {}
        for actor_id in actor_ids:
            for number, score in index._actor_scores(actor_id).items():
                merged[number] = max(score, merged.get(number, 0.0))
        return merged

    def _excluded(self, clause: Clause) -> set[int]:
        """Every document that matches a clause (phrases checked in full)."""
        hits = self._clause_hits(clause)
        if isinstance(clause, Phrase):
            pattern = _phrase_pattern(clause.words)
            return {n for n in hits if self._phrase_in(pattern, n, clause.field)}
        return set(hits)

    def _scores(
        self,
        clauses: tuple[Clause, ...],
        excluded: set[int],
        universe: set[int] | None,
        context: tuple[str | None, bool],
    ) -> dict[int, float]:
        """Documents matching every clause and none excluded → the sum of their clause scores."""
        if not clauses:
            base = set(range(len(self.index._documents))) if universe is None else universe
            return dict.fromkeys(sorted(base - excluded - self.index._removed), 0.0)
        found = self._combine(clauses, universe, context)
        if not excluded:
            return found
        if len(excluded) < len(found):
            doomed = [number for number in excluded if number in found]
            if not doomed:
                return found
            found = dict(found)
            for number in doomed:
                del found[number]
            return found
        return {number: score for number, score in found.items() if number not in excluded}

    def _combine(
        self,
        clauses: tuple[Clause, ...],
        universe: set[int] | None,
        context: tuple[str | None, bool],
    ) -> dict[int, float]:
        """Documents matching every clause (within the universe) → their summed clause scores.

        Kept between keystrokes: typing a query's last word then only meets the documents
        the words before it matched (kept) with the last word's.
        """
        if len(clauses) == 1 and universe is None:
            return self._clause_hits(clauses[0])
        key = (context, clauses)
        found = self._combined.get(key)
        if found is not None:
            self._combined.move_to_end(key)
            return found
        if len(clauses) == 1:
            last = self._clause_hits(clauses[0])
            found = {number: last[number] for number in universe or () if number in last}
        else:
            before = self._combine(clauses[:-1], universe, context)
            last = self._clause_hits(clauses[-1])
            # Added clause by clause, in the query's order: the same sums as adding each
            # document's clause scores in turn.
            if len(before) <= len(last):
                found = {n: score + last[n] for n, score in before.items() if n in last}
            else:
                found = {n: before[n] + score for n, score in last.items() if n in before}
        self._combined[key] = found
        if len(self._combined) > _CACHE_COMBINED:
            self._combined.popitem(last=False)
        return found

    # Ranking, matches and snippets in the documents shown.

    def _rank(
        self, scores: dict[int, float], plan: _Plan, limit: int
    ) -> tuple[list[tuple[int, float]], int, bool]:
        total = len(scores)
        if not total or limit <= 0:
            return [], total, True
        window = limit + 10
        checked: set[int] = set()
        kept: list[tuple[int, float]] = []
        rejected = 0
        while True:
            top = _best(scores, window)
            for number, _ in top:
                if number in checked:
                    continue
                checked.add(number)
                adjusted = self._adjusted_score(number, scores[number], plan)
                if adjusted is None:
                    rejected += 1
                else:
                    kept.append((number, adjusted))
            if len(kept) >= limit or len(top) >= total:
                break
            window *= 2
        kept.sort(key=lambda item: (-item[1], item[0]))
        exact_total = not plan.verify or len(checked) >= total
        return kept[:limit], total - rejected, exact_total

    def _adjusted_score(self, number: int, score: float, plan: _Plan) -> float | None:
        """The score with the closeness bonus, or None when a phrase is not really there."""
        for _, phrase in plan.verify:
            if not self._phrase_in(_phrase_pattern(phrase.words), number, phrase.field):
                return None
        if plan.text_clauses < 2:
            return score
        matches = self._text_matches(number, plan)
        span = _closest_span(matches, plan.text_clauses)
        if span is None:
            return score
        return score * (1 + PROXIMITY_WEIGHT / (1 + span / PROXIMITY_CHARS))

    def _folded_text(self, number: int) -> str:
        """A document's folded text, kept for the next keystrokes (the top results recur)."""
        folded = self._folded.get(number)
        if folded is None:
            folded = self._folded[number] = fast_fold(self.index._documents[number].text)
            if len(self._folded) > FOLDED_TEXTS_KEPT:
                self._folded.popitem(last=False)
        else:
            self._folded.move_to_end(number)
        return folded

    def _phrase_in(self, pattern: re.Pattern[str], number: int, field: str | None) -> bool:
        """Whether a phrase stands in a document's text or title, as the field asks."""
        title = self.index._documents[number].title
        if field == "title":
            return _stands_in(pattern, fast_fold(title))
        if _stands_in(pattern, self._folded_text(number)):
            return True
        return field is None and _stands_in(pattern, fast_fold(title))

    def _plan(self, clause: Clause, number: int, plan: _Plan) -> None:
        """Record what a clause looks for in text, for matches, snippets and closeness."""
        if isinstance(clause, Term):
            if clause.field != "title":
                plan.text_clauses += 1
            completing = clause.prefix and len(clause.word) >= MIN_PREFIX_LETTERS
            prefix = clause.word if completing else None
            finder = _word_finder(clause, number, clause, self._variants_of(clause), prefix)
            plan.finders.append(finder)
        elif isinstance(clause, Phrase):
            if clause.field != "title":
                plan.text_clauses += 1
            pattern = _phrase_pattern(clause.words)
            plan.finders.append(
                _Finder(
                    clause, number, clause.typed, (pattern,), {}, "phrase", clause.field == "title"
                )
            )
            plan.verify.append((number, clause))
        elif isinstance(clause, AnyOf):
            before = plan.text_clauses
            verify_before = len(plan.verify)
            for option in clause.options:
                self._plan(option, number, plan)
            plan.text_clauses = before + (1 if plan.text_clauses > before else 0)
            # A phrase inside an alternative need not be there: the other side may match.
            del plan.verify[verify_before:]
        elif isinstance(clause, ActorFilter):
            resolver = self.index.resolver
            if resolver is not None and self.index._mentions:
                for actor_id in resolver.actor_ids(clause.name):
                    plan.actors[actor_id] = (number, clause.name, resolver.label(actor_id))
            else:
                self._plan(_as_text(clause.name), number, plan)

    def _found(
        self, finder: _Finder, number: int, title: bool
    ) -> list[tuple[int, int, str, MatchKind, str | None]]:
        """A finder's matches in one document, kept for the next keystrokes."""
        key = (finder.key, number, title)
        cached = self._found_cache.get(key)
        if cached is not None:
            return cached
        if title:
            folded = fast_fold(self.index._documents[number].title)
        else:
            folded = self._folded_text(number)
        found = finder.find(folded)
        self._found_cache[key] = found
        if len(self._found_cache) > FOUND_KEPT:
            self._found_cache.popitem(last=False)
        return found

    def _text_matches(self, number: int, plan: _Plan, *, title: bool = False) -> list[_Found]:
        """(start, end, clause number, term, kind, actor) for each match, in order."""
        if not title:
            cached = self._matches.get(number)
            if cached is not None:
                return cached
        document = self.index._documents[number]
        found: list[_Found] = []
        for finder in plan.finders:
            if finder.title_only and not title:
                continue
            clause_number = finder.number
            found.extend(
                (start, end, clause_number, typed, kind, actor)
                for start, end, typed, kind, actor in self._found(finder, number, title)
            )
        if plan.actors and not title and document.kind == "article":
            for span in self.index._mention_spans(document.key):
                wanted = plan.actors.get(span.actor_id)
                if wanted is not None:
                    clause_number, typed, label = wanted
                    found.append((span.start, span.end, clause_number, typed, "actor", label))
        if len(plan.finders) > 1 or plan.actors:
            found.sort()
            found = _without_overlaps(found)
        if not title:
            self._matches[number] = found
        return found

    def _result(self, number: int, score: float, plan: _Plan) -> SearchResult:
        document = self.index._documents[number]
        raw = self._text_matches(number, plan)
        matches = tuple(
            Match(start, end, term, document.text[start:end], kind, actor)
            for start, end, _, term, kind, actor in raw
        )
        title_matches: tuple[Match, ...] = ()
        if document.kind == "article":
            title_matches = tuple(
                Match(start, end, term, document.title[start:end], kind, actor)
                for start, end, _, term, kind, actor in self._text_matches(number, plan, title=True)
            )
        return SearchResult(
            document.kind,
            document.article_id,
            document.key if document.kind == "note" else None,
            round(score, 6),
            _snippet(document.text, raw),
            matches,
            title_matches,
        )


def _best(scores: dict[int, float], count: int) -> list[tuple[int, float]]:
    """The `count` best-scored documents; of equal scores at the cut, the earliest documents.

    Whatever order the scores were gathered in, the same documents come back, so results never
    shuffle between runs or with what earlier keystrokes left cached.
    """
    if len(scores) <= count:
        return list(scores.items())
    # The count-th best score first (floats alone compare fast), then who reaches it.
    edge = heapq.nlargest(count, scores.values())[-1]
    top = [(number, score) for number, score in scores.items() if score >= edge]
    if len(top) == count:
        return top
    above = [item for item in top if item[1] > edge]
    tied = sorted(number for number, score in top if score == edge)
    return above + [(number, edge) for number in tied[: count - len(above)]]


def _as_text(name: str) -> Clause:
    words = tuple(WORD.findall(fold(name)))
    if len(words) == 1:
        return Term(words[0], name, exact=True)
    return Phrase(words or (fold(name),), name)


def _terms(clauses: Iterable[Clause]) -> Iterable[Term]:
    for clause in clauses:
        if isinstance(clause, Term):
            yield clause
        elif isinstance(clause, AnyOf):
            yield from _terms(clause.options)


_PHRASE_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _PHRASE_PATTERNS.get(words)
    if pattern is None:
        body = r"[\W_]+".join(re.escape(word) for word in words)
        # No look-behind: a literal start lets the engine skip ahead; callers check the left.
        pattern = re.compile(body + r"(?![^\W_])")
        if len(_PHRASE_PATTERNS) > 256:
            _PHRASE_PATTERNS.clear()
        _PHRASE_PATTERNS[words] = pattern
    return pattern


def _stands_in(pattern: re.Pattern[str], folded: str) -> bool:
    """Whether the pattern matches at the start of a word somewhere in folded text."""
    for match in pattern.finditer(folded):
        start = match.start()
        if not start or not folded[start - 1].isalnum():
            return True
    return False


def _without_overlaps(
    found: list[_Found],
) -> list[_Found]:
    kept: list[_Found] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            if item[1] - item[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = item
            continue
        kept.append(item)
    return kept


def _closest_span(matches: Sequence[_Found], clauses: int) -> int | None:
    """The fewest characters covering a match of every text clause; None if some are absent."""
    wanted = {clause for _, _, clause, _, _, _ in matches if clause >= 0}
    if len(wanted) < 2:
        return None
    best: int | None = None
    counts: dict[int, int] = {}
    left = 0
    for _, end, clause, _, _, _ in matches:
        counts[clause] = counts.get(clause, 0) + 1
        while len(counts) == len(wanted):
            span = end - matches[left][0]
            if best is None or span < best:
                best = span
            leaving = matches[left][2]
            counts[leaving] -= 1
            if not counts[leaving]:
                del counts[leaving]
            left += 1
    return best


def _snippet(text: str, matches: Sequence[_Found]) -> Snippet:
    """A passage of about `SNIPPET_CHARS` around the densest run of different matches."""
    if not matches:
        start, end = 0, min(len(text), SNIPPET_CHARS)
    else:
        best_at, best_count = 0, -1
        considered = matches[:200]
        # Matches come in order, so the run from each one ends at the first beyond the limit.
        for position, first in enumerate(considered):
            limit = first[0] + SNIPPET_CHARS * 2 // 3
            clauses: set[int] = set()
            following = position
            while following < len(considered) and considered[following][0] < limit:
                clauses.add(considered[following][2])
                following += 1
            if len(clauses) > best_count:
                best_at, best_count = position, len(clauses)
        anchor = considered[best_at][0]
        start = max(0, anchor - SNIPPET_CHARS // 4)
        if start > 0:
            space = text.rfind(" ", max(0, start - 20), anchor)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + SNIPPET_CHARS)
        if end < len(text):
            space = text.find(" ", end - 20, end + 20)
            end = space if space > 0 else end
    passage = text[start:end].replace("\n", " ")
    highlights = tuple(
        (max(s, start) - start, min(e, end) - start)
        for s, e, *_ in matches
        if s < end and e > start
    )
    return Snippet(passage, start, highlights, start > 0, end < len(text))
