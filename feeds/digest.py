"""What a worker process does with one feed body: parse it, score its items and read the
related ones. Pure work on bytes and text, and nothing else is imported here (no asyncio, no
fetching): every worker process loads this module and what it needs, and no more.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from feeds.child import WORKER_NICENESS, WORKERS, become_quiet_child, process_pool
from feeds.config import Config
from feeds.item import iso_utc, item_digest
from feeds.item_facts import ItemReader, reading_of
from feeds.parse import ParsedFeed, parse_feed
from feeds.relevance import RelevanceModel
from feeds.story_filing import Prepared, prepare


@dataclass(frozen=True)
class Digested:
    """One feed body, parsed, scored and read."""

    parsed: ParsedFeed
    prepared: dict[str, Prepared] = field(default_factory=dict)  # signature, link, relevance
    # key -> (item digest, encoded item facts): for related items with a date of their own
    facts: dict[str, tuple[str, str]] = field(default_factory=dict)


class Reader:
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
                facts[item.key] = (item_digest(item), reading_of(self.reader, self.zone, row))
        return Digested(parsed, prepared, facts)


_WORKER: Reader | None = None


def worker_pool(config: Config, workers: int = WORKERS) -> ProcessPoolExecutor:
    """A pool of processes that each run start_worker once, then digest or read on request."""
    return process_pool(workers, start_worker, (config, os.getpid()))


def start_worker(config: Config, parent: int) -> None:
    """Runs once in each worker: quiet, below the main process in priority (the dashboard's keys
    and the writer go first), ending with it; the models are built once."""
    global _WORKER
    become_quiet_child(parent, WORKER_NICENESS)
    _WORKER = Reader(config)


def digest_in_worker(feed: str, body: bytes, headers: Mapping[str, str]) -> Digested:
    assert _WORKER is not None
    return _WORKER.digest(feed, body, dict(headers))
