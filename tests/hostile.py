"""A corpus that tries everything a scraped folder can throw at a reader."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

RUSSIAN = (
    "Александр Лукашенко заявил, что белорусская армия не будет вступать в войну. "
    "Минск и Москва провели совместные учения у границы с Украиной."
)
FRENCH = (
    "Le président biélorusse a déclaré à Genève que l’été serait décisif. "
    "Les élèves de l’école militaire préfèrent la sécurité à la guerre."
)
ENGLISH = (
    "Belarus has not sent troops to Ukraine, officials in Kyiv said on Monday. "
    "Analysts doubt that Minsk would risk a war its own soldiers do not want."
)


def write_hostile_corpus(root: Path) -> dict[str, Path]:
    """Write every awkward kind of file under `root`; return them by name."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> Path:
        path = root / name
        path.write_bytes(data)
        files[name] = path
        return path

    put("utf8.txt", f"Plain UTF-8 headline here\n\n{ENGLISH}\n".encode())
    put("utf8_bom.txt", codecs.BOM_UTF8 + f"BOM headline for UTF-8\n\n{RUSSIAN}\n".encode())
    put(
        "utf16le.txt",
        codecs.BOM_UTF16_LE + f"UTF-16 LE headline\n\n{RUSSIAN}\n".encode("utf-16-le"),
    )
    put(
        "utf16be.txt", codecs.BOM_UTF16_BE + f"UTF-16 BE headline\n\n{FRENCH}\n".encode("utf-16-be")
    )
    put("cp1251.txt", f"Заголовок в кодировке Windows\n\n{RUSSIAN}\n".encode("cp1251"))
    put("koi8r.txt", f"Заголовок в кодировке КОИ-8\n\n{RUSSIAN}\n".encode("koi8-r"))
    put("cp1252.txt", f"Titre de l’article en Europe\n\n{FRENCH}\n".encode("cp1252"))
    put(
        "bad_byte.txt",
        "Nausėda warns Minsk over drills\n\n".encode() + b"A stray \xff byte. " + ENGLISH.encode(),
    )
    put("crlf.txt", f"Windows line endings headline\r\n\r\n{ENGLISH}\r\n".encode())
    put("cr.txt", f"Old Mac line endings headline\r\r{ENGLISH}\r".encode())
    put("binary.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 300)
    put("empty.txt", b"")
    put("blank.md", b"   \n\n\t\n")
    put(
        "markup.txt",
        (
            "Markup [@click=app.quit]x[/] in a headline [/]\n\n"
            "A stray [/] or [b]x[/i] or [link=file:///etc/passwd]link[/link] "
            "or [$accent] or [Reuters] must show literally. " + ENGLISH + "\n"
        ).encode(),
    )
    put(
        "escapes.txt",
        (
            "Escapes \x1b[31mred\x1b[0m in the title\n\n"
            "OSC 52 \x1b]52;c;aGFja2Vk\x07 clipboard, OSC 0 \x1b]0;pwned\x07 title, "
            "8-bit CSI \x9b31m here, NUL \x00 there, DEL \x7f too. " + ENGLISH + "\n"
        ).encode("utf-8"),
    )
    put(
        "bidi.txt",
        (
            "Bidi \u202eevil\u202c and zero\u200bwidth Luka\u00adshenko\n\n" + ENGLISH + "\n"
        ).encode(),
    )
    put("ignored.pdf", b"%PDF-1.4 not an article")
    put("UPPER.TXT", f"Upper case extension headline\n\n{ENGLISH}\n".encode())
    put(
        "report[@click=app.quit][b]2024.txt",
        f"A file name with markup in it\n\n{ENGLISH} (copy)\n".encode(),
    )
    put("duplicate_a.txt", f"Duplicate headline text\n\n{ENGLISH} Twice.\n".encode())
    put("duplicate_b.txt", f"Duplicate headline text\n\n{ENGLISH} Twice.\n".encode())
    put(
        "front.md",
        (
            '---\ntitle: "Front matter title"\ndate: 2023-02-24\nsource: BelTA\n'
            "url: https://example.org/a\nauthor: Jane Doe\n---\n\n# A different H1\n\n"
            + ENGLISH
            + "\n"
        ).encode(),
    )
    put(
        "page.html",
        (
            "<html><head><title>Page title | Outlet</title>"
            "<script>alert('x')</script><style>p{color:red}</style></head>"
            "<body><h1>Page title</h1><p>Tom &amp; Jerry &mdash; &#x201C;quoted&#x201D;.</p>"
            "<p>" + ENGLISH + "</p><script>document.write('no')</script></body></html>"
        ).encode(),
    )
    sub = root / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "nested.markdown").write_text(f"# Nested headline\n\n{ENGLISH}\n", encoding="utf-8")
    files["sub/nested.markdown"] = sub / "nested.markdown"
    os.symlink(root, sub / "loop")  # a folder that contains itself
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.mkfifo(root / "fifo.txt")
    files["fifo.txt"] = root / "fifo.txt"
    return files
