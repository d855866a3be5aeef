"""Turning untrusted bytes into safe text: decoding, line endings, control characters.

Article files come from anywhere, so every string that leaves this module is safe to put on
a terminal: no escape sequences, no control characters, no bidi overrides, no invisible
characters that would split a word.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

LEGACY_ENCODINGS = ("cp1251", "koi8-r", "cp1252")
"""The code pages tried, in order of preference on a tie, when a file is not UTF-8."""

ESCAPE_STAND_IN = "\u241b"
"""Shown where an ESC character stood (SYMBOL FOR ESCAPE)."""

CONTROL_STAND_IN = "\ufffd"
"""Shown where any other control character stood."""

# C0 controls except tab and newline, DEL, and the C1 range (8-bit CSI is 0x9B).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates, directional marks, zero-width characters,
# word joiner, BOM used as zero-width no-break space, and the soft hyphen.
_INVISIBLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u00ad]")
# Both of the above in one class: most text holds none, and one search is cheaper than two subs.
_INVISIBLE_OR_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u00ad]"
)
_UNICODE_LINE_BREAKS = re.compile(r"[\u2028\u2029\x85]")
_WORD = re.compile(r"[^\W\d_]+")

_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"
"""Bytes `sanitise` never changes: printable ASCII, tab and newline."""
# In UTF-8, what is left once the plain bytes are deleted: every other character `sanitise`
# changes (controls, CR, line separators, bidi and zero-width characters, BOM, soft hyphen).
# Deleting ASCII bytes keeps each multi-byte sequence whole, so nothing can match across two.
_UNSAFE_UTF8 = re.compile(
    rb"[\x00-\x1f\x7f]|\xc2[\x80-\x9f\xad]|\xe2\x80[\x8b-\x8f\xa8-\xae]"
    rb"|\xe2\x81[\xa0\xa6-\xa9]|\xef\xbb\xbf"
)


def _stand_in(match: re.Match[str]) -> str:
    return ESCAPE_STAND_IN if match.group() == "\x1b" else CONTROL_STAND_IN


def normalise_newlines(text: str) -> str:
    """Turn CRLF, CR and Unicode line separators into `\\n`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() or not ("\u2028" in text or "\u2029" in text or "\x85" in text):
        return text
    return _UNICODE_LINE_BREAKS.sub("\n", text)


def sanitise(text: str) -> str:
    """Make untrusted text safe for a terminal, keeping tabs and newlines.

    Line endings are normalised first so a CR is a line break, not a stand-in. Control
    characters become visible stand-ins; bidi controls and zero-width characters are removed.
    """
    # One pass over the bytes finds out that most texts need nothing, where a search of the
    # characters costs several times as much.
    if not _needs_sanitising(text.encode("utf-8", "surrogatepass")):
        return text
    return _sanitise(text)


def _sanitise(text: str) -> str:
    """`sanitise` the long way: each rule applied to the characters."""
    text = normalise_newlines(text)
    if _INVISIBLE_OR_CONTROL.search(text) is None:
        return text
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(_stand_in, text)


def _needs_sanitising(utf8: bytes) -> bool:
    """Whether `sanitise` would change the text these UTF-8 bytes encode."""
    rest = utf8.translate(None, _PLAIN_BYTES)
    return bool(rest) and _UNSAFE_UTF8.search(rest) is not None


def plain_utf8(data: bytes) -> str | None:
    """`data` decoded, when it is UTF-8 text that `sanitise` would leave as it is; else None.

    Such text holds no BOM and no control character but tab and newline, so it is not
    binary either: for most files this is the whole of decoding and sanitising.
    """
    if _needs_sanitising(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with how it was done."""

    text: str
    """The decoded text, not yet sanitised."""
    encoding: str
    """The codec used, as Python names it."""
    replaced: int = 0
    """How many undecodable bytes were replaced with U+FFFD."""


_ODD_CONTROL_BYTES = bytes([*range(7), 8, *range(14, 27), *range(28, 32)])
"""Control bytes rare in text: not tab, newlines, VT, FF, CR, nor BEL and ESC, which terminal
escape sequences (coloured logs, pasted prompts) put into text files."""


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file look like binary data rather than text."""
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    nul_share = head.count(0) / len(head)
    if nul_share > 0.01:
        return True
    # Control bytes other than whitespace are rare in any text encoding we read.
    odd = len(head) - len(head.translate(None, _ODD_CONTROL_BYTES))
    return odd / len(head) > 0.05


def decode(data: bytes) -> Decoded:
    """Decode file bytes: BOM first, then strict UTF-8, UTF-8 with a few bad bytes, then legacy."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(data[len(codecs.BOM_UTF8) :], "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = data.decode("utf-16", errors="replace")
        return Decoded(text, "utf-16", text.count("\ufffd"))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    valid_multibyte, bad = _utf8_evidence(data)
    if valid_multibyte and bad <= max(3, valid_multibyte // 10):
        return _decode_utf8(data, "utf-8")
    return _decode_legacy(data)


def _decode_utf8(data: bytes, encoding: str) -> Decoded:
    text = data.decode("utf-8", errors="replace")
    # U+FFFD can be in the file legitimately; count only what decoding replaced.
    legit = data.count(b"\xef\xbf\xbd")
    return Decoded(text, encoding, text.count("\ufffd") - legit)


def _utf8_evidence(data: bytes) -> tuple[int, int]:
    """Count well-formed multi-byte UTF-8 sequences and bytes that break UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    return multibyte, bad


def _decode_legacy(data: bytes) -> Decoded:
    best: tuple[float, str, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None:
        text = data.decode("latin-1")
        return Decoded(text, "latin-1")
    return Decoded(best[2], best[1])


def _plausibility(text: str) -> float:
    """Score how much a decoding looks like real prose, word by word.

    Real words are lower case, capitalised or short acronyms, and keep to one script; a
    wrong code page yields words of mixed case (cp1251 read as KOI8-R) or words made mostly
    of accented Latin letters (Cyrillic read as cp1252).
    """
    score = 0.0
    for word in _WORD.findall(text):
        if not word.isascii():
            score += _word_score(word)
    return score


def _word_score(word: str) -> float:
    size = len(word)
    well_cased = word.islower() or word.istitle() or (word.isupper() and size <= 5)
    cyrillic = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    latin_extended = sum(1 for ch in word if "\u00c0" <= ch <= "\u024f")
    ascii_letters = sum(1 for ch in word if ch.isascii())
    if cyrillic and (latin_extended or ascii_letters):
        return -size
    if latin_extended and latin_extended > max(1, ascii_letters):
        return -size  # "Ïðèâåò": accented letters everywhere is Cyrillic read as cp1252
    if any(
        not ("\u0400" <= ch <= "\u04ff" or ch.isascii() or "\u00c0" <= ch <= "\u024f")
        for ch in word
    ):
        return -size / 2  # box drawing, symbols, other scripts: unlikely in prose
    return size if well_cased else -size


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        lowered = base.casefold()
        folded = lowered if len(lowered) == 1 else ch.lower()[:1] or ch
        _FOLD_CACHE[ch] = folded
    return folded


def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of `text`, one character for each character.

    Keeping the length means offsets in the folded text are offsets in the original, so
    matches found in folded text can be highlighted in the real one.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) if not ch.isascii() else ch.lower() for ch in text)
