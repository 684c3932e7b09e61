"""One refresh: fetch every feed, parse, store, score relevance, re-derive the facts.

The CLI (`sitmon fetch`) and the dashboard run exactly this; a feed's items and health are always
committed together (with other feeds that finished at the same moment), so an interrupted
refresh never leaves a half-ingested feed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feeds.config import Config
from feeds.derive import EXTRACTION_VERSION, config_fingerprint
from feeds.digest import Digested
from feeds.fetch import FetchOutcome, fetch_all
from feeds.parse import ParsedFeed
from feeds.settle import Fetched, settle
from feeds.store import Store
from feeds.summary import RefreshSummary
from feeds.workers import Digester

MAX_BACKOFF = 6 * 3600.0
COMMIT_SECONDS = 0.5
_LATER = object()  # nothing came in before the commit was due


Progress = Callable[[FetchOutcome], None]  # called as each feed finishes
Phase = Callable[[str], None]  # called when the refresh moves on to reading what came in


def refresh(
    config: Config, db_path: Path, progress: Progress | None = None, phase: Phase | None = None
) -> RefreshSummary:
    """Runs one full refresh synchronously: the fetching half, then settle()."""
    store = Store(db_path)
    try:
        return settle(config, store, asyncio.run(_fetch(config, store, progress, phase)))
    finally:
        store.close()


def fetch_feeds(config: Config, db_path: Path) -> Fetched:
    """The fetching half alone: every feed fetched, parsed and written, nothing settled."""
    store = Store(db_path)
    try:
        return asyncio.run(_fetch(config, store, None, None))
    finally:
        store.close()


async def _fetch(
    config: Config, store: Store, progress: Progress | None, phase: Phase | None
) -> Fetched:
    summary = RefreshSummary()
    first_refresh = store.get_meta("last_refresh") is None  # everything is new: nothing to alert
    states = {feed.name: store.feed_state(feed.name) for feed in config.feeds}
    touched: list[str] = []
    scored: set[str] = set()  # items whose relevance was stored with them
    stamp = config_fingerprint(config, EXTRACTION_VERSION)
    digester = Digester(config, expected_bodies=len(config.feeds) if first_refresh else 0)
    ready: asyncio.Queue[tuple[FetchOutcome, Digested | None] | None] = asyncio.Queue()
    fetching = asyncio.create_task(_fetch_and_digest(config, states, ready, digester))
    arrivals = _Arrivals(ready)
    try:
        finished = False
        while not finished:
            entry = await arrivals.next()
            written: list[FetchOutcome] = []
            # Feeds that come in within COMMIT_SECONDS share one transaction: a commit costs
            # about as much as writing several feeds (the search index flushes a segment).
            with store.writing():
                deadline = time.monotonic() + COMMIT_SECONDS
                while entry is not None:
                    outcome, digested = entry
                    state = states[outcome.feed.name]
                    keys = _ingest(store, config, outcome, digested, summary, state)
                    if digested and keys:
                        _keep_readings(store, digested, keys, scored, stamp)
                    touched += keys
                    written.append(outcome)
                    entry = await arrivals.next(deadline)
                    if entry is _LATER:
                        break
                finished = entry is None
            if progress:
                for outcome in written:
                    progress(outcome)
        await fetching  # re-raises what went wrong there
    finally:
        arrivals.close()
        fetching.cancel()
        await asyncio.to_thread(digester.close)
    if phase:
        phase(f"reading {len(touched)} new or changed items")
    return Fetched(summary, touched, scored, first_refresh)


class _Arrivals:
    """What the fetch side hands over, one entry at a time, with an optional deadline. One get
    stays pending across deadlines, so an entry that arrives as a deadline passes is kept for
    the next call, never dropped."""

    def __init__(self, queue: asyncio.Queue) -> None:
        self.queue = queue
        self.waiting: asyncio.Future | None = None

    async def next(self, deadline: float | None = None):
        """The next entry, or _LATER when none came before the deadline."""
        if self.waiting is None:
            if not self.queue.empty():
                return self.queue.get_nowait()
            self.waiting = asyncio.ensure_future(self.queue.get())
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        done, _ = await asyncio.wait({self.waiting}, timeout=timeout)
        if not done:
            return _LATER
        arrived, self.waiting = self.waiting, None
        return arrived.result()

    def close(self) -> None:
        if self.waiting is not None:
            self.waiting.cancel()


async def _fetch_and_digest(
    config: Config,
    states: dict[str, dict],
    ready: asyncio.Queue[tuple[FetchOutcome, Digested | None] | None],
    digester: Digester,
) -> None:
    """Fetches every feed and digests each body (in the pool, or off the event loop) as it
    arrives; a few bodies at a time, so a slow writer does not pile them up. None marks the
    end."""
    slots = asyncio.Semaphore(2 * max(1, digester.workers))
    tasks: list[asyncio.Task[None]] = []

    async def one(outcome: FetchOutcome) -> None:
        try:
            digested = None
            if outcome.status == "ok":
                digested = await _digest_or_say_why(digester, outcome)
            await ready.put((outcome, digested))
        finally:
            slots.release()

    try:
        async for outcome in fetch_all(list(config.feeds), config.fetch, states):
            await slots.acquire()
            tasks.append(asyncio.create_task(one(outcome)))
        await asyncio.gather(*tasks)  # every task awaited: nothing can fail unseen
    finally:
        for task in tasks:
            task.cancel()
        await ready.put(None)


async def _digest_or_say_why(digester: Digester, outcome: FetchOutcome) -> Digested:
    """The digested body; a failure of the digest itself becomes this feed's recorded error
    (every outcome reaches the store: a feed is never silently left out of a refresh)."""
    try:
        return await digester.digest(outcome.feed.name, outcome.body, outcome.headers)
    except Exception as error:
        return Digested(ParsedFeed((), error=f"could not be read ({type(error).__name__})"))


def _keep_readings(
    store: Store,
    digested: Digested,
    keys: list[str],
    scored: set[str],
    stamp: str,
) -> None:
    """What the digest already computed for the items just written: their relevance (stored
    with them), and the facts of the related ones (the cache the derive step reads instead of
    reading again)."""
    scored.update(key for key in keys if key in digested.prepared)
    readings = [(key, *digested.facts[key]) for key in keys if key in digested.facts]
    if readings:
        store.add_item_facts(readings, stamp)


def _ingest(
    store: Store,
    config: Config,
    outcome: FetchOutcome,
    digested: Digested | None,
    summary: RefreshSummary,
    state: dict,
) -> list[str]:
    """Stores one feed's outcome (items and health), inside the caller's transaction: a feed
    is always written whole or not at all."""
    feed = outcome.feed
    now = _now()
    parsed = digested.parsed if digested else None
    error = outcome.error or (parsed.error if parsed and parsed.error else "")
    if outcome.status == "skipped":
        summary.skipped += 1
        return []
    if error:
        summary.failed += 1
        summary.failures.append((feed.name, error))
        store.record_feed(feed.name, feed.location, **_failure(state, error, outcome, config, now))
        return []
    keys: list[str] = []
    if outcome.status == "not_modified":
        summary.not_modified += 1
    else:
        summary.ok += 1
        saved = store.save_items(parsed.items, now, digested.prepared)
        summary.new += saved.new
        summary.updated += saved.updated
        keys = list(saved.keys)
    store.record_feed(feed.name, feed.location, **_success(outcome, parsed, now))
    return keys


def _success(outcome: FetchOutcome, parsed, now: datetime) -> dict:
    fields = {
        "last_attempt": _iso(now),
        "last_success": _iso(now),
        "last_status": outcome.status,
        "failures": 0,
        "next_fetch_at": None,
        "etag": outcome.headers.get("etag"),
        "last_modified": outcome.headers.get("last-modified"),
    }
    if parsed is not None:
        fields.update(title=parsed.title, items=len(parsed.items))
    return fields


def _failure(state: dict, error: str, outcome: FetchOutcome, config: Config, now: datetime) -> dict:
    failures = int(state.get("failures") or 0) + 1
    # Exponential backoff from the refresh interval, or longer if the server asked for it.
    wait = min(config.fetch.interval * 2 ** (failures - 1), MAX_BACKOFF)
    if failures == 1:
        wait = 0.0
    if outcome.retry_after is not None:
        wait = max(wait, outcome.retry_after)
    return {
        "last_attempt": _iso(now),
        "last_status": "failed",
        "last_error": error,
        "last_error_at": _iso(now),
        "failures": failures,
        "next_fetch_at": _iso(now + timedelta(seconds=wait)) if wait else None,
    }


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
