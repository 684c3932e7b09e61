"""Date phrases in news text, resolved against the item's own date.

The rules here decide what "Oct. 25" or "25 October 2025" means: which year, which Friday (the
last one, unless the sentence speaks of the future), what "for the tenth day" implies about when
something began.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from feeds.nocase import NoCase

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?:19|20)\d\d)?"
_DASH = r"\s*(?:[-–—]|to|and|through|until|till)\s*"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
# A count in figures or words ("3", "3rd", "three", "third"); count_of reads one.
COUNT = r"(?:\d{1,3}(?:st|nd|rd|th)?|" + "|".join(list(_ORDINALS) + list(_NUMBERS)) + ")"
_FUTURE = NoCase(
    r"\b(?:will|would|shall|due|scheduled|set to|to be held|expected|plans? to|planned|"
    r"next|upcoming|is to|are to|meet again|to meet|to resume|to hold)\b"
)
# An arrangement in the present progressive is a plan: "delegations are meeting in Istanbul on
# Thursday", "Pakistan is reopening the crossing on Monday" (said on a Tuesday: next Monday).
# Only verbs of events one arranges, and only in the date's own clause: "trucks are queuing at
# the crossing, which closed on Monday" is no plan.
_PLANNED_PROGRESSIVE = NoCase(
    r"\b(?:is|are|am)\s+(?:(?:also|now|due)\s+)?(?:meeting|holding|hosting|resuming|starting|"
    r"beginning|re-?opening|opening|closing|visiting|travell?ing|flying|heading|leaving|arriving|"
    r"signing|launching|convening|sending|attending)\b"
    r"(?:(?!\b(?:which|who|that|after|since|when|because|while|as|said|says)\b)[^,;:.]){0,50}$"
)

_PATTERNS = [
    (
        "range",
        rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})\b(?P<y>{_YEAR})",
    ),
    ("range", rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m1>{_MONTH})(?P<y>{_YEAR})"),
    ("point", rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?P<y>{_YEAR})"),
    ("point", rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})(?P<y>{_YEAR})"),
    ("iso", r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    (
        "part",
        rf"\b(?P<part>early|mid|late|the end of|the start of|the beginning of)[\s-]+(?P<m1>{_MONTH})",
    ),
    ("weekday", rf"\b(?P<wd>{_WEEKDAY})s?\b"),
    (
        "relative",
        r"\b(?P<rel>today|tonight|this morning|this evening|the day before yesterday|"
        r"the day after tomorrow|yesterday|last night|tomorrow|"
        r"the day before|a day after|a day earlier|the previous day|on the eve of|last weekend|"
        r"over the weekend|at the weekend|"
        r"this weekend|next week|last week|earlier this week|this week|last month|earlier this month|"
        r"next month|(?P<ago>\d+|an?|" + "|".join(_NUMBERS) + r") (?:days?|weeks?) ago)\b",
    ),
    (
        "nth_day",
        rf"\b(?:for|into|entered|enters|entering) (?:the|a|its) (?P<nth>{COUNT})"
        r"(?: straight| consecutive| successive| running)? (?P<unit>day|week)\b",
    ),
    (
        "after_days",
        rf"\b(?:after|following) (?P<n>{COUNT})(?: straight| consecutive)? (?P<unit>days|weeks)\b",
    ),
    # "reopened after a 19-day closure", "ending a 26-day blockade", "after a three-week closure"
    ("after_days", rf"\b(?:after|following|ending) an? (?P<n>{COUNT})-(?P<unit>day|week)\b"),
    (
        "for_days",
        rf"\bfor (?:the )?(?:past |last )?(?:more than |over |nearly |almost |about |around )?"
        rf"(?P<n>{COUNT})(?: straight| consecutive)? (?P<unit>days|weeks)\b",
    ),
]
# What each pattern cannot match without, looked for in the lowercased sentence first: most
# sentences then skip most patterns (the full patterns are long alternations, slow to try at
# every position). A hint may let through a sentence its patterns do not match, never the
# reverse: "market" is not a month and "monitoring" not a weekday.
_HINTS = {
    "month": re.compile(r"\b" + _MONTH.lower() + r"(?![a-z])"),
    "digit": re.compile(r"\d"),
    "weekday": re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"),
    "relative": re.compile(
        r"\b(?:today|tonight|yesterday|tomorrow|morning|evening|night|days?|eve|weeks?|weekend|"
        r"month)\b"
    ),
    "days": re.compile(r"\b(?:days?|weeks?)\b"),
}
_NEEDS = {
    "range": "month",
    "point": "month",
    "part": "month",
    "iso": "digit",
    "weekday": "weekday",
    "relative": "relative",
    "nth_day": "days",
    "after_days": "days",
    "for_days": "days",
}
_COMPILED = [(kind, _NEEDS[kind], NoCase(p)) for kind, p in _PATTERNS]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text means. `kind`: point, range, since, vague_since ("since early October"),
    start (from X), vague, implied_start
    (the state began then: "for the tenth day"), prior_start (the previous state began then:
    "reopened after 20 days")."""

    start: date
    end: date | None
    kind: str
    at: int
    text: str


def find_dates(sentence: str, reference: date) -> list[DateMention]:
    """Every date phrase in a sentence, in order, resolved against the item's date."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    lowered = sentence.lower()
    present = {name for name, hint in _HINTS.items() if hint.search(lowered)}
    if not present:
        return found
    for kind, needs, pattern in _COMPILED:
        if needs not in present:
            continue  # the pattern's indispensable words are absent: it cannot match
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _resolve(kind, match, sentence, reference)
            if mention is not None:
                taken.append(match.span())
                found.append(mention)
    found.sort(key=lambda m: m.at)
    return _anchor_implied(_with_prepositions(found, sentence), reference)


def _resolve(kind: str, m: re.Match[str], sentence: str, ref: date) -> DateMention | None:
    before = sentence[max(0, m.start() - 60) : m.start()]
    # "..., diplomats said on Sunday": the day something was said is past, whatever came before.
    future = bool(_FUTURE.search(before) or _PLANNED_PROGRESSIVE.search(before)) and not (
        _SAID_ON.search(before)
    )
    text = sentence[m.start() : m.end()]  # the match's own words are lower-cased
    if kind == "weekday" and _explicit_date_follows(sentence, m.end()):
        return None
    resolver = {
        "range": _range,
        "point": _point,
        "iso": _iso,
        "part": _part,
        "weekday": _weekday,
        "relative": _relative,
        "nth_day": _nth_day,
        "after_days": _after_days,
        "for_days": _for_days,
    }[kind]
    try:
        result = resolver(m, ref, future)
    except (ValueError, OverflowError):
        return None
    if result is None:
        return None
    start, end, resolved_kind = result
    return DateMention(start, end, resolved_kind, m.start(), text)


# Verbs that report when something was said or published (not when it happened).
REPORTING_VERBS = r"said|says|told|announced|published|posted|wrote|reported|confirmed|added|stated"
_SAID_ON = re.compile(
    rf"\b(?:{REPORTING_VERBS})(?:\s+(?:in a "
    r"statement|in a post|to reporters|reporters|journalists|(?:[A-Z][\w.-]*\s*){1,3}))?\s+"
    r"(?:late |early )?on\s+$"
)
_CALENDAR_DATE_NEXT = NoCase(rf"\s*[(,]\s*(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})")


def _explicit_date_follows(sentence: str, at: int) -> bool:
    """ "Thursday (Nov 6)" or "Friday, Oct 31": the calendar date wins over the weekday."""
    return bool(_CALENDAR_DATE_NEXT.match(sentence[at:]))


def _calendar(month: str, day: str, year: str | None, ref: date, future: bool = False) -> date:
    """A month and day (and maybe year): news speaks of the recent past, or of the near future
    when the sentence looks ahead, so the year is the one that puts the date there."""
    number = _MONTHS[month[:3].lower()]
    day_number = int(re.sub(r"(st|nd|rd|th)$", "", day, flags=re.I))
    if year and year.strip(", "):
        return date(int(year.strip(", ")), number, day_number)
    years = (ref.year - 1, ref.year, ref.year + 1)
    options = [_valid(y, number, day_number) for y in years]
    options = [d for d in options if d is not None]
    if not options:
        raise ValueError(f"no such day: {month} {day}")
    slack = timedelta(days=7)
    if future:
        ahead = [d for d in options if d >= ref - slack]
        return min(ahead) if ahead else max(options)
    past = [d for d in options if d <= ref + timedelta(days=45)]
    return max(past) if past else min(options)


_MONTHS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


def _valid(year: int, month: int, day: int) -> date | None:
    """The date, or None for a day the month does not have in that year (Feb 29)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _range(m: re.Match[str], ref: date, future: bool):
    # "Oct 30 - Nov 2" names a second month; "6-7 November" has no place for one.
    second_month = m.groupdict().get("m2") or m["m1"]
    start = _calendar(m["m1"], m["d1"], m["y"], ref, future)
    end = _calendar(second_month, m["d2"], m["y"], ref, future)
    if end < start:
        end = _calendar(second_month, m["d2"], str(start.year + (end.month < start.month)), ref)
    return (start, end, "range") if 0 <= (end - start).days <= 62 else None


def _point(m: re.Match[str], ref: date, future: bool):
    return _calendar(m["m1"], m["d1"], m["y"], ref, future), None, "point"


def _iso(m: re.Match[str], ref: date, future: bool):
    return date.fromisoformat(m["iso"]), None, "point"


def _part(m: re.Match[str], ref: date, future: bool):
    part = m["part"].lower()
    day = (
        5 if part in ("early", "the start of", "the beginning of") else 15 if part == "mid" else 25
    )
    return _calendar(m["m1"], str(day), None, ref, future), None, "vague"


def _weekday(m: re.Match[str], ref: date, future: bool):
    target = _WEEKDAYS.index(m["wd"].lower())
    if future:
        ahead = (target - ref.weekday()) % 7  # "will meet on Monday", said on a Monday: today
        if ahead == 0 and m.string[max(0, m.start() - 6) : m.start()].lower().endswith("next "):
            ahead = 7  # "next Monday", said on a Monday
        return ref + timedelta(days=ahead), None, "point"
    return ref - timedelta(days=(ref.weekday() - target) % 7), None, "point"


_RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this evening": 0,
    "yesterday": -1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "last night": -1,
    "tomorrow": 1,
    "the day before": -1,
    "a day after": -1,
    "a day earlier": -1,
    "the previous day": -1,
    "on the eve of": 1,
    "last weekend": -7,
    "this weekend": 0,
    "next week": 7,
    "last week": -7,
    "earlier this week": -2,
    "this week": 0,
    "last month": -30,
    "earlier this month": -10,
    "next month": 30,
}


def _relative(m: re.Match[str], ref: date, future: bool):
    phrase = m["rel"].lower()
    if m["ago"]:
        n = count_of(m["ago"])
        return ref - timedelta(days=n * (7 if "week" in phrase else 1)), None, "point"
    kind = "vague" if "week" in phrase or "month" in phrase else "point"
    if phrase == "last weekend":
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7 or 7)
        return saturday, saturday + timedelta(days=1), "vague"
    if phrase in ("over the weekend", "at the weekend"):  # the one just past, or this one
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1), "vague"
    if phrase == "earlier this month":  # this month's, however early in it
        return max(ref - timedelta(days=10), ref.replace(day=1)), None, kind
    return ref + timedelta(days=_RELATIVE_DAYS[phrase]), None, kind


def count_of(word: str) -> int:
    """The number a COUNT (or "a", "an") says: "3rd" 3, "three" 3, "a" 1."""
    word = re.sub(r"(st|nd|rd|th)$", "", word.lower()) if word[:1].isdigit() else word.lower()
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    return _ORDINALS.get(word, _NUMBERS.get(word, 0))


def _nth_day(m: re.Match[str], ref: date, future: bool):
    """ "for the tenth day": began nine days before; "entered its third week": two weeks before."""
    n = count_of(m["nth"])
    days = (n - 1) * (7 if m["unit"].lower() == "week" else 1)
    return (ref - timedelta(days=days), None, "implied_start") if 0 < n < 400 else None


def _after_days(m: re.Match[str], ref: date, future: bool):
    n = count_of(m["n"]) * (7 if m["unit"].lower().startswith("week") else 1)
    return (ref - timedelta(days=n), None, "prior_start") if 0 < n < 400 else None


def _for_days(m: re.Match[str], ref: date, future: bool):
    """ "closed for 12 days": the state began 12 days before the sentence's date."""
    n = count_of(m["n"]) * (7 if m["unit"].lower() == "weeks" else 1)
    return (ref - timedelta(days=n), None, "implied_start") if 0 < n < 400 else None


def _with_prepositions(found: list[DateMention], sentence: str) -> list[DateMention]:
    """ "since Oct 12" and "from Oct 25" mark when something began."""
    result = []
    for mention in found:
        lead = sentence[max(0, mention.at - 25) : mention.at].lower()
        if re.search(r"\bsince\s+(?:early |late |mid-?|the )?$", lead) or re.search(
            r"\bsince\b[^.,;]{0,17}$", lead
        ):
            # "since early October" began on a day the text does not give
            kind = "vague_since" if mention.kind == "vague" else "since"
            mention = DateMention(mention.start, mention.end, kind, mention.at, mention.text)
        elif re.search(r"\bfrom\s+$", lead) and mention.kind == "point":
            mention = DateMention(mention.start, mention.end, "start", mention.at, mention.text)
        result.append(mention)
    return result


def _anchor_implied(found: list[DateMention], ref: date) -> list[DateMention]:
    """ "for the tenth day on Tuesday": count back from the sentence's own date, not the item's."""
    anchor = next((m for m in found if m.kind == "point"), None)
    if anchor is None:
        return found
    shift = anchor.start - ref
    return [
        DateMention(m.start + shift, None, m.kind, m.at, m.text)
        if m.kind in ("implied_start", "prior_start")
        else m
        for m in found
    ]
