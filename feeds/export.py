"""The situation as JSON (the contract), a Markdown sitrep, or CSV of the related items."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from feeds.config import Config
from feeds.store import Store


def situation(store: Store, config: Config) -> dict[str, Any]:
    """The export document of ../shared/CONTRACT.md."""
    return {
        "situation": config.situation.name,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "items": [_item(row) for row in store.related_items()],
        "talks": store.facts("talks", []),
        "borders": store.facts("borders", []),
        "statements": store.facts("statements", []),
        "feeds": [
            _feed(row) for row in store.feeds() if row["name"] in {f.name for f in config.feeds}
        ],
    }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "guid": row["guid"],
        "feed": row["feed"],
        "title": row["title"],
        "link": row["link"],
        "published": row["published"] or row["first_seen"],
        "related": bool(row["related"]),
        "score": row["score"],
        "story": row["story"],
        "carried_by": row.get("carried_by", 1),
    }


def _feed(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "location", "last_success", "last_error", "last_error_at", "failures", "items")
    return {k: row.get(k) for k in keys}


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_csv(doc: dict[str, Any]) -> str:
    """The related items, one row each (facts do not fit one table; use json or md for them)."""
    out = io.StringIO()
    fields = ["published", "feed", "title", "link", "guid", "score"]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in doc["items"]:
        writer.writerow({k: _csv_safe(item.get(k)) for k in fields})
    return out.getvalue()


def _csv_safe(value: Any) -> Any:
    """Cells a spreadsheet would run as a formula are prefixed so they stay text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_markdown(doc: dict[str, Any], today: date | None = None) -> str:
    """A sitrep a person can paste into an email."""
    today = today or datetime.now(UTC).date()
    lines = [f"# {doc['situation']}", "", f"As of {doc['generated_at']}", ""]
    lines += _md_borders(doc["borders"]) + _md_talks(doc["talks"], today)
    lines += _md_statements(doc["statements"][:10]) + _md_items(doc["items"][:15])
    return "\n".join(lines).rstrip() + "\n"


def _md(text: Any) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def _md_borders(borders: list[dict]) -> list[str]:
    if not borders:
        return []
    lines = [
        "## Border crossings",
        "",
        "| Crossing | Status | Since | As of |",
        "|---|---|---|---|",
    ]
    for b in borders:
        mark = " (reports conflict)" if b.get("conflicting") else ""
        lines.append(
            f"| {_md(b['crossing'])} | {b['status']}{mark} | {b.get('since') or '?'} | {b.get('as_of') or '?'} |"
        )
    return lines + [""]


def _md_talks(talks: list[dict], today: date) -> list[str]:
    if not talks:
        return []
    lines = ["## Talks", "", "| Round | Dates | Mediators | Status |", "|---|---|---|---|"]
    for t in talks:
        dates = t["start"] + (f" – {t['end']}" if t.get("end") and t["end"] != t["start"] else "")
        when = _countdown(t["start"], today) if t["status"] == "scheduled" else ""
        lines.append(
            f"| {_md(t['name'])} | {dates}{when} | {_md(', '.join(t.get('mediators', [])))} | {t['status']} |"
        )
    return lines + [""]


def _countdown(start: str, today: date) -> str:
    days = (date.fromisoformat(start) - today).days
    return f" (in {days} days)" if days > 1 else (" (tomorrow)" if days == 1 else "")


def _md_statements(statements: list[dict]) -> list[str]:
    if not statements:
        return []
    lines = ["## Recent statements", ""]
    for s in statements:
        role = f", {s['role']}" if s.get("role") else ""
        lines.append(
            f"- **{_md(s['speaker'])}**{_md(role)} ({s.get('date') or '?'}): “{_md(s['quote'])}” — [{_md(s['feed'])}]({s.get('link') or ''})"
        )
    return lines + [""]


def _md_items(items: list[dict]) -> list[str]:
    if not items:
        return []
    lines = ["## Latest related news", ""]
    lines += [
        f"- {i['published'][:10]} [{_md(i['title'])}]({i['link']}) — {_md(i['feed'])}"
        for i in items
    ]
    return lines + [""]
