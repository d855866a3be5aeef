"""Candidate actors: proper-noun phrases the gazetteer does not know yet, with their evidence.

A phrase is a run of capitalised words (lower-case joiners such as "of" and "for" allowed
inside). It becomes a candidate when it recurs, or once when a pattern says it is an actor:
a role before a name ("President X"), an apposition ("X, a senior fellow at Y"), a speech verb
("said X", "X told"), or an organisation's shape ("… Council", "… Ministry", "… Center").
Sentence-initial common words, month and day names, and anything a known actor covers are
not candidates. Promoting one appends it to the user's actors file; dismissing one records it
in the config dir; both are written atomically.
"""

from __future__ import annotations

import bisect
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.article import Article
from reader.core.gazetteer import Gazetteer, alias_key, user_actors_path
from reader.core.kinds import KINDS
from reader.core.settings import write_atomic
from reader.core.text import fold

DISMISSED_FILE = "dismissed_candidates.json"
"""The file in the config dir that lists dismissed candidates."""

_MONTHS_AND_DAYS_TEXT = """
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday
"""
_MONTHS_AND_DAYS = frozenset(_MONTHS_AND_DAYS_TEXT.split())
_STOPWORDS_TEXT = """
    a an the and or but nor so yet for of in on at to by from with without into onto over under
    after before since until during about against among between through across behind is are was
    were be been being am do does did has have had will would shall should can could may might
    must it its it's this that these those there here then than when where while why how what
    which who whom whose if as not no yes all any some each every most more many much few other
    others another such both either neither one two three first last next also only even still
    just very too he she they we you i me him her them us his our their my your mr mrs ms dr
    however meanwhile moreover indeed thus therefore although though because finally
    additionally according given since now today yesterday tomorrow last week year years later
    earlier instead afterwards nevertheless nonetheless overall perhaps still whether
"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_TITLES_TEXT = """
    president prime minister foreign defence defense secretary general chancellor ambassador
    spokesman spokeswoman spokesperson chief commander colonel lieutenant major captain sergeant
    admiral marshal senator mayor governor leader chairman chair director deputy head minister
    adviser advisor envoy king queen prince pope analyst professor self-proclaimed acting former
    senior
"""
_TITLES = frozenset(_TITLES_TEXT.split())
_ORG_WORDS = {
    "council": "organisation",
    "ministry": "organisation",
    "center": "organisation",
    "centre": "organisation",
    "institute": "organisation",
    "agency": "organisation",
    "committee": "organisation",
    "commission": "organisation",
    "fund": "organisation",
    "foundation": "organisation",
    "service": "organisation",
    "office": "organisation",
    "party": "organisation",
    "university": "organisation",
    "bank": "organisation",
    "union": "organisation",
    "group": "organisation",
    "association": "organisation",
    "movement": "organisation",
    "forces": "military",
    "force": "military",
    "army": "military",
    "regiment": "military",
    "brigade": "military",
    "battalion": "military",
    "division": "military",
    "corps": "military",
    "fleet": "military",
    "command": "military",
    "region": "place",
    "oblast": "place",
    "district": "place",
    "province": "place",
    "river": "place",
}
_CONNECTORS = frozenset({"of", "for", "and", "de", "von", "der", "van", "al", "on", "the"})
_WORD = r"[A-Z\u00c0-\u00de\u0400-\u042f][\w'’.-]*"
# "and" never joins: "X and the Y" is two names more often than one.
_PHRASE = re.compile(
    rf"{_WORD}(?:\s+(?:(?:of|for|on|de|von|der|van|al)\s+(?:the\s+)?)?{_WORD})*",
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_A-Z\u00c0-\u00de\u0400-\u042f][^\W\d_]*(?![\w'’-])")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")
_ROLE_BEFORE = re.compile(
    r"\b(?:President|Prime Minister|Minister|Secretary|Chancellor|Ambassador|General|Colonel|"
    r"Lieutenant|Commander|Mayor|Governor|Senator|Spokesman|Spokeswoman|Chief|Director|"
    r"Chairman|Deputy|Envoy|Mr|Mrs|Ms|Dr)\.?\s+$"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|near|from|outside|to|towards|across)\s+$")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|according to|wrote|added|noted|stressed)\s+$")
_SAID_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|noted|wrote|stressed|emphasi[sz]ed)\b")
_APPOSITION_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}(?:fellow|analyst|expert|adviser|advisor|"
    r"director|head|spokesman|spokeswoman|professor|researcher|journalist|minister|"
    r"commander|officer|colonel|secretary|ambassador|chief|leader|member)\b"
)


@dataclass
class Candidate:
    """A name that looks like an actor but is not in the gazetteer."""

    name: str
    """The phrase as it is most often written."""
    count: int
    """How many times it occurs across the corpus."""
    evidence: list[str] = field(default_factory=list)
    """Sentences it occurs in (a few, the most telling first)."""
    article_ids: list[str] = field(default_factory=list)
    """The articles it occurs in."""
    kind: str = "person"
    """The kind it most likely is (a suggestion for promotion)."""
    patterns: list[str] = field(default_factory=list)
    """Which patterns marked it ("role", "said", "apposition", "organisation")."""

    def to_dict(self) -> dict[str, object]:
        """The candidate as plain data, for JSON output."""
        return {
            "name": self.name,
            "count": self.count,
            "kind": self.kind,
            "evidence": list(self.evidence),
            "articles": list(self.article_ids),
            "patterns": list(self.patterns),
        }


def find_candidates(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    *,
    min_count: int = 2,
    max_evidence: int = 3,
    dismissed: Iterable[str] | None = None,
) -> list[Candidate]:
    """Find unknown actor-like names in the articles, most frequent first.

    Args:
        articles: where to look.
        gazetteer: the known actors (anything they cover is not a candidate).
        min_count: how often a phrase no pattern marks must occur to be listed.
        max_evidence: how many sentences to keep per candidate.
        dismissed: names never to list (default: those dismissed in the config dir).
    """
    dismissed_keys = {alias_key(n) for n in (load_dismissed() if dismissed is None else dismissed)}
    known_keys = {alias_key(n) for actor in gazetteer for n in (*actor.names, *actor.demonyms)}
    known_keys.update(alias_key(p) for p in gazetteer.excluded)
    matcher = gazetteer.matcher
    found: dict[str, Candidate] = {}
    spellings: dict[str, dict[str, int]] = {}
    place_contexts: dict[str, int] = {}
    for article in articles:
        text = article.text
        covered = [(h.start, h.end) for h in matcher.hits(text)]
        capitalised_inside = _mid_sentence_capitals(text)
        lower_case_words = set(_LOWER_WORD.findall(text))
        for start, sentence in _sentences(text):
            for match in _PHRASE.finditer(sentence):
                absolute = start + match.start()
                phrase, offset = _trim(match.group(), sentence_initial=match.start() == 0)
                if not phrase:
                    continue
                absolute += offset
                if _overlaps(covered, absolute, absolute + len(phrase)):
                    continue
                key = alias_key(phrase)
                if key in known_keys or key in dismissed_keys or not _plausible(phrase):
                    continue
                local_start = match.start() + offset
                if local_start == 0:
                    # A capitalised first word is a common word when the article also writes
                    # it in lower case; alone, it is a name only if capitalised elsewhere too.
                    first = phrase.split()[0]
                    first_key = alias_key(first.rstrip(".'’"))
                    if first_key in lower_case_words or (
                        " " not in phrase and first_key not in capitalised_inside
                    ):
                        rest, shift = _trim(phrase[len(first) :], sentence_initial=False)
                        if not rest:
                            continue
                        local_start += len(first) + shift
                        absolute += len(first) + shift
                        phrase, key = rest, alias_key(rest)
                        if key in known_keys or key in dismissed_keys or not _plausible(phrase):
                            continue
                patterns = _patterns(sentence, local_start, local_start + len(phrase), phrase)
                candidate = found.get(key)
                if candidate is None:
                    candidate = found[key] = Candidate(phrase, 0, kind=_kind(phrase, patterns))
                candidate.count += 1
                if _PLACE_BEFORE.search(sentence[:local_start]):
                    place_contexts[key] = place_contexts.get(key, 0) + 1
                spellings.setdefault(key, {}).setdefault(phrase, 0)
                spellings[key][phrase] += 1
                if article.id not in candidate.article_ids:
                    candidate.article_ids.append(article.id)
                for pattern in patterns:
                    if pattern not in candidate.patterns:
                        candidate.patterns.append(pattern)
                        if candidate.kind == "person" or pattern == "organisation":
                            candidate.kind = _kind(phrase, candidate.patterns)
                cleaned = " ".join(sentence.split())
                if cleaned not in candidate.evidence:
                    if patterns:
                        candidate.evidence.insert(0, cleaned)
                    else:
                        candidate.evidence.append(cleaned)
                    del candidate.evidence[max_evidence:]
    listed = [c for c in found.values() if c.count >= min_count or c.patterns]
    for candidate in listed:
        key = alias_key(candidate.name)
        in_places = place_contexts.get(key, 0)
        named_as_person = {"role", "apposition"} & set(candidate.patterns)
        if candidate.kind == "person" and not named_as_person and in_places * 2 >= candidate.count:
            candidate.kind = "place"  # mostly "in X", "from X": a place
        forms = spellings[key]
        candidate.name = max(forms, key=lambda form: (forms[form], form))
    listed.sort(key=lambda c: (-len(c.patterns) - c.count, c.name.casefold()))
    return listed


def _sentences(text: str) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            pieces.append((start, text[start : match.start()]))
        start = match.end()
    if start < len(text):
        pieces.append((start, text[start:]))
    # Opening quotes and dashes belong to no word: a sentence starts after them.
    cleaned: list[tuple[int, str]] = []
    for offset, sentence in pieces:
        stripped = sentence.lstrip("\"“‘'«—–- \t")
        cleaned.append((offset + len(sentence) - len(stripped), stripped))
    return cleaned


def _mid_sentence_capitals(text: str) -> set[str]:
    """Folded words that appear capitalised somewhere other than the start of a sentence."""
    words: set[str] = set()
    for _, sentence in _sentences(text):
        for match in re.finditer(_WORD, sentence):
            if match.start() > 0:
                words.add(alias_key(match.group().rstrip(".'’")))
    return words


def _trim(phrase: str, *, sentence_initial: bool) -> tuple[str, int]:
    """Drop titles, stopwords and possessives from a phrase's edges; return it and its shift."""
    words = phrase.split()
    shift = len(phrase) - len(phrase.lstrip())
    while words and (
        fold(words[0]) in _STOPWORDS or fold(words[0]) in _TITLES or fold(words[0]) in _CONNECTORS
    ):
        shift += phrase.index(words[0], shift) - shift + len(words[0])
        words.pop(0)
        while shift < len(phrase) and phrase[shift].isspace():
            shift += 1
    while words and (fold(words[-1].rstrip(".")) in _STOPWORDS | _CONNECTORS):
        words.pop()
    if not words:
        return "", 0
    # A capitalised stopword in the middle ("Is", "Within") ends the name.
    for index, word in enumerate(words[1:], 1):
        if word[0].isupper() and fold(word) in _STOPWORDS:
            words = words[:index]
            break
    text = " ".join(words)
    text = re.sub(r"(?:['’]s|['’])$", "", text).rstrip(".,")
    return text, shift


def _plausible(phrase: str) -> bool:
    words = phrase.split()
    first = fold(words[0])
    if any(fold(w.rstrip(".")) in _MONTHS_AND_DAYS for w in words):
        return False
    if len(words) == 1 and (first in _STOPWORDS or first in _TITLES):
        return False
    if len(phrase) < 3 or phrase.isdigit():
        return False
    # Headline case: a long run of capitalised words is a title, not a name.
    return len(words) <= 6


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the sorted, disjoint spans."""
    index = bisect.bisect_left(spans, (end,))
    return index > 0 and spans[index - 1][1] > start


def _patterns(sentence: str, start: int, end: int, phrase: str) -> list[str]:
    found: list[str] = []
    before, after = sentence[:start], sentence[end:]
    if _ROLE_BEFORE.search(before):
        found.append("role")
    if _SAID_BEFORE.search(before) or _SAID_AFTER.match(after):
        found.append("said")
    if _APPOSITION_AFTER.match(after):
        found.append("apposition")
    if fold(phrase.split()[-1]) in _ORG_WORDS and " " in phrase:
        found.append("organisation")
    return found


def _kind(phrase: str, patterns: Sequence[str]) -> str:
    last = fold(phrase.split()[-1])
    if "organisation" in patterns and last in _ORG_WORDS:
        return _ORG_WORDS[last]
    if _ACRONYM.match(phrase):
        return "organisation"
    return "person"


def dismissed_path() -> Path:
    """Where dismissed candidates are remembered."""
    from reader.locations import config_dir

    return config_dir() / DISMISSED_FILE


def load_dismissed() -> set[str]:
    """The names the user dismissed; a missing or unreadable file gives none."""
    try:
        data = json.loads(dismissed_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    names = data.get("dismissed") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return set()
    return {name for name in names if isinstance(name, str)}


def dismiss(name: str) -> None:
    """Never list this name as a candidate again (persisted atomically in the config dir)."""
    path = dismissed_path()
    names = load_dismissed()
    if path.exists() and not names:
        # An unreadable file is kept aside rather than overwritten.
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            path.replace(path.with_suffix(".json.broken"))
    names.add(name)
    write_atomic(path, json.dumps({"version": 1, "dismissed": sorted(names)}, indent=2) + "\n")


def promote(
    name: str,
    kind: str,
    gazetteer: Gazetteer,
    *,
    role: str = "",
    aliases: Sequence[str] = (),
    path: Path | None = None,
) -> str:
    """Add a candidate to the user's actors file as a new actor and return its new id.

    The file is appended to and replaced atomically; an actors file that does not parse is
    left untouched and reported (ValueError), since the new actor would not load from it.

    Args:
        name: the actor's name.
        kind: one of `KINDS`.
        gazetteer: the current actors (to choose an unused id).
        role: a one-line description, if known.
        aliases: other names to match.
        path: the actors file (default: the user's, in the config dir).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    target = path if path is not None else user_actors_path()
    try:
        existing = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    try:
        current = tomllib.loads(existing)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{target}: fix this file first ({error})") from error
    taken: set[object] = {actor.id for actor in gazetteer} | {
        a.get("id") for a in current.get("actor", []) if isinstance(a, dict)
    }
    actor_id = _unique_id(name, taken)
    block = [
        "",
        "[[actor]]",
        f"id = {_toml_string(actor_id)}",
        f"name = {_toml_string(name)}",
        f"kind = {_toml_string(kind)}",
        f"role = {_toml_string(role)}",
        "aliases = [" + ", ".join(_toml_string(a) for a in aliases) + "]",
    ]
    header = "" if existing else "# Your own actors, merged over belreader's bundled ones.\n"
    text = header + existing
    if text and not text.endswith("\n"):
        text += "\n"
    text += "\n".join(block) + "\n"
    tomllib.loads(text)  # what we write must load
    write_atomic(target, text)
    return actor_id


def _unique_id(name: str, taken: set[object]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "actor"
    actor_id, suffix = base, 2
    while actor_id in taken:
        actor_id, suffix = f"{base}-{suffix}", suffix + 1
    return actor_id


def _toml_string(value: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax; DEL must be escaped in TOML.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
