"""The status of every crossing over time, from what the related items say about it.

Each sentence that names a crossing (or speaks of all of them, or of "the crossing" just named)
and says something about its status becomes an observation dated when the thing happened. The
observations, in event order, become a history of changes. A report of a continuing state that
disagrees with the current status does not overturn a more specific report (a business story
saying "Torkham remained shut" does not undo a reported returnee-only opening); it marks the
crossing as conflicting instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from feeds.config import Config
from feeds.dates import DateMention
from feeds.names import demonym_pattern, phrase_pattern
from feeds.reading import Article
from feeds.status_words import CLOSED, OPEN, PARTIAL, StatusCue, status_cues

_ALL_CROSSINGS = re.compile(
    r"\b(?:all|every|each|both|the|its|their|main|major|other|two|border|land)\s+(?:\w+\s+){0,2}?"
    r"(?:crossings|crossing points|border points|entry points|gateways|trade routes)\b",
    re.IGNORECASE,
)
# "the border" speaks of every crossing only when the sentence names none in particular.
_THE_BORDER = re.compile(
    r"\b(?:the|its|their)\s+(?:\w+\s+)?(?:border|frontier)\b"
    r"(?!\s+(?:post|town|district|area|region|police|forces|force|village|clashes|security|areas))",
    re.IGNORECASE,
)
_DEFINITE = re.compile(
    r"\b(?:the|this|that) (?:border )?(?:crossing|gate|terminal|crossing point)\b(?!s)",
    re.IGNORECASE,
)
_DISCOVER = re.compile(
    r"\b[Tt]he ((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+) (?:border )?(?:crossing|gate|crossing point)\b(?!s)"
)
_SPECIFIC, _CONTEXT, _ALL = 2, 2, 0


@dataclass(frozen=True)
class Observation:
    crossing: str
    status: str
    change: bool
    restricted: bool
    when: date
    order: tuple[int, int]
    specificity: int
    article: Article
    sentence: str


def crossing_names(config: Config, articles: list[Article]) -> dict[str, re.Pattern[str]]:
    """Configured crossings, plus those the text names plainly in more than one item."""
    patterns = {c.name: phrase_pattern(c.names) for c in config.crossings}
    blocked = [demonym_pattern(p) for p in config.talks.parties] + list(patterns.values())
    seen: Counter[str] = Counter()
    for art in articles:
        names = {m.group(1) for m in _DISCOVER.finditer(art.text)}
        seen.update(n for n in names if not any(b.search(n) for b in blocked))
    for name, count in seen.items():
        if count >= 2:
            patterns[name] = phrase_pattern([name])
    return patterns


def observations(art: Article, crossings: dict[str, re.Pattern[str]]) -> list[Observation]:
    """Every dated status statement about a crossing in one item."""
    found: list[Observation] = []
    context: str | None = None
    for number, sentence in enumerate(art.sentences):
        text = sentence.text
        named = [(m.start(), name) for name, p in crossings.items() for m in p.finditer(text)]
        targets = _targets(text, named, context, list(crossings))
        if named:
            context = sorted(named)[-1][1]
        cues = status_cues(text)
        if not cues or not targets:
            continue
        dates = art.dates(text)
        for crossing, at, specificity in targets:
            cue = _nearest_cue(cues, at)
            for when, status, change in _when(cue, dates, art.reference, text):
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
                        text,
                    )
                )
            found += _second_cues(art, crossing, at, specificity, cues, cue, dates, number, text)
    return found


def _targets(text, named, context, everything) -> list[tuple[str, int, int]]:
    targets = [(name, at, _SPECIFIC) for at, name in named]
    if not named and context:
        definite = _DEFINITE.search(text)
        if definite:
            targets.append((context, definite.start(), _CONTEXT))
    general = _ALL_CROSSINGS.search(text) or (None if named else _THE_BORDER.search(text))
    if general:
        mentioned = {name for name, _, _ in targets}
        targets += [(name, general.start(), _ALL) for name in everything if name not in mentioned]
    return targets


def _nearest_cue(cues: list[StatusCue], at: int) -> StatusCue:
    """The status word that belongs to a crossing: the next one after its name, else the last before."""
    after = [c for c in cues if c.at >= at]
    return after[0] if after else cues[-1]


def _second_cues(
    art, crossing, at, specificity, cues, used, dates, number, text
) -> list[Observation]:
    """ "opened ... then closed it again": later cues of the same subject in the same sentence."""
    result = []
    for cue in cues:
        if cue.at <= used.at or not re.search(
            r"\b(?:again|then|later|but|before|after|since|when)\b",
            text[used.end : cue.at + len(cue.text)],
        ):
            continue
        for when, status, change in _when(cue, dates, art.reference, text):
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
                    text,
                )
            )
    return result


def _when(
    cue: StatusCue, dates: list[DateMention], reference: date, text: str
) -> list[tuple[date, str, bool]]:
    """When the status held or began: the date nearest the status word. "since Oct 12" and
    "for the tenth day" date the start of the state; "reopened after 20 days" dates the closure
    before it. A vague date ("earlier this month") never dates a change."""
    usable = [d for d in dates if d.start <= reference]
    found = [(d.start, cue.status, True) for d in usable if d.kind in ("since", "implied_start")]
    if cue.status != CLOSED:
        found += [(d.start, CLOSED, True) for d in usable if d.kind == "prior_start"]
    points = [d for d in usable if d.kind in ("point", "range", "vague", "start")]
    if not points:
        own_start = any(d.kind in ("since", "implied_start") for d in usable)
        return found + ([] if own_start else [(reference, cue.status, cue.change)])
    nearest = min(points, key=lambda d: _distance(d, cue))
    night = nearest.end and "night of" in text[max(0, nearest.at - 15) : nearest.at]
    when = nearest.end if night else nearest.start
    return found + [(when, cue.status, cue.change and nearest.kind != "vague")]


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
        if current is None or _is_change(current, obs):
            if current is not None and not obs.change:
                conflicting = True
            history.append(obs)
            current = obs
        elif obs.status != current.status and not _compatible(current, obs):
            conflicting = True
    newest = max(found, key=lambda o: (o.article.reference, o.when), default=None)
    return _row(crossing, history, current, conflicting, newest)


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
                "sentence": o.sentence,
            }
            for o in history
        ],
    }


def border_status(config: Config, articles: list[Article]) -> list[dict]:
    """Every crossing's row for the export, in config order (then discovered ones)."""
    crossings = crossing_names(config, articles)
    found: dict[str, list[Observation]] = {name: [] for name in crossings}
    for art in articles:
        for obs in observations(art, crossings):
            found[obs.crossing].append(obs)
    return [
        timeline(name, obs)
        for name, obs in found.items()
        if obs or name in {c.name for c in config.crossings}
    ]


__all__ = ["border_status", "CLOSED", "OPEN", "PARTIAL"]
