"""How much an item is about the situation, and whether it is related at all.

A term counts once however often it appears, weighted by what it is (a crossing or a configured
person says more than a generic keyword) and by where it stands (title, then lead paragraph).
An item is related only when the score passes a threshold *and* the situation's anchor terms
(its parties, crossings, people) are in focus: two parties together, or a crossing or person, with
at least one of them in the title or lead. So a story about something else that mentions one
party in passing is not related, however many generic keywords it shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from feeds.config import Config
from feeds.names import hint_text, party_hints, party_pattern, phrase_hints, phrase_pattern

THRESHOLD = 4.0
_WEIGHTS = {"crossing": 3.0, "person": 3.0, "party": 1.5, "keyword": 1.0, "venue": 0.5}
_PLACE_FACTOR = {"title": 2.0, "lead": 1.5, "body": 1.0}
_EXCLUDE_PENALTY = 3.0


@dataclass(frozen=True)
class Term:
    label: str
    kind: str
    pattern: re.Pattern[str]
    hints: tuple[str, ...]  # the pattern cannot match unless the lowered text holds one


@dataclass(frozen=True)
class Relevance:
    score: float
    related: bool


class RelevanceModel:
    """Scores items against one config's situation."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def terms(self) -> tuple[Term, ...]:
        c = self.config
        terms = [
            Term(p, "party", party_pattern(p, aliases), party_hints(p, aliases))
            for p, aliases in ((p, c.talks.aliases_of(p)) for p in c.talks.parties)
        ]
        terms += [_phrase_term(x.name, "crossing", x.names) for x in c.crossings]
        terms += [_phrase_term(p.name, "person", p.names, case_sensitive=True) for p in c.people]
        terms += [_phrase_term(v.name, "venue", v.names) for v in c.talks.venues]
        known = {t.label.casefold() for t in terms}
        terms += [
            _phrase_term(k, "keyword", [k])
            for k in c.situation.keywords
            if k.casefold() not in known
        ]
        return tuple(terms)

    @cached_property
    def exclude(self) -> re.Pattern[str] | None:
        words = self.config.situation.exclude
        return phrase_pattern(words) if words else None

    def score(self, title: str, text: str) -> Relevance:
        lead, _, body = text.partition("\n\n")
        places = {"title": title, "lead": lead, "body": body}
        lowered = hint_text(f"{title}\n{text}")
        total = 0.0
        focus: dict[str, set[str]] = {"anchor": set(), "in_focus": set(), "substance": set()}
        for term in self.terms:
            if not any(hint in lowered for hint in term.hints):
                continue  # none of its words anywhere: no need to try the pattern
            where = _first_place(term.pattern, places)
            if where is None:
                continue
            total += _WEIGHTS[term.kind] * _PLACE_FACTOR[where]
            if term.kind != "party" and not self._names_a_party(term.label):
                focus["substance"].add(term.label)
            if term.kind in ("party", "crossing", "person"):
                focus["anchor"].add(term.kind if term.kind != "party" else "party:" + term.label)
                if where != "body":
                    focus["in_focus"].add(term.label)
        total -= self._exclusion(places)
        return Relevance(round(total, 2), total >= THRESHOLD and self._anchored(focus))

    def _exclusion(self, places: dict[str, str]) -> float:
        if self.exclude is None:
            return 0.0
        if self.exclude.search(places["title"]):
            return 100.0
        return _EXCLUDE_PENALTY * len(set(self.exclude.findall(places["lead"] + places["body"])))

    def _anchored(self, focus: dict[str, set[str]]) -> bool:
        anchors = focus["anchor"]
        if not any(t.kind in ("party", "crossing", "person") for t in self.terms):
            return True  # nothing to anchor on: the score alone decides
        parties = {a for a in anchors if a.startswith("party:")}
        specific = anchors - parties
        enough = (
            len(parties) >= 2 or bool(specific) or len(parties) >= len(self.config.talks.parties)
        )
        # The parties alone (a match between their teams, a joint polio report) are not the
        # situation: something of its substance must be there too — a crossing, a person, a
        # venue or a keyword other than the parties' own names.
        return enough and bool(focus["in_focus"]) and bool(focus["substance"])

    def _names_a_party(self, label: str) -> bool:
        return any(t.pattern.fullmatch(label) for t in self.terms if t.kind == "party")


def _phrase_term(label: str, kind: str, names, case_sensitive: bool = False) -> Term:
    names = tuple(names)
    return Term(
        label, kind, phrase_pattern(names, case_sensitive=case_sensitive), phrase_hints(names)
    )


def _first_place(pattern: re.Pattern[str], places: dict[str, str]) -> str | None:
    for where, text in places.items():
        if text and pattern.search(text):
            return where
    return None
