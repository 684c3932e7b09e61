"""Direct quotations and who said them, each with the item and sentence it comes from."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, partial

from feeds.dates import DateMention
from feeds.nocase import NoCase
from feeds.people import (
    SPEECH,
    SPEECH_VERBS,
    People,
    Speaker,
    is_pronoun,
    is_title_word,
    role_noun,
)
from feeds.quotes import QuoteSpan, find_quotes
from feeds.reading import Article
from feeds.sentences import evidence_span

_VERB_AFTER_QUOTE = re.compile(
    rf"^[\s,.;:!?—–-]*(?P<subject>[^“”\"]{{0,140}}?)\s*\b(?P<verb>{SPEECH_VERBS})\b"
)
_VERB_FIRST = re.compile(
    rf"^[\s,.;:!?—–-]*(?P<verb>{SPEECH_VERBS})\s+(?P<subject>[^.;“”\"]{{2,160}})"
)
# "“...” — Zabihullah Mujahid, Taliban spokesman": a dash after the quote, then who said it.
# The words after the dash open with the name or title ("— a charge Asif denies" is no
# attribution).
_DASH_AFTER_QUOTE = re.compile(
    r"^[ \t]*[—–][ \t]*(?!(?:A|An|That|This|These|Those|It|Which|What|Who|But|And)\b)"
    r"(?P<subject>[A-Z][^.;:!?“”\"\n]{1,120})"
)
_ACCORDING = re.compile(r"\baccording to ([^,;.“”\"]{2,120})", re.IGNORECASE)
_MAX_SUBJECT_WORDS = 22
_ATTRIBUTION_REACH = 600  # characters either side of a quote that may say who said it
_MAX_INTRO_WORDS = 6  # "Mujahid disagreed:", "Khawaja Asif hit back on Friday:"
_ON_BEHALF = NoCase(
    r"(?:an?|one|two|three|several|some|many)\b[^,]*?\b(?:for|to|of|close to|near)\b"
)


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str
    role: str
    quote: str
    date: date
    article: Article
    sentence: str | int  # int: its number in the item (feeds/sentence_refs.py)
    partial: bool
    known_speaker: bool
    pieces: tuple[str, ...] = ()
    also: tuple[Article, ...] = field(default=())


@dataclass
class _Attributed:
    span: QuoteSpan
    speaker: Speaker | None
    clause: str  # the attribution words outside the quote
    tail_end: int  # where the attribution after the quote ends (for joining split quotes)
    partial: bool
    pieces: tuple[str, ...] = ()


def statements_in(article: Article, people: People) -> list[Statement]:
    """Every attributable direct quotation in one item's body text."""
    text = article.text
    # Who is named where: needed only when an attribution refers back ("he said", "the
    # minister said"), so made the first time one does (it was 40% of reading quotes).
    timeline = cache(partial(_mention_timeline, article, people))
    attributed: list[_Attributed] = []
    for span in find_quotes(text):
        attributed.append(_attribute(article, span, people, timeline, attributed))
    return _assemble(article, _join_split(text, attributed), timeline)


def _mention_timeline(article: Article, people: People) -> list[tuple[int, Speaker]]:
    timeline: list[tuple[int, Speaker]] = []
    for sentence in article.sentences:
        outside = _blank_quotes(sentence.text)
        timeline += [(sentence.start + at, s) for at, s in people.mentions(outside)]
    return timeline


def _blank_quotes(text: str) -> str:
    """The sentence with quoted words blanked (same length), so names inside quotes don't count."""
    if '"' not in text and "“" not in text and "‘" not in text:
        return text
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def _attribute(article, span, people, timeline, earlier) -> _Attributed:
    text = article.text
    first = article.sentence_at(span.start)
    last = article.sentence_at(max(span.end - 1, span.start))
    # An attribution stands near its quote: a "sentence" of thousands of characters (a feed
    # that never ends one) is read only that near, or every quote would reread all before it.
    sentence_start = max(first.start if first else span.start, span.start - _ATTRIBUTION_REACH)
    sentence_end = max(last.end if last else span.end, span.end)
    head = text[sentence_start : span.start]
    tail = text[span.end : min(sentence_end, span.end + _ATTRIBUTION_REACH)]
    partial = _is_partial(span, head)
    tail_match = _VERB_AFTER_QUOTE.match(tail)
    if (
        tail_match
        and len(tail_match["subject"].split()) <= _MAX_SUBJECT_WORDS
        and not _is_aside(tail_match["subject"])
    ):
        speaker, clause = _from_tail(tail, tail_match, span.start, people, timeline)
        return _Attributed(span, speaker, clause, span.end + tail_match.end(), partial)
    dash = _DASH_AFTER_QUOTE.match(tail)
    if dash:
        speaker = _resolve(dash["subject"], span.start, people, timeline)
        if speaker:
            return _Attributed(span, speaker, dash.group(0), span.end + dash.end(), partial)
    for before in reversed(earlier):  # the last quote of the same sentence with a speaker
        if before.span.start < sentence_start:
            break
        if before.speaker:
            return _Attributed(span, before.speaker, before.clause, span.end, partial)
    speaker, clause = _from_head(head, span.start - len(head), people, timeline)
    return _Attributed(span, speaker, clause, span.end, partial)


def _is_aside(subject: str) -> bool:
    """Words between a quote and a later verb that are not an attribution ("and the minister")."""
    return bool(
        re.match(r"(?:and|but|or|because|while|as|which|that|if|when)\b", subject.strip(), re.I)
    )


def _from_tail(tail, match, quote_at, people, timeline) -> tuple[Speaker | None, str]:
    subject = match["subject"].strip()
    clause = match.group(0)
    if not subject:  # "said Smith", "said Anna Petrova, head of the freight union"
        after = _VERB_FIRST.match(tail)
        subject = after["subject"] if after else ""
        clause = after.group(0) if after else clause
    return _resolve(subject, quote_at, people, timeline), clause


def _from_head(head, head_at, people, timeline) -> tuple[Speaker | None, str]:
    """The speaker of a quote introduced in its own sentence: "X said that “...”"."""
    according = _ACCORDING.search(head)
    if according:
        return _resolve(according.group(1), head_at, people, timeline), according.group(0)
    verbs = list(SPEECH.finditer(_blank_quotes(head)))
    for verb in reversed(verbs):
        before = head[: verb.start()]
        pieces = re.split(r"[,;:]\s+|\s[—–]\s", before)
        if len(pieces) > 2 and not pieces[-1].strip():
            # "The spokesperson, Tahir Andrabi, told ...", "Andrabi, the spokesperson, told ...":
            # a subject set off by commas is read whole (name and office together).
            whole = before[before.rfind(pieces[-3]) :]
            speaker = _resolve(whole, head_at + verb.start(), people, timeline)
            if speaker:
                return speaker, head[len(before) - len(whole) :]
        subject = pieces[-1]
        if not subject.strip() and verb.group(0).endswith("ing"):
            # "Mujahid blamed Pakistan, saying its delegation “showed no interest”": the one
            # saying it is the subject of the clause before.
            speaker = _subject_of(before, people)
            if speaker:
                return speaker, head
        if subject.strip() and len(subject.split()) <= _MAX_SUBJECT_WORDS:
            return _resolve(subject, head_at + verb.start(), people, timeline), head[
                len(before) - len(subject) :
            ]
    # "Mujahid disagreed: “...”": a person, then any verb, then a colon introduces the quote.
    intro = re.search(r"(?:^|[.;,]\s+)([^.;,:]{3,80}):\s*$", head)
    if intro and len(intro.group(1).split()) <= _MAX_INTRO_WORDS:
        return _resolve(intro.group(1), head_at + intro.start(1), people, timeline), intro.group(1)
    return None, ""


def _subject_of(clause: str, people: People) -> Speaker | None:
    """The person a clause opens with ("Taliban spokesman Zabihullah Mujahid blamed ..."): its
    leading words in capitals and titles, up to the first other word (the verb: so not the
    object of "Asif blamed Mujahid", nor anyone after "Pakistan's envoy met")."""
    end = 0
    for word in re.finditer(r"[\w'’.-]+", clause):
        token = word.group(0)
        if not (token[:1].isupper() or is_title_word(token)):
            break
        end = word.end()
    return people.identify(clause[:end]) if end else None


def _resolve(subject: str, at: int, people: People, timeline) -> Speaker | None:
    """The speaker a subject names; `timeline()`: who the item names where."""
    subject = subject.strip(" ,;:—–-")
    if not subject:
        return None
    if is_pronoun(subject):
        return _last_named(timeline(), at)
    if _ON_BEHALF.match(subject):
        return None  # "a spokesman for X", "an aide to X": someone unnamed, not X
    found = people.identify(subject)
    if found:
        return found
    if _SURNAME.fullmatch(subject):  # "Achakzai said", after "Nafees Jan Achakzai, president of"
        return _last_with_surname(timeline(), at, subject)
    noun = role_noun(subject)
    # Anything else (an unnamed official, a ministry, "sources") is nobody we may quote.
    return _last_with_role(timeline(), at, noun) if noun else None


def _last_named(mentions, at: int) -> Speaker | None:
    """The person named last before a position; "the minister" style references count too."""
    before = _mentions_before(mentions, at)
    for index in range(len(before) - 1, -1, -1):
        pos, speaker = before[index]
        if speaker.name:
            return speaker
        resolved = _last_with_role(before[:index], pos, speaker.role)
        if resolved:
            return resolved
    return None


_SURNAME = re.compile(r"[A-Z][\w'’-]+")


def _last_with_surname(mentions, at: int, surname: str) -> Speaker | None:
    """The person named last before a position whose name ends with the surname."""
    for _, speaker in reversed(_mentions_before(mentions, at)):
        if speaker.name and _surname(speaker.name) == surname:
            return speaker
    return None


def _last_with_role(mentions, at: int, noun: str) -> Speaker | None:
    for _, speaker in reversed(_mentions_before(mentions, at)):
        if speaker.name and noun in speaker.role.lower():
            return speaker
    return None


_MENTIONS_BACK = 40  # how many mentions of people "he" or "the minister" may look back over


def _mentions_before(mentions, at: int) -> list:
    """The last _MENTIONS_BACK mentions before a position (`mentions` in text order): an
    item of thousands of "he said" looked back over every name before each."""
    end = bisect_left(mentions, at, key=_position)
    return mentions[max(0, end - _MENTIONS_BACK) : end]


def _position(mention: tuple[int, Speaker]) -> int:
    return mention[0]


def _is_partial(span: QuoteSpan, head: str) -> bool:
    """A phrase quoted inside a sentence of the writer's own, rather than a whole utterance."""
    starts_lower = span.text[:1].islower()
    inside = bool(head.strip()) and not head.rstrip().endswith((":", ",", "—"))
    return starts_lower or (inside and not span.text.rstrip().endswith((".", "!", "?", ",")))


def _join_split(text: str, attributed: list[_Attributed]) -> list[_Attributed]:
    """“X,” he said. “Y.” is one statement: a quote right after an attribution continues it."""
    joined: list[_Attributed] = []
    for item in attributed:
        previous = joined[-1] if joined else None
        if previous and previous.speaker and _continues(text, previous, item):
            merged = QuoteSpan(
                f"{_end_piece(previous.span.text, item.span.text)} {item.span.text}",
                previous.span.start,
                item.span.end,
            )
            pieces = (*(previous.pieces or (previous.span.text,)), item.span.text)
            joined[-1] = replace(previous, span=merged, tail_end=item.span.end, pieces=pieces)
            continue
        joined.append(item)
    return joined


def _continues(text: str, previous: _Attributed, item: _Attributed) -> bool:
    """The next quote carries on the previous one when only the rest of the attribution stands
    between them ("he wrote.", "Marren said after the signing."), not a new subject or clause."""
    between = text[previous.tail_end : item.span.start]
    words = re.findall(r"[\w'’-]+", between)
    sentences = re.split(r"[.!?]\s", between)
    new_sentence = sentences[-1] if len(sentences) > 1 else ""  # "said. Mujahid disagreed: “...”"
    return (
        previous.tail_end > previous.span.end
        and not re.search(r"\w", new_sentence)
        and "\n" not in between
        and len(words) <= 8
        and not SPEECH.search(_ASKED.sub("", between))  # "said when asked whether ...": his
        and not re.search(
            r"\b(?:he|she|they|it|we|i|that|who|which|adding|but|while)\b", between, re.I
        )
    )


_ASKED = re.compile(r"\b(?:when|after|if|as|before) (?:being )?asked\b", re.IGNORECASE)


def _end_piece(text: str, following: str) -> str:
    """The first piece of a split quote ends a sentence ("finalised," -> "finalised.") unless
    the next piece carries on in lower case ("ready," ... "but not at any price")."""
    text = text.rstrip()
    if following[:1].islower():
        return text
    return text[:-1] + "." if text.endswith(",") else text


def _assemble(article: Article, attributed: list[_Attributed], timeline) -> list[Statement]:
    statements = []
    said: set[tuple[str, str]] = set()  # the same words from the same speaker count once
    for item in attributed:
        words = item.span.text.strip().rstrip(",").strip()
        if (
            item.speaker is None
            or len(words.split()) < 2
            or _looks_like_a_name(words, item.partial)
        ):
            continue
        key = (item.speaker.name.casefold(), quote_words(words))
        if key in said:
            continue  # (the first is what a digest keeps: an item repeating it adds nothing)
        said.add(key)
        sentence_text = _evidence(article, item)
        statements.append(
            Statement(
                speaker=item.speaker.name,
                role=item.speaker.role,
                quote=words,
                date=_when(article, item, timeline),
                article=article,
                sentence=sentence_text,
                partial=item.partial,
                known_speaker=item.speaker.known,
                pieces=item.pieces,
            )
        )
    return statements


def quote_words(text: str) -> str:
    """A quote's words alone, to tell the same words quoted twice."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _looks_like_a_name(words: str, partial: bool) -> bool:
    """“Friendship Gate”, “Operation Swift Retort”: a name in quotes, not something said; and
    a headline's words in title case ("Minister: ‘Ceasefire Meaningless Without Peace’"),
    which put what someone said in the writer's words."""
    tokens = re.findall(r"[\w'’-]+", words)
    small = {"of", "the", "and", "for", "in", "on", "to", "de", "al", "a"}
    capitalised = [t for t in tokens if t not in small]
    if not tokens:
        return True  # marks and dashes, no words: nothing said
    if not tokens[0][:1].isupper() or not all(t[:1].isupper() for t in capitalised):
        return False
    headline = len(capitalised) >= 3 and not re.search(r"[.!?,;:]", words)
    return (partial and len(tokens) <= 6) or headline


def _evidence(article: Article, item: _Attributed) -> str:
    """The sentences the quote and its attribution stand in (of a very long one, the words
    near them: evidence_span)."""
    first = article.sentence_at(item.span.start)
    last = article.sentence_at(max(item.tail_end - 1, item.span.start))
    start = first.start if first else item.span.start
    end = last.end if last else item.tail_end
    start, end = evidence_span(article.text, start, end, item.span.start, item.tail_end)
    return re.sub(r"\s*\n\s*", " ", article.text[start:end]).strip()


def _when(article: Article, item: _Attributed, timeline) -> date:
    """When the words were said: the attribution's date, else the sentence's, else the day an
    earlier sentence of the paragraph, or (for "he said") the one that named the speaker, has
    somebody speak ("Speaking to reporters on Monday, Asif ..."), else the item's own date. A
    date of something else in those ("recalled the clashes of October 11-12") is not it."""
    sources = (
        (item.clause, False),
        (_evidence(article, item), False),
        (_paragraph_before(article, item.span.start), True),
        (_where_named_speaking(article, item, timeline), True),
    )
    for source, spoken_only in sources:
        text = _blank_quotes(source)
        past = [
            m
            for m in article.dates(text)
            if _usable(m, article) and (not spoken_only or _spoken_on(text, m))
        ]
        if past:
            return past[0].start
    return article.reference if article.reference <= article.published else article.published


def _spoken_on(text: str, mention: DateMention) -> bool:
    """Whether a date is the day of speaking: a word of speaking a few words before it ("told
    reporters on Monday", "spoke to Geo News late on Sunday") or its subject and verb right
    after it ("On Monday, Asif said"); not "recalled the clashes of October 11"."""
    before = text[max(0, mention.at - _SPOKEN_REACH) : mention.at]
    after = text[mention.at + len(mention.text) : mention.at + len(mention.text) + _SPOKEN_REACH]
    return bool(_SPEAKING_BEFORE.search(before) or _SPEAKER_AFTER.match(after))


_SPOKEN_REACH = 60


def _where_named_speaking(article: Article, item: _Attributed, timeline) -> str:
    """For a quote whose attribution names nobody ("he said", "the minister added"): the
    sentence that last named its speaker, when that sentence has them speaking ("Speaking to
    reporters on Monday, Asif accused Kabul ..."): its day is the day of the words. A sentence
    that names them doing something else dates that, not the quote."""
    if not item.speaker or not item.clause or _surname(item.speaker.name) in item.clause:
        return ""  # the attribution names the speaker itself
    for at, speaker in reversed(_mentions_before(timeline(), item.span.start)):
        if speaker.name == item.speaker.name:
            sentence = article.sentence_at(at)
            if sentence is None or not _SPEAKING.search(_blank_quotes(sentence.text)):
                return ""
            return sentence.text
    return ""


def _surname(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


_SPEAKING_WORDS = (
    rf"{SPEECH_VERBS}|speaking|spoke|interview|briefing|press conference|news conference|"
    r"address(?:ed|ing)?|statement"
)
_SPEAKING = re.compile(rf"\b(?:{_SPEAKING_WORDS})\b", re.IGNORECASE)
_SPEAKING_BEFORE = re.compile(
    rf"\b(?:{_SPEAKING_WORDS})\b(?:\s+(?!(?:of|about|over|since|against|during)\b)[\w'’-]+){{0,3}}"
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(rf"^,?\s+(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{_SPEAKING_WORDS})\b")


def _usable(mention: DateMention, article: Article) -> bool:
    return mention.kind in ("point", "range") and mention.start <= article.reference


def _paragraph_before(article: Article, offset: int) -> str:
    """The sentences before the one at `offset` in its paragraph, nearest first, as far back
    as an attribution reaches."""
    index = article.sentence_index(offset)
    if index is None:
        return ""
    sentences = article.sentences
    same: list[str] = []
    reach = _ATTRIBUTION_REACH
    while index > 0 and reach > 0 and sentences[index - 1].paragraph == sentences[index].paragraph:
        index -= 1
        same.append(sentences[index].text)
        reach -= len(same[-1])
    return " ".join(same)[: 2 * _ATTRIBUTION_REACH]
