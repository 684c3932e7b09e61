"""What changed between two sets of derived facts: the events worth announcing."""

from __future__ import annotations

from typing import Any

KINDS = ("borders", "talks", "statements")  # the order changes are told in

ESSENTIAL = {  # what telling a change needs of the facts it is told against
    "borders": ("crossing", "status"),
    "talks": ("location", "start", "status"),
    "statements": ("speaker", "quote"),
}


def diff_facts(before: dict[str, list], after: dict[str, list]) -> list[dict[str, Any]]:
    """Crossing status changes, new or changed rounds of talks, and new statements."""
    return [
        change
        for kind in KINDS
        for change in diff_kind(kind, before.get(kind, []), after.get(kind, []))
    ]


def diff_kind(kind: str, before: list[dict], after: list[dict]) -> list[dict[str, Any]]:
    """The changes of one kind of fact."""
    return _DIFFS[kind](before, after)


def essentials(kind: str, facts: list[dict]) -> list[dict[str, Any]]:
    """Only what diff_kind needs of facts that will be told against: at 50,000 related items
    the statements alone are megabytes of evidence, which nothing compares."""
    fields = ESSENTIAL[kind]
    return [{field: fact.get(field) for field in fields} for fact in facts]


def _border_changes(before: list[dict], after: list[dict]) -> list[dict[str, Any]]:
    old = {b["crossing"]: b.get("status") for b in before}
    return [
        {
            "kind": "border",
            "key": b["crossing"],
            "was": old.get(b["crossing"], "unknown"),
            "now": b["status"],
            "text": f"{b['crossing']}: {old.get(b['crossing'], 'unknown')} → {b['status']}",
        }
        for b in after
        if old.get(b["crossing"], "unknown") != b["status"]
    ]


def _talks_changes(before: list[dict], after: list[dict]) -> list[dict[str, Any]]:
    old = {(t["location"], t["start"]): t.get("status") for t in before}
    changes = []
    for talk in after:
        key = (talk["location"], talk["start"])
        if old.get(key) != talk["status"]:
            was = old.get(key, "new")
            changes.append(
                {
                    "kind": "talks",
                    "key": f"{talk['name']} {talk['start']}",
                    "was": was,
                    "now": talk["status"],
                    "text": f"{talk['name']} ({talk['start']}): {was} → {talk['status']}",
                }
            )
    return changes


def _new_statements(before: list[dict], after: list[dict]) -> list[dict[str, Any]]:
    seen = {(s["speaker"], s["quote"]) for s in before}
    return [
        {
            "kind": "statement",
            "key": f"{s['speaker']}: {s['quote'][:60]}",
            "was": None,
            "now": s["quote"],
            "speaker": s["speaker"],
            "known_speaker": s.get("known_speaker", False),
            "text": f"{s['speaker']}: “{s['quote'][:100]}”",
        }
        for s in after
        if (s["speaker"], s["quote"]) not in seen
    ]


_DIFFS = {"borders": _border_changes, "talks": _talks_changes, "statements": _new_statements}
