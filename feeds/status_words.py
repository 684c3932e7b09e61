"""How news English says a crossing is closed, open or partly open — and when it is not saying so.

Each match is a StatusCue: a status, whether it reports a change ("reopened") or a continuing
state ("remained closed"), and whether it concerns only some traffic ("closed to goods").
Forecasts ("expected to reopen"), infinitives ("a decision to reopen") and hedges are not cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from feeds.nocase import NoCase

CLOSED, OPEN, PARTIAL = "closed", "open", "partially_open"

_NEG = r"(?:not|no|never|n't|without|yet to)"
_HEDGE = NoCase(
    r"\b(?P<word>expected|likely|possible|possibly|could|may|might|can|should|plans?|planned|"
    r"preparations?|ready|hopes?|hoped|would|will|shall|to|demand(?:ed|s)?|call(?:ed|s)? for|"
    r"urged?|asked|until|before|unless|if|whether|order to|decision to)\s+(?:\w+\s+){0,2}$"
)
# A status that only rumours claim, or that is denied: "reports that X had reopened",
# "officials denied that X had been reopened", "... reopened on Monday proved false".
_HEARSAY = NoCase(
    r"\b(?:reports?|rumou?rs?|claims?|speculation|posts?)\s+(?:\w+\s+){0,3}?that\b[^.;]*$"
    r"|\b(?:denied|denies|deny|denying|rumou?red|claimed|claiming)\b(?:\s+that)?[^.;,]{0,50}$"
)
_DENIED = NoCase(
    r"[^.;]{0,60}?\b(?:(?:was|were|been|is|are) denied|proved (?:false|untrue|wrong)|"
    r"(?:was|were|is|are) (?:false|untrue|baseless|fake))\b"
)
# "since the closure" names when the current state began; only a date after it dates that.
_SINCE_THE = NoCase(r"\bsince (?:the|its|their|this|that)\s+(?:[\w-]+\s+){0,2}$")
_DATE_NEXT = NoCase(
    r"\s+(?:of [^,.;]{0,30}?\s+)?(?:on|in)\s+(?:\w+\.?\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)"
)
# What makes the clause that a "before reopening" follows a wish, a plan or a condition.
_IRREALIS = NoCase(
    r"\b(?:will|would|shall|must|should|could|can|may|might|wants?|wanted|wish\w*|demand\w*|"
    r"insist\w*|plan\w*|expect\w*|need\w*|requir\w*|has to|have to|refus\w*|unless|if|until|"
    r"won't|wouldn't|can't|cannot)\b"
)
_ONLY = NoCase(
    r"\b(?:only|partly|partially|partial|limited|briefly|temporarily|short window|"
    r"for (?:a few|two|three|\w+) hours?|"
    r"(?:to|for) (?:\w+ ){0,2}(?:pedestrians?|foot|returnees|refugees|families|trade|cargo|goods|trucks|"
    r"convoys|travellers|travelers|students|patients|nationals|humanitarian|aid|emergencies|"
    r"workers|labou?rers|residents|pilgrims|tourists|traders)|"
    # "for the repatriation of Afghan refugees", "for the return of stranded families"
    r"(?:to|for) (?:the )?(?:repatriation|return|evacuation|passage|movement|deportation|transfer) "
    r"of (?:[\w-]+ ){0,3}?(?:refugees|returnees|families|pedestrians|nationals|migrants|"
    r"deportees|students|patients|pilgrims|travell?ers|passengers|citizens|bodies)|"
    r"one-way|exclusively|solely|allowing\b[^.;]{0,60}\b(?:families|returnees|refugees|pedestrians|"
    r"trucks|containers|patients|nationals))\b"
)
_TRAFFIC_KINDS = (
    r"(?:cargo|goods|trade|commerce|commercial|business|trucks?|containers?|exports?|imports?|"
    r"transit|freight|two-way travel|regular travel|ordinary[\w\s-]{0,20}travel|passport travel|"
    r"pedestrian[\w\s]{0,12}|returnees?|refugees?)"
)
_STATE_LEAD = r"(?:remain(?:s|ed|ing)?|stay(?:s|ed|ing)?|still|kept|keeps?|keeping|has been|have been|had been|been|is|are|was|were|will remain|left)"

# The words between "is" and "closed" in "is now fully closed", never a clause of its own with
# another status ("is open for foot traffic but closed to trucks").
_SAME_CLAUSE_WORDS = r"(?:(?!(?:but|yet|while|whereas|(?:re)?open(?:ed)?)\b)\w+\s+){0,5}?"
# A change spoken of, not reported: "a decision on reopening", "talks about closing", "discussed
# reopening", "hopes of reopening".
_TALK_OF = NoCase(
    r"\b(?:on|about|over|regarding|towards?|discuss\w*|consider\w*|weigh\w*|mull\w*|debat\w*|"
    r"propos\w*|recommend\w*|(?:possibility|prospects?|hopes?|idea|question|issue) of)\s+"
    r"(?:the\s+|a\s+|an\s+)?$"
)

# A reopening spoken of as a noun happened unless it is still awaited ("waiting for the
# reopening of X", "hopes for an early reopening") or did not come ("the reopening of X has
# been delayed", "X reopening postponed"), in its own clause.
_AWAITED = NoCase(
    r"\b(?:await\w*|wait\w* for|hop\w* for|hopes? of|calls? for|call\w* for|demand\w*(?: for)?|"
    r"push\w* for|press\w* for|seek\w*|sought|want\w*|plans? for|prospects? of|ahead of|pending|"
    r"paves? the way for|paving the way for|paved the way for)\s+(?:\w+\s+){0,2}$"
)
# "Pakistan is reopening the crossing on Monday": an opening or closing in the present
# progressive is arranged, not yet done (allowing, letting through are ongoing, and count).
_ARRANGED = NoCase(r"\b(?:is|are|am)\s+(?:(?:also|now|due)\s+)?$")
_ARRANGED_VERB = re.compile(r"(?:partly |partially )?(?!allow|lett|permit)[\w-]+ing\b")
_NOT_COME = NoCase(
    r"(?:(?!\b(?:as|while|when|but|after|and|before)\b)[^.;,]){0,50}?\b(?:delayed|postponed|"
    r"put off|pushed back|called off|cancell?ed|shelved|faded|awaited|uncertain|unclear|unlikely|"
    r"in doubt|stalled|blocked|on hold|depends|hinges|elusive)\b"
)

_CUES: list[tuple[str, bool, tuple[str, ...], NoCase]] = [
    # (status, is_change, words it needs, pattern); earlier patterns win where two overlap.
    # A pattern runs only on sentences holding one of its words (lowercased substrings):
    # the patterns are slow to try at every position, the substring test is not.
    (
        OPEN,
        True,
        ("closure", "shutdown", "blockade", "suspension"),
        NoCase(
            r"\b(?:bring(?:ing|s)? an end to|put(?:ting|s)? an end to|end(?:ing|ed|s)|lift(?:ing|ed|s))\s+"
            r"(?:a|the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:closure|shutdown|blockade|suspension)\b"
        ),
    ),
    (
        CLOSED,
        False,
        ("closed", "shut", "sealed", "suspended", "halted", "blocked"),
        NoCase(
            rf"\b{_STATE_LEAD}\s+{_SAME_CLAUSE_WORDS}"
            r"(?:closed|shut|shuttered|sealed|suspended|halted|blocked)\b"
        ),
    ),
    (
        CLOSED,
        False,
        ("moved", "crossed", "passed"),
        NoCase(
            r"\b(?:nothing|no (?:goods|traffic|vehicles?|one|people|trucks?)(?: or \w+)?) (?:has |had )?(?:moved|crossed|passed)\b"
        ),
    ),
    (
        CLOSED,
        False,
        ("open",),
        NoCase(
            rf"\b(?:will|would|did|does|do|has|have|had) {_NEG} (?:be )?re-?open(?:ed)?\b|\bnot (?:been )?re-?opened\b|\bno re-?opening\b"
        ),
    ),
    (
        CLOSED,
        True,
        ("again",),
        NoCase(
            r"\b(?:closed|shut|sealed|suspended|halted|blocked)(?: it| them| the \w+)?(?: down)? again\b"
        ),
    ),
    (
        CLOSED,
        True,
        ("clos", "shut", "seal", "suspend", "halt", "block"),
        NoCase(
            r"\b(?:closed|closes|closing|close|shut|shuts|shutting|shuttered|sealed|seals|suspended|suspends|halted|halting|blocked|closure|shutdown)\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("open",),
        NoCase(r"\b(?:partly|partially) re-?open(?:ed|s|ing)?\b|\bpartial re-?opening\b"),
    ),
    (
        PARTIAL,
        True,
        ("moving", "flowing", "crossing", "allowed", "let through", "resumed", "trickling"),
        NoCase(
            rf"\b{_TRAFFIC_KINDS}\s+(?:had |has |have |are |is |were |was )?(?:not |never )?(?:been |began |begun |started )?(?:moving|flowing|crossing|allowed|let through|resumed|trickling)\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("sent back", "deported", "repatriated", "returned", "pushed back", "returning", "return "),
        # "Afghan refugees continue to be sent back through the crossing": people pass
        NoCase(
            r"\b(?:returnees?|refugees?|deportees|migrants|families|nationals|pedestrians)\b"
            r"[^.;,]{0,40}?\b(?:sent back|deported|repatriated|returned|pushed back|returning|"
            r"return)\s+(?:home\s+)?(?:through|via|across|at)\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("resum", "restart"),
        # "Trade with Afghanistan resumed", "cargo traffic across the border resumed"
        NoCase(
            rf"\b{_TRAFFIC_KINDS}(?:\s+(?:traffic|vehicles|movement))?\s+(?:with|through|via|at|"
            r"across|from|between|on)\s+(?:the\s+)?[\w'-]+(?:\s+[\w'-]+)?\s+(?:has |had |have )?"
            r"(?:resumed|restarted)\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("allowed", "permitted"),
        # "Afghan nationals being deported were allowed to cross the border via Torkham"
        NoCase(
            r"\b(?:pedestrians|returnees|refugees|families|nationals|deportees|migrants|"
            r"travell?ers|passengers|students|patients|workers|residents|pilgrims|tourists|trucks|"
            r"vehicles|containers|convoys|traders)\b[^.;,]{0,40}?\b(?:were|was|are|is|have been|"
            r"has been|had been|being)\s+(?:not\s+)?(?:allowed|permitted)\s+(?:to\s+)?"
            r"(?:cross|pass|return|enter|leave|go home|go back|through)\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("allow", "permit"),
        # "Pakistan allowed the return of stranded Afghan nationals via Torkham"
        NoCase(
            r"\b(?:allow(?:ed|s|ing)?|permit(?:ted|s|ting)?)\s+(?:the\s+)?(?:return|passage|"
            r"repatriation|movement|entry|exit|evacuation|crossing)\s+of\b"
        ),
    ),
    (
        PARTIAL,
        True,
        ("allow", "let", "permit"),
        NoCase(
            r"\b(?:allow(?:ed|s|ing)?|let|lets|letting|permit(?:ted|s|ting)?)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:pedestrians|returnees|refugees|families|trucks|vehicles|containers|travell?ers|"
            r"passengers|students|patients|nationals|deportees|migrants|traders|convoys|workers|"
            r"labou?rers|residents|pilgrims|tourists)\s+"
            r"(?:to\s+)?(?:cross|pass|through|return|enter|leave|go home|go back)\b"
        ),
    ),
    (
        OPEN,
        True,
        ("open", "resum", "lifted", "normal", "again"),
        NoCase(
            r"\b(?:re-?opened|re-?opens|re-?opening|resumed|resumes|lifted|opened|opens|back to normal|returned to normal|crossed \w+ again|crossed again|open again|(?:thrown|threw|throws) open)\b"
        ),
    ),
    (
        OPEN,
        True,
        ("restored",),
        # "Movement through Torkham was restored", "traffic across the border has been restored"
        NoCase(
            r"\b(?:movement|traffic|trade|operations|activities|access|passage|crossings?)\b"
            r"[^.;,]{0,40}?\b(?:was|were|has been|have been|had been|is|are|being)\s+"
            r"(?:fully\s+|partly\s+|partially\s+)?restored\b"
        ),
    ),
    (
        OPEN,
        False,
        ("open",),
        NoCase(
            r"\b(?:is|are|remains?|remained|stays?|stayed|now|was|were|been) (?:fully |now )?open\b"
            # "closed to trade but open to pedestrians"
            r"|\bbut (?:still )?open(?= (?:to|for)\b)"
        ),
    ),
]

# Each cue's words as one pattern: a single scan of the sentence instead of one per word.
_GATED_CUES = [
    (status, change, re.compile("|".join(map(re.escape, needs))), pattern)
    for status, change, needs, pattern in _CUES
]


@dataclass(frozen=True)
class StatusCue:
    status: str
    change: bool
    restricted: bool  # concerns only some traffic: closed to goods, open only for returnees
    at: int
    end: int
    text: str


def status_cues(sentence: str) -> list[StatusCue]:
    """The status statements in a sentence, in order, without overlaps or forecasts."""
    cues: list[StatusCue] = []
    taken: list[tuple[int, int]] = []
    lowered = sentence.lower()
    for status, change, needs, pattern in _GATED_CUES:
        if not needs.search(lowered):
            continue
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            cue = _judge(sentence, status, change, match)
            if cue is not None:
                cues.append(cue)
    return sorted(cues, key=lambda c: c.at)


def _judge(sentence: str, status: str, change: bool, match: re.Match[str]) -> StatusCue | None:
    before = sentence[max(0, match.start() - 40) : match.start()]
    after = sentence[match.end() : match.end() + 90]
    word = match.group(0).lower()
    if _HEARSAY.search(sentence[max(0, match.start() - 80) : match.start()]) or _DENIED.match(
        after
    ):
        return None  # "reports that Torkham had reopened were denied": not what happened
    if change and word.endswith("ing") and _TALK_OF.search(before):
        return None  # "no decision on reopening": a change spoken of, not one that happened
    if word.endswith("reopening") and (_AWAITED.search(before) or _NOT_COME.match(after)):
        return None  # "waiting for the reopening", "the reopening has been delayed"
    if change and _ARRANGED_VERB.match(word) and _ARRANGED.search(before):
        return None  # "is reopening on Monday": a plan
    if status in (OPEN, PARTIAL) and change and _hedged(sentence, match.start(), before):
        return None  # "expected to reopen", "a decision to reopen": not a change yet
    if status == PARTIAL and re.search(r"\b(?:not|never)\b", word):
        # "trucks were not allowed through": closed to that traffic
        return StatusCue(
            CLOSED, False, True, match.start(), match.end(), sentence[match.start() : match.end()]
        )
    if status in (OPEN, PARTIAL) and re.search(rf"\b{_NEG}\s+(?:\w+\s+)?$", before, re.I):
        # "has not reopened": closed; "no trucks were allowed through": closed to trucks
        restricted = status == PARTIAL
        return StatusCue(
            CLOSED,
            False,
            restricted,
            match.start(),
            match.end(),
            sentence[match.start() : match.end()],
        )
    if (
        status == CLOSED
        and change
        and re.search(rf"(?:\b{_NEG}|\bto)\s+(?:\w+\s+)?$", before, re.I)
    ):
        return None  # "not closed", "threatened to close"
    if (
        status == CLOSED
        and word in ("close", "closing")
        and _hedged(sentence, match.start(), before)
    ):
        return None
    if (
        word in ("closure", "shutdown")
        and _SINCE_THE.search(before)
        and not _DATE_NEXT.match(after)
    ):
        return None  # "for the first time since the closure": the state's undated start
    restricted = _restricted(status, before, after) or bool(_PARTLY.search(word))
    if status == OPEN and restricted:
        status = PARTIAL
    text = sentence[match.start() : match.end()]  # the match's own words are lower-cased
    return StatusCue(status, change, restricted, match.start(), match.end(), text)


# Words that set something apart from the rest: "except deportees", "apart from Chaman".
EXCEPTING = r"except(?: for)?|but for|all but|other than|apart from|save for|barring|excluding"
_EXCEPT = re.compile(
    rf"[^.;]{{0,40}}?\b(?:{EXCEPTING})\s+"
    r"(?:[\w-]+\s+){0,3}?(?:deportees|returnees|refugees|pedestrians|families|patients|students|"
    r"nationals|diplomats|aid|emergencies|emergency|humanitarian|cargo|trucks|workers|residents)\b",
    re.IGNORECASE,
)
_PARTLY = re.compile(r"\bpart(?:ly|ially)\b")  # in a cue's own words: "partially restored"


def _hedged(sentence: str, at: int, before: str) -> bool:
    """Whether the words before a cue at `at` make it a forecast, a wish or a condition.
    "before reopening" is one only after a clause that is itself no report of fact ("traders
    want guarantees before reopening"); after a plain report ("it stayed shut for 20 days
    before reopening on Monday", "reopened briefly before closing it again") it is the next
    event."""
    hedge = _HEDGE.search(before)
    if hedge is None:
        return False
    if hedge.group("word") != "before":
        return True
    clause_start = max(sentence.rfind(";", 0, at), sentence.rfind(":", 0, at)) + 1
    before_at = at - len(before) + hedge.start()  # where "before" stands in the sentence
    return bool(_IRREALIS.search(sentence[clause_start:before_at]))


def _restricted(status: str, before: str, after: str) -> bool:
    if status == CLOSED:
        closed_to = re.match(
            rf"\s+(?:\w+\s+)?(?:to|for)\s+(?:all\s+)?(?:[\w-]+\s+){{0,2}}?{_TRAFFIC_KINDS}"
            r"(?:\s+(?:traffic|vehicles|transport|movement))?\b",
            after,
            re.I,
        )
        if closed_to and re.match(r"[\w\s]{0,15}\b(?:and|as well as)\b", after[closed_to.end() :]):
            closed_to = None  # "closed to cargo vehicles and pedestrians alike": everything
        subject = re.search(
            rf"\b{_TRAFFIC_KINDS}(?:\s+(?:traffic|vehicles|movement|and [\w\s-]{{0,30}}))?\s+(?:\w+\s+){{0,2}}$",
            before,
            re.I,
        )
        # "closed to all traffic except deportees": some pass
        excepted = _EXCEPT.match(after)
        return bool(closed_to or subject or excepted)
    if status in (OPEN, PARTIAL):
        return bool(_ONLY.search(after[:80]) or _ONLY.search(before[-30:]) or status == PARTIAL)
    return False
