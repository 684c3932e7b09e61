"""The line at the top: situation, local time, last refresh, a fetch in progress, feed health."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from tui.display import ago, literal
from tui.snapshot import Snapshot


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(self, situation: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.situation = situation

    def update_clock(self, snapshot: Snapshot, fetching: bool, now: datetime) -> None:
        # Most important first: a narrow terminal cuts from the right.
        total = len(snapshot.feed_names)
        failing = snapshot.failing
        line = Text.assemble(literal(self.situation, "bold"), "  ")
        tried = {f["name"] for f in snapshot.feeds} & set(snapshot.feed_names)
        if not tried:  # nothing fetched yet: "ok" would be a claim without evidence
            plural = "" if total == 1 else "s"
            line.append(f"{total} feed{plural}, not fetched yet", style="yellow")
        else:
            line.append(
                f"{total - len(failing)}/{total} feeds ok", style="bold red" if failing else "green"
            )
        if fetching:
            line.append("  ⟳ fetching…", style="bold yellow")
        line.append(f"  refreshed {ago(snapshot.last_refresh, now)}  {now:%H:%M %Z}")
        if failing:
            names = ", ".join(f["name"] for f in failing[:3]) + ("…" if len(failing) > 3 else "")
            line.append("  failing: ", style="red")
            line.append_text(literal(names, "red"))
        self.update(line)
