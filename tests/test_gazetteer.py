"""The gazetteer: the bundled file's coverage, validation of actors files, and user overrides."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.gazetteer import KINDS, Gazetteer, load_gazetteer, merge_layers

FIXTURE = Path(__file__).parent / "fixtures" / "seed_mentions.json"

SEED_ACTORS: dict[str, str] = json.loads(FIXTURE.read_text(encoding="utf-8"))["seed_actors"]
"""Every actor the issue names for the seeds, with its kind."""


def _bundled(tmp_path: Path) -> Gazetteer:
    return load_gazetteer(user_file=tmp_path / "none.toml")


def _layers(*texts: str) -> Gazetteer:
    return merge_layers([(f"layer{i}.toml", text) for i, text in enumerate(texts)])


def test_bundled_gazetteer_loads_without_problems(tmp_path: Path) -> None:
    """The bundled file parses and validates with no problem at all."""
    gazetteer = _bundled(tmp_path)
    assert gazetteer.problems == ()


def test_bundled_gazetteer_has_at_least_150_actors_of_every_kind(tmp_path: Path) -> None:
    """The bundled file holds 150+ actors and every kind is represented."""
    gazetteer = _bundled(tmp_path)
    assert len(gazetteer) >= 150
    assert {actor.kind for actor in gazetteer} == set(KINDS)


def test_every_seed_actor_is_in_the_bundled_gazetteer_with_its_kind(tmp_path: Path) -> None:
    """Each actor the issue lists for the seeds is present with the right kind."""
    gazetteer = _bundled(tmp_path)
    kinds = {
        actor_id: gazetteer[actor_id].kind for actor_id in SEED_ACTORS if actor_id in gazetteer
    }
    assert kinds == SEED_ACTORS


def test_bundled_actors_have_roles_and_valid_parents(tmp_path: Path) -> None:
    """Every bundled actor has a one-line role, and every part_of names a known actor."""
    gazetteer = _bundled(tmp_path)
    assert all(actor.role and "\n" not in actor.role for actor in gazetteer)
    assert all(actor.part_of is None or actor.part_of in gazetteer for actor in gazetteer)
    assert gazetteer["gru"].part_of == "russia-armed-forces"
    assert "kremlin" in {a.id for a in gazetteer.members("russia")}


def test_bundled_aliases_cover_transliterations_cyrillic_and_acronyms(tmp_path: Path) -> None:
    """The aliases real sources print are there: variants, Cyrillic forms, acronyms."""
    gazetteer = _bundled(tmp_path)
    assert {"Lukashenka", "Alyaksandr Lukashenka", "Лукашенко"} <= set(
        gazetteer["lukashenko"].names
    )
    assert {"Zelenskyy", "Zelenskiy", "Зеленский"} <= set(gazetteer["zelensky"].names)
    assert {"Tikhanovskaya"} <= set(gazetteer["tsikhanouskaya"].names)
    assert {"Kiev"} <= set(gazetteer["kyiv"].names)
    assert {"Chernigiv region"} <= set(gazetteer["chernihiv-oblast"].names)
    assert {"Donbass"} <= set(gazetteer["donbas"].names)
    assert {"Mazyr"} <= set(gazetteer["mozyr"].names)
    assert "AFU" in gazetteer["afu"].names and "NSDC" in gazetteer["nsdc"].names
    assert "CSIS" in gazetteer["csis"].names and "CEPA" in gazetteer["cepa"].names
    assert "Belarusian" in gazetteer["belarus"].demonyms


def test_duplicate_id_is_reported_with_its_line_and_the_first_kept() -> None:
    """Two actors with one id: the second is skipped, the problem names file and line."""
    gazetteer = _layers(
        '[[actor]]\nid = "x"\nname = "First"\nkind = "person"\n\n'
        '[[actor]]\nid = "x"\nname = "Second"\nkind = "person"\n'
    )
    assert gazetteer["x"].name == "First"
    assert [(p.line, "duplicate" in p.message) for p in gazetteer.problems] == [(6, True)]


def test_alias_claimed_by_two_actors_is_reported_and_kept_by_the_first() -> None:
    """An alias two actors claim in one file stays with the first and is reported."""
    gazetteer = _layers(
        '[[actor]]\nid = "a"\nname = "Alpha Org"\nkind = "organisation"\n'
        'aliases = ["Shared Name"]\n'
        '[[actor]]\nid = "b"\nname = "Beta Org"\nkind = "organisation"\n'
        'aliases = ["Shared Name"]\n'
    )
    assert "Shared Name" in gazetteer["a"].aliases
    assert "Shared Name" not in gazetteer["b"].aliases
    assert len(gazetteer.problems) == 1
    assert "'Shared Name'" in gazetteer.problems[0].message
    assert gazetteer.problems[0].line == 6


def test_a_surname_shared_by_two_people_is_allowed() -> None:
    """A one-word alias shared by people is a surname to resolve, not a conflict."""
    gazetteer = _layers(
        '[[actor]]\nid = "a"\nname = "Ann Smithson"\nkind = "person"\naliases = ["Smithson"]\n'
        '[[actor]]\nid = "b"\nname = "Bob Smithson"\nkind = "person"\naliases = ["Smithson"]\n'
    )
    assert gazetteer.problems == ()
    assert "Smithson" in gazetteer["a"].aliases and "Smithson" in gazetteer["b"].aliases


def test_unknown_kind_is_reported_and_the_actor_skipped() -> None:
    """An actor of an unknown kind is skipped with a problem naming the kinds."""
    gazetteer = _layers(
        '[[actor]]\nid = "ok"\nname = "Fine"\nkind = "place"\n'
        '[[actor]]\nid = "bad"\nname = "Odd"\nkind = "planet"\n'
    )
    assert "ok" in gazetteer and "bad" not in gazetteer
    (problem,) = gazetteer.problems
    assert problem.line == 5 and "unknown kind 'planet'" in problem.message


def test_broken_toml_names_file_and_line_and_the_rest_loads() -> None:
    """A file that is not TOML is skipped with its line; other layers still load."""
    gazetteer = merge_layers(
        [
            ("base.toml", '[[actor]]\nid = "a"\nname = "Alpha"\nkind = "state"\n'),
            ("user.toml", '[[actor]]\nid = "b"\nname = "Beta\nkind = "state"\n'),
        ]
    )
    assert "a" in gazetteer and "b" not in gazetteer
    (problem,) = gazetteer.problems
    assert problem.path == "user.toml" and problem.line == 3
    assert str(problem).startswith("user.toml:3: not valid TOML")


def test_wrong_types_are_reported() -> None:
    """Aliases that are not a list of strings make the actor skipped with a problem."""
    gazetteer = _layers('[[actor]]\nid = "a"\nname = "Alpha"\nkind = "state"\naliases = "A"\n')
    assert "a" not in gazetteer
    assert any("list of strings" in p.message for p in gazetteer.problems)


def test_user_file_adds_an_actor_an_alias_and_changes_a_kind(tmp_path: Path) -> None:
    """The user's file over the bundled one: new actor, extra alias, changed kind."""
    user = tmp_path / "actors.toml"
    user.write_text(
        '[[actor]]\nid = "artyom"\nname = "Artyom"\nkind = "person"\nrole = "Officer"\n\n'
        '[[actor]]\nid = "lukashenko"\naliases = ["Batka"]\n\n'
        '[[actor]]\nid = "wagner"\nkind = "organisation"\n',
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(user_file=user)
    assert gazetteer.problems == ()
    assert gazetteer["artyom"].kind == "person"
    assert "Batka" in gazetteer["lukashenko"].aliases
    assert "Lukashenka" in gazetteer["lukashenko"].aliases
    assert gazetteer["wagner"].kind == "organisation"
    assert str(user) in gazetteer.files


def test_user_file_removes_an_alias_disables_an_actor_and_excludes_a_phrase(
    tmp_path: Path,
) -> None:
    """Overrides can forget an alias, drop an actor and exclude a phrase."""
    user = tmp_path / "actors.toml"
    user.write_text(
        'exclude = ["Wagner Act"]\n\n'
        '[[actor]]\nid = "lukashenko"\nremove_aliases = ["Lukashenka"]\n\n'
        '[[actor]]\nid = "rt"\ndisabled = true\n',
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(user_file=user)
    assert "Lukashenka" not in gazetteer["lukashenko"].aliases
    assert "rt" not in gazetteer
    assert "Wagner Act" in gazetteer.excluded


def test_default_user_file_is_read_from_the_config_dir(isolated_dirs: Path) -> None:
    """Without arguments the user's actors file comes from the config dir."""
    (isolated_dirs / "config" / "actors.toml").write_text(
        '[[actor]]\nid = "artyom"\nname = "Artyom"\nkind = "person"\n', encoding="utf-8"
    )
    assert "artyom" in load_gazetteer()


def test_corpus_root_file_is_merged_last(tmp_path: Path) -> None:
    """An actors.toml at a corpus root overrides the user's file."""
    user = tmp_path / "user.toml"
    user.write_text('[[actor]]\nid = "kyiv"\nrole = "user role"\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "actors.toml").write_text('[[actor]]\nid = "kyiv"\nrole = "corpus role"\n')
    gazetteer = load_gazetteer([corpus], user_file=user)
    assert gazetteer["kyiv"].role == "corpus role"
    assert gazetteer.files[-1] == str(corpus / "actors.toml")


def test_later_file_takes_an_alias_from_an_earlier_one_with_a_problem() -> None:
    """A later layer claiming another actor's alias takes it, and says so."""
    gazetteer = _layers(
        '[[actor]]\nid = "a"\nname = "Alpha Org"\nkind = "organisation"\naliases = ["Shared"]\n',
        '[[actor]]\nid = "b"\nname = "Beta Org"\nkind = "organisation"\naliases = ["Shared"]\n',
    )
    assert "Shared" in gazetteer["b"].aliases and "Shared" not in gazetteer["a"].aliases
    assert gazetteer.problems[0].path == "layer1.toml"


def test_unknown_part_of_is_reported_and_dropped() -> None:
    """A part_of naming no actor is dropped with a problem."""
    gazetteer = _layers(
        '[[actor]]\nid = "a"\nname = "Alpha"\nkind = "place"\npart_of = "nowhere"\n'
    )
    assert gazetteer["a"].part_of is None
    assert "part_of 'nowhere'" in gazetteer.problems[0].message
