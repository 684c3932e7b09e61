"""The bundled offline demo: feeds written for sitmon, dated relative to the day the demo starts.

Placeholders in the feed files: {{rfc:D:H}} / {{iso:D:H}} an RFC 822 / ISO time D days from today
at hour H (UTC); {{md:D}} "Nov 6"; {{wd:D}} "Friday"; {{ordinal:N}} "16th".
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import UTC, datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).parent
_PLACEHOLDER = re.compile(r"\{\{(\w+):(-?\d+)(?::(\d+))?\}\}")


def render(template: str, today: datetime) -> str:
    """Fills the date placeholders of a demo feed."""

    def fill(match: re.Match[str]) -> str:
        kind, days, hour = match.group(1), int(match.group(2)), int(match.group(3) or 12)
        moment = datetime.combine((today + timedelta(days=days)).date(), time(hour), tzinfo=UTC)
        if kind == "ordinal":
            return _ordinal(days)
        return {
            "rfc": lambda: format_datetime(moment),
            "iso": lambda: moment.isoformat(),
            "md": lambda: f"{moment:%b} {moment.day}",
            "wd": lambda: f"{moment:%A}",
        }[kind]()

    return _PLACEHOLDER.sub(fill, template)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def prepare_demo(today: datetime | None = None, folder: Path | None = None) -> tuple[Path, Path]:
    """Writes the demo config and dated feeds to a fresh folder; returns (config, database)."""
    today = today or datetime.now(UTC)
    folder = folder or Path(tempfile.mkdtemp(prefix="sitmon-demo-"))
    shutil.copy(HERE / "situation.toml", folder / "config.toml")
    for feed in HERE.glob("*.xml"):
        (folder / feed.name).write_text(
            render(feed.read_text(encoding="utf-8"), today), encoding="utf-8"
        )
    return folder / "config.toml", folder / "sitmon.db"
