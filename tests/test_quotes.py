"""Quote finding and attribution: each rule, and the wrong attributions it must avoid."""

from __future__ import annotations

import re
from functools import cache

import pytest

from reader.core.actors import match_corpus
from reader.core.article import Article
from reader.core.clean import clean
from reader.core.gazetteer import Gazetteer, load_gazetteer
from reader.core.quotes import (
    REPORTING_VERBS,
    Quote,
    _marks_and_verbs,
    filter_quotes,
    find_article_quotes,
    find_quotes,
)


@cache
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


def _article(text: str, name: str = "a.txt") -> Article:
    return clean(text, path=name)


def quotes_of(text: str) -> list[Quote]:
    """Every quote of one article written as paragraphs."""
    article = _article(text)
    mentions = match_corpus([article], _gazetteer())
    return find_article_quotes(article, mentions.mentions(article.id), _gazetteer())


def speakers(text: str) -> list[tuple[str | None, str]]:
    """(speaker id or name, first words) of each quote."""
    return [(q.speaker_id or q.speaker, q.text[:20]) for q in quotes_of(text)]


TITLE = "A headline about Belarus\n\n"


def test_name_after_the_quote_is_the_speaker() -> None:
    """`“…,” Lukashenko said` goes to Lukashenko."""
    found = quotes_of(TITLE + "“We will not interfere,” Lukashenko said on Tuesday.")
    assert [(q.speaker_id, q.kind, q.text) for q in found] == [
        ("lukashenko", "direct", "We will not interfere,")
    ]


def test_quote_subject_is_not_its_speaker() -> None:
    """`“Putin demands…,” Danilov emphasized` is Danilov's, not Putin's."""
    text = TITLE + "“Putin demands Belarus’s direct intervention in the war,” Danilov emphasized."
    assert speakers(text) == [("danilov", "Putin demands Belaru")]


def test_inverted_said_with_appositive() -> None:
    """`“…,” said Mark Cancian, a former US Marine Corps colonel` is Cancian's, not the corps'."""
    text = TITLE + (
        "“It certainly wouldn’t be critical,” said Mark Cancian, a former US Marine Corps colonel."
    )
    assert speakers(text) == [("cancian", "It certainly wouldn’")]


def test_pronoun_goes_to_the_nearest_person_before_it() -> None:
    """`he said` after a sentence naming Danilov is Danilov's, even with Lukashenko quoted."""
    text = TITLE + (
        "Oleksiy Danilov spoke on Sunday about Minsk.\n\n"
        "“Lukashenko will not send troops,” he said."
    )
    assert speakers(text)[-1] == ("danilov", "Lukashenko will not ")


def test_she_skips_men_and_takes_the_woman_named_before() -> None:
    """`She continued` goes to Katia Glod, though Putin was named after her."""
    text = TITLE + (
        "Katia Glod said Vladimir Putin decides alone.\n\n"
        "She continued: “Lukashenko has no room for manoeuvre.”"
    )
    assert speakers(text)[-1] == ("glod", "Lukashenko has no ro")


def test_role_words_resolve_to_the_actor_whose_role_fits() -> None:
    """`Belarusian leader stressed` is Lukashenko's (his role: President of Belarus)."""
    text = TITLE + (
        "Lukashenko met generals in Minsk.\n\n"
        "“We will respond immediately if they hit Mozyr,” the Belarusian leader stressed."
    )
    assert speakers(text)[-1] == ("lukashenko", "We will respond imme")


def test_organisation_as_speaker() -> None:
    """`the National Resistance Center notes` attributes to the organisation."""
    text = TITLE + "“Belarus would struggle even more,” the National Resistance Center notes."
    assert speakers(text) == [("national-resistance-center", "Belarus would strugg")]


def test_unknown_named_speaker_keeps_the_name_without_an_id() -> None:
    """A speaker not in the gazetteer ("named Artyom") has the name as written, no id."""
    text = TITLE + (
        "“Lukashenko is doing his best not to send the military,” a former Belarusian "
        "lieutenant colonel named Artyom told journalists.\n\n"
        "“He understands who keeps him in power,” the lieutenant colonel continued."
    )
    found = quotes_of(text)
    assert [(q.speaker, q.speaker_id) for q in found] == [("Artyom", None), ("Artyom", None)]


def test_unattributed_quote_has_no_speaker() -> None:
    """A quote with no attribution anywhere is unattributed, not given to a nearby name."""
    text = TITLE + "Lukashenko met Putin.\n\n“The border will stay closed for a long time now.”"
    (quote,) = quotes_of(text)
    assert quote.speaker is None and quote.speaker_id is None and not quote.attributed


def test_following_quote_in_a_paragraph_continues_the_speaker() -> None:
    """`“We will not interfere,” Lukashenko told officials. “No need.”`: both are his."""
    text = TITLE + "“We will not interfere,” Lukashenko told officials. “No need.”"
    found = quotes_of(text)
    assert [(q.speaker_id, q.text) for q in found] == [
        ("lukashenko", "We will not interfere,"),
        ("lukashenko", "No need."),
    ]
    assert found[1].cue == "continuation"


def test_scare_quotes_are_not_speech() -> None:
    """“false flag” and “nonsense,” inside a sentence are not quotes."""
    text = TITLE + (
        "Ukraine accused Russia of a “false flag” attack. "
        "Belarus dismissed the claims as “nonsense,” and moved on."
    )
    assert quotes_of(text) == []


def test_short_quote_governed_by_a_speech_verb_is_speech() -> None:
    """A short quote introduced by an attribution (`Lukashenko said: “No.”`) is a quote."""
    text = TITLE + "Asked about troops, Lukashenko said: “No need.”"
    assert speakers(text) == [("lukashenko", "No need.")]


def test_straight_and_mixed_quote_marks() -> None:
    """Straight quotes, and a curly opening closed by a straight mark, are quotes."""
    text = TITLE + (
        '"The troops will move to the border soon," Lukashenko said.\n\n'
        '“They are acutely aware of the drones," the National Resistance Center notes.'
    )
    assert speakers(text) == [
        ("lukashenko", "The troops will move"),
        ("national-resistance-center", "They are acutely awa"),
    ]


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    """Single and straight quotes nested in a quote are part of it, one quote in all."""
    text = TITLE + ('“He told me ‘we will not go,’ and then he said "never" twice,” Danilov said.')
    (quote,) = quotes_of(text)
    assert quote.speaker_id == "danilov" and "‘we will not go,’" in quote.text
    assert '"never"' in quote.text


def test_quote_broken_across_paragraphs_is_one_quote() -> None:
    """A paragraph opening a quote without closing it continues into the next one."""
    text = TITLE + (
        "“It is hard politically to justify it. Soldiers are not motivated.\n\n"
        "“If their bodies come back, it could start protests,” Liubakova added."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker_id == "liubakova"
    assert quote.text.startswith("It is hard") and quote.text.endswith("start protests,")
    assert "\n\n" in quote.text


def test_offsets_point_at_the_quote_in_the_clean_text() -> None:
    """start and end cover the quote marks in `Article.text`."""
    article = _article(TITLE + "“We will not interfere,” Lukashenko said.")
    mentions = match_corpus([article], _gazetteer())
    (quote,) = find_article_quotes(article, mentions.mentions(article.id), _gazetteer())
    assert article.text[quote.start : quote.end] == "“We will not interfere,”"


@pytest.mark.parametrize(
    ("sentence", "speaker", "begins"),
    [
        (
            "According to Oleksiy Danilov, Russia wants Belarus to join the war.",
            "danilov",
            "Russia wants",
        ),
        ("Lukashenko said that Belarus would not send its troops.", "lukashenko", "Belarus would"),
        ("Danilov told journalists that Minsk is hesitant to fight.", "danilov", "Minsk is"),
        ("Danilov noted that Belarus lacks combat experience.", "danilov", "Belarus lacks"),
        ("Liubakova added that society opposes the war.", "liubakova", "society opposes"),
        ("Danilov emphasized that the threat from Belarus remains.", "danilov", "the threat"),
        (
            "Russia needs more troops for the offensive, said François Heisbourg, an analyst.",
            "heisbourg",
            "Russia needs",
        ),
    ],
)
def test_reported_speech_markers(sentence: str, speaker: str, begins: str) -> None:
    """Each marker of reported speech yields a reported quote by the one it names."""
    (quote,) = quotes_of(TITLE + sentence)
    assert (quote.kind, quote.speaker_id) == ("reported", speaker)
    assert quote.text.startswith(begins)


def test_reported_speech_needs_a_speaker() -> None:
    """`Analysts say…` and `According to some reports…` name nobody: not quotes."""
    text = TITLE + (
        "Analysts say Lukashenko has limited room. "
        "According to some Ukrainian reports, Russian forces are growing."
    )
    assert quotes_of(text) == []


def test_a_noun_that_looks_like_a_verb_is_not_an_attribution() -> None:
    """`the false flag claims as` does not make Belarus a speaker."""
    text = TITLE + "Belarus dismissed the false flag claims as baseless and unfounded."
    assert quotes_of(text) == []


def test_headings_and_titles_are_not_quotes() -> None:
    """A quoted heading (pull quote) and a quoted title in Title Case are not speech."""
    text = (
        '# Title\n\n## "They are not motivated to fight"\n\n'
        "Read “Rosemary Thomas: There Is Some Unhappiness Within The Army” today."
    )
    article = clean(text, path="a.md", fmt="markdown")
    mentions = match_corpus([article], _gazetteer())
    assert find_article_quotes(article, mentions.mentions(article.id), _gazetteer()) == []


def test_interview_answer_closed_but_never_opened() -> None:
    """An answer after a question, ending in a lone closing mark, is the interviewee's."""
    text = TITLE + (
        "What will Lukashenko do?\n\n"
        "— I think there is far too much to lose.\n\n"
        "So the stakes are far too high…” Excerpted from “Rosemary Thomas: Some Unhappiness”."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker_id == "rosemary-thomas"
    assert quote.text.startswith("I think") and quote.text.endswith("too high…")


def test_find_quotes_sorts_by_date_undated_last_and_filters() -> None:
    """Corpus quotes come oldest first, undated last; filters keep a speaker and words."""
    old = clean("date 2020-01-02 Old\n\n“We will never join,” Lukashenko said.", path="o.txt")
    new = clean("date 2023-05-06 New\n\n“We are ready,” Danilov said.", path="n.txt")
    undated = clean("Undated\n\n“Belarus will wait and see,” Lukashenko said.", path="u.txt")
    articles = [undated, new, old]
    mentions = match_corpus(articles, _gazetteer())
    found = find_quotes(articles, mentions, _gazetteer())
    assert [q.article_id for q in found] == [old.id, new.id, undated.id]
    assert [q.text for q in filter_quotes(found, speaker_ids=["lukashenko"], words="wait")] == [
        "Belarus will wait and see,"
    ]


def test_reporting_verbs_and_quote_marks_are_found_in_one_pass() -> None:
    """Reporting verbs are whole words (after a space, a mark, a dash, a line break, a no-break
    space or at the start), never inside a word or capitalised; every quote mark is found too."""
    text = (
        "said it. He said, “said” (told) —added\nnoted Xsaid saidx éstated Ésaid _says 5says "
        'says_ a\u00a0warned ×notes Tells unsaid жsays ÿadded ªtold ÷stated "told« «» "x "'
    )
    marks, verbs = _marks_and_verbs(text)
    found = [text[start:end] for start, end in verbs]
    whole_words = re.compile(r"\b(?:" + "|".join(REPORTING_VERBS) + r")\b")
    assert found == [m.group() for m in whole_words.finditer(text)]
    assert found == [
        "said", "said", "said", "told", "added", "noted", "warned", "notes", "stated", "told"
    ]  # fmt: skip
    assert marks == [(m.start(), m.group()) for m in re.finditer('[“”„«»"]', text)]
    assert len(marks) == 8


def test_find_quotes_merges_articles_sharing_an_id_by_position() -> None:
    """Two copies of one article (one id) list their quotes by position, a copy after another."""
    text = "date 2021-03-04 Copy\n\n“We will never join,” Lukashenko said. “We wait,” Danilov said."
    first, second = clean(text, path="a.txt"), clean(text, path="b.txt")
    assert first.id == second.id
    mentions = match_corpus([first], _gazetteer())
    found = find_quotes([first, second], mentions, _gazetteer())
    assert [q.text for q in found] == ["We will never join,"] * 2 + ["We wait,"] * 2


def test_according_to_in_capitals_is_read_in_a_sentence_with_a_verb() -> None:
    """A reported sentence is attributed by "ACCORDING TO" in any case (İ or ı for the i too)."""
    for according in ("ACCORDING TO", "According To", "ACCORDİNG TO"):
        text = TITLE + f"The troops, {according} Danilov, said they moved closer."
        assert speakers(text) == [("danilov", "The troops said they")]
