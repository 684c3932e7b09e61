"""Rounds of talks from sentences written for these tests."""

from datetime import date
from pathlib import Path

from feeds.config import _Reader, parse_config
from feeds.talks import TalksReader, talks_schedule
from tests.unit_tests.helpers import CAUCASUS, art, caucasus


def rounds(*articles):
    return [
        (t["location"], t["start"], t["end"], t["status"], t["mediators"])
        for t in talks_schedule(caucasus(), list(articles))
    ]


def test_a_scheduled_round():
    a = art(
        "Armenia and Azerbaijan will meet again in Abu Dhabi on Nov 20, the UAE, which is hosting, said."
    )
    assert rounds(a) == [("Abu Dhabi", "2025-11-20", None, "scheduled", ["UAE"])]


def test_a_round_that_ran_and_ended_with_a_deal():
    a = art(
        "The talks in Washington, mediated by the United States, ran from Nov 3 to Nov 5.",
        date(2025, 11, 6),
    )
    b = art(
        "Armenia and Azerbaijan reached an agreement in Washington on Wednesday.",
        date(2025, 11, 6),
        "b",
    )
    assert rounds(a, b) == [
        ("Washington", "2025-11-03", "2025-11-05", "concluded", ["United States"])
    ]


def test_a_collapse_and_a_hedge():
    a = art(
        "Talks between Armenia and Azerbaijan opened in Abu Dhabi on Monday.",
        date(2025, 11, 4),
        "a",
    )
    b = art(
        "The Abu Dhabi talks between Armenia and Azerbaijan ended on Thursday without an agreement.",
        date(2025, 11, 7),
        "b",
    )
    c = art(
        "Armenia said the Abu Dhabi talks had come close to collapse before the last session.",
        date(2025, 11, 5),
        "c",
    )
    assert rounds(a, c)[0][3] == "ongoing"
    assert rounds(a, b, c)[0][2:4] == ("2025-11-06", "collapsed")


def test_a_second_round_at_the_same_venue_is_a_new_row():
    a = art("Armenia and Azerbaijan opened talks in Abu Dhabi on Oct 6.", date(2025, 10, 8), "a")
    b = art(
        "Armenia and Azerbaijan opened a new round of talks in Abu Dhabi on Nov 3.",
        date(2025, 11, 4),
        "b",
    )
    assert [r[1] for r in rounds(a, b)] == ["2025-10-06", "2025-11-03"]


def test_other_countries_talks_are_not_rounds():
    a = art("Talks between Serbia and Kosovo opened in Washington on Monday.", date(2025, 11, 4))
    assert rounds(a) == []


def test_a_meeting_without_a_venue_is_not_a_round():
    assert rounds(art("Armenia and Azerbaijan held a meeting on Monday.")) == []


def test_resuming_talks_on_a_weekday_is_a_scheduled_round_and_the_dateline_is_not_its_date():
    a = art(
        "YEREVAN, Nov 4 (Wire) - Armenia and Azerbaijan will resume talks in Washington on Thursday, "
        "officials said on Tuesday.",
        date(2025, 11, 4),
    )
    assert rounds(a) == [("Washington", "2025-11-06", None, "scheduled", [])]


def test_a_collapse_reported_alone_is_still_a_round():
    a = art(
        "Azerbaijan said on Saturday that its talks with Armenia in Abu Dhabi had collapsed.",
        date(2025, 11, 8),
    )
    assert [(r[0], r[3]) for r in rounds(a)] == [("Abu Dhabi", "collapsed")]


def test_the_talks_without_a_venue_join_the_round_under_way():
    opened = art(
        "Armenia and Azerbaijan began talks in Abu Dhabi on Saturday.", date(2025, 11, 1), "a"
    )
    ended = art(
        "The talks ended early on Sunday with an agreement. The two sides will meet again in "
        "Washington on Nov 20.",
        date(2025, 11, 2),
        "b",
    )
    assert rounds(opened, ended) == [
        ("Abu Dhabi", "2025-11-01", "2025-11-02", "concluded", []),
        ("Washington", "2025-11-20", None, "scheduled", []),
    ]


def test_a_venue_the_config_does_not_know():
    a = art("Talks between Armenia and Azerbaijan opened in Tbilisi on Monday.", date(2025, 11, 4))
    assert rounds(a) == [("Tbilisi", "2025-11-03", None, "ongoing", [])]
    b = art(
        "Armenian officials held a meeting in Yerevan on Monday about tourism.", date(2025, 11, 4)
    )
    assert rounds(b) == []  # a keyword of the situation (its capital), not a venue


def test_a_mediators_adjective_is_not_a_venue():
    a = art(
        "Armenia and Azerbaijan agreed on Sunday after talks in the Emirati capital.",
        date(2025, 11, 2),
    )
    assert all(r[0] != "Emirati" for r in rounds(a))


def test_a_round_known_only_from_its_outcome():
    a = art(
        "Armenia and Azerbaijan reached an agreement in Washington on Sunday after three days of talks.",
        date(2025, 11, 2),
    )
    assert [(r[0], r[1], r[3]) for r in rounds(a)] == [("Washington", "2025-11-02", "concluded")]


def test_an_aside_between_the_talks_and_their_verb():
    """A relative or participial clause between the talks and what became of them: the verb
    after it is the talks' own (end date, status, mediators)."""
    cases = {
        "The Abu Dhabi talks between Armenia and Azerbaijan, which lasted two days, ended on "
        "Thursday with a signed text.": ("2025-11-06", "concluded", []),
        "Talks between Armenia and Azerbaijan, hosted by the UAE, broke down in Abu Dhabi on "
        "Wednesday.": ("2025-11-05", "collapsed", ["UAE"]),
        "The Washington talks between Armenia and Azerbaijan, which began on Nov 3, collapsed on "
        "Thursday.": ("2025-11-06", "collapsed", []),
    }
    assert {text: rounds(art(text))[0][2:] for text in cases} == cases
    began = rounds(art(next(t for t in cases if "began" in t)))[0][1]
    assert began == "2025-11-03"


def test_a_clause_about_something_else_is_not_the_talks_verb():
    other = art(
        "The Abu Dhabi talks between Armenia and Azerbaijan were tense, the truce collapsed on "
        "Thursday."
    )
    assert all(row[3] != "collapsed" for row in rounds(other))


def test_talks_entering_their_third_day_began_two_days_before():
    a = art("The Abu Dhabi talks between Armenia and Azerbaijan entered a third day on Thursday.")
    assert rounds(a) == [("Abu Dhabi", "2025-11-04", None, "ongoing", [])]


def opened_in_abu_dhabi_on_saturday():
    return art(
        "Talks between Armenia and Azerbaijan opened in Abu Dhabi on Saturday.",
        date(2025, 11, 1),
        "a",
    )


def test_talks_extended_past_the_day_they_were_due_to_end_are_still_under_way():
    """A plan to end on Monday that did not hold is no end (and no round next Monday)."""
    a = opened_in_abu_dhabi_on_saturday()
    b = art(
        "The Abu Dhabi talks between Armenia and Azerbaijan, which were due to end on Monday, "
        "were extended for another day.",
        date(2025, 11, 4),
        "b",
    )
    assert rounds(a, b) == [("Abu Dhabi", "2025-11-01", None, "ongoing", [])]


def test_a_mediators_adjective_from_any_of_its_names():
    config = dict(
        CAUCASUS,
        talks=dict(
            CAUCASUS["talks"],
            mediators=[{"name": "Türkiye", "aliases": ["Turkey"]}, {"name": "Italy"}],
        ),
    )
    a = art(
        "Talks between Armenia and Azerbaijan began in Abu Dhabi on Monday, with Turkish and "
        "Italian diplomats mediating.",
    )
    found = talks_schedule(parse_config(config, _Reader(Path("c.toml"), "")), [a])
    assert [t["mediators"] for t in found] == [["Italy", "Türkiye"]]


def test_a_count_of_days_about_something_else_is_not_the_talks_start():
    a = art(
        "Trucks waited at Margara for a fifth day as talks between Armenia and Azerbaijan "
        "continued in Abu Dhabi."
    )
    assert [start for _, start, *_ in rounds(a)] == ["2025-11-07"]


def test_talks_said_to_begin_on_a_later_date_are_scheduled_not_under_way():
    a = art("A fresh round of Armenia-Azerbaijan talks begins Nov 12 in Abu Dhabi.")
    assert rounds(a) == [("Abu Dhabi", "2025-11-12", None, "scheduled", [])]


def test_how_long_talks_lasted_or_were_planned_to_last_is_not_when_they_began():
    a = opened_in_abu_dhabi_on_saturday()
    b = art(
        "The Abu Dhabi talks were initially scheduled for two days, but Armenia and Azerbaijan "
        "continued for four days.",
        date(2025, 11, 7),
        "b",
    )
    assert [(start, status) for _, start, _, status, _ in rounds(a, b)] == [
        ("2025-11-01", "ongoing")
    ]


def test_a_clause_about_talks_at_another_venue_lends_them_no_date():
    a = art(
        "The agreement was reached after a four-day round of talks in Abu Dhabi, the second "
        "round after the Washington negotiations held on October 18-19.",
        date(2025, 10, 31),
    )
    found = {venue: (start, status) for venue, start, _, status, _ in rounds(a)}
    assert found["Abu Dhabi"] == ("2025-10-31", "concluded")  # not the Washington dates


def test_talks_that_stopped_without_a_result_collapsed():
    for words in (
        "ended inconclusively",
        "broke off",
        "were suspended",
        "ended without a joint statement",
    ):
        a = art(f"The Abu Dhabi talks between Armenia and Azerbaijan {words} on Thursday.")
        assert rounds(a) == [("Abu Dhabi", "2025-11-06", "2025-11-06", "collapsed", [])], words


def test_a_crossing_that_stays_closed_says_nothing_of_the_talks():
    b = art("Margara stays closed as Armenia and Azerbaijan prepare for talks.")
    assert [m.status for m in TalksReader(caucasus()).mentions(b)] == [None]


def test_the_day_delegations_met_is_when_the_round_began():
    met = art(
        "Armenian and Azerbaijani delegations met in Abu Dhabi on Thursday for a third round of "
        "talks.",
        date(2025, 11, 6),
        "m",
    )
    ended = art(
        "Talks between Armenia and Azerbaijan in Abu Dhabi collapsed on Friday.",
        date(2025, 11, 8),
        "c",
    )
    assert rounds(met, ended) == [("Abu Dhabi", "2025-11-06", "2025-11-07", "collapsed", [])]


def test_talks_between_the_parties_named_by_their_aliases():
    config = caucasus()
    aliases = (("Armenia", ("Yerevan",)), ("Azerbaijan", ("Baku",)))
    aliased = config._replace(talks=config.talks._replace(party_aliases=aliases))
    a = art("Talks between Yerevan and Baku began in Abu Dhabi on Monday.")
    assert talks_schedule(config, [a]) == []  # someone else's talks, as far as it knows
    assert [t["status"] for t in talks_schedule(aliased, [a])] == ["ongoing"]


def test_talks_put_off_to_a_later_day_are_scheduled_for_it():
    for text in (
        "The talks in Abu Dhabi have been postponed to November 20, officials said.",
        "The Abu Dhabi talks were rescheduled for November 20.",
        "Talks in Abu Dhabi, originally set for November 13, have been postponed by a week.",
    ):
        assert rounds(art(text)) == [("Abu Dhabi", "2025-11-20", None, "scheduled", [])], text


def test_a_round_put_off_is_one_round_on_its_new_day():
    announced = art(
        "Armenia and Azerbaijan will hold talks in Abu Dhabi on November 13, with the UAE "
        "hosting, officials said.",
        date(2025, 11, 7),
        "a",
    )
    put_off = art(
        "Talks between Armenia and Azerbaijan in Abu Dhabi, initially scheduled for November 13, "
        "were delayed by a week.",
        date(2025, 11, 10),
        "b",
    )
    assert rounds(announced, put_off) == [("Abu Dhabi", "2025-11-20", None, "scheduled", ["UAE"])]
    # Reported to have begun on the old day after all: that round stands.
    held = art(
        "Talks between Armenia and Azerbaijan began in Abu Dhabi on Thursday.",
        date(2025, 11, 14),
        "c",
    )
    assert ("Abu Dhabi", "2025-11-13", None, "ongoing", ["UAE"]) in rounds(announced, put_off, held)


def test_us_in_a_sentence_is_not_the_united_states():
    a = art(
        "Armenia and Azerbaijan will meet in Abu Dhabi on Nov 20, with the UAE hosting, "
        "an aide told us."
    )
    assert rounds(a) == [("Abu Dhabi", "2025-11-20", None, "scheduled", ["UAE"])]


def test_a_cancelled_meeting_did_not_happen():
    a = art("The meeting of Armenia and Azerbaijan in Washington on Tuesday was cancelled.")
    assert [r[3] for r in rounds(a)] == ["collapsed"]


def test_negotiators_agreeing_days_after_a_round_began_conclude_it():
    began = art(
        "Armenian and Azerbaijani delegations began talks in Abu Dhabi on Saturday.",
        date(2025, 11, 1),
        "a",
    )
    agreed = art(
        "Armenian and Azerbaijani negotiators agreed on Thursday to extend the truce.",
        date(2025, 11, 6),
        "b",
    )
    assert rounds(began, agreed) == [("Abu Dhabi", "2025-11-01", "2025-11-06", "concluded", [])]
    # Months later, "the talks" with no venue are no longer that round's.
    later = art(
        "Armenian and Azerbaijani negotiators agreed on Thursday to extend the truce.",
        date(2026, 2, 5),
        "c",
    )
    assert rounds(began, later) == [("Abu Dhabi", "2025-11-01", None, "ongoing", [])]


def test_an_item_repeating_a_mention_reads_it_once():
    text = "Talks in Abu Dhabi between Armenia and Azerbaijan began on Monday. " * 300
    assert len(TalksReader(caucasus()).mentions(art(text))) == 1


def test_more_ways_talks_go_on_or_fail():
    def status(text: str) -> str:
        return [r[3] for r in rounds(art(text))][0]

    assert status("Talks in Abu Dhabi stretched into a third day on Friday.") == "ongoing"
    assert status("The Abu Dhabi talks ended in failure on Friday.") == "collapsed"
    assert status("The talks in Abu Dhabi on Friday produced no agreement.") == "collapsed"
    assert status("Talks in Abu Dhabi adjourned on Friday without agreement.") == "collapsed"
    assert status("Both delegations walked away from the talks in Abu Dhabi on Friday.") == (
        "collapsed"
    )


def test_from_starts_the_talks_only_right_before_its_date():
    walked = art("Both delegations walked away from the talks in Abu Dhabi on Thursday.")
    assert [r[1:3] for r in rounds(walked)] == [("2025-11-06", None)]
    assert TalksReader(caucasus()).mentions(walked)[0].start is None


def test_talks_an_agreement_came_after_took_place_and_open_to_talks_is_no_round():
    after = art(
        "Armenia and Azerbaijan agreed to a ceasefire, after talks in Abu Dhabi on Tuesday "
        "hosted by the UAE."
    )
    assert rounds(after) == [("Abu Dhabi", "2025-11-04", None, "concluded", ["UAE"])]
    # A willingness, dated only by when it was said, makes no round at all.
    willing = art("Armenia is open to talks in Abu Dhabi, Mirzoyan said on Tuesday.")
    assert rounds(willing) == []


def test_the_talks_with_no_venue_and_no_outcome_join_no_past_round():
    held = art(
        "Talks in Abu Dhabi between Armenia and Azerbaijan ended on Monday.", date(2025, 11, 4)
    )
    coming = art(
        "Armenia's foreign minister said the coming talks with Azerbaijan were a last chance.",
        date(2025, 11, 12),
        "b",
    )
    schedule = talks_schedule(caucasus(), [held, coming])
    assert [[e["guid"] for e in r["evidence"]] for r in schedule] == [["g1"]]
