"""Who a phrase names: a configured person (name, alias or title), a person the text introduces
("Ziaul Haq Sarhadi, senior vice president of ..."), or nobody we may quote (an unnamed
official, a ministry)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from feeds.config import Config, Person
from feeds.names import fold, party_pattern, phrase_pattern
from feeds.nocase import NoCase

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|posted|stated|states|noted|notes|declared|"
    r"announced|announces|warned|warns|insisted|insists|asked|urged|urges|explained|argued|"
    r"claimed|claims|confirmed|stressed|remarked|replied|recalled|commented|tweeted|continued|"
    r"maintained|acknowledged|admitted|conceded|emphasi[sz]ed|pointed out|went on|described|"
    r"describing|saying|adding|telling|writing|reiterated|underlined|observed|assured|vowed|"
    r"cautioned|lamented|complained|welcomed|thanked|accused|demanded|responded|answered|"
    r"called|calls|calling"
)
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")

# Words that precede a name as its office; kept as the role, dropped from the name.
_TITLE_WORDS = frozenset(
    """mr mrs ms dr prof lt gen general col colonel maj major capt captain sgt admiral adm brig
    brigadier field marshal president vice prime minister deputy foreign defence defense interior
    information finance commerce trade home secretary spokesman spokesperson spokeswoman ambassador
    envoy special representative chief commissioner governor senator sen mayor king queen prince
    chairman chairwoman chair director head commander judge justice speaker senior acting
    assistant officer consul federal provincial state minister's premier leader chancellor
    national security adviser advisor army air naval police intelligence""".split()
)
# Titles that are a rank or a courtesy, not an office.
_RANKS = frozenset(
    """mr mrs ms dr prof lt gen general col colonel maj major capt captain sgt admiral adm brig
    brigadier field marshal sen senator""".split()
)
# Words that make a capitalised run an organisation, a place or a thing rather than a person.
_NOT_A_PERSON = frozenset(
    """office ministry department council committee commission chamber commerce industry bank
    party government army police forces force agency news times post press wire radio tv
    television network university institute foundation association union organisation
    organization corporation company group front movement province district gate border
    crossing road river street airport port stadium hotel palace house islamic emirate republic
    kingdom state states nations assembly parliament senate cabinet court secretariat directorate
    bureau service services command corps brigade division regiment authority board federation
    league club cup series capital north south east west middle gulf monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december the a an in on of and but while after before as at by for from
    with his her their its this that these those it he she they we i you our your there here
    when where what who why how if then so also meanwhile however earlier later""".split()
)
_CONNECTORS = r"(?:bin|ibn|al|ul|ud|de|da|del|van|von|der|el|le|la|abu|bint)"
_NAME_WORD = (
    r"(?:(?:[A-Z]['’])?[A-Z][a-z'’]*[a-z](?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z'’]+)*|[A-Z]\.|[A-Z][a-z]?)"
)
# "(?=[A-Z])": every name word starts with a capital; the look-ahead lets most places fail
# before the look-behind is tried (a sentence is scanned in half the time).
NAME_RUN = re.compile(
    rf"(?=[A-Z])(?<![\w’'-])(?:{_NAME_WORD})(?:[ \u00a0](?:{_CONNECTORS}[ \u00a0-])?(?:{_NAME_WORD}))*"
)
_ROLE_NOUN = NoCase(
    r"\bthe (?:(?:\w+|\w+'s) )?(minister|spokesman|spokesperson|spokeswoman|president|premier|"
    r"envoy|ambassador|chief|commissioner|governor|general|commander|chairman|secretary|leader|"
    r"official)\b"
)
# "he said", "she said", and "..., who said" after the person it refers to
_PRONOUN = re.compile(r"^(?:he|she|who)$", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str = ""
    known: bool = False  # a person from the config


class People:
    """Speaker identification for one config."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def _by_name(self) -> list[tuple[re.Pattern[str], Person]]:
        return [(phrase_pattern(p.names, case_sensitive=True), p) for p in self.config.people]

    @cached_property
    def _by_title(self) -> list[tuple[re.Pattern[str], Person]]:
        return [(phrase_pattern(p.titles), p) for p in self.config.people if p.titles]

    @cached_property
    def _situation_words(self) -> re.Pattern[str]:
        c = self.config
        words = [*c.situation.keywords, *(n for x in c.crossings for n in x.names)]
        words += [n for v in (*c.talks.venues, *c.talks.mediators) for n in v.names]
        return phrase_pattern(words)

    @cached_property
    def _parties(self) -> list[re.Pattern[str]]:
        talks = self.config.talks
        return [party_pattern(p, talks.aliases_of(p)) for p in talks.parties]

    def configured(self, phrase: str) -> Speaker | None:
        """A configured person named or titled in the phrase (the one nearest its end)."""
        best: tuple[int, Person] | None = None
        for pattern, person in self._by_name:
            for match in pattern.finditer(phrase):
                if best is None or match.end() > best[0]:
                    best = (match.end(), person)
        if best is None:
            for pattern, person in self._by_title:
                match = pattern.search(phrase)
                if match and not self._other_side(phrase[: match.start()], person):
                    best = (match.end(), person)
        if best is None:
            return None
        person = best[1]
        return Speaker(person.name, person.role, known=True)

    def _other_side(self, before: str, person: Person) -> bool:
        """ "Azerbaijan's foreign minister" is not Armenia's Foreign Minister."""
        if not person.side:
            return False
        tail = before[-40:]
        for party, pattern in zip(self.config.talks.parties, self._parties, strict=False):
            if fold(party) != fold(person.side) and pattern.search(tail):
                return True
        return False

    def introduced(self, phrase: str) -> Speaker | None:
        """A person the text names in the phrase: two or more name words, not an organisation."""
        for match in reversed(list(NAME_RUN.finditer(phrase))):
            speaker = self._as_person(match.group(0), phrase, match)
            if speaker:
                return speaker
        return None

    def _as_person(self, run: str, phrase: str, match: re.Match[str]) -> Speaker | None:
        words = run.split()
        cut = _office_end(words)
        titles, words = words[:cut], words[cut:]
        if len(words) < 2 or any(w.lower().strip(".'’") in _NOT_A_PERSON for w in words):
            return None
        name = " ".join(words)
        if self._situation_words.search(name) or any(p.search(name) for p in self._parties):
            return None
        preceding = _preceding_role(phrase[: match.start()])
        if preceding and all(t.lower().rstrip(".") in _RANKS for t in titles):
            titles = []  # "Army spokesman Lt Gen X": the office, not the rank, is the role
        role = " ".join(titles) or _appositive(phrase[match.end() :]) or preceding
        return Speaker(name, role)

    def identify(self, phrase: str) -> Speaker | None:
        """The person a subject phrase names, or None (unnamed, an institution, nobody)."""
        phrase = phrase.strip(" ,;:—–-")
        return self.configured(phrase) or self.introduced(phrase)

    def mentions(self, sentence: str) -> list[tuple[int, Speaker]]:
        """Every person named in a sentence, with their position (for resolving "he said")."""
        found: list[tuple[int, Speaker]] = []
        for pattern, person in self._by_name:
            found += [
                (m.start(), Speaker(person.name, person.role, True))
                for m in pattern.finditer(sentence)
            ]
        for match in NAME_RUN.finditer(sentence):
            speaker = self._as_person(match.group(0), sentence, match)
            if speaker and not any(
                start <= match.start() < start + 60
                for start, s in found
                if s.name.endswith(speaker.name.split()[-1])
            ):
                found.append((match.start(), speaker))
        for match in _ROLE_NOUN.finditer(sentence):
            found.append((match.start(), Speaker("", match.group(1).lower())))
        return sorted(found, key=lambda f: f[0])


def _office_end(words: list[str]) -> int:
    """How many of a capitalised run's first words are an office: the leading title words
    ("Foreign Minister Amir Khan Muttaqi"), or everything up to the last title word that two
    name words still follow, with the adjectives before it ("Afghan Foreign Minister Amir Khan
    Muttaqi", "Turkish Foreign Minister Hakan Fidan"; "John Major" keeps its surname)."""
    titled = [w.lower().rstrip(".") in _TITLE_WORDS for w in words]
    leading = next((i for i, t in enumerate(titled) if not t), len(words))
    last = max((i + 1 for i, t in enumerate(titled) if t and len(words) - i - 1 >= 2), default=0)
    return max(leading, last)


def is_title_word(word: str) -> bool:
    """ "spokesman", "minister": a word of an office, written before a name."""
    return word.lower().strip(".") in _TITLE_WORDS


def is_pronoun(phrase: str) -> bool:
    return bool(_PRONOUN.match(phrase.strip(" ,")))


def role_noun(phrase: str) -> str | None:
    """ "the minister" -> "minister": a reference back to someone already named."""
    match = _ROLE_NOUN.search(phrase)
    if match and len(phrase.split()) <= 4:
        return match.group(1).lower()
    return None


def _appositive(after: str) -> str:
    """ ", senior vice president of the X," or ", Pakistan's interior minister," right after a
    name; not a clause that goes on with the sentence (", adding that ...", ", who runs ...")."""
    match = re.match(r",\s*((?:the\s+|[A-Z][\w-]*['’]s\s+)?[a-z][^,;“”\"]{2,120}?)(?:,|$)", after)
    if not match or _CLAUSE.match(match.group(1)):
        return ""
    return match.group(1).strip()


# A participle taking an object or a clause ("adding that", "noting the", "calling for"),
# a relative pronoun or a conjunction: what follows goes on with the sentence. A participle
# before a noun stays a role ("acting head", "outgoing president").
_CLAUSE = re.compile(
    r"(?:\w+ing\s+(?:that|the|a|an|it|this|these|those|his|her|its|their|to|for|of|on|in|"
    r"with|about|as|how|what|why|whether)\b"
    r"|(?:who|whom|whose|which|while|when|as|after|before|but|and|because|although|though|"
    rf"since|if|according|{SPEECH_VERBS})\b)"
)


def _preceding_role(before: str) -> str:
    """ "information and culture chief Qureshi Badloon", "the acting commerce minister,
    Nooruddin Azizi,", "UNHCR spokesperson Babar Baloch": the words of an office before the
    name (lower-case, after at most a few capitalised ones)."""
    match = re.search(
        r"(?<![\w'’-])((?:[A-Z][\w'’]+'s\s+)?"
        r"(?:[A-Z][\w.&-]*\s+(?:(?:of|and|for|the|[A-Z][\w.&-]*)\s+){0,4})?(?:[a-z][\w-]*\s+){0,5}"
        r"[a-z][\w-]*),?\s+$",
        before,
    )
    if not match:
        return ""
    role = re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip())
    return (
        role
        if re.search(
            r"\b(?:chief|head|minister|spokes\w+|president|commissioner|director|leader|official|envoy|ambassador|commander|governor|secretary|chairman|mayor)\b",
            role,
        )
        else ""
    )
