"""The second half of a refresh: what came in is scored, the facts re-derived, alerts sent.

Kept apart from the fetching (no HTTP client, parsers or asyncio loaded here), so the
dashboard can run it in a fresh process of its own: a derive over a big store is the peak of a
refresh's memory, and in the fetching process it sat on top of ~13 MB of the fetch machinery.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from feeds.alerts import dispatch, events_for
from feeds.config import Config
from feeds.derive import rederive_if_stale, rescore
from feeds.store import Store
from feeds.summary import RefreshSummary


class Fetched(NamedTuple):
    """What the fetching half hands over: its summary so far and the items it wrote."""

    summary: RefreshSummary
    touched: list[str]  # items new or changed
    scored: set[str]  # of those, items whose relevance was stored with them
    first_refresh: bool  # everything is new: nothing to alert about


def settle(config: Config, store: Store, fetched: Fetched) -> RefreshSummary:
    """Scores what came in, re-derives the facts if stale (see facts_stale), and sends the
    alerts; returns the refresh's whole summary."""
    summary = fetched.summary
    with store.writing():
        summary.related_new = rescore(store, config, fetched.touched, fetched.scored)
        summary.changes = rederive_if_stale(store, config)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        store.set_meta("last_attempt", now)
        if summary.ok or summary.not_modified:  # "refreshed 4 min ago" means new data came in
            store.set_meta("last_refresh", now)
    new_related = []
    if not fetched.first_refresh:
        new_related = [r for r in store.items_by_keys(fetched.touched) if r["related"]]
    events = events_for(config, summary.changes, new_related)
    if events:
        with store.writing():
            summary.alerts = dispatch(store, config, events)
    return summary
