"""Worker processes that only read stored items for their facts (a config edit or a new
extractor reads every related item again). They load the readers and nothing else: a digest
worker also carries the feed parsers, 12 MB more in each process for nothing here."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

from feeds.child import WORKER_NICENESS, become_quiet_child, process_pool
from feeds.config import Config
from feeds.item_facts import ItemReader, read_rows

_READER: tuple[ItemReader, str] | None = None


def reading_pool(config: Config, workers: int) -> ProcessPoolExecutor:
    return process_pool(workers, _start, (config, os.getpid()))


def _start(config: Config, parent: int) -> None:
    global _READER
    become_quiet_child(parent, WORKER_NICENESS)
    _READER = (ItemReader(config), config.situation.timezone)


def read_in_worker(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(key, digest, reading) for stored item rows, read in this worker."""
    assert _READER is not None
    reader, zone = _READER
    return read_rows(reader, zone, rows)
