"""`sitmon status`: what changed since it was last run, for a shell prompt or a cron mail."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from feeds.changes import diff_facts, essentials
from feeds.store import Store

_SEEN = "status_seen"


def since_last_look(store: Store) -> dict[str, Any]:
    """Changes since the previous call (which this call then replaces as the reference)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    facts = {kind: store.facts(kind, []) for kind in ("talks", "borders", "statements")}
    seen = json.loads(store.get_meta(_SEEN) or "null")
    related = store.count_items(related_only=True)
    if seen is None:
        report = {"since": None, "changes": [], "new_related_items": related}
    else:
        report = {
            "since": seen["at"],
            "changes": diff_facts(seen["facts"], facts),
            "new_related_items": max(0, related - seen["related"]),
        }
    report["as_of"] = now
    report["borders"] = {b["crossing"]: b["status"] for b in facts["borders"]}
    with store.writing():
        seen_now = {kind: essentials(kind, value) for kind, value in facts.items()}
        store.set_meta(_SEEN, json.dumps({"at": now, "facts": seen_now, "related": related}))
    return report


def describe(report: dict[str, Any]) -> str:
    """A few short lines: the changes, else the current border status."""
    if report["since"] is None:
        head = "first look"
    else:
        head = f"since {report['since']}: {len(report['changes'])} changes, {report['new_related_items']} new related items"
    lines = [head]
    lines += [f"  {change['text']}" for change in report["changes"]]
    if not report["changes"]:
        borders = ", ".join(f"{k} {v.replace('_', ' ')}" for k, v in report["borders"].items())
        lines.append(f"  {borders or 'no facts yet (run sitmon fetch)'}")
    return "\n".join(lines)
