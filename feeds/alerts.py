"""Alerts that reach people away from the screen: the user's command, run for each change with
the change as arguments and as JSON on stdin — never through a shell, with a time limit, and at
most once per fact per cooldown so a flapping status does not spam. Every alert is recorded."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from typing import Any

from feeds.config import Config
from feeds.names import phrase_pattern
from feeds.store import Store


def events_for(
    config: Config, changes: list[dict[str, Any]], new_related: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What deserves an alert: status and talks changes, new statements by configured people,
    and new related items whose title holds one of the user's alert keywords."""
    events = [c for c in changes if c["kind"] != "statement" or c.get("known_speaker")]
    if config.alerts.keywords:
        pattern = phrase_pattern(config.alerts.keywords)
        for item in new_related:
            found = pattern.search(item["title"])
            if found:
                events.append(
                    {
                        "kind": "keyword",
                        "key": f"{found.group(0).lower()}:{item['guid']}",
                        "text": f"{item['feed']}: {item['title']}",
                        "link": item.get("link", ""),
                    }
                )
    return events


def dispatch(
    store: Store, config: Config, events: list[dict[str, Any]], now: datetime | None = None
) -> list[dict[str, Any]]:
    """Runs the alert command for each event (call inside store.writing()); returns the records."""
    now = now or datetime.now(UTC)
    records = []
    for event in events:
        record = {
            "at": now.isoformat(timespec="seconds"),
            "kind": event["kind"],
            "key": event["key"],
            "text": event["text"],
            "payload": json.dumps(event, ensure_ascii=False),
        }
        if _cooling_down(store, event, config.alerts.cooldown, now):
            record.update(status="suppressed", error="within the cooldown of an earlier alert")
        elif not config.alerts.command:
            record.update(status="recorded", error="")
        else:
            record.update(_run(config, event))
        store.db["alerts"].insert(record)
        records.append(record)
    return records


def _cooling_down(store: Store, event: dict[str, Any], cooldown: float, now: datetime) -> bool:
    row = store.db.execute(
        "select max(at) from alerts where kind = ? and key = ? and status in ('sent', 'recorded')",
        [event["kind"], event["key"]],
    ).fetchone()
    return bool(row[0]) and datetime.fromisoformat(row[0]) + timedelta(seconds=cooldown) > now


def _run(config: Config, event: dict[str, Any]) -> dict[str, str]:
    command = [*config.alerts.command, event["kind"], event["text"]]
    try:
        done = subprocess.run(
            command,
            input=json.dumps(event, ensure_ascii=False),
            capture_output=True,
            text=True,
            timeout=config.alerts.timeout,
            shell=False,
            check=False,
        )
    except FileNotFoundError:
        return {"status": "failed", "error": f"command not found: {command[0]}"}
    except subprocess.TimeoutExpired:
        return {"status": "failed", "error": f"no exit within {config.alerts.timeout:g}s"}
    except OSError as error:
        return {"status": "failed", "error": f"could not run: {error.strerror or error}"}
    if done.returncode != 0:
        first = (done.stderr or "").strip().splitlines()[:1]
        return {
            "status": "failed",
            "error": f"exit {done.returncode}" + (f": {first[0][:200]}" if first else ""),
        }
    return {"status": "sent", "error": ""}


def recent(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    return list(
        store.db.query(
            "select at, kind, status, text, error from alerts order by id desc limit ?", [limit]
        )
    )
