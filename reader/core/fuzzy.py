"""The searchable vocabulary: exact words, completions of a prefix, and words a typo away.

Typo rules a user can predict, counted in letters of the typed word:

- up to 4 letters: the word itself, or words it begins (prefix);
- 5 to 8 letters: one edit (insert, delete, substitute, or swap two neighbours);
- 9 letters or more: two edits.

Distances are optimal string alignment (Damerau–Levenshtein without re-editing a swapped
pair), so `mozir`/`mozyr` and `iskandr`/`iskander` are one edit, and `lukashneko` is one too.
One-edit neighbours come from a delete-one index (SymSpell-style, a few microseconds per word);
two-edit neighbours from rapidfuzz over words of similar length.
"""

from __future__ import annotations

import bisect
import heapq
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from rapidfuzz import process
from rapidfuzz.distance import OSA

EXACT_OR_PREFIX_UP_TO = 4
"""Words this short match exactly or as a prefix, never with a typo."""

ONE_EDIT_UP_TO = 8
"""Words of 5 to this many letters allow one edit; longer words two."""

_DELETE_INDEXED = range(EXACT_OR_PREFIX_UP_TO, ONE_EDIT_UP_TO + 2)
"""Word lengths a one-edit lookup can reach (a 5..8-letter word is 4..9 letters one edit away)."""


def allowed_edits(word: str) -> int:
    """How many edits a typed word may be away from a word it matches."""
    if not word.isalpha() or len(word) <= EXACT_OR_PREFIX_UP_TO:
        return 0
    return 1 if len(word) <= ONE_EDIT_UP_TO else 2


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A vocabulary word near a typed word, and how near."""

    word: str
    """The vocabulary word."""
    edits: int
    """Optimal string alignment distance from the typed word (0: the same word)."""


def _deletes(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


def delete_key(text: str) -> int:
    """The 32-bit number a word or one of its deletes is filed under in the typo index.

    The same in every process (Python's own `hash()` is salted per process), so an index
    built once can be cached and used again.
    """
    return zlib.crc32(text.encode("utf-8"))


_BUCKETS = 256
_BUCKET_SHIFT = 24
"""The typo index is sorted in buckets by a key's top byte (see `delete_index`)."""


def delete_index(sorted_words: Sequence[str]) -> tuple[array[int], array[int]]:
    """The delete-one index of a vocabulary: (keys in order, the word number of each key).

    Each 4- to 9-letter word is filed under its own key and under the key of each of its
    deletes; a key shared by chance only adds a candidate, which the edit distance turns away.
    The entries are sorted a bucket at a time: one sort of all of them (300,000 for 10,000
    articles) held the interpreter for 50-120 ms in one C call, a frame the UI could not draw.
    """
    buckets: list[list[int]] = [[] for _ in range(_BUCKETS)]
    for number, word in enumerate(sorted_words):
        if len(word) in _DELETE_INDEXED and word.isalpha():
            for key in (word, *_deletes(word)):
                value = delete_key(key)
                buckets[value >> _BUCKET_SHIFT].append(value << 32 | number)
    keys, numbers = array("I"), array("I")
    for bucket in buckets:
        bucket.sort()
        keys.extend([value >> 32 for value in bucket])
        numbers.extend([value & 0xFFFFFFFF for value in bucket])
    return keys, numbers


def by_length(words: Iterable[str]) -> dict[int, list[str]]:
    """The words grouped by length, each group a fresh copy of its words, side by side in memory.

    A two-edit lookup compares the typed word with every word of five lengths (100,000 words
    for 50,000 articles). Words split off the corpus's texts lie scattered among millions of
    other objects, and reading them there took three times as long as reading these copies.
    """
    # A stable sort by length keeps each group in the order given (sorted words stay sorted),
    # and grouping the sorted words runs in C, not a Python step per word.
    return {
        length: "\n".join(group).split("\n")
        for length, group in groupby(sorted(words, key=len), key=len)
    }


class Vocabulary:
    """Every indexed word, sorted for prefixes, with a delete-one index for typos."""

    def __init__(
        self,
        words: Iterable[str],
        document_frequency: Callable[[str], int],
        typo_index: tuple[array[int], array[int]] | None = None,
    ) -> None:
        """`typo_index`: `delete_index` of the sorted words, if already made (a cached index)."""
        self._sorted: list[str] = sorted(words)
        self._document_frequency = document_frequency
        self._by_length = by_length(self._sorted)
        # Two parallel arrays, searched with bisect: a tenth of the memory of a dict of sets.
        self._delete_hashes, self._delete_words = typo_index or delete_index(self._sorted)
        self._indexed_words = list(self._sorted)
        """The words the typo index numbers (words added later are looked up in `_added`)."""
        self._added: dict[str, list[str]] = {}
        self._known = set(self._sorted)

    def typo_index(self) -> tuple[list[str], array[int], array[int]]:
        """The words the typo index numbers and its two arrays, to be cached."""
        return self._indexed_words, self._delete_hashes, self._delete_words

    def __len__(self) -> int:
        return len(self._sorted)

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def add(self, word: str) -> None:
        """Add a word found after the index was built (a new note's text)."""
        if word in self._known:
            return
        self._known.add(word)
        bisect.insort(self._sorted, word)
        self._by_length.setdefault(len(word), []).append(word)
        if len(word) in _DELETE_INDEXED and word.isalpha():
            for key in (word, *_deletes(word)):
                self._added.setdefault(key, []).append(word)

    def completions(self, prefix: str) -> list[str]:
        """Words that begin with `prefix` (the prefix itself included), in sorted order."""
        start = bisect.bisect_left(self._sorted, prefix)
        end = bisect.bisect_left(self._sorted, prefix + "\U0010ffff", start)
        return self._sorted[start:end]

    def frequent_completions(self, prefix: str, limit: int, postings: int) -> tuple[list[str], int]:
        """The completions in most documents (ties: alphabetical), and how many exist.

        At most `limit` words, and no more than `postings` documents summed over them (the
        first word always), so a two-letter prefix costs no more than a longer one.
        """
        found = self.completions(prefix)
        frequencies = list(map(self._document_frequency, found))
        # `found` is alphabetical, and nlargest keeps the earlier of equals, as a sort would.
        ranked = heapq.nlargest(limit, range(len(found)), key=frequencies.__getitem__)
        chosen: list[str] = []
        budget = postings
        for position in ranked:
            budget -= frequencies[position]
            if chosen and budget < 0:
                break
            chosen.append(found[position])
        return chosen, len(found)

    def neighbours(self, word: str, max_edits: int) -> list[Neighbour]:
        """Vocabulary words at most `max_edits` away from `word`, nearest first, then sorted."""
        if max_edits <= 0:
            return [Neighbour(word, 0)] if word in self._known else []
        found = self._one_edit(word) if max_edits == 1 else self._within(word, max_edits)
        return sorted(found, key=lambda neighbour: (neighbour.edits, neighbour.word))

    def _one_edit(self, word: str) -> list[Neighbour]:
        candidates: set[str] = set()
        hashes = self._delete_hashes
        for key in (word, *_deletes(word)):
            hashed = delete_key(key)
            position = bisect.bisect_left(hashes, hashed)
            while position < len(hashes) and hashes[position] == hashed:
                candidates.add(self._indexed_words[self._delete_words[position]])
                position += 1
            candidates.update(self._added.get(key, ()))
        result: list[Neighbour] = []
        for candidate in candidates:
            distance = OSA.distance(word, candidate, score_cutoff=1)
            if distance <= 1:
                result.append(Neighbour(candidate, distance))
        return result

    def _within(self, word: str, max_edits: int) -> list[Neighbour]:
        # The shortest words in reach are the word with letters left out, and nothing else:
        # looked up, not compared with each word of that length.
        shorter = {word}
        for _ in range(max_edits):
            shorter = {deleted for longer in shorter for deleted in _deletes(longer)}
        result = [Neighbour(found, max_edits) for found in shorter & self._known]
        for length in range(len(word) - max_edits + 1, len(word) + max_edits + 1):
            same_length = self._by_length.get(length)
            if not same_length:
                continue
            for found, distance, _ in process.extract(
                word, same_length, scorer=OSA.distance, score_cutoff=max_edits, limit=None
            ):
                result.append(Neighbour(found, int(distance)))
        return result
