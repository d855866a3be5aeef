"""Sentence spans: where sentences end, and where they do not."""

from __future__ import annotations

from reader.core.sentences import sentence_spans, sentences_holding


def _sentences(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, start, end)]


def test_abbreviations_do_not_end_a_sentence() -> None:
    """A full stop after "Mr", "Gen" or "U.S" is not a sentence's end; other stops are."""
    text = "Mr. Smith met Gen. Ivanov. Then U.S. troops left."
    assert _sentences(text) == ["Mr. Smith met Gen. Ivanov.", "Then U.S. troops left."]


def test_a_sentence_ends_at_its_stop_before_any_closing_mark() -> None:
    """A "?!" or "…" ends a sentence too; quote marks and brackets after a stop are left out."""
    text = "“Go!” He left. (Twice.) Really?! Yes… No"
    assert _sentences(text) == ["“Go!", "He left.", "(Twice.", "Really?!", "Yes…", "No"]


def test_no_capital_after_the_stop_no_sentence_end() -> None:
    """A stop followed by a lower-case word or by nothing but the range's end splits nothing."""
    assert _sentences("It was 5 p.m. when it ended. and more") == [
        "It was 5 p.m. when it ended. and more"
    ]


def test_line_breaks_end_sentences() -> None:
    """A line break ends a sentence; a blank line too, with its spaces."""
    assert _sentences("A\nB  \n \n  C") == ["A", "B", "C"]


def test_a_range_starting_just_after_a_stop() -> None:
    """A range that starts right after a stop leaves out the closing marks of that sentence."""
    text = 'He said." Next one. Last'
    assert _sentences(text, text.index('"')) == ["Next one.", "Last"]
    assert _sentences(text, 3, text.index(" Last")) == ["said.", "Next one."]


def test_sentences_holding_positions_are_those_sentence_spans_gives() -> None:
    """Only the sentences holding a position are given, as `sentence_spans` cuts them."""
    text = "Mr. Smith spoke. Nobody listened. Gen. Ivanov left! The end"
    positions = [text.index("spoke"), text.index("Ivanov"), text.index("left")]
    spans = sentence_spans(text)
    assert sentences_holding(text, positions) == [spans[0], spans[2]]
    assert sentences_holding(text, []) == []
    assert sentences_holding(text, positions, text.index("Nobody")) == [spans[2]]
