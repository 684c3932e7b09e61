"""How the panels put dates into words."""

from datetime import date

from tui.display import talks_when

TODAY = date(2025, 11, 7)


def test_a_round_ahead_counts_down_and_one_under_way_counts_its_days():
    assert talks_when("scheduled", "2025-11-09", TODAY) == "in 2 days"
    assert talks_when("scheduled", "2025-11-07", TODAY) == "today"
    assert talks_when("scheduled", "2025-11-04", TODAY) == "due 3 days ago"
    assert talks_when("ongoing", "2025-11-05", TODAY) == "day 3"
    assert talks_when("ongoing", "2025-11-07", TODAY) == "day 1"
    assert talks_when("concluded", "2025-11-05", TODAY) == ""
    assert talks_when("ongoing", "not a date", TODAY) == ""
