"""The bytes shortcut of decoding and sanitising gives what the general path gives."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import text
from reader.core.corpus import Problem, RawDocument, format_for, read_document
from tests.hostile import ENGLISH, RUSSIAN, write_hostile_corpus

_HOSTILE_PIECES = [
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\r\n",
    "\x1b[31m",
    "\x1b]52;c;aGk=\x07",
    "\x1f",
    "\x7f",
    "\x80",
    "\x85",
    "\x9b",
    "\x9f",
    "\xa0",
    "\xad",
    "\u200b",
    "\u200f",
    "\u2010",
    "\u2027",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202e",
    "\u202f",
    "\u205f",
    "\u2060",
    "\u2065",
    "\u2066",
    "\u2069",
    "\u206a",
    "\ufeff",
    "\ufffd",
    "\ufefe",
    "\u241b",
    "Лукашенко",
    "“quoted”",
    "é",
    "😀",
    "plain words ",
]

_hostile_texts = st.lists(
    st.one_of(st.sampled_from(_HOSTILE_PIECES), st.text(max_size=6)), max_size=25
).map("".join)


def _general_read(data: bytes) -> tuple[str, str, int] | None:
    """What reading bytes gave before the shortcut: binary sniff, decode, sanitise in full."""
    if text.looks_binary(data[:8192]):
        return None
    decoded = text.decode(data)
    return text._sanitise(decoded.text), decoded.encoding, decoded.replaced


def test_the_bytes_test_flags_exactly_the_characters_sanitise_changes() -> None:
    """Over every code point, the UTF-8 test says "change" just where the general path changes."""
    for base in range(0, 0x110000, 256):
        chunk = "".join(map(chr, range(base, base + 256)))
        if text._sanitise(chunk) == chunk:
            assert not text._needs_sanitising(chunk.encode("utf-8", "surrogatepass"))
            continue
        for character in chunk:
            changed = text._sanitise(character) != character
            encoded = character.encode("utf-8", "surrogatepass")
            assert text._needs_sanitising(encoded) == changed, hex(ord(character))


@settings(max_examples=500, deadline=None)
@given(_hostile_texts)
@example("a\r\nb\u2028c\x85d\x1b[1m\u202ex\u200b\x9by\x00\ufeff")
@example("\ud800 a lone surrogate \udfff")
def test_sanitise_is_the_general_path(sample: str) -> None:
    """`sanitise` with its shortcut gives what each rule applied in full gives."""
    assert text.sanitise(sample) == text._sanitise(sample)


_hostile_bytes = st.one_of(
    _hostile_texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(
        st.one_of(
            _hostile_texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
            st.sampled_from(
                [
                    codecs.BOM_UTF8,
                    codecs.BOM_UTF16_LE,
                    codecs.BOM_UTF16_BE,
                    b"\xff",
                    b"\xc2",
                    b"\xe2\x80",
                    b"\xed\xa0\x80",
                    b"\xc0\xaf",
                    RUSSIAN.encode("cp1251"),
                    ENGLISH.encode(),
                ]
            ),
            st.binary(max_size=8),
        ),
        max_size=12,
    ).map(b"".join),
)


@settings(max_examples=800, deadline=None)
@given(_hostile_bytes)
@example(codecs.BOM_UTF8 + b"headline")
@example(codecs.BOM_UTF16_LE + "headline".encode("utf-16-le"))
@example(b"bad \xc2 then \x85")
@example(b"Minsk \xe2\x80\xae evil")
@example(b"\x00" * 40 + b"text")
def test_plain_utf8_only_takes_what_needs_nothing(data: bytes) -> None:
    """Bytes the shortcut decodes are UTF-8 that is not binary and that sanitising leaves alone."""
    shortcut = text.plain_utf8(data)
    if shortcut is not None:
        assert _general_read(data) == (shortcut, "utf-8", 0)


@settings(max_examples=300, deadline=None)
@given(_hostile_bytes, st.sampled_from(["a.txt", "b.md", "c.html"]))
def test_read_document_is_the_general_path(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    """Reading a file gives the text, problems or refusal the general path gives."""
    path = tmp_path_factory.mktemp("read") / name
    path.write_bytes(data)
    _assert_read_as_general(path, data)


def test_hostile_corpus_reads_as_the_general_path(tmp_path: Path) -> None:
    """Every readable file of the hostile corpus reads as the general path reads it."""
    for path in write_hostile_corpus(tmp_path / "corpus").values():
        if path.is_file() and not path.is_symlink():
            _assert_read_as_general(path, path.read_bytes())


def _assert_read_as_general(path: Path, data: bytes) -> None:
    document = read_document(str(path))
    general = _general_read(data) if data else None
    if not data:
        assert document == Problem(str(path), "empty file")
    elif general is None:
        assert document == Problem(str(path), "binary file, not text")
    else:
        safe, encoding, replaced = general
        problems: list[str] = []
        if encoding not in ("utf-8", "utf-8-sig"):
            problems.append(f"decoded as {encoding}")
        if replaced:
            problems.append(
                f"{replaced} undecodable {'byte' if replaced == 1 else 'bytes'} replaced"
            )
        if not safe or safe.isspace():
            assert document == Problem(str(path), "no text (only whitespace)")
        else:
            assert document == RawDocument(str(path), safe, format_for(str(path)), tuple(problems))
