"""Date phrases resolved against the item's date (2025-11-07 is a Friday)."""

from datetime import date

import pytest

from feeds.dates import find_dates

FRIDAY = date(2025, 11, 7)


def first(sentence: str, ref: date = FRIDAY):
    found = find_dates(sentence, ref)
    assert found, f"no date found in {sentence!r}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister spoke on Wednesday.", date(2025, 11, 5)),
        ("The minister spoke on Friday.", date(2025, 11, 7)),  # the item's own day
        ("Delegations will meet on Tuesday.", date(2025, 11, 11)),  # future tense looks ahead
        ("The round opened on Thursday (Nov 6) in the capital.", date(2025, 11, 6)),
        ("It was announced Oct. 25 in a statement.", date(2025, 10, 25)),
        ("It was announced on 25 October.", date(2025, 10, 25)),
        ("Officials said yesterday that it was over.", date(2025, 11, 6)),
        ("The checkpoint was sealed on Feb 21.", date(2025, 2, 21)),  # the past, not next February
        ("The summit is due to be held on Jan 12.", date(2026, 1, 12)),  # the future, next January
        ("It happened on 3 March 2024.", date(2024, 3, 3)),
    ],
)
def test_points(sentence, expected):
    assert first(sentence).start == expected


def test_range_with_one_month():
    found = first("Talks were held October 18–19 in the capital.")
    assert (found.start, found.end, found.kind) == (date(2025, 10, 18), date(2025, 10, 19), "range")


def test_range_with_to():
    found = first("The statement said the talks ran from Oct 25 to Oct 30.")
    assert (found.start, found.end) == (date(2025, 10, 25), date(2025, 10, 30))


def test_since_and_from():
    assert first("The road has been shut since Oct 12.").kind == "since"
    assert first("Flights will resume from November 20.").kind == "start"


def test_since_early_month_is_vague_but_dated():
    found = first("Prices have risen since early October.")
    assert found.kind == "vague_since" and found.start.month == 10 and found.start.day <= 10


def test_tenth_day_implies_a_start_counted_from_the_sentence_date():
    found = find_dates("The checkpoint stayed closed for a tenth day on Tuesday.", FRIDAY)
    implied = next(m for m in found if m.kind == "implied_start")
    assert implied.start == date(2025, 10, 26)  # Tuesday 4 Nov was day ten


def test_after_n_days_dates_the_previous_state():
    found = find_dates("The gate reopened on Thursday after 20 days.", FRIDAY)
    prior = next(m for m in found if m.kind == "prior_start")
    assert prior.start == date(2025, 10, 17)


def test_next_week_is_ahead():
    assert first("A new round is planned for next week.").start > FRIDAY


def test_no_date_no_mention():
    assert find_dates("Nothing in this sentence is a date, and 400 trucks wait.", FRIDAY) == []


def test_may_the_month_is_not_the_verb():
    assert [m.start for m in find_dates("Officials may say more on 4 May.", FRIDAY)] == [
        date(2025, 5, 4)
    ]


def test_for_n_days_implies_the_start():
    found = find_dates("The checkpoint has been closed for 12 days.", FRIDAY)
    assert [(m.kind, m.start) for m in found] == [("implied_start", date(2025, 10, 26))]


def _sentences_of_every_corpus() -> list[str]:
    """Sentences from the bundled demo, the test fixtures and, when present, the shared corpora."""
    from feeds.parse import parse_feed
    from feeds.sentences import split_sentences
    from tests.conftest import ROOT, SHARED

    files = [*ROOT.glob("feeds/demo/*.xml"), *ROOT.glob("tests/fixtures/**/*.xml")]
    files += [*SHARED.glob("fixtures/**/*.xml"), *SHARED.glob("reference/*.txt")]
    texts: list[str] = []
    for path in files:
        if path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8"))
            continue
        for item in parse_feed("corpus", path.read_bytes()).items:
            texts += [item.title, item.text]
    return [s.text for text in texts for s in split_sentences(text)]


def test_hints_never_hide_a_date(monkeypatch):
    """The cheap word checks that skip patterns find exactly what trying every pattern finds."""
    import re

    from feeds import dates

    sentences = _sentences_of_every_corpus()
    assert len(sentences) > 50
    gated = [find_dates(s, FRIDAY) for s in sentences]
    monkeypatch.setattr(dates, "_HINTS", {name: re.compile("") for name in dates._HINTS})
    assert [find_dates(s, FRIDAY) for s in sentences] == gated
    assert sum(map(len, gated)) > 10  # dates were there to be found (17 in the bundled corpora)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The day it was said is past, even in a sentence about what will happen.
        ("Talks will resume next month, the ministry said in a statement on Wednesday.", 5),
        ("The road will reopen soon, Mirzoyan told Armenpress on Wednesday.", 5),
        # The day something will happen is ahead, even after "said".
        ("Officials said the talks would resume on Wednesday.", 12),
    ],
)
def test_the_day_something_was_said_is_not_read_as_ahead(sentence, expected):
    said = [d for d in find_dates(sentence, FRIDAY) if d.text.lower() == "wednesday"]
    assert [d.start for d in said] == [date(2025, 11, expected)]


def test_a_range_of_days_before_the_month():
    found = find_dates("Talks are due in Istanbul on 6-7 November.", FRIDAY)
    assert [(m.kind, m.start, m.end) for m in found] == [
        ("range", date(2025, 11, 6), date(2025, 11, 7))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An arranged event in the present progressive is ahead.
        ("Armenian and Azerbaijani envoys are meeting in Abu Dhabi on Wednesday.", 12),
        ("Armenia is reopening the Margara checkpoint on Monday, officials said.", 10),
        # A progressive that is no arrangement, or whose clause is another's, is not.
        ("Trucks are queuing at Margara, which closed on Wednesday.", 5),
        ("Envoys were meeting in Abu Dhabi on Wednesday when the talks broke off.", 5),
    ],
)
def test_an_arrangement_in_the_present_progressive_is_ahead(sentence, expected):
    days = [d.start for d in find_dates(sentence, FRIDAY) if d.kind == "point"]
    assert days == [date(2025, 11, expected)]


def test_a_plan_for_the_weekday_it_is_said_on_is_for_that_day():
    found = find_dates("The envoys will meet in Abu Dhabi on Friday.", FRIDAY)
    assert [d.start for d in found] == [FRIDAY]
    found = find_dates("The envoys will meet in Abu Dhabi next Friday.", FRIDAY)
    assert [d.start for d in found] != [FRIDAY]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The checkpoint reopened the day before yesterday.", [("point", 5, None)]),
        ("Envoys meet the day after tomorrow.", [("point", 9, None)]),
        ("Margara closed a week ago.", [("point", -31, None)]),
        ("Margara closed over the weekend.", [("vague", 1, 2)]),
        ("Margara closed earlier this month.", [("vague", 1, None)]),
    ],
)
def test_more_relative_days(sentence, expected):
    def day(n: int | None):
        if n is None:
            return None
        return date(2025, 10, -n) if n < 0 else date(2025, 11, n)

    found = [(d.kind, d.start, d.end) for d in find_dates(sentence, FRIDAY)]
    assert found == [(kind, day(start), day(end)) for kind, start, end in expected]
