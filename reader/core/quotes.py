"""Quoted and reported speech in articles, each attributed to its speaker or left unattributed.

The rules, each with a test:

- direct quotes open with “ „ « or a straight " and close with ” » or ", in any mix (“…" is
  one quote); a straight or single quote inside a quote is nested and stays part of it;
- a paragraph that opens a quote without closing it continues into the next body paragraph
  when that one opens with a quote mark (headings between them are passed over); otherwise
  the quote ends with its paragraph;
- a closing mark with no opening one, alone in its paragraph, ends an interview answer: the
  quote runs back to the answer's start (a paragraph opening with a dash, or the paragraph
  after a question);
- quotes in headings (pull quotes repeating the body) and titles in Title Case (“Rosemary
  Thomas: There Is Some Unhappiness…”) are not speech;
- scare quotes — four words or fewer inside a sentence (“false flag”, “nonsense,”) — are not
  speech unless an attribution introduces them directly (`said: “No need.”`, `“No,” he said`)
  or a reported-speech clause holds them (then the clause is the quote);
- the speaker is the one the attribution clause names, after the quote (`“…,” Lukashenko
  said`, `“…,” said Mark Cancian, a former…`) or before it (`Katia Glod … said: “…”`); a
  mention inside the quote is its subject, never its speaker;
- a pronoun (he, she) goes to the nearest person named before it outside any quote, or who
  spoke before it; "it" to the nearest state or organisation; a role ("the Belarusian leader",
  "Ukrainian intelligence", "the lieutenant colonel") to the speaker whose attribution used
  those words, else to the actor whose role or name fits, nearest first;
- a named speaker who is not in the gazetteer ("a lieutenant colonel named Artyom") keeps the
  name as written, with no actor id;
- a quote without attribution that follows an attributed one in the same paragraph continues
  it; any other is unattributed (speaker None), never a guess;
- reported speech is a sentence marked by "according to X", "That's according to X" (the
  previous paragraph), "X said (that)", "X told … that", "X noted/added/emphasized/stressed/
  claimed/argued/assured/recalled (that)" and the inverted "…, said X"; it needs a speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Literal

from reader.core.actors import CorpusMentions, Mention, MentionColumns
from reader.core.article import Article, Paragraph
from reader.core.gazetteer import Actor, Gazetteer, alias_key
from reader.core.sentences import sentence_spans, sentences_holding


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


QuoteKind = Literal["direct", "reported"]

SCARE_QUOTE_WORDS = 4
"""Quotes of at most this many words inside a sentence are scare quotes unless governed."""

_OPENERS = "“„«"
_CLOSERS = "”»"
_MARK = re.compile('[“”„«»"]')
_DASHES = "—–-"

_SPEECH_FORMS = """
    say says said saying tell tells told added adds add noted notes note emphasized emphasised
    emphasizes emphasises emphasize emphasise stressed stresses stress stated states claimed
    claims claim argued argues argue warned warns assured assures recalled recalls insisted
    insists explained explains reported reports declared declares replied replies
    continued continues called calls asked asks wrote writes
"""
SPEECH_VERBS = frozenset(_SPEECH_FORMS.split())
"""Verbs that attribute a direct quote to their subject."""
REPORTING_VERBS = SPEECH_VERBS - {"continued", "continues", "called", "calls", "asked", "asks"}
"""Verbs that mark reported speech (they take a clause, not only a quote)."""


def _by_initial(words: Iterable[str], after_initial: str = "") -> str:
    """Words as one alternation per first letter, so the engine reads a letter once."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        re.escape(initial) + after_initial + "(?:" + "|".join(rests) + ")"
        for initial, rests in groups.items()
    )


# A speech verb as a whole word, the word start checked after its first letter so the engine
# looks only where a verb's first letter is (1.4x faster than "\b" on both sides).
_VERB = re.compile("(?:" + _by_initial(SPEECH_VERBS, r"(?<!\w\w)") + r")(?!\w)")


# A reporting verb starts a word: after a space (the engine scans for one character fast),
# after any other character that is not a word character, or at the text's start.
# Trying every verb's first letter instead was 1.8x slower: those letters are half the text.
_REPORTING_ALTERNATION = "(?:" + _by_initial(REPORTING_VERBS) + r")(?!\w)"
_REPORTING_AFTER_SPACE = re.compile(" " + _REPORTING_ALTERNATION)
_REPORTING_AT_START = re.compile(_REPORTING_ALTERNATION)
# One pass finds both the quote marks and the verbs after a character neither a space nor a
# word character: the class leaves out common letters and digits (never before a verb), so the
# engine stops less often; a mark followed by a verb is one match holding both.
_MARK_OR_VERB = re.compile(
    r"[^a-zA-Z0-9 À-ÖØ-öø-ÿА-яЁё](?:(?<!\w)" + _REPORTING_ALTERNATION + '|(?<=[“”„«»"]))'
)
_MARKS = frozenset('“”„«»"')
_ACCORDING_HIT = "ccording to"
_WORD_CHARACTER = re.compile(r"\w")
# "according to" in any case, as re.IGNORECASE reads it (an i may be İ or ı), looked for at
# an a only (the word start checked after it): 1.7x faster than with the flag.
_ACCORDING = re.compile(r"[aA](?<!\w\w)[cC][cC][oO][rR][dD][iIİı][nN][gG] [tT][oO](?!\w)")
_THATS_ACCORDING = re.compile(r"(?:that[’']s|that is|this is)\s+according to\b", re.IGNORECASE)
"""A sentence opening "That's according to X" (matched at its start)."""
_WORD = re.compile(r"[\w’'.-]+")
# Runs of capitalised words. A capital starts a word when no word character is before it;
# checked after the capital, so the engine looks only at capitals (1.6x faster than "\b"),
# and × (in À-Þ but no letter) keeps the meaning of "\b": a word character must be before it.
_CAPITALISED = re.compile(
    r"[A-ZÀ-ÞА-ЯЁ](?:(?<!\w\w)(?<!×)|(?<=\w×))[\w’'-]*(?:\s+[A-ZÀ-ÞА-ЯЁ][\w’'-]*)*"
)
_INTERVIEW_TITLE = re.compile(r"[“\"]([^”\":\n]{3,60}):")
_TITLE_WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|[“”„«»\"—(]")
"""Where an attribution clause after a quote ends: a full stop, a quote mark or a dash."""
_PHRASE_END = re.compile(r"[,;—–]|\.(?:\s|$)")
"""Where a speaker's phrase ends: a comma, a dash or a full stop."""
_INVERTED_PHRASE_END = re.compile(r"[,—–(;]")
_THAT = re.compile(r"\bthat\b")

_SKIPPED_BEFORE_VERB = _word_set(
    """also later then recently reportedly previously repeatedly again publicly has have had
    will would once further earlier today yesterday went on to continued"""
)
"""Words between a subject and its speech verb ("Putin later said", "went on to say")."""
_PRONOUNS = {"he": "male", "she": "female", "it": "thing"}
_GENERIC_WORDS = _word_set(
    """the a an but and in on at after before last this that these those it he she they we i
    some many most analysts experts officials others sources reports critics observers
    according however meanwhile still so yet indeed moreover additionally furthermore thus
    instead finally then also besides nevertheless nonetheless"""
)
"""Capitalised words at a clause's start that are not names."""

_PERSON_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "leader": ("leader", "president", "dictator"),
    "president": ("president", "leader"),
    "dictator": ("leader", "president", "dictator"),
    "ruler": ("leader", "president", "dictator"),
    "minister": ("minister",),
    "spokesman": ("spokesman", "spokesperson", "press secretary"),
    "spokesperson": ("spokesman", "spokesperson", "press secretary"),
    "spokeswoman": ("spokeswoman", "spokesperson", "press secretary"),
    "secretary": ("secretary",),
    "chief": ("chief", "head"),
    "commander": ("commander",),
    "ambassador": ("ambassador",),
}
"""Role nouns for people, and the words of a gazetteer role that fit each."""
_BODY_ROLE_WORDS = _word_set(
    """intelligence ministry army military government parliament service services forces
    command council kremlin"""
)
"""Role nouns for organisations and forces, matched in their gazetteer names."""
_ROLE_NOUNS = frozenset(_PERSON_ROLE_WORDS) | _BODY_ROLE_WORDS | {"official", "officials"}
_TITLE_STOP = _word_set("a an the of in on at to and or for with by from is are as")
_FEMALE_NAMES = _word_set(
    """katia katya hanna anna sviatlana svetlana maria mariya maryia olga olena alena elena
    kaja ursula annalena giorgia kamala hillary nancy rosemary victoria iryna irina yulia
    tatsiana tatiana natalia liudmila ludmila maia maya kristina veronika valentina ina
    emine"""
)
"""First names read as a woman's when resolving "she" (the gazetteer records no gender)."""
_MALE_NAMES_ENDING_IN_A = _word_set("nikita ilya luka sasha misha kostya foma")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote in an article: its words, where they are, and who said them."""

    article_id: str
    """The article it is in."""
    start: int
    """Where it starts in `Article.text` (its opening mark, for a direct quote)."""
    end: int
    """Where it ends (exclusive; after its closing mark, for a direct quote)."""
    text: str
    """The quoted words without their marks; parts across paragraphs joined by a blank line."""
    kind: QuoteKind
    """direct (in quote marks) or reported (marked by an attribution)."""
    speaker: str | None
    """The speaker's name: the actor's name, or as written for someone not in the gazetteer;
    None when unattributed."""
    speaker_id: str | None
    """The speaker's actor id; None when unattributed or not in the gazetteer."""
    cue: str = ""
    """How the speaker was found: named, pronoun, role, continuation, interview or ""."""

    @property
    def attributed(self) -> bool:
        """Whether a speaker was found."""
        return self.speaker is not None


@dataclass(slots=True)
class _Speaker:
    """Who said a quote, and how that was found (never changed once made)."""

    name: str
    actor_id: str | None
    is_person: bool
    cue: str


@dataclass(slots=True)
class _Draft:
    """A quote found but not yet attributed."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    kind: QuoteKind
    phrase: str = ""
    """The attribution's subject words, when the clause names one."""
    phrase_start: int = -1
    cue_at: int = -1
    """Where the attribution is, for pronouns resolved backwards from it."""
    continues: bool = False
    """Whether it may continue the previous quote of its paragraph."""
    names_only: bool = False
    """Whether only a name may be its speaker ("according to X": no pronoun, no role)."""
    speaker: _Speaker | None = None
    named: _Speaker | None = None
    """A speaker found by name while reading the sentence (quotes before cannot change it)."""
    paragraph: int = 0


@dataclass(slots=True)
class _Context:
    """One article being read: its text, mentions and the gazetteer."""

    article: Article
    mentions: MentionColumns
    """The article's mentions, by index in text order."""
    gazetteer: Gazetteer
    text: str = ""
    """The article's text, read once."""
    starts: list[int] = field(default_factory=list)
    """Where each mention starts."""
    ends: list[int] = field(default_factory=list)
    """Where each mention ends."""
    actor_ids: list[str] = field(default_factory=list)
    """The actor of each mention."""
    demonyms: list[bool] = field(default_factory=list)
    """Whether each mention is a demonym."""
    quoted: list[tuple[int, int]] = field(default_factory=list)
    """Spans of direct quotes: mentions inside them are subjects, not speakers."""
    spoken: list[tuple[int, _Speaker]] = field(default_factory=list)
    """Speakers found so far, at their attribution, for pronouns after them."""
    phrases: list[tuple[str, _Speaker]] = field(default_factory=list)
    """Earlier attribution phrases and their speakers, for roles ("the lieutenant colonel")."""

    kinds: dict[str, str] = field(default_factory=dict)
    """Each actor's kind, by id."""
    speakers: dict[tuple[str, str], _Speaker] = field(default_factory=dict)
    """Each actor as a speaker, by id and cue (shared by the articles of a gazetteer)."""

    def __post_init__(self) -> None:
        self.text = self.article.text
        mentions = self.mentions
        self.starts, self.ends = mentions.starts, mentions.ends
        self.actor_ids, self.demonyms = mentions.actor_ids, mentions.demonyms
        folded = _folded(self.gazetteer)
        self.kinds, self.speakers = folded.kinds, folded.speakers

    def mentions_in(self, start: int, end: int) -> list[int]:
        """The indexes of the mentions wholly inside `text[start:end]`."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, first)
        if first == last:
            return []
        ends = self.ends
        if last == first + 1:  # the common case, without a comprehension's frame
            return [first] if ends[first] <= end else []
        return [i for i in range(first, last) if ends[i] <= end]

    def inside_quote(self, offset: int) -> bool:
        """Whether an offset is inside a direct quote."""
        return any(start <= offset < end for start, end in self.quoted)

    def kind(self, actor_id: str) -> str:
        """The kind of an actor, or "" when unknown."""
        return self.kinds.get(actor_id, "")


def find_article_quotes(
    article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> list[Quote]:
    """Every direct and reported quote of one article, in text order, with its speaker."""
    return _article_quotes(article, MentionColumns.of(mentions), gazetteer)


def _article_quotes(
    article: Article, mentions: MentionColumns, gazetteer: Gazetteer
) -> list[Quote]:
    context = _Context(article, mentions, gazetteer)
    text = context.text
    if not text:
        return []
    body = [p for p in article.paragraphs if p.kind != "boilerplate" and p.start >= 0]
    marks, verbs = _marks_and_verbs(text)
    drafts = _direct_quotes(text, body, marks)
    context.quoted = [(d.start, d.end) for d in drafts]
    starts = [p.start for p in body]
    for draft in drafts:
        _attribute_direct(context, draft, body, starts)
    drafts += _reported_quotes(context, body, drafts, verbs)
    drafts.sort(key=lambda d: d.start)
    quotes: list[Quote] = []
    previous: _Draft | None = None
    for draft in drafts:
        speaker = draft.named if draft.named is not None else _resolve(context, draft)
        if (
            speaker is None
            and draft.continues
            and previous is not None
            and previous.paragraph == draft.paragraph
            and previous.speaker is not None
        ):
            speaker = _Speaker(
                previous.speaker.name,
                previous.speaker.actor_id,
                previous.speaker.is_person,
                "continuation",
            )
        draft.speaker = speaker
        if speaker is not None:
            context.spoken.append((draft.cue_at if draft.cue_at >= 0 else draft.start, speaker))
            if draft.phrase:
                context.phrases.append((draft.phrase, speaker))
        quotes.append(_finish(article.id, text, draft))
        previous = draft
    return quotes


def _finish(article_id: str, text: str, draft: _Draft) -> Quote:
    parts = draft.parts
    if len(parts) == 1:
        start, end = parts[0]
        words = text[start:end].strip()
    else:
        pieces = [text[start:end].strip() for start, end in parts]
        words = (" " if draft.kind == "reported" else "\n\n").join(p for p in pieces if p)
    speaker = draft.speaker
    # Positional arguments: a frozen dataclass takes keywords 1.5x slower.
    if speaker is None:
        return Quote(article_id, draft.start, draft.end, words, draft.kind, None, None, "")
    return Quote(
        article_id,
        draft.start,
        draft.end,
        words,
        draft.kind,
        speaker.name,
        speaker.actor_id,
        speaker.cue,
    )


def _marks_and_verbs(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """Each quote mark of a text (where, which), and the span of each reporting verb."""
    marks: list[tuple[int, str]] = []
    verbs: list[tuple[int, int]] = []
    for match in _MARK_OR_VERB.finditer(text):
        at, end = match.span()
        if text[at] in _MARKS:
            marks.append((at, text[at]))
        if end > at + 1:
            verbs.append((at + 1, end))
    first = _REPORTING_AT_START.match(text)
    if first is not None:
        verbs.append(first.span())
    after_space = [(m.start() + 1, m.end()) for m in _REPORTING_AFTER_SPACE.finditer(text)]
    if verbs:
        after_space += verbs
        after_space.sort()
    return marks, after_space


def _direct_quotes(text: str, body: list[Paragraph], marks: list[tuple[int, str]]) -> list[_Draft]:
    """Spans of text in quote marks, across paragraphs where a quote continues."""
    drafts: list[_Draft] = []
    open_at = -1
    parts: list[tuple[int, int]] = []
    nested = False
    mark_starts = [at for at, _ in marks]
    first = 0
    for index, paragraph in enumerate(body):
        if paragraph.kind == "heading":
            continue
        start = paragraph.start
        end = start + len(paragraph.text)
        first = bisect.bisect_left(mark_starts, start, first)
        last = bisect.bisect_left(mark_starts, end, first)
        if open_at < 0 and first == last:
            continue
        if open_at >= 0:
            # A quote left open: it continues only if this paragraph opens with a quote mark.
            lead = text[start:end].lstrip()
            if lead[:1] in _OPENERS + '"':
                mark_at = end - len(lead)
                parts.append((mark_at + 1, mark_at + 1))
                skip_first = mark_at
            else:
                drafts.append(_draft(open_at, parts[-1][1], parts, index - 1))
                open_at, parts, skip_first = -1, [], -1
        else:
            skip_first = -1
        closed_here = False
        for at, char in marks[first:last]:
            if at == skip_first:
                continue
            if open_at < 0:
                if char in _OPENERS or (char == '"' and _opens(text, at, start)):
                    open_at, parts, nested = at, [(at + 1, at + 1)], False
                elif not closed_here and char in _CLOSERS + '"':
                    answer = _interview_answer(text, body, index, at)
                    if answer is not None:
                        drafts.append(answer)
                        closed_here = True
                continue
            if char == '"' and _opens(text, at, start) and not nested:
                nested = True
                continue
            if char == '"' and nested:
                nested = False
                continue
            if char in _OPENERS:
                continue
            last_start = parts[-1][0]
            parts[-1] = (last_start, at)
            drafts.append(_draft(open_at, at + 1, parts, index))
            open_at, parts, closed_here = -1, [], True
        if open_at >= 0:
            last_start = parts[-1][0]
            parts[-1] = (last_start, end)
    if open_at >= 0:
        drafts.append(_draft(open_at, parts[-1][1], parts, len(body) - 1))
    return drafts


def _draft(start: int, end: int, parts: list[tuple[int, int]], paragraph: int) -> _Draft:
    return _Draft(start, end, list(parts), "direct", paragraph=paragraph)


def _opens(text: str, at: int, paragraph_start: int) -> bool:
    """Whether a straight double quote opens (after a space or at the start) or closes."""
    before = text[at - 1] if at > paragraph_start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-‘'") and not after.isspace()


def _interview_answer(text: str, body: list[Paragraph], index: int, at: int) -> _Draft | None:
    """An answer closed by a mark never opened: it runs back to its dash or question."""
    first = index
    while first > 0 and index - first < 10:
        paragraph = body[first]
        if paragraph.text.lstrip()[:1] in _DASHES:
            break
        previous = body[first - 1]
        if previous.kind == "heading" or previous.text.rstrip().endswith("?"):
            break
        if _MARK.search(previous.text):
            break
        first -= 1
    else:
        if index - first >= 10:
            return None
    parts: list[tuple[int, int]] = []
    for paragraph in body[first : index + 1]:
        if paragraph.kind == "heading":
            continue
        start = paragraph.start
        lead = paragraph.text
        stripped = lead.lstrip(_DASHES + " ")
        start += len(lead) - len(stripped)
        parts.append((start, min(paragraph.end, at)))
    if not parts or parts[0][0] >= at:
        return None
    return _Draft(parts[0][0], at + 1, parts, "direct", paragraph=index)


def _has_words(text: str, count: int) -> bool:
    """Whether a text has at least `count` words (split no further than needed)."""
    return len(text.split(None, count - 1)) >= count


def _is_title(words: str) -> bool:
    """Whether quoted words are a title in Title Case rather than speech."""
    tokens = [w for w in _TITLE_WORD.findall(words) if w.lower() not in _TITLE_STOP]
    if len(tokens) < 3:
        return False
    capitals = sum(1 for w in tokens if w[0].isupper())
    return capitals / len(tokens) >= 0.8


def _attribute_direct(
    context: _Context, draft: _Draft, body: list[Paragraph], starts: list[int]
) -> None:
    """Find the attribution clause of a direct quote and whether it is speech at all."""
    text = context.text
    paragraph = body[draft.paragraph]
    parts = draft.parts
    if len(parts) == 1:
        content = text[parts[0][0] : parts[0][1]].strip()
    else:
        content = " ".join(text[s:e] for s, e in parts).strip()
    # The tail: from the closing mark to the end of its clause.
    tail_start = draft.end
    tail_end = _clause_end(text, tail_start, paragraph.end)
    tail = text[tail_start:tail_end]
    content_ends_clause = content[-1:] in ",!?…." if content else False
    verb = _VERB.search(tail)
    tail_verb = None
    if verb is not None and (
        content_ends_clause
        or tail.lstrip().startswith(",")
        or not _has_words(tail[: verb.start()], 4)
    ):
        tail_verb = verb
    # The lead: from the sentence's start (or the previous quote) to the opening mark.
    first_part = body[max(0, bisect.bisect_right(starts, draft.start) - 1)]
    lead_start = _lead_start(context, draft.start, first_part.start)
    lead = text[lead_start : draft.start]
    lead_verbs = list(_VERB.finditer(lead)) if lead else []
    standalone = not lead.strip()
    introduced = bool(lead_verbs) and lead.rstrip()[-1:] in ":,"
    short = not _has_words(content, SCARE_QUOTE_WORDS + 1)
    if short and not (tail_verb or introduced or standalone):
        draft.kind = "reported"  # marks it for removal: a scare quote is not speech
        draft.start = -1
        return
    if not short and not standalone and _is_title(content):
        draft.start = -1
        return
    if tail_verb is not None:
        _set_phrase(draft, text, tail_start, tail, tail_verb)
        return
    if lead_verbs:
        last = lead_verbs[-1]
        _set_subject(draft, text, lead_start, lead[: last.start()], lead_start + last.start())
        return
    title = _INTERVIEW_TITLE.search(text, draft.end, paragraph.end)
    if title is not None and draft.start < paragraph.start:
        draft.phrase, draft.phrase_start = title.group(1), title.start(1)
        draft.cue_at = title.start(1)
        return
    draft.continues = standalone


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where an attribution clause after a quote ends: a full stop, a quote mark or a dash."""
    found = _CLAUSE_END.search(text, start, limit)
    return found.start() if found else limit


def _lead_start(context: _Context, opener: int, paragraph_start: int) -> int:
    if opener == paragraph_start:
        return opener  # a quote opening its paragraph (most do) has no lead
    text = context.text
    spans = sentence_spans(text, paragraph_start, opener)
    begin = spans[-1][0] if spans else opener
    # A sentence boundary right before the mark leaves the sentence empty.
    if spans and not text[spans[-1][1] : opener].strip() and text[spans[-1][1] - 1] in ".!?…":
        begin = opener
    for _, end in context.quoted:
        if begin <= end <= opener:
            begin = end
    return begin


def _set_phrase(draft: _Draft, text: str, tail_start: int, tail: str, verb: re.Match[str]) -> None:
    before = tail[: verb.start()]
    if before.strip(" ,\u00a0"):
        _set_subject(draft, text, tail_start, before, tail_start + verb.start())
        return
    # Inverted: `“…,” said Mark Cancian, a former colonel`.
    after_start = tail_start + verb.end()
    after = tail[verb.end() :]
    cut = _INVERTED_PHRASE_END.search(after)
    phrase = after[: cut.start()] if cut else after
    draft.phrase = phrase.strip()
    draft.phrase_start = after_start + (len(phrase) - len(phrase.lstrip()))
    draft.cue_at = draft.phrase_start


def _set_subject(draft: _Draft, text: str, offset: int, before: str, verb_at: int) -> None:
    """Record the subject words before a speech verb (appositives included)."""
    draft.phrase = before
    draft.phrase_start = offset
    draft.cue_at = verb_at


def _resolve(context: _Context, draft: _Draft) -> _Speaker | None:
    if not draft.phrase.strip():
        return None
    return _speaker_of(
        context, draft.phrase, draft.phrase_start, draft.cue_at, names_only=draft.names_only
    )


def _speaker_of(
    context: _Context, phrase: str, start: int, cue_at: int, *, names_only: bool = False
) -> _Speaker | None:
    """Who a subject phrase names: an actor, an unknown name, a pronoun or a role."""
    segments = _last_segments(phrase, start)
    if not segments:
        return None
    nearest_text, nearest_start = segments[0]
    pronoun = None if names_only else _final_pronoun(nearest_text)
    if pronoun is not None:
        return _pronoun_speaker(context, pronoun, nearest_start + nearest_text.rfind(pronoun[0]))
    nearest: list[list[int]] = []
    for seg_text, seg_start in segments:
        mentions = context.mentions_in(seg_start, seg_start + len(seg_text))
        found = _named_person(context, seg_text, seg_start, mentions)
        if found is not None:
            return found
        nearest.append(mentions)
    for mentions in nearest:
        for i in mentions:
            actor_id = context.actor_ids[i]
            kind = context.kind(actor_id)
            if not context.demonyms[i] and kind and kind != "weapon":
                return _actor_speaker(context, actor_id, "named")
    if names_only:
        return None
    return _role_speaker(context, nearest_text, nearest_start, cue_at)


def _last_segments(phrase: str, start: int) -> list[tuple[str, int]]:
    """The last three comma-separated parts of a subject phrase that are not blank, nearest
    first, with their offsets."""
    segments: list[tuple[str, int]] = []
    end = len(phrase)
    while len(segments) < 3:
        comma = phrase.rfind(",", 0, end)
        part = phrase[comma + 1 : end]
        if part.strip():
            segments.append((part, start + comma + 1))
        if comma < 0:
            break
        end = comma
    return segments


def _final_pronoun(segment: str) -> tuple[str, str] | None:
    """The pronoun ending a segment (before words like "also"), and its gender."""
    rest = segment
    while True:
        pieces = rest.rsplit(None, 1)
        if not pieces:
            return None
        word = pieces[-1]
        if word.lower() not in _SKIPPED_BEFORE_VERB:
            break
        rest = pieces[0] if len(pieces) == 2 else ""
    gender = _PRONOUNS.get(word.lower())
    return None if gender is None else (word, gender)


def _named_person(
    context: _Context, segment: str, offset: int, mentions: list[int]
) -> _Speaker | None:
    """A person named in a segment: a gazetteer person, else a capitalised unknown name."""
    for i in mentions:
        if not context.demonyms[i] and context.kind(context.actor_ids[i]) == "person":
            return _actor_speaker(context, context.actor_ids[i], "named")
    if segment.islower() and "×" not in segment:
        return None  # no capital, so no name
    starts, ends = context.starts, context.ends
    covered = [(starts[i] - offset, ends[i] - offset) for i in mentions] if mentions else []
    for match in _CAPITALISED.finditer(segment):
        match_start, match_end = match.span()
        for start, end in covered:
            if start < match_end and match_start < end:
                break
        else:
            speaker = _unknown_name(segment, match)
            if speaker is not None:
                return speaker
    return None


def _unknown_name(segment: str, match: re.Match[str]) -> _Speaker | None:
    """A capitalised run as the name of someone not in the gazetteer, unless it is no name."""
    name = match.group()
    words = name.split()
    while words and words[0].lower() in _GENERIC_WORDS:
        words.pop(0)
    before = segment[: match.start()]
    at_start = not before.strip()
    if not words or (at_start and len(words) == 1 and name != words[0]):
        return None
    if at_start and len(words) == 1 and words[0].lower() in _GENERIC_WORDS:
        return None
    if not _ROLE_NOUNS.isdisjoint(map(str.lower, words)):
        return None
    if at_start and len(words) == 1 and segment.strip() != words[0]:
        return None
    if not at_start and before.rsplit(None, 1)[-1][:1].isupper():
        return None
    return _Speaker(" ".join(words), None, True, "named")


def _actor_speaker(context: _Context, actor_id: str, cue: str) -> _Speaker:
    speaker = context.speakers.get((actor_id, cue))
    if speaker is None:
        actor = context.gazetteer.get(actor_id)
        name = actor.name if actor else actor_id
        speaker = _Speaker(name, actor_id, context.kind(actor_id) == "person", cue)
        context.speakers[actor_id, cue] = speaker
    return speaker


def _is_female(name: str) -> bool:
    first = alias_key(name.split()[0]) if name.split() else ""
    if first in _FEMALE_NAMES:
        return True
    return first.endswith("a") and first not in _MALE_NAMES_ENDING_IN_A and len(name.split()) > 1


def _pronoun_speaker(context: _Context, pronoun: tuple[str, str], at: int) -> _Speaker | None:
    """The nearest fitting actor before a pronoun: a person named or heard, or a body for it."""
    _, gender = pronoun
    floor = max(0, at - 2500)
    candidates: list[tuple[int, _Speaker]] = []
    for i in context.mentions_in(floor, at):
        start = context.starts[i]
        if context.demonyms[i] or context.inside_quote(start):
            continue
        kind = context.kind(context.actor_ids[i])
        wanted = kind == "person" if gender != "thing" else kind in ("state", "organisation")
        if wanted:
            candidates.append((start, _actor_speaker(context, context.actor_ids[i], "")))
    candidates += [(pos, speaker) for pos, speaker in context.spoken if floor <= pos < at]
    candidates.sort(key=lambda item: item[0])
    for _, speaker in reversed(candidates):
        if gender == "thing":
            if not speaker.is_person:
                return _Speaker(speaker.name, speaker.actor_id, False, "pronoun")
            continue
        if not speaker.is_person:
            continue
        if (gender == "female") == _is_female(speaker.name):
            return _Speaker(speaker.name, speaker.actor_id, True, "pronoun")
    return None


def _role_words(segment: str) -> list[str]:
    return [w.lower().strip("’'") for w in _WORD.findall(segment)]


def _role_speaker(context: _Context, segment: str, offset: int, cue_at: int) -> _Speaker | None:
    """The actor a role phrase means: an earlier speaker so described, else a fitting actor."""
    words = _role_words(segment)
    nouns = [w for w in words if w in _ROLE_NOUNS]
    if not nouns:
        # "the lieutenant colonel": words an earlier attribution used for its speaker.
        named = {
            _role_words(context.text[context.starts[i] : context.ends[i]])[0]
            for i in context.mentions_in(offset, offset + len(segment))
        }
        content = [
            w
            for w in words
            if w not in _GENERIC_WORDS and w not in _SKIPPED_BEFORE_VERB and w not in named
        ]
        if len(content) >= 1:
            for phrase, speaker in reversed(context.phrases):
                earlier = set(_role_words(phrase))
                if all(w in earlier for w in content):
                    return _Speaker(speaker.name, speaker.actor_id, speaker.is_person, "role")
        return None
    states = [
        context.actor_ids[i]
        for i in context.mentions_in(offset, offset + len(segment))
        if context.demonyms[i]
    ]
    state = states[0] if states else None
    person_nouns = [n for n in nouns if n in _PERSON_ROLE_WORDS]
    body_nouns = [n for n in nouns if n in _BODY_ROLE_WORDS]
    if person_nouns:
        wanted = frozenset(w for n in person_nouns for w in _PERSON_ROLE_WORDS[n])
        fits = _fitting(context, "person", wanted, state)
    elif body_nouns:
        fits = _fitting(context, "body", frozenset(body_nouns), state)
    else:
        return None
    if not fits:
        return None
    fit_ids = set(fits)
    for i in reversed(context.mentions_in(max(0, cue_at - 5000), cue_at)):
        if context.actor_ids[i] in fit_ids and not context.demonyms[i]:
            return _actor_speaker(context, context.actor_ids[i], "role")
    if len(fits) == 1:
        return _actor_speaker(context, fits[0], "role")
    return None


def _fitting(
    context: _Context, kind: Literal["person", "body"], nouns: frozenset[str], state: str | None
) -> tuple[str, ...]:
    """The ids of the people whose role has one of these words, or of the bodies so named."""
    folded = _folded(context.gazetteer)
    key = (kind, nouns, state)
    fits = folded.fits.get(key)
    if fits is not None:
        return fits
    gazetteer = context.gazetteer
    if kind == "person":
        fits = tuple(
            a.id for a in gazetteer.of_kind("person") if _role_fits(context, a, nouns, state)
        )
    else:
        fits = tuple(
            a.id
            for a in gazetteer
            if a.kind in ("organisation", "military")
            and any(n in name for n in nouns for name in folded.keys[a.id][1])
            and (state is None or _belongs_to(gazetteer, a, state))
        )
    folded.fits[key] = fits
    return fits


@dataclass(slots=True)
class _Folded:
    """A gazetteer's roles, names and kinds as quotes are attributed, worked out once."""

    gazetteer: Gazetteer
    keys: dict[str, tuple[str, tuple[str, ...]]]
    """Each actor's folded first role clause and folded names, by actor id."""
    kinds: dict[str, str]
    """Each actor's kind, by actor id."""
    speakers: dict[tuple[str, str], _Speaker] = field(default_factory=dict)
    """Each actor as a speaker, by actor id and cue, made on first use."""
    fits: dict[tuple[str, frozenset[str], str | None], tuple[str, ...]] = field(
        default_factory=dict
    )
    """The actors that role words fit (see `_fitting`), by kind, words and state."""


_FOLDED_CACHE: dict[int, _Folded] = {}
"""The last gazetteer's folded roles and names (roles are resolved per quote)."""


def _folded(gazetteer: Gazetteer) -> _Folded:
    """The gazetteer's folded roles and names, computed once per gazetteer."""
    cached = _FOLDED_CACHE.get(id(gazetteer))
    if cached is not None and cached.gazetteer is gazetteer:
        return cached
    keys = {
        a.id: (alias_key(a.role.split(";")[0]), tuple(alias_key(n) for n in a.names))
        for a in gazetteer
    }
    folded = _Folded(gazetteer, keys, {a.id: a.kind for a in gazetteer})
    _FOLDED_CACHE.clear()
    _FOLDED_CACHE[id(gazetteer)] = folded
    return folded


def _keys(gazetteer: Gazetteer) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each actor's folded first role clause and folded names."""
    return _folded(gazetteer).keys


def _role_fits(context: _Context, actor: Actor, wanted: frozenset[str], state: str | None) -> bool:
    role = _keys(context.gazetteer)[actor.id][0]
    if not any(re.search(rf"\b{re.escape(w)}\b", role) for w in wanted):
        return False
    if state is None:
        return True
    owner = _keys(context.gazetteer).get(state)
    return owner is not None and bool(owner[1]) and owner[1][0] in role


def _belongs_to(gazetteer: Gazetteer, actor: Actor, state: str) -> bool:
    seen: set[str] = set()
    parent = actor.part_of
    while parent is not None and parent not in seen:
        if parent == state:
            return True
        seen.add(parent)
        owner = gazetteer.get(parent)
        parent = owner.part_of if owner else None
    return False


def _reported_quotes(
    context: _Context, body: list[Paragraph], direct: list[_Draft], verbs: list[tuple[int, int]]
) -> list[_Draft]:
    """Sentences of reported speech, each with its attribution phrase; removes scare quotes."""
    text = context.text
    direct[:] = [d for d in direct if d.start >= 0]
    quote_starts = [d.start for d in direct]
    quote_ends = [d.end for d in direct]
    verb_starts = [verb_start for verb_start, _ in verbs]
    hits = verb_starts
    according = text.find(_ACCORDING_HIT)
    if according >= 0:
        hits = verb_starts[:]
        while according >= 0:
            after = according + len(_ACCORDING_HIT)
            if not _WORD_CHARACTER.match(text, after):
                hits.append(according)
            according = text.find(_ACCORDING_HIT, after)
        hits.sort()
    found: list[_Draft] = []
    for index, paragraph in enumerate(body):
        if paragraph.kind != "paragraph":
            continue
        paragraph_start = paragraph.start
        paragraph_end = paragraph_start + len(paragraph.text)
        at = bisect.bisect_left(hits, paragraph_start)
        if at == len(hits) or hits[at] >= paragraph_end:
            continue
        for start, end in sentences_holding(text, hits, paragraph_start, paragraph_end):
            # Sentences holding a long quote are that quote's, not reported speech.
            before = bisect.bisect_left(quote_starts, end)
            if before and quote_ends[before - 1] > start:
                continue
            first_verb = bisect.bisect_left(verb_starts, start)
            sentence_verbs = verbs[first_verb : bisect.bisect_left(verb_starts, end, first_verb)]
            draft = _reported_sentence(context, body, index, start, end, sentence_verbs)
            if draft is not None:
                found.append(draft)
    return found


def _reported_sentence(
    context: _Context,
    body: list[Paragraph],
    index: int,
    start: int,
    end: int,
    verbs: list[tuple[int, int]],
) -> _Draft | None:
    """Reported speech in a sentence: "according to X", or a reporting verb and its subject."""
    text = context.text
    # The patterns' first letters have no other cases than these (nor "ccord" other than
    # ASCII ones), so most sentences are passed over without running them.
    if index > 0 and text[start] in "tT" and _THATS_ACCORDING.match(text, start, end):
        previous = body[index - 1]
        phrase_at = _ACCORDING.search(text, start, end)
        assert phrase_at is not None
        phrase_start = phrase_at.end()
        phrase = _until_comma(text, phrase_start, end)
        draft = _Draft(previous.start, previous.end, [(previous.start, previous.end)], "reported")
        return _with_phrase(draft, phrase, phrase_start, index)
    according = _ACCORDING.search(text, start, end) if "ccord" in text[start:end].lower() else None
    if according is not None:
        phrase_start = according.end()
        phrase = _until_comma(text, phrase_start, end)
        phrase_end = phrase_start + len(phrase)
        at = according.start()
        before = text[start:at].rstrip(" ,")
        after_start = phrase_end + 1 if text[phrase_end : phrase_end + 1] == "," else phrase_end
        parts = [(start, start + len(before))] if before else []
        if after_start < end:
            parts.append((after_start, end))
        parts = [(s, e) for s, e in parts if text[s:e].strip(" .")]
        if parts and _has_words(" ".join(text[s:e] for s, e in parts), 3):
            draft = _with_phrase(
                _Draft(start, end, parts, "reported"), phrase, phrase_start, index, names_only=True
            )
            if _has_speaker(context, draft):
                return draft
    for verb_at, verb_end in verbs:
        before = text[start:verb_at]
        trimmed = before.rstrip()
        if trimmed.endswith(","):
            # Inverted: "…, said François Heisbourg, a French defense analyst."
            content_end = start + len(trimmed.rstrip(","))
            phrase_start = verb_end + 1
            phrase = _until_comma(text, phrase_start, end)
            if _is_inverted(text, phrase_start + len(phrase), end, phrase) and (
                _has_words(text[start:content_end], 3)
            ):
                draft = _Draft(start, end, [(start, content_end)], "reported")
                draft.cue_at = phrase_start
                _with_phrase(draft, phrase, phrase_start, index, names_only=True)
                if _has_speaker(context, draft):
                    return draft
            if not _subject_ends_at(context, trimmed, start):
                continue
        elif not _subject_ends_at(context, trimmed, start):
            continue
        content_start = _content_start(text, verb_end, end, text[verb_at] == "t")
        if not _has_words(text[content_start:end], 3):
            continue
        # The subject ends in a word, so the phrase is not blank.
        speaker = _speaker_of(context, before, start, verb_at)
        if speaker is not None:
            draft = _Draft(start, end, [(content_start, end)], "reported", before, start, verb_at)
            draft.paragraph = index
            if speaker.cue == "named":
                draft.named = speaker
            return draft
    return None


def _has_speaker(context: _Context, draft: _Draft) -> bool:
    """Whether a reported sentence names its speaker; one found by name is kept."""
    speaker = _resolve(context, draft)
    if speaker is not None and speaker.cue == "named":
        draft.named = speaker
    return speaker is not None


def _is_inverted(text: str, phrase_end: int, end: int, phrase: str) -> bool:
    """Whether words after a verb are its speaker ("said François Heisbourg, a French…")."""
    if not phrase.strip()[:1].isupper() or _has_words(phrase, 7):
        return False
    rest = text[phrase_end:end].lstrip(",— ")
    return not rest or not rest[:1].isupper()


def _with_phrase(
    draft: _Draft, phrase: str, phrase_start: int, index: int, *, names_only: bool = False
) -> _Draft:
    draft.phrase, draft.phrase_start, draft.paragraph = phrase, phrase_start, index
    draft.names_only = names_only
    if draft.cue_at < 0:
        draft.cue_at = phrase_start
    return draft


def _until_comma(text: str, start: int, end: int) -> str:
    cut = _PHRASE_END.search(text, start, end)
    return text[start : cut.start() if cut else end]


def _subject_ends_at(context: _Context, before: str, offset: int) -> bool:
    """Whether the words before a verb (right-stripped) end with its subject, so the verb is a
    verb here."""
    # Words are taken from the end: a sentence's first words rarely matter.
    rest = before
    while rest:
        pieces = rest.rsplit(None, 1)
        last = pieces[-1]
        if last.lower() not in _SKIPPED_BEFORE_VERB:
            break
        rest = pieces[0] if len(pieces) == 2 else ""
    else:
        return False
    bare = last.lower().strip("’'")
    if last.endswith(",") or bare in _PRONOUNS or bare in _ROLE_NOUNS:
        return True
    last_end = offset + len(rest)
    for i in context.mentions_in(offset, last_end):
        if context.ends[i] >= last_end - 2:  # a possessive or stop may follow the name
            return not context.demonyms[i]
    return last[:1].isupper() and bare not in _GENERIC_WORDS


def _content_start(text: str, after_verb: int, end: int, tell: bool) -> int:
    """Where reported words begin after their verb: after "that" when it comes soon (a little
    later after tell/told, which name the listener first)."""
    window = text[after_verb:end]
    that = _THAT.search(window)
    if that is not None and not _has_words(window[: that.start()], 7 if tell else 6):
        return after_verb + that.end() + 1
    return after_verb + (len(window) - len(window.lstrip()))


def find_quotes(
    articles: Iterable[Article],
    mentions: CorpusMentions,
    gazetteer: Gazetteer,
) -> list[Quote]:
    """Every quote of a corpus, sorted by article date (undated last), then by position."""
    # Sorted by article, each article's quotes being in text order already: a key kept per
    # quote would make the collector sweep the whole heap more often.
    dated: list[tuple[tuple[int, str, str], list[Quote]]] = []
    for article in articles:
        quotes = _article_quotes(article, mentions.columns(article.id), gazetteer)
        if quotes:
            dated.append(((0 if article.date else 1, article.date or "", article.id), quotes))
    dated.sort(key=lambda item: item[0])
    found: list[Quote] = []
    for _, group in groupby(dated, key=itemgetter(0)):
        runs = [quotes for _, quotes in group]
        if len(runs) == 1:
            found += runs[0]
        else:
            # Articles sharing an id and a date: their quotes are merged by position.
            found += sorted((q for quotes in runs for q in quotes), key=lambda q: q.start)
    return found


def filter_quotes(
    quotes: Iterable[Quote],
    *,
    speaker_ids: Iterable[str] | None = None,
    speaker_name: str | None = None,
    words: str = "",
    attributed_only: bool = False,
) -> list[Quote]:
    """The quotes by any of some speakers (ids, or a name as written) holding all the words."""
    wanted_ids = set(speaker_ids) if speaker_ids is not None else None
    wanted_name = alias_key(speaker_name) if speaker_name else None
    needles = [alias_key(w) for w in words.split()]
    chosen: list[Quote] = []
    for quote in quotes:
        if attributed_only and not quote.attributed:
            continue
        if wanted_ids is not None or wanted_name is not None:
            by_id = wanted_ids is not None and quote.speaker_id in wanted_ids
            by_name = (
                wanted_name is not None
                and quote.speaker is not None
                and alias_key(quote.speaker) == wanted_name
            )
            if not (by_id or by_name):
                continue
        if needles:
            haystack = alias_key(quote.text)
            if not all(n in haystack for n in needles):
                continue
        chosen.append(quote)
    return chosen


def quote_to_dict(quote: Quote, article: Article) -> dict[str, object]:
    """A quote as plain data for JSON: speaker, words, kind, its article and offsets."""
    return {
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "quote": quote.text,
        "kind": quote.kind,
        "article": {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "date": article.date,
            "url": article.url,
            "paths": list(article.paths),
        },
        "start": quote.start,
        "end": quote.end,
    }
