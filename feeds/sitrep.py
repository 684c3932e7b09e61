"""The situation as a Markdown sitrep a person can paste into an email: every fact with its
sources as links, and what changed in the period asked for."""

from __future__ import annotations

from datetime import date
from typing import Any


def to_markdown(doc: dict[str, Any], today: date, since: date) -> str:
    lines = [f"# {doc['situation']}", "", f"As of {doc['generated_at']}", ""]
    lines += _changes(doc, since)
    lines += _borders(doc["borders"]) + _talks(doc["talks"], today)
    lines += _statements(doc["statements"][:10]) + _items(doc["items"][:15])
    return "\n".join(lines).rstrip() + "\n"


def _md(text: Any) -> str:
    return (
        str(text or "")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )


def _link(source: dict[str, Any]) -> str:
    link = source.get("link") or ""
    return (
        f"[{_md(source.get('feed'))}]({link})"
        if link.startswith(("http://", "https://"))
        else _md(source.get("feed"))
    )


def _changes(doc: dict[str, Any], since: date) -> list[str]:
    found = []
    for border in doc["borders"]:
        for change in border["history"]:
            if date.fromisoformat(change["date"]) >= since:
                found.append(
                    (
                        change["date"],
                        f"{_md(border['crossing'])}: {change['status'].replace('_', ' ')} — {_link(change)}",
                    )
                )
    for talk in doc["talks"]:
        fresh = [e for e in talk["evidence"] if date.fromisoformat(e["date"]) >= since]
        if fresh:
            found.append(
                (
                    fresh[-1]["date"],
                    f"{_md(talk['name'])} ({talk['start']}): {talk['status']} — {_link(fresh[-1])}",
                )
            )
    said = [
        s for s in doc["statements"] if s.get("date") and date.fromisoformat(s["date"]) >= since
    ]
    if said:
        found.append((said[0]["date"], f"{len(said)} new statements (below)"))
    lines = [f"## Changes since {since.isoformat()}", ""]
    lines += [f"- {when}: {text}" for when, text in sorted(found)] or ["- none reported"]
    return lines + [""]


def _borders(borders: list[dict]) -> list[str]:
    if not borders:
        return []
    lines = [
        "## Border crossings",
        "",
        "| Crossing | Status | Since | As of | Latest report |",
        "|---|---|---|---|---|",
    ]
    for b in borders:
        mark = " (reports conflict)" if b.get("conflicting") else ""
        source = _link(b["history"][-1]) if b.get("history") else ""
        lines.append(
            f"| {_md(b['crossing'])} | {b['status']}{mark} | {b.get('since') or '?'} | {b.get('as_of') or '?'} | {source} |"
        )
    return lines + [""]


def _talks(talks: list[dict], today: date) -> list[str]:
    if not talks:
        return []
    lines = [
        "## Talks",
        "",
        "| Round | Dates | Mediators | Status | Sources |",
        "|---|---|---|---|---|",
    ]
    for t in talks:
        dates = t["start"] + (f" – {t['end']}" if t.get("end") and t["end"] != t["start"] else "")
        when = _countdown(t["start"], today) if t["status"] == "scheduled" else ""
        sources = ", ".join(dict.fromkeys(_link(e) for e in t["evidence"][-3:]))
        lines.append(
            f"| {_md(t['name'])} | {dates}{when} | {_md(', '.join(t.get('mediators', [])))} | {t['status']} | {sources} |"
        )
    return lines + [""]


def _countdown(start: str, today: date) -> str:
    days = (date.fromisoformat(start) - today).days
    return (
        f" (in {days} days)"
        if days > 1
        else (" (tomorrow)" if days == 1 else (" (today)" if days == 0 else ""))
    )


def _statements(statements: list[dict]) -> list[str]:
    if not statements:
        return []
    lines = ["## Recent statements", ""]
    for s in statements:
        role = f", {_md(s['role'])}" if s.get("role") else ""
        lines.append(
            f"- **{_md(s['speaker'])}**{role} ({s.get('date') or '?'}): “{_md(s['quote'])}” — {_link(s)}"
        )
    return lines + [""]


def _items(items: list[dict]) -> list[str]:
    if not items:
        return []
    lines = ["## Latest related news", ""]
    lines += [
        f"- {(i['published'] or '')[:10]} [{_md(i['title'])}]({i['link']}) — {_md(i['feed'])}"
        for i in items
    ]
    return lines + [""]
