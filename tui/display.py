"""Feed text made safe for the screen, and times said the way people say them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rich.text import Text

from feeds.clean import clean_line, clean_text

# Mid-tone colours that stay readable on both the dark and the light themes.
STATUS_STYLE = {
    "closed": "bold red3",
    "partially_open": "bold dark_orange",
    "open": "bold green4",
    "unknown": "dim",
    "scheduled": "bold dodger_blue2",
    "ongoing": "bold dark_orange",
    "concluded": "green4",
    "collapsed": "bold red3",
}
STATUS_LABEL = {"partially_open": "partly open"}


def literal(value: object, style: str = "") -> Text:
    """Text shown exactly as written: never parsed as markup, control characters removed."""
    return Text(clean_line(str(value) if value is not None else ""), style=style)


def literal_block(value: object, style: str = "") -> Text:
    """Like literal(), keeping paragraph breaks."""
    return Text(clean_text(str(value) if value is not None else ""), style=style)


def status_text(status: str) -> Text:
    return Text(STATUS_LABEL.get(status, status), style=STATUS_STYLE.get(status, ""))


def parse_moment(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ago(stamp: str | None, now: datetime) -> str:
    """ "just now", "4 min ago", "3 h ago", "2 days ago"."""
    moment = parse_moment(stamp)
    if moment is None:
        return "never"
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    days = seconds // 86400
    return f"{days} day{'s' if days != 1 else ''} ago"


def countdown(start: str, today: date) -> str:
    """ "today", "tomorrow", "in 2 days", "3 days ago"."""
    try:
        days = (date.fromisoformat(start) - today).days
    except ValueError:
        return ""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    return f"{-days} day{'s' if days != -1 else ''} ago"


def talks_when(status: str, start: str, today: date) -> str:
    """When a round is, as a reader of the schedule asks it: "in 2 days" for one ahead ("due 3
    days ago" for one no report has said began), "day 3" for one under way."""
    if status == "scheduled":
        when = countdown(start, today)
        return f"due {when}" if when.endswith(" ago") else when  # no report since its day
    if status == "ongoing":
        try:
            day = (today - date.fromisoformat(start)).days + 1
        except ValueError:
            return ""
        return f"day {day}" if day >= 1 else ""
    return ""


def duration_since(since: str | None, today: date) -> str:
    """ "26 days" since a date, for "closed 26 days"."""
    if not since:
        return ""
    try:
        days = (today - date.fromisoformat(since)).days
    except ValueError:
        return ""
    return f"{days} day{'s' if days != 1 else ''}" if days >= 0 else ""


def short_time(stamp: str | None, now: datetime) -> str:
    """ "14:05" today, "Tue 14:05" this week, "12 Oct" before, in local time."""
    moment = parse_moment(stamp)
    if moment is None:
        return ""
    local = moment.astimezone(now.tzinfo)
    if local.date() == now.date():
        return f"{local:%H:%M}"
    if (now - local).days < 6:
        return f"{local:%a %H:%M}"
    return f"{local.day} {local:%b}" + (f" {local:%Y}" if local.year != now.year else "")
