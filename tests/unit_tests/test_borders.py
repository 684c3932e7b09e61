"""Border status wording and the timeline of changes, on sentences written for these tests."""

from datetime import date

from feeds.borders import border_status
from feeds.status_words import CLOSED, OPEN, PARTIAL, status_cues
from tests.unit_tests.helpers import art, caucasus


def cue(sentence: str):
    found = status_cues(sentence)
    return [(c.status, c.change, c.restricted) for c in found]


def test_change_and_state_words():
    assert cue("Guards sealed the checkpoint overnight.") == [(CLOSED, True, False)]
    assert cue("The checkpoint remained shut on Monday.") == [(CLOSED, False, False)]
    assert cue("The checkpoint reopened at dawn.") == [(OPEN, True, False)]


def test_partial_openings():
    assert cue("The checkpoint reopened, but only for pedestrians.") == [(PARTIAL, True, True)]
    assert cue("The crossing partially reopened on Monday.") == [(PARTIAL, True, True)]


def test_forecasts_and_negations_are_not_openings():
    assert cue("The checkpoint is expected to reopen within days.") == []
    assert cue("Officials discussed a decision to reopen the road.") == []
    assert cue("The checkpoint will not reopen this week.") == [(CLOSED, False, False)]


def test_before_reopening_is_an_event_after_a_report_and_a_hedge_after_a_wish():
    assert cue("The checkpoint stayed shut for 20 days before reopening on Monday.") == [
        (CLOSED, False, False),
        (OPEN, True, False),
    ]
    assert cue("Traders want guarantees before reopening the checkpoint.") == []
    assert cue("Yerevan says talks must finish before reopening the road.") == []
    assert cue("Guards opened the gate for an hour before closing it again.") == [
        (PARTIAL, True, True),
        (CLOSED, True, False),
    ]


def test_letting_some_people_through_is_a_partial_opening_unless_hedged_or_denied():
    assert cue("Guards let stranded families through the checkpoint on Monday.") == [
        (PARTIAL, True, True)
    ]
    assert cue("Yerevan allowed returning refugees to cross at the checkpoint.") == [
        (PARTIAL, True, True)
    ]
    assert cue("Baku will allow refugees to cross at the checkpoint next week.") == []
    assert cue("The checkpoint is expected to partially reopen next week.") == []
    # Trucks kept out: closed to that traffic (others may still pass).
    assert cue("Guards did not allow trucks to pass the checkpoint.") == [(CLOSED, False, True)]
    assert cue("No trucks were allowed to pass the checkpoint.") == [(CLOSED, False, True)]
    assert cue("The checkpoint has not reopened.") == [(CLOSED, False, False)]


def test_a_denied_or_rumoured_status_is_no_status():
    """A wrong "open" is worse than "unknown"."""
    assert cue("Reports that the checkpoint had reopened were denied on Monday.") == []
    assert cue("Officials denied that the checkpoint had been reopened.") == []
    assert cue("Rumours that the checkpoint reopened on Monday proved false.") == []
    assert cue("Posts claimed the checkpoint was open, but guards said it remained closed.") == [
        (CLOSED, False, False)
    ]
    assert cue("The checkpoint reopened on Monday, guards said, denying reports of shooting.") == [
        (OPEN, True, False)
    ]


def test_closed_to_goods_is_a_restricted_closure():
    assert cue("The checkpoint stays closed to cargo traffic.") == [(CLOSED, False, True)]
    assert cue("The checkpoint was closed to cargo and pedestrians alike.") == [
        (CLOSED, False, False)
    ]


def rows(*articles):
    return {b["crossing"]: b for b in border_status(caucasus(), list(articles))}


def margara_row(text: str, published: date = date(2025, 11, 7), guid: str = "m") -> dict:
    """The Margara row made from one sentence."""
    return rows(art(text, published, guid))["Margara"]


def test_history_in_event_order_with_since():
    a = art(
        "Azerbaijan closed the Margara checkpoint on Monday after shooting.", date(2025, 11, 4), "a"
    )
    b = art("Margara reopened on Thursday, officials said.", date(2025, 11, 7), "b")
    margara = rows(b, a)["Margara"]
    assert (margara["status"], margara["since"]) == ("open", "2025-11-06")
    assert [(h["date"], h["status"], h["guid"]) for h in margara["history"]] == [
        ("2025-11-03", "closed", "a"),
        ("2025-11-06", "open", "b"),
    ]


def test_general_statement_applies_to_every_crossing():
    found = rows(
        art("All crossings between Armenia and Azerbaijan have been closed since Oct 30.", guid="g")
    )
    assert {name: b["status"] for name, b in found.items()} == {
        "Margara": "closed",
        "Lachin": "closed",
    }
    assert found["Lachin"]["since"] == "2025-10-30"


def test_continuing_report_does_not_undo_a_more_specific_opening():
    opened = art(
        "The Margara checkpoint reopened on Wednesday, but only for returning families.",
        date(2025, 11, 5),
        "o",
    )
    shut = art(
        "Margara remained shut on Thursday as the trade freeze went on.", date(2025, 11, 6), "s"
    )
    margara = rows(opened, shut)["Margara"]
    assert margara["status"] == "partially_open" and margara["conflicting"] is True


def test_a_brief_opening_closed_again_the_same_day_leaves_the_crossing_closed():
    """A wrong "open" is worse than "unknown": "before closing it again" is the last change."""
    margara = margara_row(
        "Guards briefly reopened the Margara checkpoint on Wednesday to let stranded families "
        "through, before closing it again in the evening.",
        date(2025, 11, 6),
        "g",
    )
    assert (margara["status"], margara["since"]) == ("closed", "2025-11-05")
    assert [(h["date"], h["status"]) for h in margara["history"]] == [
        ("2025-11-05", "partially_open"),
        ("2025-11-05", "closed"),
    ]


def test_since_the_closure_is_no_closing_on_the_day_of_the_report():
    margara = margara_row(
        "Azerbaijan allowed Armenian refugees to cross at Margara on Sunday for the first "
        "time since the closure, an official said.",
        date(2025, 11, 4),
        "r",
    )
    assert (margara["status"], margara["since"]) == ("partially_open", "2025-11-02")
    assert [h["status"] for h in margara["history"]] == ["partially_open"]
    dated = margara_row(
        "Traders have lost millions since the closure of Margara on Oct 12.", guid="d"
    )
    assert (dated["status"], dated["since"]) == ("closed", "2025-10-12")


def test_a_reopening_after_days_shut_dates_the_closure_not_the_opening():
    """ "for 26 days" gives the start of the closure beside it, not of the reopening."""
    margara = margara_row(
        "The Margara checkpoint reopened for all traffic on Saturday after staying closed "
        "for 26 days, officials said.",
        date(2025, 11, 9),
        "m",
    )
    assert (margara["status"], margara["since"], margara["conflicting"]) == (
        "open",
        "2025-11-08",
        False,
    )
    assert [(h["date"], h["status"]) for h in margara["history"]] == [
        ("2025-10-13", "closed"),
        ("2025-11-08", "open"),
    ]


def test_a_reopening_after_an_n_day_closure_dates_the_closure():
    margara = margara_row(
        "Armenia reopened Margara on Oct 30 after a 19-day closure.", date(2025, 10, 31), "n"
    )
    assert [(h["date"], h["status"]) for h in margara["history"]] == [
        ("2025-10-11", "closed"),
        ("2025-10-30", "open"),
    ]


def test_a_status_word_takes_every_crossing_it_names_and_no_other_crossings_word():
    both = rows(art("Armenia reopened Margara and Lachin on Saturday.", date(2025, 11, 9), "b"))
    assert {name: row["status"] for name, row in both.items()} == {
        "Margara": "open",
        "Lachin": "open",
    }
    split = rows(
        art(
            "Armenia reopened Margara on Saturday, but Lachin stayed closed, officials said.",
            date(2025, 11, 9),
            "s",
        )
    )
    assert (split["Margara"]["status"], split["Margara"]["conflicting"]) == ("open", False)
    assert [h["status"] for h in split["Margara"]["history"]] == ["open"]
    assert split["Lachin"]["status"] == "closed"


def test_tenth_day_dates_the_closure():
    margara = margara_row(
        "The Margara checkpoint stayed closed for a tenth day on Friday.", guid="t"
    )
    assert margara["since"] == "2025-10-29"


def test_a_crossing_named_plainly_in_several_items_is_found():
    a = art(
        "The Sadakhlo crossing was closed on Monday as Armenia and Azerbaijan traded fire.",
        guid="x1",
    )
    b = art("Trucks waited at the Sadakhlo crossing, which remained shut.", guid="x2")
    assert rows(a, b)["Sadakhlo"]["status"] == "closed"


def test_no_report_means_unknown():
    assert (
        rows(art("Armenia and Azerbaijan traded accusations.", guid="n"))["Margara"]["status"]
        == "unknown"
    )


def test_openings_for_some_traffic_only_are_partial():
    assert cue("The crossing was reopened to pedestrians on Monday.") == [(PARTIAL, True, True)]
    assert cue("The checkpoint opened briefly for humanitarian convoys.") == [(PARTIAL, True, True)]
    assert cue("The checkpoint reopened to all traffic.") == [(OPEN, True, False)]


def test_the_verb_that_takes_the_crossing_as_object_wins_over_background():
    a = art(
        "Guards on Saturday reopened the Margara checkpoint for returning families, nearly three weeks "
        "after it was shut following clashes.",
        date(2025, 11, 2),
        "r",
    )
    margara = rows(a)["Margara"]
    assert (margara["status"], margara["since"]) == ("partially_open", "2025-11-01")


def test_ending_a_closure_is_an_opening():
    assert cue("Trucks crossed on Monday, ending a 27-day closure of the checkpoint.")[0][:2] == (
        OPEN,
        True,
    )
    assert cue("The authorities lifted the month-long blockade of Margara.")[0][:2] == (OPEN, True)


def test_opening_for_the_return_of_some_people_only_is_partial():
    assert cue("Guards reopened the checkpoint for the repatriation of Armenian refugees.") == [
        (PARTIAL, True, True)
    ]
    assert cue("The checkpoint was reopened for the return of stranded families.") == [
        (PARTIAL, True, True)
    ]


def test_trade_resuming_through_a_crossing_is_a_partial_opening():
    assert cue("Trade with Armenia resumed through Margara on Monday.") == [(PARTIAL, True, True)]
    assert cue("Cargo traffic across Margara resumed on Monday.") == [(PARTIAL, True, True)]


def test_a_closure_for_some_traffic_after_an_opening_leaves_the_crossing_partly_open():
    b = art(
        "Trade with Armenia resumed through Margara on Monday, but pedestrian movement remains "
        "suspended.",
        date(2025, 11, 4),
        "q",
    )
    assert rows(b)["Margara"]["status"] == "partially_open"
    a = art(
        "Margara reopened on Monday, but pedestrian movement remains suspended.",
        date(2025, 11, 4),
        "p",
    )
    margara = rows(a)["Margara"]
    assert (margara["status"], margara["since"]) == ("partially_open", "2025-11-03")


def test_a_closure_entering_its_third_week_began_two_weeks_before():
    a = art(
        "The closure of Margara entered its third week on Saturday, with no deal in sight.",
        date(2025, 11, 3),
        "w",
    )
    assert rows(a)["Margara"]["since"] == "2025-10-18"


def test_shut_for_more_than_three_weeks_dates_the_closure_three_weeks_back():
    a = art("The Margara checkpoint has been shut for more than three weeks.", date(2025, 11, 3))
    assert rows(a)["Margara"]["since"] == "2025-10-13"


def test_a_gerund_after_a_preposition_is_talk_of_a_change_not_a_change():
    assert cue("No decision has been made on reopening the checkpoint, an official said.") == []
    assert cue("Officials met to discuss reopening Margara.") == []
    assert cue("Traders pinned their hopes on the reopening of Margara.") == []
    assert cue("Talks about closing the checkpoint went nowhere.") == []
    assert cue("Traders welcomed the reopening of Margara on Monday.") == [(OPEN, True, False)]


def test_open_to_some_traffic_but_closed_to_other_traffic_is_partial():
    assert (
        margara_row("Margara is open for foot traffic but closed to trucks, guards said.")["status"]
        == "partially_open"
    )


def test_a_reopening_awaited_delayed_or_hoped_for_is_no_opening():
    """A wrong "open" is worse than "unknown"."""
    assert cue("The reopening of Margara has been delayed again, officials said.") == []
    assert cue("Traders on both sides are waiting for the reopening of Margara.") == []
    assert cue("Drivers await the reopening of the Margara checkpoint.") == []
    assert cue("Margara reopening delayed as talks stall.") == []
    assert cue("Hopes for an early reopening of Margara faded on Monday.") == []
    assert cue("The reopening of Margara on Monday came as talks were postponed.") == [
        (OPEN, True, False)
    ]
    assert cue("The reopening of Margara brought relief to drivers.") == [(OPEN, True, False)]


def test_reopened_for_hours_before_being_closed_again_ends_closed():
    row = margara_row("Margara reopened for a few hours on Sunday before being closed again.")
    assert [h["status"] for h in row["history"]] == ["partially_open", "closed"]


def test_a_continuing_state_takes_no_date_that_belongs_to_another_change():
    a = art(
        "Margara remains shut, while Lachin was reopened on Friday, officials said.",
        date(2025, 11, 4),
    )
    found = rows(a)
    assert (found["Margara"]["status"], found["Margara"]["since"]) == ("closed", "2025-11-04")
    assert (found["Lachin"]["status"], found["Lachin"]["since"]) == ("open", "2025-10-31")


def test_closed_again_after_a_reopening_dated_in_the_same_sentence():
    row = margara_row("Margara, which reopened briefly last week, is closed again.")
    assert (row["status"], row["since"]) == ("closed", "2025-11-07")


def test_has_been_open_since():
    row = margara_row("Margara has been open since Tuesday, officials said.")
    assert (row["status"], row["since"]) == ("open", "2025-11-04")


def test_shuttered_and_thrown_open():
    assert cue("The checkpoint has remained shuttered since October 12.") == [
        (CLOSED, False, False)
    ]
    assert cue("Margara was thrown open to traffic on Monday.") == [(OPEN, True, False)]


def test_a_reopening_after_a_closure_of_weeks_dates_the_closure():
    row = margara_row(
        "The Margara checkpoint resumed operations on Monday after a three-week closure.",
        date(2025, 11, 4),
    )
    assert [(h["date"], h["status"]) for h in row["history"]] == [
        ("2025-10-13", "closed"),
        ("2025-11-03", "open"),
    ]


def test_an_opening_or_closing_in_the_present_progressive_is_a_plan():
    assert cue("Armenia is reopening the Margara checkpoint on Monday.") == []
    assert cue("Azerbaijan is partially reopening Lachin for trucks.") == []
    assert cue("Officials say they are closing Margara at midnight.") == []
    # Ongoing traffic is a state of the crossing, not a plan.
    assert cue("Armenia is allowing returnees to cross at Margara.") == [(PARTIAL, True, True)]
    assert cue("Trucks are moving through Margara again.") == [(PARTIAL, True, True)]


def test_a_crossing_said_to_be_reopening_next_week_is_not_open():
    row = margara_row("Armenia is reopening the Margara checkpoint on Monday, officials said.")
    assert row["status"] == "unknown"


def test_traffic_not_allowed_through_is_closed_to_it():
    assert cue("Trucks were not allowed through Margara on Monday.") == [(CLOSED, False, True)]
    assert cue("Cargo has not been moving since Sunday.") == [(CLOSED, False, True)]


def test_closed_to_some_traffic_but_open_to_other_is_partly_open():
    row = margara_row("Margara has been closed to trade but open to pedestrians since Tuesday.")
    assert (row["status"], row["since"]) == ("partially_open", "2025-11-04")


def test_an_opening_for_workers_or_residents_only_is_partial():
    assert cue("Margara reopened on Friday for returning workers.") == [(PARTIAL, True, True)]
    assert cue("Armenia allowed residents to cross at Margara.") == [(PARTIAL, True, True)]


def test_people_sent_back_through_a_crossing_closed_to_trade_is_partly_open():
    assert cue("Refugees continue to be sent back through Margara.") == [(PARTIAL, True, True)]
    assert cue("Margara stays shut to regular trade.") == [(CLOSED, False, True)]
    row = margara_row(
        "Margara remains closed to trade, although returnees are still sent back through it."
    )
    assert [h["status"] for h in row["history"]] == ["partially_open"]


def test_a_sentence_of_hundreds_of_names_and_status_words_makes_few_observations():
    """One per crossing, day and status: a hostile sentence must not make one per pair."""
    from feeds.borders import item_crossings, observations

    config = caucasus()
    text = "Margara closed on Monday but reopened on Friday, " * 200
    found = observations(art(text), item_crossings(config, []))
    days_and_statuses = {(o.crossing, o.when, o.status) for o in found}
    assert len(found) == len(days_and_statuses) <= 4


def test_movement_restored_is_an_opening_and_the_return_of_people_allowed_is_partial():
    assert cue("Movement through Margara was restored on Sunday.") == [(OPEN, True, False)]
    assert cue("Traffic at Margara was partially restored.") == [(PARTIAL, True, True)]
    assert cue("Calm was restored at Margara after the clashes.") == []
    assert cue("Armenia allowed the return of stranded nationals via Margara.") == [
        (PARTIAL, True, True)
    ]


def test_closed_to_all_but_some_traffic_lets_some_through():
    assert cue("Margara remains closed to all traffic except deportees.") == [(CLOSED, False, True)]
    assert cue("The checkpoint stays shut to all but humanitarian traffic.") == [
        (CLOSED, False, True)
    ]
    assert cue("Margara stayed closed, but trucks are still waiting.") == [(CLOSED, False, False)]


def test_people_allowed_to_cross_in_the_passive_is_partial():
    assert cue("Nationals being deported were allowed to cross the border via Margara.") == [
        (PARTIAL, True, True)
    ]
    assert cue("Stranded families were not allowed to cross at Margara.") == [(CLOSED, False, True)]


def test_a_crossing_set_apart_takes_nothing_said_of_the_others():
    found = rows(art("All crossings except Margara remain closed, officials said."))
    assert found["Margara"]["status"] == "unknown" and found["Lachin"]["status"] == "closed"
    found = rows(art("Apart from Margara, which reopened on Tuesday, all crossings remain shut."))
    assert (found["Margara"]["status"], found["Lachin"]["status"]) == ("open", "closed")


def test_a_rough_start_gives_way_to_the_day_a_report_gives():
    closed = art("Margara was closed on Sunday after clashes.", date(2025, 10, 13), "a")
    rough = art(
        "Margara, which remains closed since early October, saw protests.", date(2025, 10, 31), "b"
    )
    row = rows(closed, rough)["Margara"]
    assert (row["status"], row["since"]) == ("closed", "2025-10-12")
    assert [h["guid"] for h in row["history"]] == ["a"]
    # Alone, the rough start is still the best the news gives.
    assert rows(rough)["Margara"]["since"][:7] == "2025-10"
