"""Parsing, scoring and reading feeds in worker processes, so a big refresh uses every core.

Python runs one thread of Python at a time; parsing a feed, scoring its items and reading the
related ones are pure work on bytes and text, so they run in a pool of processes while the main
process fetches and writes. What comes back is exactly what the main process would have
computed itself: the parsed feed, each item's relevance, and each related item's facts keyed by
the item's digest (the cache the derive step reads). A refresh with little to read never starts
the pool, and a pool that breaks falls back to doing the work in the main process.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from feeds.config import Config
from feeds.item import iso_utc, item_digest
from feeds.item_facts import ItemReader, encode
from feeds.parse import ParsedFeed, parse_feed
from feeds.reading import article
from feeds.relevance import RelevanceModel
from feeds.store import Prepared, prepare

# A pool costs a few hundred milliseconds to start: worth it only once this many bodies came in.
POOL_AFTER_BODIES = 4
PARENT_CHECK_SECONDS = 0.5
WORKER_NICENESS = 5


@dataclass(frozen=True)
class Digested:
    """One feed body, parsed, scored and read."""

    parsed: ParsedFeed
    prepared: dict[str, Prepared] = field(default_factory=dict)  # signature, link, relevance
    # key -> (item digest, encoded item facts): for related items with a date of their own
    facts: dict[str, tuple[str, str]] = field(default_factory=dict)


class Digester:
    """Digests bodies in the main process until there are enough to pay for a pool."""

    def __init__(self, config: Config, workers: int | None = None) -> None:
        self.config = config
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self.bodies = 0
        self.pool: ProcessPoolExecutor | None = None
        self.broken = False
        self.local: _Reader | None = None

    async def digest(self, feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
        self.bodies += 1
        pool = self._pool()
        if pool is not None:
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(pool, _digest_in_worker, feed, body, headers)
            except Exception:  # a worker died (killed, out of memory): carry on without the pool
                self.broken = True
        return await asyncio.to_thread(self._digest_here, feed, body, headers)

    def _digest_here(self, feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
        if self.local is None:
            self.local = _Reader(self.config)
        return self.local.digest(feed, body, headers)

    def _pool(self) -> ProcessPoolExecutor | None:
        if self.pool is None and not self.broken and self.workers > 1:
            if self.bodies > POOL_AFTER_BODIES:
                try:
                    self.pool = self._start_pool()
                except Exception:  # no processes to be had here: the main process does it all
                    self.broken = True
        return None if self.broken else self.pool

    def _start_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the dashboard has threads, and a forked copy of a lock held by one
        # of them would never be released. multiprocessing's helper process is handed
        # sys.stderr's file descriptor, and a running Textual app replaces sys.stderr with an
        # object that has none: the real one is put back while the pool starts.
        saved = sys.stderr
        try:
            if sys.__stderr__ is not None:
                sys.stderr = sys.__stderr__
            return ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.config, os.getpid()),
            )
        finally:
            sys.stderr = saved

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _Reader:
    """The models one process needs, built once from the config."""

    def __init__(self, config: Config) -> None:
        self.zone = config.situation.timezone
        self.model = RelevanceModel(config)
        self.reader = ItemReader(config)

    def digest(self, feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
        parsed = parse_feed(feed, body, headers)
        prepared: dict[str, Prepared] = {}
        facts: dict[str, tuple[str, str]] = {}
        for item in parsed.items:
            result = self.model.score(item.title, item.text)
            prepared[item.key] = prepare(item, result.score, result.related)
            if result.related and (item.published or item.updated):
                # An item with no date of its own is dated when it is stored: read it then.
                row = {
                    "key": item.key,
                    "guid": item.guid,
                    "feed": item.feed,
                    "link": item.link,
                    "title": item.title,
                    "text": item.text,
                    "published": iso_utc(item.published),
                    "updated": iso_utc(item.updated),
                }
                try:
                    reading = encode(self.reader.read(article(row, self.zone)))
                except Exception:  # left for the derive step, which reads it in the open
                    continue
                facts[item.key] = (item_digest(item), reading)
        return Digested(parsed, prepared, facts)


_WORKER: _Reader | None = None


def _start_worker(config: Config, parent: int) -> None:
    """Runs once in each worker: models built, nothing of it may reach the terminal, and the
    worker ends with the process that started it."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    os.nice(WORKER_NICENESS)  # background work: the dashboard's keys and the writer go first
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _WORKER = _Reader(config)


def _exit_with_parent(parent: int) -> None:
    """A main process killed outright (SIGKILL, out of memory) cannot shut its pool down, and
    each worker holds its own end of the job queue, so none would ever see it close: a worker
    whose parent is gone ends itself."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def _digest_in_worker(feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
    assert _WORKER is not None
    return _WORKER.digest(feed, body, dict(headers))
