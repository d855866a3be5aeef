"""Loading a hostile corpus: encodings, odd files, escapes and markup."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reader.core.corpus import MAX_FILE_BYTES, Problem, load, read_document
from reader.core.text import decode, sanitise
from tests.hostile import ENGLISH, FRENCH, RUSSIAN, write_hostile_corpus

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u00ad]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder of hostile files."""
    write_hostile_corpus(tmp_path / "corpus")
    return tmp_path / "corpus"


def _by_name(corpus_root: Path) -> dict[str, object]:
    corpus = load([corpus_root])
    found: dict[str, object] = {}
    for article in corpus.articles:
        for path in article.paths:
            found[os.path.relpath(path, corpus_root)] = article
    for problem in corpus.problems:
        found[os.path.relpath(problem.path, corpus_root)] = problem
    return found


def test_hostile_corpus_loads_without_hanging(hostile: Path) -> None:
    """The whole hostile folder loads in a subprocess well within a time limit (no FIFO hang)."""
    code = (
        f"from reader.core.corpus import load; c = load([{str(hostile)!r}]); print(len(c.articles))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert int(result.stdout) >= 15


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf8_bom.txt", RUSSIAN),
        ("utf16le.txt", RUSSIAN),
        ("utf16be.txt", FRENCH),
        ("cp1251.txt", RUSSIAN),
        ("koi8r.txt", RUSSIAN),
        ("cp1252.txt", FRENCH),
        ("crlf.txt", ENGLISH),
        ("cr.txt", ENGLISH),
    ],
)
def test_encodings_decode_to_the_right_characters(hostile: Path, name: str, expected: str) -> None:
    """Every encoding we promise decodes to exactly the original characters."""
    article = _by_name(hostile)[name]
    assert expected in article.text  # type: ignore[attr-defined]


def test_legacy_encodings_are_recorded(hostile: Path) -> None:
    """A legacy code page is named among the article's problems."""
    found = _by_name(hostile)
    assert "decoded as cp1251" in found["cp1251.txt"].problems  # type: ignore[attr-defined]
    assert "decoded as koi8-r" in found["koi8r.txt"].problems  # type: ignore[attr-defined]
    assert "decoded as cp1252" in found["cp1252.txt"].problems  # type: ignore[attr-defined]


def test_stray_bad_byte_stays_utf8_with_a_count(hostile: Path) -> None:
    """A UTF-8 file with one bad byte keeps its UTF-8 characters and records one replacement."""
    article = _by_name(hostile)["bad_byte.txt"]
    assert article.title == "Nausėda warns Minsk over drills"  # type: ignore[attr-defined]
    assert "1 undecodable byte replaced" in article.problems  # type: ignore[attr-defined]
    assert "\ufffd" in article.text  # type: ignore[attr-defined]


def test_line_endings_are_normalised(hostile: Path) -> None:
    """No carriage return survives loading."""
    for name in ("crlf.txt", "cr.txt"):
        article = _by_name(hostile)[name]
        assert "\r" not in article.raw  # type: ignore[attr-defined]
        assert article.title.endswith("headline")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("blank.md", "no text"),
        ("fifo.txt", "not a regular file"),
        ("dangling.txt", "no such file"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(hostile: Path, name: str, reason: str) -> None:
    """Files that are not readable text become problems that say why."""
    problem = _by_name(hostile)[name]
    assert isinstance(problem, Problem)
    assert reason in problem.reason


def test_symlink_loop_is_reported_once_and_ends(hostile: Path) -> None:
    """A folder symlinked into itself is visited once and reported, not walked forever."""
    corpus = load([hostile])
    loops = [p for p in corpus.problems if "loop" in p.reason or "visited" in p.reason]
    assert len(loops) == 1
    assert loops[0].path.endswith("loop")


def test_other_endings_are_ignored_and_any_case_is_read(hostile: Path) -> None:
    """A .pdf is ignored, not a problem; .TXT is read like .txt."""
    corpus = load([hostile])
    assert any(path.endswith("ignored.pdf") for path in corpus.ignored)
    assert "UPPER.TXT" in _by_name(hostile)


def test_nested_folders_are_read(hostile: Path) -> None:
    """Articles in sub-folders are found, and a Markdown H1 becomes the title."""
    article = _by_name(hostile)["sub/nested.markdown"]
    assert article.title == "Nested headline"  # type: ignore[attr-defined]


def test_exact_duplicates_become_one_article_with_both_paths(hostile: Path) -> None:
    """The same text under two names is one article that knows both paths."""
    corpus = load([hostile])
    duplicates = [a for a in corpus.articles if a.title == "Duplicate headline text"]
    assert len(duplicates) == 1
    assert sorted(os.path.basename(p) for p in duplicates[0].paths) == [
        "duplicate_a.txt",
        "duplicate_b.txt",
    ]


def test_no_control_character_or_bidi_override_survives(hostile: Path) -> None:
    """No loaded string holds a control character, an escape, a bidi override or a soft hyphen."""
    corpus = load([hostile])
    for article in corpus.articles:
        for value in (article.title, article.text, article.raw, *article.paths):
            assert not UNSAFE.search(value.replace("\n", "").replace("\t", "")), value


def test_escapes_become_visible_stand_ins(hostile: Path) -> None:
    """ESC shows as ␛ and other controls as �, so the reader sees something was there."""
    article = _by_name(hostile)["escapes.txt"]
    assert "␛[31mred" in article.title  # type: ignore[attr-defined]
    assert "␛]52;c;aGFja2Vk" in article.text  # type: ignore[attr-defined]
    assert "\ufffd31m" in article.text  # type: ignore[attr-defined]


def test_zero_width_and_soft_hyphens_do_not_split_words(hostile: Path) -> None:
    """Zero-width spaces and soft hyphens are removed so names stay whole."""
    article = _by_name(hostile)["bidi.txt"]
    assert "Lukashenko" in article.title  # type: ignore[attr-defined]
    assert "zerowidth" in article.title  # type: ignore[attr-defined]


def test_markup_stays_literal_text(hostile: Path) -> None:
    """Rich/Textual markup in a file is kept as the literal characters."""
    article = _by_name(hostile)["markup.txt"]
    assert "[@click=app.quit]x[/]" in article.title  # type: ignore[attr-defined]
    assert "[link=file:///etc/passwd]" in article.text  # type: ignore[attr-defined]


def test_markdown_front_matter_overrides_guesses(hostile: Path) -> None:
    """Front matter title, date, source, url and author win over what the text suggests."""
    article = _by_name(hostile)["front.md"]
    assert article.title == "Front matter title"  # type: ignore[attr-defined]
    assert article.date == "2023-02-24"  # type: ignore[attr-defined]
    assert article.source == "BelTA"  # type: ignore[attr-defined]
    assert article.url == "https://example.org/a"  # type: ignore[attr-defined]
    assert article.author == "Jane Doe"  # type: ignore[attr-defined]
    assert "A different H1" in article.text  # type: ignore[attr-defined]


def test_html_body_without_scripts_and_with_entities(hostile: Path) -> None:
    """HTML gives its body text, scripts and styles dropped, entities decoded, h1 as title."""
    article = _by_name(hostile)["page.html"]
    assert article.title == "Page title"  # type: ignore[attr-defined]
    assert "Tom & Jerry — “quoted”." in article.text  # type: ignore[attr-defined]
    assert "alert" not in article.text  # type: ignore[attr-defined]
    assert "color:red" not in article.text  # type: ignore[attr-defined]
    assert "document.write" not in article.text  # type: ignore[attr-defined]


def test_html_entity_escapes_are_sanitised_too() -> None:
    """An escape written as an HTML entity (&#27;) is neutralised after decoding."""
    from reader.core.clean import clean

    article = clean("<h1>T&#27;[31mitle</h1><p>x&#x9b;y&#1;z</p>", path="p.html", fmt="html")
    assert not UNSAFE.search(article.title + article.text)
    assert article.title.endswith("[31mitle")


def test_large_file_is_opened_in_part_with_the_reason(tmp_path: Path) -> None:
    """A file over the size limit is read up to the limit and says so."""
    big = tmp_path / "big.txt"
    line = ("Belarus and Russia held drills near the border again. " * 4 + "\n").encode()
    with big.open("wb") as handle:
        handle.write(b"A very large article\n\n")
        while handle.tell() <= MAX_FILE_BYTES + len(line):
            handle.write(line)
    document = read_document(str(big))
    assert not isinstance(document, Problem)
    assert any("only the first 20 MiB" in p for p in document.problems)
    assert len(document.text) <= MAX_FILE_BYTES


def test_file_that_grew_after_opening_is_read_on_up_to_the_limit(tmp_path: Path) -> None:
    """Reading asks for the size seen at opening but still reads what was added since."""
    from reader.core.corpus import read_at_most

    grown = tmp_path / "grown.txt"
    grown.write_bytes(b"0123456789")
    with grown.open("rb") as handle:
        grown.write_bytes(b"0123456789abcdefghij")
        assert read_at_most(handle.read, 15, expected=10) == b"0123456789abcde"
    with grown.open("rb") as handle:
        assert read_at_most(handle.read, 100, expected=4) == b"0123456789abcdefghij"
    with grown.open("rb") as handle:
        assert read_at_most(handle.read, 8, expected=20) == b"01234567"


def test_short_reads_are_read_on() -> None:
    """A read that returns fewer bytes than asked (as `os.read` may) is read on to the end."""
    from reader.core.corpus import read_at_most

    source = io.BytesIO(b"0123456789abcdefghij")

    def read(size: int) -> bytes:
        return source.read(min(size, 3))

    assert read_at_most(read, 100, expected=10) == b"0123456789abcdefghij"
    source.seek(0)
    assert read_at_most(read, 8, expected=20) == b"01234567"


def test_unreadable_file_is_skipped_when_not_root() -> None:
    """A file the user may not read is skipped with 'permission denied' (checked as nobody)."""
    folder = Path(tempfile.mkdtemp(prefix="belreader-perm-"))
    try:
        folder.chmod(0o755)
        secret = folder / "secret.txt"
        secret.write_text("Secret headline\n\nNot for you.\n")
        secret.chmod(0o000)
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                if os.geteuid() == 0:  # as root every file is readable: drop to nobody
                    os.setgid(65534)
                    os.setuid(65534)
                corpus = load([folder])
                reason = corpus.problems[0].reason if corpus.problems else "loaded"
                os.write(write_end, reason.encode())
            finally:
                os._exit(0)
        os.close(write_end)
        os.waitpid(child, 0)
        with os.fdopen(read_end, "rb") as pipe:
            assert pipe.read().decode() == "permission denied"
    finally:
        for entry in folder.iterdir():
            entry.unlink()
        folder.rmdir()


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    """A path that does not exist is reported, not raised."""
    corpus = load([tmp_path / "nope"])
    assert corpus.articles == []
    assert "no such file" in corpus.problems[0].reason


def test_sanitise_keeps_tabs_and_newlines() -> None:
    """Tabs and newlines are text, not controls."""
    assert sanitise("a\tb\nc") == "a\tb\nc"


def test_sanitise_normalises_every_line_break_and_replaces_every_control() -> None:
    """Each line break form becomes one newline; controls show, invisibles go, in any order."""
    assert sanitise("a\r\nb\rc\r\r\nd\u2028e\u2029f\x85g") == "a\nb\nc\n\nd\ne\nf\ng"
    assert sanitise("\x1b[1m\u202ex\u200b\x9by\x00\r\n") == "\u241b[1mx\ufffdy\ufffd\n"
    plain = "Plain “quoted” text – with\ttabs\n\nand paragraphs."
    assert sanitise(plain) == plain


def test_decode_prefers_utf8_for_mostly_valid_text() -> None:
    """Valid UTF-8 with a couple of bad bytes is UTF-8, not a legacy page."""
    data = ("Лукашенко " * 20).encode() + b"\xfe\xff"
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 2


def test_a_short_text_full_of_escape_sequences_is_text_not_binary(tmp_path: Path) -> None:
    """A few lines dense with ANSI/OSC escapes and bells load, with the escapes made visible."""
    path = tmp_path / "ansi.txt"
    path.write_bytes(
        b"Alert\n\x1b[31mred\x1b[0m \x1b]0;PWNED\x07 and bell\x07\n"
        b"\x1b[1mMinsk\x1b[0m says \x1b[4mno\x1b[0m.\n"
    )
    corpus = load([path])
    assert not corpus.problems
    (article,) = corpus.articles
    assert "\x1b" not in article.text and "\x07" not in article.text
    assert "␛" in article.raw and "Minsk" in article.text


def test_the_quick_count_matches_the_walk(tmp_path: Path) -> None:
    """The progress bar's total counts what the walk yields, hidden and other files left out."""
    from reader.core.corpus import count_article_files, find_files

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("x.txt", "a/y.MD", "a/b/z.html", "a/b/w.htm", "a/notes.pdf", ".hidden/h.txt"):
        (tmp_path / name).write_text("Title\n\nText.\n", encoding="utf-8")
    (tmp_path / "a" / ".secret.txt").write_text("no", encoding="utf-8")
    walked = [p for p in find_files([tmp_path]) if isinstance(p, str) and not p.endswith(".pdf")]
    assert count_article_files([tmp_path]) == len(walked) == 4
    assert count_article_files([tmp_path / "x.txt", tmp_path / "a"]) == 4
    assert count_article_files([tmp_path / "missing"]) == 0
