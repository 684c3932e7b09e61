"""The situation as JSON (the contract), a Markdown sitrep, or CSV of the related items."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
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
