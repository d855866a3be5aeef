"""The actor gazetteer: the bundled `actors.toml`, merged with the user's and a corpus's own.

Layers are read in order — the bundled file, `config_dir()/actors.toml`, then an
`actors.toml` at each corpus root — and each later layer can add actors, add aliases, change
any field, remove aliases, disable an actor or exclude a phrase. A file that cannot be read
or parsed, and every entry that fails validation, becomes a `GazetteerProblem` with its file
and line; everything else still loads, so the reader runs with the rest.

File format::

    [[actor]]
    id = "lukashenko"                  # stable identity, unique
    name = "Alexander Lukashenko"      # canonical name (also matched)
    kind = "person"                    # one of KINDS
    role = "President of Belarus since 1994"
    aliases = ["Lukashenko", "Lukashenka", "Лукашенко"]
    part_of = "belarus"                # optional: the actor this one belongs to
    demonyms = ["Belarusian"]          # optional: adjectives that refer to it
    exact = ["Foreign Policy"]         # optional: aliases matched with their exact case
    remove_aliases = ["Lukashenka"]    # overrides only: aliases to forget
    disabled = true                    # overrides only: drop the actor

    exclude = ["Wagner Act"]           # top level: phrases that are never a mention
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.kinds import KINDS
from reader.core.text import fold

if TYPE_CHECKING:
    from reader.core.actors import ActorMatcher

ACTORS_FILE = "actors.toml"
"""The name of a user's or a corpus's own actors file."""

BUNDLED_PATH = Path(__file__).resolve().parent.parent / "data" / ACTORS_FILE
"""The gazetteer shipped with belreader."""

_ACTOR_KEYS = frozenset(
    {
        "id",
        "name",
        "kind",
        "role",
        "aliases",
        "part_of",
        "demonyms",
        "exact",
        "remove_aliases",
        "disabled",
    }
)
_TOP_KEYS = frozenset({"actor", "exclude"})
_ACTOR_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*actor[ \t]*\]\]", re.M)
_TOML_LINE = re.compile(r"line (\d+)")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class GazetteerProblem:
    """Something wrong in an actors file, with where it is."""

    path: str
    """The file."""
    line: int | None
    """The line it is on (1-based), when known."""
    message: str
    """What is wrong and what was done about it."""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone or something articles mention: a person, a state, a force, a place, a weapon."""

    id: str
    """Stable identity, e.g. "lukashenko"."""
    name: str
    """The canonical name, e.g. "Alexander Lukashenko"."""
    kind: str
    """One of `KINDS`."""
    role: str = ""
    """One line saying who or what it is."""
    aliases: tuple[str, ...] = ()
    """Other names it goes by (the canonical name is matched too)."""
    part_of: str | None = None
    """The id of the actor this one belongs to (GRU → russia), if any."""
    demonyms: tuple[str, ...] = ()
    """Adjectives and nouns of people that refer to it (Belarusian → belarus)."""
    exact: frozenset[str] = frozenset()
    """Aliases that match only with exactly this case (common words, e.g. "Foreign Policy")."""
    name_matched: bool = True
    """False when a later file gave the canonical name to another actor."""
    source: str = ""
    """The file that defined it first."""
    line: int | None = None
    """The line of that definition."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name matched for it (not demonyms): the canonical name first, then aliases."""
        return (self.name, *self.aliases) if self.name_matched else self.aliases

    def to_dict(self) -> dict[str, object]:
        """The actor as plain data, for JSON output."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "aliases": list(self.aliases),
            "part_of": self.part_of,
            "demonyms": list(self.demonyms),
        }


def alias_key(alias: str) -> str:
    """The form aliases are compared in: folded, single-spaced, with straight apostrophes."""
    return " ".join(fold(alias).replace("’", "'").replace("‘", "'").replace("ʼ", "'").split())


@dataclass(frozen=True)
class Gazetteer:
    """The merged actors of every layer, the phrases excluded, and what went wrong loading them."""

    actors: tuple[Actor, ...] = ()
    """Every actor, in file order."""
    excluded: tuple[str, ...] = ()
    """Phrases that are never a mention (they shadow any alias inside them)."""
    problems: tuple[GazetteerProblem, ...] = ()
    """What was wrong in the files, each with file and line."""
    files: tuple[str, ...] = ()
    """The files that were read, in layer order."""
    _by_id: dict[str, Actor] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((actor.id, actor) for actor in self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return self._by_id.get(actor_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

    def of_kind(self, kind: str) -> tuple[Actor, ...]:
        """The actors of one kind."""
        return tuple(actor for actor in self.actors if actor.kind == kind)

    def members(self, actor_id: str) -> tuple[Actor, ...]:
        """The actors whose `part_of` chain leads to this one (the Kremlin and GRU for Russia)."""
        found: list[Actor] = []
        for actor in self.actors:
            seen: set[str] = set()
            parent = actor.part_of
            while parent is not None and parent not in seen:
                if parent == actor_id:
                    found.append(actor)
                    break
                seen.add(parent)
                owner = self._by_id.get(parent)
                parent = owner.part_of if owner else None
        return tuple(found)

    @cached_property
    def matcher(self) -> ActorMatcher:
        """The matcher over these actors, built on first use and reused."""
        from reader.core.actors import ActorMatcher

        return ActorMatcher(self)


def user_actors_path() -> Path:
    """Where the user's own actors file lives (it may not exist)."""
    from reader.locations import config_dir

    return config_dir() / ACTORS_FILE


def corpus_actors_paths(corpus_paths: Iterable[str | Path]) -> list[Path]:
    """The `actors.toml` files at the roots of the given corpus folders that exist."""
    found: list[Path] = []
    for given in corpus_paths:
        candidate = Path(given) / ACTORS_FILE
        if Path(given).is_dir() and candidate.is_file() and candidate not in found:
            found.append(candidate)
    return found


def load_gazetteer(
    corpus_paths: Iterable[str | Path] = (),
    *,
    user_file: Path | None = None,
    bundled_file: Path | None = BUNDLED_PATH,
) -> Gazetteer:
    """Load the bundled gazetteer with the user's file and each corpus root's file over it.

    Never raises for a bad file: problems are returned on the gazetteer, with file and line.

    Args:
        corpus_paths: the folders a corpus was loaded from; an `actors.toml` in each is a layer.
        user_file: the user's actors file (default: `user_actors_path()`; missing is fine).
        bundled_file: the base layer (None for none, as tests of single files do).
    """
    paths: list[Path] = []
    if bundled_file is not None:
        paths.append(bundled_file)
    paths.append(user_file if user_file is not None else user_actors_path())
    paths.extend(corpus_actors_paths(corpus_paths))
    layers: list[tuple[str, str | None]] = []
    for path in paths:
        try:
            layers.append((str(path), path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            if path == bundled_file:
                layers.append((str(path), None))
        except (OSError, UnicodeDecodeError) as error:
            layers.append((str(path), f"\0{error}"))
    return merge_layers(layers)


def merge_layers(layers: Sequence[tuple[str, str | None]]) -> Gazetteer:
    """Merge actors files given as (path, text) pairs, later over earlier.

    A text of None means the file is missing (a problem only for the bundled file); a text
    starting with NUL carries a read error.
    """
    merger = _Merger()
    for path, text in layers:
        if text is None:
            merger.problem(path, None, "file not found")
            continue
        if text.startswith("\0"):
            merger.problem(path, None, f"not read: {text[1:]}")
            continue
        merger.files.append(path)
        merger.add_layer(path, text)
    return merger.result()


@dataclass
class _Draft:
    """An actor being merged across layers."""

    id: str
    name: str
    kind: str
    role: str
    aliases: list[str]
    part_of: str | None
    demonyms: list[str]
    exact: set[str]
    source: str
    line: int | None
    origins: dict[str, tuple[str, int | None, int]] = field(default_factory=dict)
    """Each name's (file, line, layer) where it was given, for problems and precedence."""


class _Merger:
    """Folds layers of actors files into one gazetteer, recording each problem."""

    def __init__(self) -> None:
        self.drafts: dict[str, _Draft] = {}
        self.excluded: list[str] = []
        self.problems: list[GazetteerProblem] = []
        self.files: list[str] = []
        self.layer = -1

    def problem(self, path: str, line: int | None, message: str) -> None:
        self.problems.append(GazetteerProblem(path, line, message))

    def add_layer(self, path: str, text: str) -> None:
        self.layer += 1
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = _TOML_LINE.search(str(error))
            line = int(found.group(1)) if found else None
            reason = _TOML_LINE.sub("", str(error)).replace("(at , column", "(column").strip()
            self.problem(path, line, f"not valid TOML, file skipped: {reason}")
            return
        header_lines = [text.count("\n", 0, m.start()) + 1 for m in _ACTOR_HEADER.finditer(text)]
        for key in data:
            if key not in _TOP_KEYS:
                self.problem(path, None, f"unknown key {key!r} ignored (expected actor, exclude)")
        excluded = data.get("exclude", [])
        if _is_string_list(excluded):
            self.excluded.extend(e for e in excluded if e.strip())
        else:
            self.problem(path, None, "exclude must be a list of strings; ignored")
        tables = data.get("actor", [])
        if not isinstance(tables, list):
            self.problem(path, None, "actor must be an array of tables ([[actor]]); ignored")
            return
        seen_here: set[str] = set()
        for index, table in enumerate(tables):
            line = header_lines[index] if index < len(header_lines) else None
            if not isinstance(table, dict):
                self.problem(path, line, "an actor must be a table; skipped")
                continue
            self.add_actor(path, line, table, seen_here)

    def add_actor(
        self, path: str, line: int | None, table: dict[str, Any], seen_here: set[str]
    ) -> None:
        actor_id = table.get("id")
        if not isinstance(actor_id, str) or not _ID.match(actor_id):
            self.problem(
                path, line, f"actor id {actor_id!r} missing or not lower-case letters, digits, -_."
            )
            return
        if actor_id in seen_here:
            self.problem(path, line, f"duplicate actor id {actor_id!r}; this one skipped")
            return
        seen_here.add(actor_id)
        for key in table:
            if key not in _ACTOR_KEYS:
                self.problem(path, line, f"unknown key {key!r} of actor {actor_id!r} ignored")
        fields_ok = True
        for key in ("name", "kind", "role", "part_of"):
            if key in table and not isinstance(table[key], str):
                self.problem(path, line, f"{key} of actor {actor_id!r} must be a string")
                fields_ok = False
        for key in ("aliases", "demonyms", "exact", "remove_aliases"):
            if key in table and not _is_string_list(table[key]):
                self.problem(path, line, f"{key} of actor {actor_id!r} must be a list of strings")
                fields_ok = False
        if "disabled" in table and not isinstance(table["disabled"], bool):
            self.problem(path, line, f"disabled of actor {actor_id!r} must be true or false")
            fields_ok = False
        if not fields_ok:
            self.problem(path, line, f"actor {actor_id!r} skipped")
            return
        kind = table.get("kind")
        if kind is not None and kind not in KINDS:
            self.problem(
                path,
                line,
                f"unknown kind {kind!r} of actor {actor_id!r} (expected one of "
                f"{', '.join(KINDS)}); actor skipped",
            )
            return
        if table.get("disabled"):
            self.drafts.pop(actor_id, None)
            return
        draft = self.drafts.get(actor_id)
        if draft is None:
            name = table.get("name", "").strip()
            if not name or kind is None:
                self.problem(path, line, f"new actor {actor_id!r} needs a name and a kind; skipped")
                return
            draft = _Draft(
                id=actor_id,
                name=name,
                kind=kind,
                role=table.get("role", "").strip(),
                aliases=[],
                part_of=table.get("part_of") or None,
                demonyms=[],
                exact=set(),
                source=path,
                line=line,
            )
            self.drafts[actor_id] = draft
        else:
            if table.get("name", "").strip():
                draft.name = table["name"].strip()
                draft.origins[draft.name] = (path, line, self.layer)
            if kind is not None:
                draft.kind = kind
            if "role" in table:
                draft.role = table["role"].strip()
            if "part_of" in table:
                draft.part_of = table["part_of"] or None
        draft.origins.setdefault(draft.name, (path, line, self.layer))
        removed = {alias_key(a) for a in table.get("remove_aliases", [])}
        draft.aliases = [a for a in draft.aliases if alias_key(a) not in removed]
        draft.demonyms = [d for d in draft.demonyms if alias_key(d) not in removed]
        for alias in table.get("aliases", []):
            if alias.strip() and alias_key(alias) not in {alias_key(a) for a in draft.aliases}:
                draft.aliases.append(alias.strip())
                draft.origins[alias.strip()] = (path, line, self.layer)
        for demonym in table.get("demonyms", []):
            if demonym.strip() and alias_key(demonym) not in {alias_key(d) for d in draft.demonyms}:
                draft.demonyms.append(demonym.strip())
                draft.origins[demonym.strip()] = (path, line, self.layer)
        draft.exact.update(e.strip() for e in table.get("exact", []))

    def result(self) -> Gazetteer:
        actors = self._resolve_conflicts()
        ids = {actor.id for actor in actors}
        checked: list[Actor] = []
        for actor in actors:
            if actor.part_of is not None and actor.part_of not in ids:
                self.problem(
                    actor.source,
                    actor.line,
                    f"part_of {actor.part_of!r} of actor {actor.id!r} is not a known actor; "
                    "ignored",
                )
                actor = Actor(**{**_fields(actor), "part_of": None})
            checked.append(actor)
        return Gazetteer(
            actors=tuple(checked),
            excluded=tuple(self.excluded),
            problems=tuple(self.problems),
            files=tuple(self.files),
        )

    def _resolve_conflicts(self) -> list[Actor]:
        """Give each name to one actor: within a layer the first keeps it, a later layer takes it.

        A one-word name shared by people (a surname) is allowed: the matcher resolves it
        from the corpus.
        """
        # key -> [(draft, form, is_demonym)] of the actors holding that name
        owners: dict[str, list[tuple[_Draft, str, bool]]] = {}
        for draft in self.drafts.values():
            forms = [(draft.name, False)] + [(a, False) for a in draft.aliases]
            forms += [(d, True) for d in draft.demonyms]
            for form, is_demonym in forms:
                key = alias_key(form)
                claims = owners.setdefault(key, [])
                others = [c for c in claims if c[0].id != draft.id]
                if not others:
                    if not any(c[0].id == draft.id for c in claims):
                        claims.append((draft, form, is_demonym))
                    continue
                if _is_shared_surname(form, draft, is_demonym, others):
                    claims.append((draft, form, is_demonym))
                    continue
                path, line, layer = draft.origins.get(form, (draft.source, draft.line, 0))
                holder, held_form, _ = others[0]
                holder_layer = holder.origins.get(held_form, ("", None, 0))[2]
                if layer > holder_layer:
                    self.problem(
                        path,
                        line,
                        f"{form!r} is claimed by actors {holder.id!r} and {draft.id!r}; "
                        f"{draft.id!r} (the later file) keeps it",
                    )
                    owners[key] = [(draft, form, is_demonym)]
                else:
                    self.problem(
                        path,
                        line,
                        f"{form!r} of actor {draft.id!r} is already claimed by actor "
                        f"{holder.id!r}; dropped from {draft.id!r}",
                    )
        held: dict[str, set[str]] = {}
        for claims in owners.values():
            for draft, form, _ in claims:
                held.setdefault(draft.id, set()).add(form)
        actors: list[Actor] = []
        for draft in self.drafts.values():
            held_forms = held.get(draft.id, set())
            actors.append(
                Actor(
                    id=draft.id,
                    name=draft.name,
                    kind=draft.kind,
                    role=draft.role,
                    aliases=tuple(a for a in draft.aliases if a in held_forms),
                    part_of=draft.part_of,
                    demonyms=tuple(d for d in draft.demonyms if d in held_forms),
                    exact=frozenset(e for e in draft.exact if e in held_forms),
                    name_matched=draft.name in held_forms,
                    source=draft.source,
                    line=draft.line,
                )
            )
        return actors


def _is_shared_surname(
    form: str, draft: _Draft, is_demonym: bool, others: list[tuple[_Draft, str, bool]]
) -> bool:
    """Whether a one-word name is a surname shared by people (allowed, resolved per corpus)."""
    if is_demonym or " " in form.strip() or draft.kind != "person":
        return False
    return all(other.kind == "person" and not demonym for other, _, demonym in others)


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _fields(actor: Actor) -> dict[str, Any]:
    return {name: getattr(actor, name) for name in Actor.__slots__}
