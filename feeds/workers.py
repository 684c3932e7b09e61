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
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from feeds.config import Config
from feeds.digest import WORKERS, Digested, Reader, digest_in_worker, worker_pool

# A pool costs a few hundred milliseconds to start: worth it only once this many bodies came in.
POOL_AFTER_BODIES = 4


class Digester:
    """Digests bodies in the main process until there are enough to pay for a pool, or from
    the first when that many are expected (`expected_bodies`: on a store's first refresh, every
    feed that answers brings one)."""

    def __init__(
        self, config: Config, workers: int | None = None, expected_bodies: int = 0
    ) -> None:
        self.config = config
        self.expected = expected_bodies
        self.workers = workers if workers is not None else WORKERS
        self.bodies = 0
        self.pool: ProcessPoolExecutor | None = None
        self.broken = False
        self.local: Reader | None = None

    async def digest(self, feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
        self.bodies += 1
        pool = self._pool()
        if pool is not None:
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(pool, digest_in_worker, feed, body, headers)
            except Exception:  # a worker died (killed, out of memory): carry on without the pool
                self.broken = True
        return await asyncio.to_thread(self._digest_here, feed, body, headers)

    def _digest_here(self, feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
        if self.local is None:
            self.local = Reader(self.config)
        return self.local.digest(feed, body, headers)

    def _pool(self) -> ProcessPoolExecutor | None:
        if self.pool is None and not self.broken and self.workers > 1:
            if max(self.bodies, self.expected) > POOL_AFTER_BODIES:
                try:
                    self.pool = self._start_pool()
                except Exception:  # no processes to be had here: the main process does it all
                    self.broken = True
        return None if self.broken else self.pool

    def _start_pool(self) -> ProcessPoolExecutor:
        return worker_pool(self.config, self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
