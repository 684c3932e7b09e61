"""The status of every crossing over time, from what the related items say about it.

Each sentence that names a crossing (or speaks of all of them, or of "the crossing" just named)
and says something about its status becomes an observation dated when the thing happened. The
observations, in event order, become a history of changes. A report of a continuing state that
disagrees with the current status does not overturn a more specific report (a business story
saying "the crossing remained shut" does not undo a reported returnee-only opening); it marks the
crossing as conflicting instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from feeds.config import Config
from feeds.dates import DateMention
from feeds.names import party_pattern, phrase_pattern
from feeds.nocase import NoCase
from feeds.reading import Article
from feeds.sentence_refs import evidence_sentence
from feeds.sentences import evidence_span
from feeds.status_words import CLOSED, EXCEPTING, OPEN, PARTIAL, StatusCue, status_cues

_ALL_CROSSINGS = NoCase(
    r"\b(?:all|every|each|both|the|its|their|main|major|other|two|border|land)\s+(?:\w+\s+){0,2}?"
    r"(?:crossings|crossing points|border points|entry points|gateways|trade routes)\b"
)
# "the border" speaks of every crossing only when the sentence names none in particular.
_THE_BORDER = NoCase(
    r"\b(?:the|its|their)\s+(?:\w+\s+)?(?:border|frontier)\b"
    r"(?!\s+(?:post|town|district|area|region|police|forces|force|village|clashes|security|areas))"
)
_DEFINITE = NoCase(
    r"\b(?:the|this|that) (?:border )?(?:crossing|gate|terminal|crossing point)\b(?!s)"
)
_DISCOVER = re.compile(
    r"\b[Tt]he ((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+) (?:border )?(?:crossing|gate|crossing point)\b(?!s)"
)
_SPECIFIC, _CONTEXT, _ALL = 2, 2, 0


@dataclass(frozen=True, slots=True)
class Observation:
    crossing: str
    status: str
    change: bool
    restricted: bool
    when: date
    order: tuple[int, int]
    specificity: int
    article: Article
    sentence: str | int  # int: its number in the item (feeds/sentence_refs.py)
    exclude: tuple[str, ...] = ()  # for EVERY: crossings the same sentence named itself
    vague: bool = False  # dated only roughly ("since early October")


EVERY = "*"  # an observation about all the situation's crossings ("all crossings remained shut")


def discovered_in(art: Article, config: Config) -> list[str]:
    """Crossings this item names plainly ("the Sadakhlo crossing") that the config does not know."""
    known = [phrase_pattern(c.names) for c in config.crossings]
    talks = config.talks
    blocked = [party_pattern(p, talks.aliases_of(p)) for p in talks.parties] + known
    names = {m.group(1) for m in _DISCOVER.finditer(art.text)}
    return sorted(n for n in names if not any(b.search(n) for b in blocked))


def accepted_crossings(config: Config, discovered: Iterable[Iterable[str]]) -> list[str]:
    """The config's crossings, then those the text names plainly in more than one item."""
    counts = Counter(name for names in discovered for name in set(names))
    return [c.name for c in config.crossings] + sorted(n for n, k in counts.items() if k >= 2)


def item_crossings(config: Config, discovered: list[str]) -> dict[str, re.Pattern[str]]:
    """The crossings to look for in an item: the config's and those it names plainly
    (`discovered`: discovered_in)."""
    patterns = {c.name: phrase_pattern(c.names) for c in config.crossings}
    patterns.update({name: phrase_pattern([name]) for name in discovered})
    return patterns


def observations(art: Article, crossings: dict[str, re.Pattern[str]]) -> list[Observation]:
    """Every dated status statement about a crossing in one item: the first of each crossing,
    day and status (a timeline reads no more of an item than that; a sentence of hundreds of
    names and status words, in a hostile feed, made one for every pair of them: 87 MB of
    readings from 100 KB of text)."""
    first: dict[tuple, Observation] = {}
    context: str | None = None
    for number, sentence in enumerate(art.sentences):
        text = sentence.text
        named = [(m.start(), name) for name, p in crossings.items() for m in p.finditer(text)]
        targets = _targets(text, named, context)
        if named:
            context = sorted(named)[-1][1]
        if not targets:
            continue
        cues = status_cues(text)
        if not cues:
            continue
        dates = art.dates(text)
        exclude = tuple(sorted({name for _, name in named}))
        found: list[Observation] = []
        for crossing, at, specificity in targets:
            if crossing != EVERY and _excepted(text, at, crossings[crossing]):
                continue  # "all crossings except Torkham remain closed" says nothing of Torkham
            cue = _nearest_cue(cues, at, text)
            skip = exclude if crossing == EVERY else ()
            for when, status, change, vague in _when(cue, dates, art.reference, text, cues):
                found.append(
                    Observation(
                        crossing,
                        status,
                        change,
                        cue.restricted and status == cue.status,
                        when,
                        (number, cue.at),
                        specificity + change + (status == PARTIAL),
                        art,
                        _evidence(text, cue),
                        skip,
                        vague,
                    )
                )
            others = [pos for pos, name in named if name != crossing]
            found += _second_cues(
                art, crossing, at, specificity, cues, cue, dates, number, text, skip, others
            )
        for obs in found:
            key = (obs.crossing, obs.exclude, obs.when, obs.status)
            kept = first.get(key)
            if kept is None or obs.order < kept.order:
                first[key] = obs
    return list(first.values())


# "except Torkham", "apart from Chaman": a crossing set apart from what the sentence says of
# the others; it speaks for itself only in a clause of its own (", which reopened on Friday").
_EXCEPT_BEFORE = re.compile(rf"\b(?:{EXCEPTING}|but not)\s+(?:the\s+)?$", re.IGNORECASE)
_OWN_CLAUSE = re.compile(r"(?:\s+(?:border|crossing|gate))?\s*,\s*(?:which|where|that)\b")


def _excepted(text: str, at: int, pattern: re.Pattern[str]) -> bool:
    if not _EXCEPT_BEFORE.search(text, max(0, at - 30), at):
        return False
    name = pattern.match(text, at)
    return not (name and _OWN_CLAUSE.match(text, name.end()))


def _evidence(sentence: str, cue: StatusCue) -> str:
    start, end = evidence_span(sentence, 0, len(sentence), cue.at, cue.end)
    return sentence[start:end].strip()  # the sentence itself, unless it is very long


def _targets(text, named, context) -> list[tuple[str, int, int]]:
    targets = [(name, at, _SPECIFIC) for at, name in named]
    if not named and context:
        definite = _DEFINITE.search(text)
        if definite:
            targets.append((context, definite.start(), _CONTEXT))
    general = _ALL_CROSSINGS.search(text) or (None if named else _THE_BORDER.search(text))
    if general:
        targets.append((EVERY, general.start(), _ALL))
    return targets


def _nearest_cue(cues: list[StatusCue], at: int, text: str = "") -> StatusCue:
    """The status word that belongs to a crossing: one that spans its name ("kept the X
    closed") or takes it as object ("reopened the X"), else the next one after it, else the
    last one before it."""
    for cue in cues:
        if cue.at <= at < cue.end or _OBJECT_GAP.fullmatch(text[cue.end : at]):
            return cue
    after = [c for c in cues if c.at >= at]
    return after[0] if after else cues[-1]


# Between a status word and the crossing it takes as object: a preposition or an article, or
# other names it takes too ("reopened Torkham and Chaman", "closed the Ghulam Khan, Angoor Adda
# and Kharlachi", "trade resumed through Chaman").
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:through|via|at|across)\s+)?(?:(?:the|its|their|a)\s+)?(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
    r"(?:\s+(?:border|crossing|gate)s?)?(?:\s*,\s*|\s+(?:and|or)\s+)(?:the\s+)?)*"
)


def _second_cues(
    art, crossing, at, specificity, cues, used, dates, number, text, skip, others
) -> list[Observation]:
    """ "opened ... then closed it again": later cues of the same subject in the same sentence;
    not one with a crossing of its own named before it ("..., but Angoor Adda stayed closed";
    `others`: where the sentence names other crossings)."""
    result = []
    for cue in cues:
        if any(used.end <= pos < cue.at for pos in others):
            continue
        between = text[used.end : cue.at + len(cue.text)]
        # "before closing it again", "before being closed again", "is closed again": it happened
        anew = _AGAIN_AFTER.match(text, cue.end) or cue.text.lower().endswith("again")
        if cue.at <= used.at or not (
            anew
            or re.search(
                r"\b(?:again|then|later|but|before|after|since|when|although|though|yet)\b",
                between,
            )
        ):
            continue
        own_date = any(cue.end <= d.at <= cue.end + 40 for d in dates)
        if re.search(r"\b(?:before|after|since|when)\b", between) and not (own_date or anew):
            continue  # "reopened ... weeks after it was shut": background, not a new change
        now = _PRESENT_BEFORE.search(text, max(0, cue.at - 25), cue.at + 1)
        for when, status, change, vague in _when(cue, dates, art.reference, text, cues, bool(now)):
            change = change or bool(anew)  # "is closed again": a state that says it changed
            result.append(
                Observation(
                    crossing,
                    status,
                    change,
                    cue.restricted,
                    when,
                    (number, cue.at),
                    specificity + change,
                    art,
                    _evidence(text, cue),
                    skip,
                    vague,
                )
            )
    return result


# "..., is closed again": the later status holds now, not on the earlier word's date.
_PRESENT_BEFORE = re.compile(r"\b(?:is|are|has|have|remains?|stays?|now)\b[^,.;]{0,15}$")
_AGAIN_AFTER = re.compile(r"(?:\s+(?:it|them|down|the \w+))*\s+again\b", re.IGNORECASE)


def _when(
    cue: StatusCue,
    dates: list[DateMention],
    reference: date,
    text: str,
    cues: list[StatusCue],
    now: bool = False,
) -> list[tuple[date, str, bool, bool]]:
    """When the status held or began, whether that is a change, and whether the date is only
    rough ("since early October"): the date nearest the status word. "since Oct 12" and
    "for the tenth day" date the start of the state whose word is nearest ("reopened on
    Saturday after staying closed for 26 days": the closure's); "reopened after 20 days" dates
    the closure before it. A vague date ("earlier this month") never dates a change."""
    usable = [d for d in dates if d.start <= reference]

    def owns(mention: DateMention) -> bool:
        return len(cues) == 1 or min(cues, key=lambda c: _distance(mention, c)) is cue

    starts = [d for d in usable if d.kind in _STARTS and owns(d)]
    found = [(d.start, cue.status, True, d.kind == "vague_since") for d in starts]
    if cue.status != CLOSED:
        found += [(d.start, CLOSED, True, False) for d in usable if d.kind == "prior_start"]
    points = [d for d in usable if d.kind in ("point", "range", "vague", "start")]
    # "X and Y remain shut, while Z reopened on Friday": Friday is Z's; "X, which reopened
    # last week, is closed again" (`now`: a later status in the present): the reopening's.
    if not cue.change or now:
        points = [d for d in points if owns(d)]
    if not points:
        return found + ([] if starts else [(reference, cue.status, cue.change, False)])
    nearest = min(points, key=lambda d: _distance(d, cue))
    if starts and not owns(nearest):
        return found  # the state's start is given; the sentence's date is another word's
    night = nearest.end and "night of" in text[max(0, nearest.at - 15) : nearest.at]
    when = nearest.end if night else nearest.start
    vague = nearest.kind == "vague"
    return found + [(when, cue.status, cue.change and not vague, vague)]


_STARTS = ("since", "vague_since", "implied_start")
# A state dated only roughly ("closed since early October") and a report of the day it began
# ("closed on October 12") within this many days are one: the precise day is its start.
_VAGUE_DAYS = 15


def _distance(mention: DateMention, cue: StatusCue) -> int:
    if mention.at >= cue.end:
        return mention.at - cue.end
    return (cue.at - mention.at) + 30  # a date before the status word is less likely its own


def timeline(crossing: str, found: list[Observation]) -> dict:
    """One crossing's status, since when, and the history of changes, with evidence."""
    ordered = sorted(found, key=lambda o: (o.when, o.article.published, o.order))
    history: list[Observation] = []
    current: Observation | None = None
    conflicting = False
    told: set[tuple[str, date, str]] = set()
    for obs in ordered:
        retold = (obs.article.key, obs.when, obs.status) in told  # one item saying it twice
        told.add((obs.article.key, obs.when, obs.status))
        if retold:
            continue
        if (
            current is not None
            and current.status == OPEN
            and obs.status == CLOSED
            and obs.restricted
        ):
            # "reopened on Monday, but pedestrians still cannot cross": open to some traffic only,
            # from the opening on when the same sentence says both
            if _same_sentence(obs, current):
                current = history[-1] = replace(current, status=PARTIAL, restricted=True)
                continue
            obs = replace(obs, status=PARTIAL, change=True)
        if (
            current is not None
            and current.status == CLOSED
            and current.restricted
            and obs.status == PARTIAL
            and _same_sentence(obs, current)
        ):
            # "closed to trade, although refugees are sent back through it": one report of a
            # crossing open to some traffic
            current = history[-1] = obs
            continue
        if (
            current is not None
            and current.vague
            and not obs.vague
            and obs.status == current.status
            and 0 <= (obs.when - current.when).days <= _VAGUE_DAYS
        ):
            current = history[-1] = obs  # "closed since early October", "closed on October 12"
            continue
        if current is None or _is_change(current, obs):
            if current is not None and not obs.change:
                conflicting = True
            history.append(obs)
            current = obs
        elif obs.status != current.status and not _compatible(current, obs):
            conflicting = True
    newest = max(found, key=lambda o: (o.article.reference, o.when), default=None)
    return _row(crossing, history, current, conflicting, newest)


def _same_sentence(a: Observation, b: Observation) -> bool:
    return a.article is b.article and a.order[0] == b.order[0]


def _is_change(current: Observation, obs: Observation) -> bool:
    if obs.status == current.status or _compatible(current, obs):
        return False
    if obs.change:
        return True
    # A continuing state that disagrees only wins when at least as specific as what it overturns.
    return obs.specificity >= current.specificity and obs.when > current.when


def _compatible(current: Observation, obs: Observation) -> bool:
    """ "Closed to goods" fits a crossing open only to returnees; it is not a contradiction."""
    return current.status == PARTIAL and obs.status == CLOSED and obs.restricted


def _row(crossing, history, current, conflicting, newest) -> dict:
    return {
        "crossing": crossing,
        "status": current.status if current else "unknown",
        "since": current.when.isoformat() if current else None,
        "as_of": newest.article.reference.isoformat() if newest else None,
        "conflicting": conflicting,
        "history": [
            {
                "date": o.when.isoformat(),
                "status": o.status,
                "guid": o.article.guid,
                "feed": o.article.feed,
                "link": o.article.link,
                "sentence": evidence_sentence(o.article.key, o.sentence),
            }
            for o in history
        ],
    }


def border_status_from(
    config: Config, found: list[Observation], crossings: list[str]
) -> list[dict]:
    """Every crossing's row, from all items' observations; "all crossings" reports are spread
    over every crossing the sentence did not name itself (the same object in each crossing's
    list: a timeline never asks an observation which crossing it is about)."""
    by_crossing: dict[str, list[Observation]] = {name: [] for name in crossings}
    for obs in found:
        if obs.crossing == EVERY:
            for name in crossings:
                if name not in obs.exclude:
                    by_crossing[name].append(obs)
        elif obs.crossing in by_crossing:
            by_crossing[obs.crossing].append(obs)
    configured = {c.name for c in config.crossings}
    return [timeline(name, obs) for name, obs in by_crossing.items() if obs or name in configured]


def border_status(config: Config, articles: list[Article]) -> list[dict]:
    """Every crossing's row for a list of items (no cache: for tests and small runs)."""
    found: list[Observation] = []
    discovered = []
    for art in articles:
        named = discovered_in(art, config)
        discovered.append(named)
        found += observations(art, item_crossings(config, named))
    return border_status_from(config, found, accepted_crossings(config, discovered))


__all__ = ["border_status", "CLOSED", "OPEN", "PARTIAL"]
