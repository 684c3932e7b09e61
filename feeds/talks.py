"""Rounds of talks between the parties: where, when, who mediates, and how they stand.

Every clause that speaks of talks (talks, round, negotiations, the config's formats) at a venue
(named in it, or the venue the item is about when the clause says "the talks") becomes a
mention with its dates and status word. Mentions with firm start dates found rounds; the rest
join the round whose dates they fall in. A round's status is the one its newest dated mention
gives (a concluded or collapsed report beats an "ongoing" one of the same day).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, partial

from feeds.config import Config
from feeds.dates import DateMention
from feeds.listing import first_and_newest
from feeds.names import demonym_pattern, party_pattern, phrase_pattern
from feeds.nocase import NoCase
from feeds.reading import Article
from feeds.sentence_refs import evidence_sentence
from feeds.sentences import evidence_span
from feeds.talk_words import (
    CONCLUDED,
    ONGOING,
    SCHEDULED,
    TALK_WORDS,
    TERMINAL,
    StatusWord,
    date_role,
    is_future,
    moved_by_days,
    says_moved,
    status_rank,
    talk_status,
)

_CLAUSES = re.compile(r"[^,;:—–()]+(?:\([^)]*\))?[^,;:—–()]*")
_DEFINITE = NoCase(
    r"\b(?:the|this|that|both|its|their|next|previous|another|\w+'s) (?:\w+ ){0,2}?"
    r"(?:talks|round|meeting|negotiations|dialogue|discussions|delegations?|sides|process)\b"
)
_OTHER_PAIR = re.compile(
    r"\bbetween ([A-Z][\w-]+(?: [A-Z][\w-]+)?) and ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
)
_MEDIATION = NoCase(
    r"\b(?:mediat\w*|host\w*|facilitat\w*|broker\w*|auspices|participation|sponsor\w*)\b"
)
_JOIN_SLACK = 3
_MONTHS_AND_DAYS = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That"
).split()
ANY_VENUE = ""  # a mention of "the talks" in an item that names no venue
_NEW_ROUND_GAP = 7
_ANY_VENUE_REACH = 14  # "the talks" with no venue named: of a round at most this many days old


@dataclass(slots=True)
class Mention:
    venue: str
    start: date | None
    end: date | None
    point: date
    scheduled: bool
    status: str | None
    status_date: date
    mediators: AbstractSet[str]
    article: Article
    sentence: str | int  # int: its number in the item (feeds/sentence_refs.py)
    moved_from: date | None = None  # "postponed from Nov 6 to Nov 13": the day no longer meant


@dataclass
class Round:
    venue: str
    start: date
    end: date | None = None
    mentions: list[Mention] = field(default_factory=list)


class TalksReader:
    """Finds talk mentions in items for one config."""

    def __init__(self, config: Config) -> None:
        talks = config.talks
        self.venues = {v.name: phrase_pattern(v.names) for v in talks.venues}
        known = [*config.situation.keywords, *(n for m in talks.mediators for n in m.names)]
        known += [n for c in config.crossings for n in c.names] + [
            n for p in config.people for n in p.names
        ]
        self._not_a_place = phrase_pattern([*known, *_MONTHS_AND_DAYS], case_sensitive=False)
        # Each name and its adjectives ("Turkish" for Turkey): demonym_pattern holds the name too.
        self.mediators = {
            m.name: re.compile("|".join(demonym_pattern(n).pattern for n in m.names), re.I)
            for m in talks.mediators
        }
        self.parties = [party_pattern(p, talks.aliases_of(p)) for p in talks.parties]
        words = TALK_WORDS + "".join(f"|{re.escape(f)}" for f in talks.formats)
        self.talk_word = NoCase(rf"\b(?:{words})\b")
        self._place_after_talks = re.compile(
            rf"\b(?i:{words})\b[^.;,]{{0,40}}?\b(?:in|at) (?:the )?"
            r"([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
            r"(?!\s+(?:capital|city|town|port|side|border|government|officials?)\b)"
        )

    def mentions(self, art: Article) -> list[Mention]:
        context = cache(partial(self._context_venue, art))  # asked for by "the talks" only
        found = []
        said: set[tuple] = set()
        for sentence in art.sentences:
            if not self.talk_word.search(sentence.text) or self._other_parties(sentence.text):
                continue
            clauses = _CLAUSES.findall(sentence.text)
            # Mediators named anywhere in the sentence belong to its talks, unless the sentence
            # speaks of talks at two venues: then only those named in the same clause do.
            venues = {name for name, p in self.venues.items() if p.search(sentence.text)}
            shared = self._mediators(sentence.text) if len(venues) <= 1 else set()
            for clause in clauses:
                mention = self._mention(art, sentence.text, clause, context, shared)
                if mention and _says_new(mention, said):
                    found.append(mention)
        return found

    def _context_venue(self, art: Article) -> str | None:
        """The venue an item is about: the first one in its title, else in its first paragraph,
        leaving out venues named only for talks still to come ("will meet again in X")."""
        lead = art.text.split("\n\n", 1)[0]
        for text in (art.title, lead):
            present = " ".join(c for c in _CLAUSES.findall(text) if not is_future(c))
            hits = [
                (m.start(), name) for name, p in self.venues.items() for m in p.finditer(present)
            ]
            if hits:
                return min(hits)[1]
        return None

    def _other_parties(self, text: str) -> bool:
        """ "talks between Iran and the US": someone else's talks, not a round of this situation."""
        for pair in _OTHER_PAIR.finditer(text):
            if not any(p.search(pair.group(0)) for p in self.parties):
                return True
        return False

    def _mediators(self, text: str) -> set[str]:
        if not _MEDIATION.search(text):
            return set()
        return {name for name, pattern in self.mediators.items() if pattern.search(text)}

    def _mention(self, art, sentence, clause, context, shared) -> Mention | None:
        """The clause's mention of talks, if it makes one; `context()`: the venue the item is
        about, `shared`: the mediators its sentence names for all its clauses."""
        talk = self.talk_word.search(clause)
        if not talk:
            return None
        venue = self._venue_in(clause, talk.start())
        if venue is None:
            refers = _DEFINITE.search(clause) or any(p.search(clause) for p in self.parties)
            if not refers:
                return None
            # "the talks": the round under way then, wherever it is
            venue = context() or ANY_VENUE
        return self._dated(art, sentence, clause, venue, shared | self._mediators(clause))

    def _venue_in(self, clause: str, near: int) -> str | None:
        hits = [
            (abs(m.start() - near), name)
            for name, p in self.venues.items()
            for m in p.finditer(clause)
        ]
        if hits:
            return min(hits)[1]
        return self._named_place(clause)

    def _named_place(self, clause: str) -> str | None:
        """A venue the config does not know, named plainly next to the talks ("talks in Muscat"),
        when the parties are there too; not a party, its people, a mediator or a known keyword."""
        match = self._place_after_talks.search(clause)
        if not match or not any(p.search(clause) for p in self.parties):
            return None
        place = match.group(1)
        others = [*self.parties, *self.mediators.values()]  # "talks in the Qatari capital"
        if self._not_a_place.search(place) or any(p.search(place) for p in others):
            return None
        return place

    def _other_venue_at(self, sentence: str, at: int, venue: str) -> bool:
        """Whether the clause around `at` names a venue other than `venue`."""
        clause = next((c[0] for c in _CLAUSES.finditer(sentence) if c.start() <= at < c.end()), "")
        return any(p.search(clause) for name, p in self.venues.items() if name != venue)

    def _status_after(self, rest: str) -> StatusWord | None:
        """The status verb of talks whose clause an aside cuts off from it ("The Doha talks,
        which lasted 13 hours, ended with an agreement"; "Talks, mediated by Qatar, collapsed"):
        the strongest among later clauses that begin with the verb ("which ended on Friday"),
        past asides, up to a clause that names talks or says something else. `rest`: the
        sentence after the clause that names the talks."""
        found = []
        for later in _CLAUSES.findall(rest):
            if self.talk_word.search(later):
                break
            word = talk_status(later)
            ahead = _BEFORE_VERB.match(later)
            if word and ahead and ahead.end() == word.at:
                found.append(word)
            elif not _ASIDE.match(later):
                break
        return max(found, key=lambda w: status_rank(w.status), default=None)

    def _dated(self, art, sentence, clause, venue, mediators) -> Mention:
        offset = sentence.find(clause)
        everywhere = art.dates(sentence)
        own = [d for d in everywhere if offset <= d.at < offset + len(clause)]
        # A clause whose only date is when somebody spoke borrows the talks' date from its
        # sentence, not from a clause about talks elsewhere ("..., the second such round after
        # the Doha negotiations held on October 18-19").
        if all(date_role(sentence, d.at) == "said" for d in own):
            own = [d for d in everywhere if not self._other_venue_at(sentence, d.at, venue)]
        dates = own
        start, end, point, planned = _roles(sentence, dates, art.reference)
        # "Talks in Istanbul, set for Thursday, have been postponed by a week": put off to a day
        # still ahead is scheduled, whichever clause says so.
        ahead = (start or point) > art.reference
        scheduled = ahead and (is_future(clause) or says_moved(sentence))
        word = talk_status(clause) or self._status_after(sentence[offset + len(clause) :])
        status = SCHEDULED if scheduled else (word.status if word else None)
        if status in (CONCLUDED, ONGOING) and end is None and start and start > art.reference:
            status = SCHEDULED  # "talks begin Nov 6 in Istanbul", said on Oct 31
        when = end or point if status in TERMINAL else (start or point)
        shown_from, shown_to = evidence_span(
            sentence, 0, len(sentence), offset, offset + len(clause)
        )
        return Mention(
            venue,
            start,
            end,
            point,
            scheduled,
            status,
            min(when, art.reference) if not scheduled else art.reference,
            mediators,
            art,
            sentence[shown_from:shown_to].strip(),
            planned if start and planned and start != planned and says_moved(sentence) else None,
        )


def _says_new(mention: Mention, said: set[tuple]) -> bool:
    """Whether an item's mention says what none before it in the item said: a repeat adds
    nothing to the rounds (the first is their evidence), and a hostile item of thousands of
    "talks in X began on Monday" stored each with its sentence."""
    key = (
        mention.venue,
        mention.start,
        mention.end,
        mention.point,
        mention.scheduled,
        mention.status,
        mention.status_date,
        frozenset(mention.mediators),
        mention.moved_from,
    )
    if key in said:
        return False
    said.add(key)
    return True


# Clauses between talks and their verb: relative ("which lasted 13 hours") or participial
# ("mediated by Qatar", "held in Doha").
_ASIDE = re.compile(
    r"\s*(?:which|who|whose|where|when|(?:\w+ed|held|led|run)\s+(?:by|in|at|under|over|with)\b)",
    re.IGNORECASE,
)
# "talks between X and Y entered a third day": the count is the talks' own (not "trucks
# waited for a fifth day" in a sentence that goes on about talks).
_TALKS_JUST_BEFORE = NoCase(rf"\b(?:{TALK_WORDS})\b[^.;,]{{0,45}}$")
_BEFORE_VERB = re.compile(r"\s*(?:(?:and|but|then|which|that) )?(?:\w+ly )?", re.IGNORECASE)


def _roles(
    sentence: str, dates: list[DateMention], reference: date
) -> tuple[date | None, date | None, date, date | None]:
    """Start and end of the talks among a sentence's dates, the date the clause is about, and
    the date once planned for them ("originally set for November 6")."""
    start = end = planned = None
    for mention in dates:
        # "from Nov 6", "talks entered a third day on Monday": when the talks began (a length,
        # "continued for four days", says nothing of when)
        implied = mention.kind == "start" or (
            mention.kind == "implied_start"
            and mention.text.lower().endswith(("day", "week"))
            and _TALKS_JUST_BEFORE.search(sentence[max(0, mention.at - 60) : mention.at])
        )
        role = "start" if implied else date_role(sentence, mention.at)
        if mention.kind == "range" and role != "planned":
            start, end = mention.start, mention.end
        elif role == "start" and start is None:
            start = mention.start
        elif role == "end" and end is None:
            end = mention.start
        elif role == "planned":
            planned = planned or mention.start
        # a plain date is the point (below); a day somebody spoke on is none of the talks'
    shift = moved_by_days(sentence) if planned and start is None else None
    if shift:  # "originally set for November 6, postponed by a week"
        start = planned + timedelta(days=shift)
    plain = next(
        (d.start for d in dates if d.kind == "point" and date_role(sentence, d.at) == "point"), None
    )
    # (a mention whose only date is when somebody spoke is placed by the item's own day, and
    # founds no round on that day)
    return start, end, end or start or plain or reference, planned


def rounds_from(mentions: list[Mention]) -> list[Round]:
    """Groups mentions into rounds: one per venue and start date, the rest joined by date."""
    rounds = _Rounds()
    placed = [m for m in mentions if m.venue != ANY_VENUE]
    founding = sorted((m for m in placed if m.start), key=lambda m: m.start)
    for mention in founding:
        existing = rounds.near(mention.venue, mention.start, slack=2)
        if existing is None:
            rounds.add(mention.venue, mention.start)
    _follow_postponements(rounds, founding)
    # A dated report far from every known round at its venue is a round of its own.
    for mention in sorted((m for m in placed if not m.start), key=lambda m: m.point):
        if rounds.near(mention.venue, mention.point, slack=_NEW_ROUND_GAP) is None and (
            mention.point != mention.article.reference or mention.status in (ONGOING, *TERMINAL)
        ):
            rounds.add(mention.venue, mention.point)
    for mention in sorted(mentions, key=lambda m: (m.article.published, m.point)):
        target = rounds.near(mention.venue, mention.end or mention.point, slack=_JOIN_SLACK)
        # A report after a round's days belongs to the last round before it; at any venue
        # ("the talks" with none named) only one that says how the talks stand ("negotiators
        # agreed on Thursday"), not "the coming talks are a last chance".
        if target is None and not mention.start and (mention.venue or mention.status):
            target = rounds.latest_before(mention.venue, mention.point)
        if target is None:
            continue
        target.round.mentions.append(mention)
        if mention.end:
            target.end_at(mention.end)
    return [p.round for p in rounds.placed if p.round.mentions and p.moved_to is None]


def _follow_postponements(rounds: _Rounds, founding: list[Mention]) -> None:
    """A round put off to another day ("postponed from November 6 to November 13") is the
    round of the new day: what was said of the old day joins it. Unless a later report still
    has the talks start on the old day (then they were held after all)."""
    for moving in sorted((m for m in founding if m.moved_from), key=_published):
        before, after = moving.moved_from, moving.start
        new = rounds.near(moving.venue, after, slack=0)  # type: ignore[arg-type]
        old = rounds.near(moving.venue, before, slack=1)  # type: ignore[arg-type]
        if new is None or old is new:
            continue
        held = any(
            m.venue == moving.venue
            and m.article.published > moving.article.published
            and abs(m.start.toordinal() - before.toordinal()) <= 1  # type: ignore[union-attr]
            for m in founding
        )
        if held:
            continue
        if old is None:  # the old day was only ever mentioned, never founded a round: it is now
            old = rounds.add(moving.venue, before)  # type: ignore[arg-type]
        old.moved_to = new


def _published(mention: Mention) -> date:
    return mention.article.published


@dataclass(slots=True)
class _Placed:
    round: Round
    first: int  # the round's start as a day number
    last: int  # its end as a day number (its start while it has none)
    moved_to: _Placed | None = None  # put off to another round's day

    def end_at(self, end: date) -> None:
        """A report that the round ends on `end`: its end, if after its start and its end so
        far."""
        round_ = self.round
        if end >= round_.start and (round_.end is None or end > round_.end):
            round_.end = end
            self.last = end.toordinal()


class _Rounds:
    """The rounds found so far, in order, with each one's days as numbers and the rounds of
    each venue apart: placing a mention compares a few integers for each round at its venue
    (at 50,000 related items, 170,000 placements took 1.6 s of date arithmetic over every
    round)."""

    def __init__(self) -> None:
        self.placed: list[_Placed] = []
        self._at: dict[str, list[_Placed]] = {}

    def add(self, venue: str, start: date) -> _Placed:
        placed = _Placed(Round(venue, start), start.toordinal(), start.toordinal())
        self.placed.append(placed)
        self._at.setdefault(venue, []).append(placed)
        return placed

    def near(self, venue: str, when: date, slack: int) -> _Placed | None:
        """The round at the venue (at any, for a mention of "the talks") whose days, widened
        by `slack` either side, hold `when`: the one that starts nearest it, the first found
        of equals."""
        day = when.toordinal()
        best, gap = None, 0
        for placed in self.placed if venue == ANY_VENUE else self._at.get(venue, ()):
            if placed.first - slack <= day <= placed.last + slack:
                distance = abs(placed.first - day)
                if best is None or distance < gap:
                    best, gap = placed, distance
        return _followed(best)

    def latest_before(self, venue: str, when: date) -> _Placed | None:
        """The round at the venue that starts last, on the day after `when` at the latest; at
        any venue (a mention of "the talks"), only one within _ANY_VENUE_REACH days of it."""
        day = when.toordinal() + 1
        best = None
        anywhere = venue == ANY_VENUE
        for placed in self.placed if anywhere else self._at.get(venue, ()):
            if anywhere and placed.last < day - _ANY_VENUE_REACH:
                continue
            if placed.first <= day and (best is None or placed.first > best.first):
                best = placed
        return _followed(best)


def _followed(placed: _Placed | None) -> _Placed | None:
    """The round a round was put off to, if it was."""
    while placed is not None and placed.moved_to is not None:
        placed = placed.moved_to
    return placed


def _status(round_: Round, today: date) -> str:
    dated = [m for m in round_.mentions if m.status]
    if not dated:
        return SCHEDULED if round_.start > today else CONCLUDED
    newest = max(dated, key=lambda m: (m.status_date, m.status in TERMINAL, m.article.published))
    status = newest.status
    if status == SCHEDULED and round_.start <= today:
        status = ONGOING
    if status == ONGOING and round_.end and round_.end < today:
        status = CONCLUDED
    return status or SCHEDULED


def talks_schedule(config: Config, articles: list[Article]) -> list[dict]:
    """Every round of talks of the situation in a list of items (no cache)."""
    reader = TalksReader(config)
    mentions = [m for art in articles for m in reader.mentions(art)]
    today = max((a.reference for a in articles), default=date.today())
    return schedule_from(mentions, today)


def schedule_from(mentions: list[Mention], today: date) -> list[dict]:
    """Rounds by start date, each with its status as of `today` and its evidence."""
    rounds = sorted(rounds_from(mentions), key=lambda r: r.start)
    counts: dict[str, int] = {}
    result = []
    for round_ in rounds:
        counts[round_.venue] = counts.get(round_.venue, 0) + 1
        result.append(_row(round_, counts[round_.venue], _status(round_, today)))
    return result


def _row(round_: Round, number: int, status: str) -> dict:
    name = f"{round_.venue} round" + (f" {number}" if number > 1 else "")
    mediators = sorted({m for mention in round_.mentions for m in mention.mediators})
    reports, seen = [], set()
    for m in sorted(round_.mentions, key=lambda m: m.article.published):
        if (m.article.key, m.sentence) not in seen:  # an item saying it twice
            seen.add((m.article.key, m.sentence))
            reports.append(m)
    # Entries only for the reports kept: a round reported by thousands of items made
    # thousands of them to keep two hundred.
    evidence = [
        {
            "guid": m.article.guid,
            "feed": m.article.feed,
            "link": m.article.link,
            "date": m.article.published.isoformat(),
            "sentence": evidence_sentence(m.article.key, m.sentence),
        }
        for m in first_and_newest(reports)
    ]
    return {
        "name": name,
        "location": round_.venue,
        "start": round_.start.isoformat(),
        "end": round_.end.isoformat() if round_.end else None,
        "mediators": mediators,
        "status": status,
        # A round reported by thousands of items keeps its first reports and its newest ones.
        "evidence": evidence,
        "evidence_total": len(reports),
    }
