"""Matching rules: each rule of `reader.core.actors` has a test that fails without it."""

from __future__ import annotations

from reader.core.actors import (
    CorpusMentions,
    Mention,
    match_corpus,
    mention_at,
    next_mention,
    previous_mention,
)
from reader.core.article import Article, Paragraph
from reader.core.gazetteer import Gazetteer, merge_layers

GAZETTEER_TOML = """
exclude = ["Wagner Act"]

[[actor]]
id = "belarus"
name = "Belarus"
kind = "state"
demonyms = ["Belarusian", "Belarusians"]

[[actor]]
id = "belarus-armed-forces"
name = "Belarusian Armed Forces"
kind = "military"
part_of = "belarus"

[[actor]]
id = "lukashenko"
name = "Alexander Lukashenko"
kind = "person"
aliases = ["Lukashenko", "Lukashenka", "Лукашенко"]

[[actor]]
id = "nauseda"
name = "Gitanas Nausėda"
kind = "person"
aliases = ["Nausėda"]

[[actor]]
id = "eu"
name = "European Union"
kind = "organisation"
aliases = ["EU"]

[[actor]]
id = "poland"
name = "Poland"
kind = "state"
demonyms = ["Polish"]

[[actor]]
id = "foreign-policy"
name = "Foreign Policy"
kind = "organisation"
exact = ["Foreign Policy"]

[[actor]]
id = "wagner"
name = "Wagner Group"
kind = "military"
aliases = ["Wagner"]

[[actor]]
id = "s-300"
name = "S-300"
kind = "weapon"

[[actor]]
id = "viktar-babaryka"
name = "Viktar Babaryka"
kind = "person"
aliases = ["Babaryka"]

[[actor]]
id = "eduard-babaryka"
name = "Eduard Babaryka"
kind = "person"
aliases = ["Babaryka"]
"""


def _gazetteer() -> Gazetteer:
    gazetteer = merge_layers([("test.toml", GAZETTEER_TOML)])
    assert gazetteer.problems == ()
    return gazetteer


def _found(text: str, **options: bool) -> list[tuple[str, str]]:
    mentions = _gazetteer().matcher.mentions(text, **options)
    return [(text[m.start : m.end], m.actor_id) for m in mentions]


def _article(article_id: str, text: str) -> Article:
    return Article(
        article_id, "t", None, None, None, None, (Paragraph("paragraph", text, 0),), text
    )


def test_names_match_whole_words_only() -> None:
    """A name inside a longer word is not a mention."""
    assert _found("Belarusia, Lukashenkos and EUR") == []
    assert _found("Belarus, Lukashenko and the EU.") == [
        ("Belarus", "belarus"),
        ("Lukashenko", "lukashenko"),
        ("EU", "eu"),
    ]


def test_longest_match_wins_without_overlap() -> None:
    """ "Belarusian Armed Forces" is one military mention, not a demonym and some text."""
    assert _found("The Belarusian Armed Forces drilled.") == [
        ("Belarusian Armed Forces", "belarus-armed-forces")
    ]
    assert _found("Alexander Lukashenko spoke.") == [("Alexander Lukashenko", "lukashenko")]


def test_possessives_match_the_name() -> None:
    """Lukashenko's, Lukashenko’s and Belarus' are mentions of the name alone."""
    assert _found("Lukashenko's army, Lukashenko’s word, Belarus' border.") == [
        ("Lukashenko", "lukashenko"),
        ("Lukashenko", "lukashenko"),
        ("Belarus", "belarus"),
    ]


def test_curly_apostrophe_in_an_alias_matches_a_straight_one() -> None:
    """An alias written with ' matches text written with ’ (and the reverse)."""
    gazetteer = merge_layers(
        [("t.toml", '[[actor]]\nid = "x"\nname = "Ukraine\'s Defense Forces"\nkind = "military"\n')]
    )
    text = "Ukraine’s Defense Forces held."
    (mention,) = gazetteer.matcher.mentions(text)
    assert text[mention.start : mention.end] == "Ukraine’s Defense Forces"


def test_case_and_diacritics_fold() -> None:
    """Nauseda matches Nausėda; LUKASHENKO and Belarus match too."""
    assert _found("Nauseda met LUKASHENKO in Belarus.") == [
        ("Nauseda", "nauseda"),
        ("LUKASHENKO", "lukashenko"),
        ("Belarus", "belarus"),
    ]


def test_names_start_with_a_capital_unless_written_in_lower_case() -> None:
    """ "belarus" is not a mention; a name the gazetteer writes in lower case matches either way.

    A deliberate rule, for speed: the matcher starts only at capitals, so the regex engine
    skips lower-case words in C (several times faster). News text capitalises names; the
    names written in lower case (`von der Leyen`, Russian adjectives) keep both forms.
    """
    assert _found("in belarus and lukashenko's") == []
    gazetteer = merge_layers(
        [("t.toml", '[[actor]]\nid = "vdl"\nname = "von der Leyen"\nkind = "person"\n')]
    )
    text = "von der Leyen; Von der Leyen"
    assert [text[m.start : m.end] for m in gazetteer.matcher.mentions(text)] == [
        "von der Leyen",
        "Von der Leyen",
    ]


def test_cyrillic_names_match_folded() -> None:
    """A Cyrillic alias matches in any case."""
    assert _found("ЛУКАШЕНКО и Лукашенко") == [
        ("ЛУКАШЕНКО", "lukashenko"),
        ("Лукашенко", "lukashenko"),
    ]


def test_acronyms_match_only_as_written() -> None:
    """EU matches "EU" but not the letters "eu" in lower case."""
    assert _found("the eu and the Eu said") == []
    assert _found("the EU said") == [("EU", "eu")]


def test_common_word_names_match_only_as_written() -> None:
    """ "Foreign Policy" and "Polish" match capitalised, not as ordinary words."""
    assert _found("his foreign policy; shoe polish") == []
    assert _found("told Foreign Policy a Polish general") == [
        ("Foreign Policy", "foreign-policy"),
        ("Polish", "poland"),
    ]


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    """A capital that lowers to two characters (İ) does not shift the spans after it."""
    text = "İİİ Lukashenko"
    assert _found(text) == [("Lukashenko", "lukashenko")]


def test_zero_width_characters_and_soft_hyphens_do_not_break_a_name() -> None:
    """Luka\u00adshenko and Bela\u200brus match, with spans over the raw string."""
    text = "Luka\u00adshenko in Bela\u200brus"
    mentions = _gazetteer().matcher.mentions(text)
    assert [(m.start, m.end, m.actor_id) for m in mentions] == [
        (0, 11, "lukashenko"),
        (15, 23, "belarus"),
    ]


def test_nothing_matches_inside_a_web_address() -> None:
    """Names in URLs are not mentions."""
    text = "See https://example.org/lukashenko-belarus and www.belarus.by; Belarus."
    assert _found(text) == [("Belarus", "belarus")]


def test_hyphenated_names_keep_their_hyphen() -> None:
    """S-300 is one weapon, and S-3000 is not it."""
    assert _found("an S-300 battery, not an S-3000") == [("S-300", "s-300")]


def test_demonyms_resolve_to_their_state_and_are_flagged() -> None:
    """Belarusian is a demonym mention of Belarus."""
    (mention,) = _gazetteer().matcher.mentions("Belarusian troops")
    assert mention == Mention(0, 10, "belarus", demonym=True)


def test_demonyms_can_be_turned_off() -> None:
    """With demonyms off, Belarusian is not a mention but Belarus still is."""
    assert _found("Belarusian troops in Belarus", demonyms=False) == [("Belarus", "belarus")]


def test_excluded_phrase_shadows_the_names_inside_it() -> None:
    """An excluded phrase ("Wagner Act") is never a mention of Wagner."""
    assert _found("the Wagner Act and Wagner fighters") == [("Wagner", "wagner")]


def test_shared_surname_resolves_to_the_person_named_in_full_in_the_article() -> None:
    """ "Babaryka" means Viktar when the article names Viktar Babaryka."""
    assert _found("Viktar Babaryka was jailed. Babaryka appealed.") == [
        ("Viktar Babaryka", "viktar-babaryka"),
        ("Babaryka", "viktar-babaryka"),
    ]


def test_shared_surname_is_dropped_when_nothing_decides() -> None:
    """A shared surname alone, or with both people named, is not a mention."""
    assert _found("Babaryka appealed.") == []
    both = "Viktar Babaryka and Eduard Babaryka. Babaryka appealed."
    assert [actor for _, actor in _found(both)] == ["viktar-babaryka", "eduard-babaryka"]


def test_shared_surname_resolves_from_the_corpus() -> None:
    """When only one article names Eduard in full, a bare surname elsewhere is Eduard."""
    corpus = [
        _article("a", "Eduard Babaryka ran the campaign."),
        _article("b", "Babaryka was sentenced."),
    ]
    mentions = match_corpus(corpus, _gazetteer())
    assert [m.actor_id for m in mentions.mentions("b")] == ["eduard-babaryka"]


def test_corpus_mentions_count_filter_and_toggle_demonyms() -> None:
    """Counts per article and per actor, the AND filter and the demonym view agree."""
    corpus = [
        _article("a", "Lukashenko and Lukashenka in Belarus; Belarusian troops."),
        _article("b", "The EU and Belarus."),
        _article("c", "Nothing here."),
    ]
    mentions = match_corpus(corpus, _gazetteer())
    assert mentions.counts("a") == {"lukashenko": 2, "belarus": 2}
    assert mentions.article_counts("belarus") == {"a": 2, "b": 1}
    assert mentions.corpus_counts() == {"belarus": 3, "lukashenko": 2, "eu": 1}
    assert mentions.articles_with("belarus") == {"a", "b"}
    assert mentions.articles_with_all(["belarus", "eu"]) == {"b"}
    assert mentions.top_actors("a", 1) == ["lukashenko"]
    assert mentions.article_frequency()["belarus"] == 2
    hidden = mentions.with_demonyms(False)
    assert hidden.counts("a") == {"lukashenko": 2, "belarus": 1}
    assert isinstance(hidden, CorpusMentions) and mentions.counts("a")["belarus"] == 2


def test_next_and_previous_mention_from_an_offset() -> None:
    """Jumping forward and back finds the nearest mention, of one actor if asked."""
    text = "Belarus, Lukashenko, Belarus, Lukashenko"
    mentions = _gazetteer().matcher.mentions(text)
    following = next_mention(mentions, 0, "lukashenko")
    assert following is not None and following.start == 9
    assert next_mention(mentions, 30, "lukashenko") is None
    preceding = previous_mention(mentions, 30)
    assert preceding is not None and preceding.start == 21
    assert previous_mention(mentions, 0) is None
    at = mention_at(mentions, 12)
    assert at is not None and at.actor_id == "lukashenko"
    assert mention_at(mentions, 8) is None


def test_matcher_is_built_once_and_reused() -> None:
    """The gazetteer hands out the same matcher each time."""
    gazetteer = _gazetteer()
    assert gazetteer.matcher is gazetteer.matcher
