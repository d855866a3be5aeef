"""The typo (delete-one) index: sorted a bucket at a time, the same as one sort of it all."""

from __future__ import annotations

import zlib

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from reader.core.fuzzy import Vocabulary, delete_index, delete_key

words = st.lists(st.text(alphabet="abcdeklmnorsuyzжш", min_size=1, max_size=11), max_size=60)


def _naive(sorted_words: list[str]) -> list[tuple[int, int]]:
    entries = []
    for number, word in enumerate(sorted_words):
        if 4 <= len(word) <= 9 and word.isalpha():
            keys = [word] + [word[:i] + word[i + 1 :] for i in range(len(word))]
            entries.extend((delete_key(key), number) for key in keys)
    return sorted(entries)


@given(words)
def test_delete_index_is_every_key_in_order(listed: list[str]) -> None:
    vocabulary = sorted(set(listed))
    keys, numbers = delete_index(vocabulary)
    assert list(zip(keys, numbers, strict=True)) == _naive(vocabulary)


def test_keys_are_stable_across_processes() -> None:
    """A cached index is used by later processes: its keys may not be salted like hash()."""
    assert delete_key("mozyr") == zlib.crc32(b"mozyr")


def test_vocabulary_finds_one_edit_neighbours_through_the_index() -> None:
    vocabulary = Vocabulary(["mozyr", "minsk", "iskander", "brest"], lambda word: 1)
    assert [n.word for n in vocabulary.neighbours("mozir", 1)] == ["mozyr"]
    assert [n.word for n in vocabulary.neighbours("mnisk", 1)] == ["minsk"]
    indexed, keys, numbers = vocabulary.typo_index()
    assert (keys, numbers) == delete_index(indexed)


@given(words, st.integers(min_value=1, max_value=8), st.integers(min_value=0, max_value=40))
def test_frequent_completions_rank_by_documents_then_alphabet(
    listed: list[str], limit: int, postings: int
) -> None:
    """The most widespread completions come first (ties alphabetical), within the budget."""
    frequency = {word: len(word) % 4 + 1 for word in listed}
    vocabulary = Vocabulary(frequency, frequency.__getitem__)
    for prefix in {word[:1] for word in listed} | {""}:
        found = vocabulary.completions(prefix)
        ranked = sorted(found, key=lambda word: (-frequency[word], word))[:limit]
        expected: list[str] = []
        budget = postings
        for word in ranked:
            budget -= frequency[word]
            if expected and budget < 0:
                break
            expected.append(word)
        assert vocabulary.frequent_completions(prefix, limit, postings) == (expected, len(found))


@given(
    st.lists(st.text(alphabet="abelrsu", min_size=6, max_size=12), max_size=80),
    st.text(alphabet="abelrsu", min_size=9, max_size=11),
)
def test_two_edit_neighbours_are_every_word_two_edits_away(listed: list[str], typed: str) -> None:
    """A long word's neighbours are exactly the words within two edits, nearest first."""
    vocabulary = Vocabulary(set(listed), lambda word: 1)
    expected = sorted(
        (OSA.distance(typed, word), word) for word in set(listed) if OSA.distance(typed, word) <= 2
    )
    found = vocabulary.neighbours(typed, 2)
    assert [(n.edits, n.word) for n in found] == expected


def test_words_grouped_by_length_keep_their_order() -> None:
    """Each length's group holds exactly the words of that length, in the order given."""
    from reader.core.fuzzy import by_length

    words = sorted(["minsk", "brest", "a", "belarus", "kyiv", "lida", "z", "mozyr", "", "ab"])
    grouped = by_length(words)
    assert sorted(grouped) == sorted({len(word) for word in words})
    for length, group in grouped.items():
        assert group == [word for word in words if len(word) == length]
    assert by_length([]) == {}
