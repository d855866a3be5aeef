"""Candidate actors: what is found, what is not, and promotion and dismissal that persist."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.article import Article, Paragraph
from reader.core.candidates import dismiss, find_candidates, load_dismissed, promote
from reader.core.gazetteer import Gazetteer, load_gazetteer, merge_layers

KNOWN = merge_layers(
    [
        (
            "t.toml",
            '[[actor]]\nid = "belarus"\nname = "Belarus"\nkind = "state"\n'
            'demonyms = ["Belarusian"]\n'
            '[[actor]]\nid = "lukashenko"\nname = "Alexander Lukashenko"\nkind = "person"\n'
            'aliases = ["Lukashenko"]\n',
        )
    ]
)


def _article(text: str, article_id: str = "a1") -> Article:
    return Article(
        article_id, "t", None, None, None, None, (Paragraph("paragraph", text, 0),), text
    )


def _names(text: str, gazetteer: Gazetteer = KNOWN, **options: object) -> dict[str, object]:
    found = find_candidates([_article(text)], gazetteer, dismissed=(), **options)  # type: ignore[arg-type]
    return {c.name: c for c in found}


def test_recurring_capitalised_name_is_a_candidate_with_evidence() -> None:
    """A name seen twice is listed with its count and the sentences it is in."""
    text = "Officials met Ivan Petrenko in Belarus. Later Ivan Petrenko spoke again."
    candidate = _names(text)["Ivan Petrenko"]
    assert candidate.count == 2  # type: ignore[attr-defined]
    assert "Officials met Ivan Petrenko in Belarus." in candidate.evidence  # type: ignore[attr-defined]


def test_role_apposition_and_speech_patterns_mark_a_single_occurrence() -> None:
    """Role, apposition and speech patterns each list a name seen once."""
    found = _names(
        "It was President Andrzej Nowak who came. "
        "Olga Sanko, a senior fellow at the Vostok Institute, disagreed. "
        "“No,” said Pavel Drozd. Then Anna Kovalchuk told reporters nothing."
    )
    assert found["Andrzej Nowak"].patterns == ["role"]  # type: ignore[attr-defined]
    assert "apposition" in found["Olga Sanko"].patterns  # type: ignore[attr-defined]
    assert found["Pavel Drozd"].patterns == ["said"]  # type: ignore[attr-defined]
    assert found["Anna Kovalchuk"].patterns == ["said"]  # type: ignore[attr-defined]


def test_organisation_shapes_are_candidates_with_a_suggested_kind() -> None:
    """ "… Council", "… Ministry", "… Center" and "… Regiment" are listed as such."""
    found = _names(
        "The report came from the Polesie Security Council and the Gomel Research Center. "
        "Fighters of the Volat Regiment were seen; other fighters left."
    )
    assert found["Polesie Security Council"].kind == "organisation"  # type: ignore[attr-defined]
    assert found["Gomel Research Center"].kind == "organisation"  # type: ignore[attr-defined]
    assert found["Volat Regiment"].kind == "military"  # type: ignore[attr-defined]


def test_a_name_mostly_after_in_or_from_is_suggested_as_a_place() -> None:
    """A name seen "in X" and "from X" is suggested as a place."""
    found = _names("Troops massed in Vorsk. Trains came from Vorsk at night.")
    assert found["Vorsk"].kind == "place"  # type: ignore[attr-defined]


def test_sentence_initial_common_words_and_months_are_not_candidates() -> None:
    """Capitalised first words, month names and days are never listed."""
    found = _names(
        "Meanwhile troops moved. Meanwhile more troops moved. Troops waited. Troops left. "
        "In December they left, and in December they came back on Monday and on Monday."
    )
    assert found == {}


def test_a_sentence_initial_word_that_is_a_name_elsewhere_is_kept() -> None:
    """A first word that also appears capitalised mid-sentence counts as a name."""
    found = _names("Artyom spoke first. Then the officer Artyom added more.")
    assert found["Artyom"].count == 2  # type: ignore[attr-defined]


def test_known_actors_and_their_demonyms_are_not_candidates() -> None:
    """Names the gazetteer covers never show up as candidates."""
    found = _names("Alexander Lukashenko said it. Belarusian Lukashenko said it again in Belarus.")
    assert found == {}


def test_dismissed_names_are_not_listed_and_dismissal_persists(isolated_dirs: Path) -> None:
    """Dismissing writes the config dir; the name is gone in a later search."""
    text = "Officials met Ivan Petrenko. Later Ivan Petrenko spoke."
    assert [c.name for c in find_candidates([_article(text)], KNOWN)] == ["Ivan Petrenko"]
    dismiss("Ivan Petrenko")
    assert (isolated_dirs / "config" / "dismissed_candidates.json").is_file()
    assert load_dismissed() == {"Ivan Petrenko"}
    assert find_candidates([_article(text)], KNOWN) == []


def test_a_broken_dismissed_file_is_kept_aside(isolated_dirs: Path) -> None:
    """An unreadable dismissed file is moved aside, not overwritten."""
    broken = isolated_dirs / "config" / "dismissed_candidates.json"
    broken.write_text("{not json", encoding="utf-8")
    dismiss("X Y")
    assert load_dismissed() == {"X Y"}
    assert (
        isolated_dirs / "config" / "dismissed_candidates.json.broken"
    ).read_text() == "{not json"


def test_promotion_appends_to_the_user_file_and_the_actor_then_loads(isolated_dirs: Path) -> None:
    """A promoted candidate is a new actor of the chosen kind in the next gazetteer."""
    user_file = isolated_dirs / "config" / "actors.toml"
    user_file.write_text('# mine\n[[actor]]\nid = "kyiv"\nrole = "my role"\n', encoding="utf-8")
    gazetteer = load_gazetteer()
    actor_id = promote("Artyom", "person", gazetteer, role="Former Belarusian officer")
    assert actor_id == "artyom"
    text = user_file.read_text(encoding="utf-8")
    assert text.startswith('# mine\n[[actor]]\nid = "kyiv"')
    reloaded = load_gazetteer()
    assert reloaded.problems == ()
    assert reloaded["artyom"].kind == "person"
    assert reloaded["kyiv"].role == "my role"
    article = _article("Artyom said so. Artyom added more.")
    assert find_candidates([article], reloaded, dismissed=()) == []


def test_promotion_picks_an_unused_id_and_escapes_the_name(isolated_dirs: Path) -> None:
    """A taken id gets a suffix, and quotes in a name are written safely."""
    gazetteer = load_gazetteer()
    actor_id = promote('Kyiv "Centre"', "organisation", gazetteer)
    assert actor_id == "kyiv-centre"
    promoted = load_gazetteer()["kyiv-centre"]
    assert promoted.name == 'Kyiv "Centre"'
    second = promote("Kyiv", "place", load_gazetteer())
    assert second == "kyiv-2"


def test_promotion_refuses_a_broken_file_and_an_unknown_kind(isolated_dirs: Path) -> None:
    """A user file that does not parse is left alone; an unknown kind is refused."""
    user_file = isolated_dirs / "config" / "actors.toml"
    user_file.write_text("[[actor]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fix this file first"):
        promote("Artyom", "person", KNOWN)
    assert user_file.read_text(encoding="utf-8") == "[[actor]\n"
    with pytest.raises(ValueError, match="unknown kind"):
        promote("Artyom", "planet", KNOWN, path=isolated_dirs / "other.toml")


def test_seeds_yield_their_unknown_speaker(seeds_dir: Path) -> None:
    """On the seeds the only candidate is Artyom, the officer quoted by Foreign Policy."""
    from reader.core.corpus import load

    corpus = load([seeds_dir])
    found = find_candidates(corpus.articles, load_gazetteer(), dismissed=())
    assert [c.name for c in found] == ["Artyom"]
    assert any("Artyom told journalists" in s for s in found[0].evidence)
