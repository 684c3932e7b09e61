"""How news English says talks are scheduled, under way, concluded or collapsed, and which
date in a sentence is the talks' own (not the date somebody said something)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from feeds.dates import COUNT, REPORTING_VERBS, count_of
from feeds.nocase import NoCase

SCHEDULED, ONGOING, CONCLUDED, COLLAPSED = "scheduled", "ongoing", "concluded", "collapsed"
TERMINAL = (CONCLUDED, COLLAPSED)

TALK_WORDS = (
    r"talks|negotiations?|negotiators|round|dialogue|meetings?|meet|met|summit|discussions|"
    r"consultations"
)
_HEDGE = NoCase(
    r"\b(?:if|unless|whether|could|would|might|may|close to|near|brink|verge|risk|threat|"
    r"threaten\w*|fears?|feared|avert|avoid|prevent|appeared|seemed|lest|not yet)\b[^.;]{0,50}$"
)
# "The talks closed with a deal", not "Torkham stays closed as the sides prepare for talks".
_TALKS_CLOSED = "closed" + "".join(  # the look-behinds run only where "closed" matched
    f"(?<!{verb} closed)"
    for verb in "stay stays stayed remain remains remained kept keep is was are were be been".split()
)
_STATUS_CUES: list[tuple[str, NoCase]] = [
    (
        ONGOING,
        NoCase(r"\b(?:have|has|had|did) not (?:yet )?(?:ended|concluded|collapsed|failed)\b"),
    ),
    (
        COLLAPSED,
        NoCase(
            r"\b(?:failed|fail|fails|collapsed|collapse|broke down|broken down|breakdown|deadlock(?:ed)?|"
            r"stalled|walked out|walked away|called off|cancell?ed|scrapped|broke off|broken off|"
            r"failure|(?:produced|yielded|brought|reached) no (?:agreement|deal|breakthrough|result)|"
            r"(?:were|was|been) suspended|"
            r"stalemate|impasse|inconclusive(?:ly)?|"
            rf"(?:ended|ending|ends|broke up|broken up|concluded|{_TALKS_CLOSED}|wound up|adjourned)"
            r"\b[^,.;]{0,40}\bwithout (?:an? |any )?(?:agreement|deal|breakthrough|result|outcome|"
            r"joint statement|declaration|consensus|progress))\b"
        ),
    ),
    (
        CONCLUDED,
        NoCase(
            rf"\b(?:concluded|ended|ends|{_TALKS_CLOSED}|wrapped up|culminated|agreed|agree|"
            r"reached (?:an? )?"
            r"(?:agreement|deal|accord)|(?:agreement|deal|accord) (?:was |has been |had been )?"
            r"reached|signed|finali[sz]ed|ran from|"
            # "a ceasefire was agreed after talks in Putrajaya on Monday": they took place
            r"(?:after|following) (?:\w+ ){0,3}?(?:talks|negotiations|meetings?|discussions))\b"
        ),
    ),
    (
        ONGOING,
        NoCase(
            # "open to talks" is a willingness, not talks under way
            r"\b(?:opened|open(?! to\b)|opens|began|begin|begins|started|starts|got under ?way|"
            r"get under ?way|"
            r"under ?way|continued|continues|continuing|resumed|in progress|are being held|entered|"
            r"(?:stretched|went|dragged|spilled|ran) into|"
            r"(?:were|was|been|be) (?:extended|prolonged))\b"
        ),
    ),
]
_MOVED = (
    r"(?:postponed|delayed|deferred|pushed back|put off|moved|rescheduled|shifted|brought forward|"
    r"paused|adjourned)"
)
_START_WORDS = (
    r"\b(?:open(?:ed|s)?|beg(?:an|in|ins|un)|start(?:ed|s)?|under ?way|kick(?:ed)? off|commenc\w+|"
    r"eve of|meet(?: again)?|met|be held|held|hold|resume[ds]?|take place|due|scheduled|set(?: for)?|"
    r"convene[ds]?)\b"
)
_END_WORDS = (
    rf"\b(?:ended|end|ends|concluded|conclude|{_TALKS_CLOSED}|wrapped up|broke (?:up|down|off)|"
    r"broken (?:up|down|off)|suspended|"
    r"collapsed|failed|agreed|finali[sz]ed|signed|until|till)\b"
)
# "from Nov 6" starts the talks; "walked away from the talks in Istanbul on Friday" does not.
_START_BEFORE_DATE = NoCase(_START_WORDS + r"[^.;]{0,45}$|\bfrom\s+(?:\w+\s+)?$")
_END_BEFORE_DATE = NoCase(_END_WORDS + r"[^.;]{0,40}$")
_START_WORD, _END_WORD = NoCase(_START_WORDS), NoCase(_END_WORDS)
_SAID_BEFORE_DATE = NoCase(rf"\b(?:{REPORTING_VERBS})\b[^.;]{{0,20}}$")
# "which were due to end on Monday": what was planned, said after the fact, is not what happened.
_PAST_PLAN_BEFORE_DATE = NoCase(
    r"\b(?:(?:was|were|had been)\s+(?:\w+ly\s+)?|(?:originally|initially|previously|first)\s+)"
    r"(?:due|scheduled|expected|set|supposed|meant|planned)\b[^.;,]{0,30}$"
)
# "postponed to November 13", "pushed back until next week", "rescheduled for Saturday": the
# date the talks now start (an "until" here is no end).
_MOVED_TO_DATE = NoCase(rf"\b{_MOVED}\s+(?:\w+\s+){{0,2}}?(?:to|until|till|for)\s+(?:\w+\s+)?$")
# "ISLAMABAD, Nov 4 (Reuters) -": the date a story was filed, not a date of the talks.
_DATELINE = re.compile(r"^[A-Z][A-Z .'/-]{2,40},?\s*$")
_FUTURE = NoCase(
    r"\b(?:will|would|shall|due to|scheduled|set to|to be held|be held|to meet|meet again|next round|"
    r"upcoming|expected to (?:meet|hold|begin|start|open)|plans? to|eve of|is to|are to|"
    rf"{_MOVED})\b"
)


@dataclass(frozen=True)
class StatusWord:
    status: str
    at: int


def talk_status(clause: str) -> StatusWord | None:
    """The strongest status the clause gives the talks, ignoring hedged words ("close to collapse")."""
    best: StatusWord | None = None
    for status, pattern in _STATUS_CUES:
        for match in pattern.finditer(clause):
            if _HEDGE.search(clause[: match.start()]):
                continue
            if best is None or status_rank(status) > status_rank(best.status):
                best = StatusWord(status, match.start())
    return best


def status_rank(status: str) -> int:
    return {SCHEDULED: 0, ONGOING: 1, CONCLUDED: 2, COLLAPSED: 3}[status]


def date_role(sentence: str, at: int) -> str:
    """What a date at `at` is to the talks: "start", "end", "said" (a reporting date), "planned"
    (a plan that did not hold: "were due to end on Monday") or "point"."""
    before = sentence[max(0, at - 40) : at]
    if _SAID_BEFORE_DATE.search(before) or _DATELINE.match(sentence[:at]):
        return "said"
    if _MOVED_TO_DATE.search(before):
        return "start"
    if _PAST_PLAN_BEFORE_DATE.search(before):
        return "planned"
    starts, ends = _START_BEFORE_DATE.search(before), _END_BEFORE_DATE.search(before)
    if starts and ends:  # the nearer word decides: "which began on Oct 25, collapsed on Friday"
        return "end" if _last(_END_WORD, before) > _last(_START_WORD, before) else "start"
    return "start" if starts else "end" if ends else "point"


def _last(words: NoCase, text: str) -> int:
    return max(m.start() for m in words.finditer(text))


_MOVED_BY = NoCase(rf"\b{_MOVED}\s+by\s+(?P<count>an?|{COUNT})\s+(?P<unit>day|week)s?\b")


_MOVED_ANYWHERE = NoCase(rf"\b{_MOVED}\b")


def says_moved(sentence: str) -> bool:
    """Whether a sentence says talks were put off or moved (to a date it may give)."""
    return bool(_MOVED_ANYWHERE.search(sentence))


def moved_by_days(sentence: str) -> int | None:
    """How many days a sentence says the talks were moved ("postponed by a week": 7)."""
    match = _MOVED_BY.search(sentence)
    if match is None:
        return None
    return count_of(match["count"]) * (7 if match["unit"].lower() == "week" else 1)


def is_future(clause: str) -> bool:
    return bool(_FUTURE.search(clause))
