"""The search index's part of the corpus cache: packing an index into a row and back.

Its own module so that reading the articles' part of the cache (every start) does not load
the search core (`reader.core.search`, `reader.core.fuzzy`, rapidfuzz); that loads with the
first search index, in the worker that builds or loads it.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reader.core.article import Article
from reader.core.fuzzy import Vocabulary, by_length, delete_index
from reader.core.search import PackedPostings, SearchIndex, _Document


def _pack_postings(postings: Mapping[str, array[int]]) -> tuple[str, bytes, bytes]:
    """(words joined by newlines, sorted; where each word's postings end; the postings)."""
    words = sorted(postings)
    offsets = array("Q")
    packed = array("I")
    for word in words:
        packed.extend(postings[word])
        offsets.append(len(packed))
    return "\n".join(words), offsets.tobytes(), packed.tobytes()


def _postings(words: list[str], offsets_blob: bytes, postings_blob: bytes) -> PackedPostings:
    """Postings unpacked from their row: two arrays, each word's sliced when first looked up."""
    offsets, packed = array("Q"), array("I")
    offsets.frombytes(offsets_blob)
    packed.frombytes(postings_blob)
    return PackedPostings(words, offsets, packed)


def index_row(index: SearchIndex, articles: Sequence[Article]) -> tuple[Any, ...]:
    documents = index._documents
    words, offsets, postings = _pack_postings(index._postings)
    title_words, title_offsets, title_postings = _pack_postings(index._title_postings)
    return (
        "\n".join(article.id for article in articles),
        json.dumps([document.source for document in documents[: len(articles)]]),
        words,
        offsets,
        postings,
        title_words,
        title_offsets,
        title_postings,
        index._lengths.tobytes(),
        index._total_length,
        *(column.tobytes() for column in _typo_columns(index, words)),
    )


def _typo_columns(index: SearchIndex, words: str) -> tuple[array[int], array[int]]:
    """The typo index of the packed words: the one the index built, if it numbers them."""
    listed = words.split("\n") if words else []
    indexed, keys, numbers = index.vocabulary.typo_index()
    if indexed == listed:
        return keys, numbers
    return delete_index(listed)


def index_from_row(row: Sequence[Any], articles: Sequence[Article]) -> SearchIndex:
    """A search index rebuilt from its packed arrays: a few slices, no word is re-read."""
    (
        article_ids,
        sources_json,
        words,
        offsets,
        postings,
        title_words,
        title_offsets,
        title_postings,
        lengths_blob,
        total_length,
        typo_hashes,
        typo_words,
    ) = row
    if article_ids.split("\n") != [article.id for article in articles]:
        raise ValueError("the index is of other articles")
    sources: list[str] = json.loads(sources_json)
    if len(sources) != len(articles):
        raise ValueError("sources do not match the articles")
    index = SearchIndex()
    vocabulary = words.split("\n") if words else []
    index._postings = _postings(vocabulary, offsets, postings)
    index._title_postings = _postings(
        title_words.split("\n") if title_words else [], title_offsets, title_postings
    )
    index._documents = [
        _Document("article", a.id, a.id, a.title, a, source, a.date)
        for a, source in zip(articles, sources, strict=True)
    ]
    index._article_documents = {article.id: number for number, article in enumerate(articles)}
    lengths = array("I")
    lengths.frombytes(lengths_blob)
    if len(lengths) != len(articles):
        raise ValueError("lengths do not match the articles")
    index._lengths = lengths
    index._total_length = int(total_length)
    hashes, numbers = array("I"), array("I")
    hashes.frombytes(typo_hashes)
    numbers.frombytes(typo_words)
    if len(hashes) != len(numbers):
        raise ValueError("typo index arrays differ in length")
    index._vocabulary = StoredVocabulary(vocabulary, index.document_frequency, hashes, numbers)
    return index


class StoredVocabulary(Vocabulary):
    """A `Vocabulary` rebuilt from a cached, sorted word list and a stable-hash typo index."""

    def __init__(
        self,
        sorted_words: list[str],
        document_frequency: Callable[[str], int],
        typo_hashes: array[int],
        typo_words: array[int],
    ) -> None:
        # Words added later go into a copy: the list given is shared with the postings.
        self._sorted = list(sorted_words)
        self._document_frequency = document_frequency
        self._by_length = by_length(sorted_words)
        self._indexed_words = sorted_words
        self._added = {}
        self._known = set(sorted_words)
        self._delete_hashes = typo_hashes
        self._delete_words = typo_words
