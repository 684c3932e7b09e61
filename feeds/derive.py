"""Keeping what is derived from the items (relevance, facts) in step with the items and config.

Derived data is recomputed, never edited: a config edit rescores and re-extracts from the
stored items without a refetch.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from typing import Any

from feeds.changes import KINDS, diff_kind
from feeds.child import WORKERS
from feeds.config import Config, as_plain
from feeds.extract import Gathering, oldest_first
from feeds.item_facts import ItemReader, decode, read_rows, resolve_sentences
from feeds.reading import article
from feeds.reading_pool import read_in_worker, reading_pool
from feeds.relevance import RelevanceModel
from feeds.store import Store

EXTRACTION_VERSION = "52"  # bump when the extractors change, so cached item facts are re-read
RELEVANCE_VERSION = "4"  # bump when the relevance model changes, so stored items are rescored


def config_fingerprint(config: Config, *parts: str) -> str:
    """Changes whenever the parts of the config that derived data depends on change."""
    relevant = {
        "situation": as_plain(config.situation),
        "talks": as_plain(config.talks),
        "crossings": as_plain(config.crossings),
        "people": as_plain(config.people),
        "parts": parts,
    }
    return hashlib.sha1(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()


def rescore(store: Store, config: Config, keys: list[str], known: set[str] | None = None) -> int:
    """Scores the given items (all items when the config changed); returns how many of the
    given ones are related. `known` are keys whose scores, computed under this config, were
    stored with their items."""
    model = RelevanceModel(config)
    fingerprint = config_fingerprint(config, "relevance", RELEVANCE_VERSION)
    everything = store.get_meta("relevance_config") != fingerprint
    known = known or set()
    wanted = store.all_keys() if everything else list(dict.fromkeys(keys))
    unknown = [key for key in wanted if key not in known]
    fresh = [(r["key"], *_judge(model, r)) for r in store.items_for_scoring(unknown)]
    store.set_relevance(fresh)  # known scores were written with their items
    store.sign_related([key for key, _, related in fresh if related])
    if everything:
        store.set_meta("relevance_config", fingerprint)
        store.bump_items_version()
    return store.count_related(keys)


def _judge(model: RelevanceModel, row: dict[str, Any]) -> tuple[float, bool]:
    result = model.score(row["title"] or "", row["text"] or "")
    return result.score, result.related


def facts_stale(store: Store, config: Config) -> bool:
    """Whether rescore and rederive_if_stale would re-derive the facts, asked before either
    runs: the relevance config changed (everything is rescored), or items or the config
    changed since the facts were made (storing an item that may change them bumps
    items_version)."""
    rescoring = store.get_meta("relevance_config") != config_fingerprint(
        config, "relevance", RELEVANCE_VERSION
    )
    return rescoring or store.get_meta("facts_stamp") != _facts_stamp(store, config)


def _facts_stamp(store: Store, config: Config) -> str:
    return (
        f"{store.get_meta('items_version', '0')}:{config_fingerprint(config, EXTRACTION_VERSION)}"
    )


def rederive_if_stale(store: Store, config: Config) -> list[dict[str, Any]]:
    """Re-extracts the facts when items or config changed; returns what changed since last time."""
    stamp = _facts_stamp(store, config)
    previous = store.get_meta("facts_stamp")
    if previous == stamp:
        return []
    # Each kind is written as soon as it is made, told against only what changes need of
    # the facts it replaces (the first facts have nothing to be compared with).
    changes: dict[str, list[dict[str, Any]]] = {}
    for kind, facts in derived_facts(store, config):
        if previous is not None:
            changes[kind] = diff_kind(kind, store.told(kind), facts)
        store.put_facts({kind: facts})
        del facts  # before the next kind is made
    store.set_meta("facts_stamp", stamp)
    return [change for kind in KINDS for change in changes.get(kind, [])]


def extract_cached(store: Store, config: Config) -> dict[str, list[dict[str, Any]]]:
    """All facts (see derived_facts), every kind at once."""
    return dict(derived_facts(store, config))


def derived_facts(store: Store, config: Config) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The facts, a kind at a time, reading only the items that are new or changed since they
    were last read (read_unread); then every related item's reading streams from the store,
    oldest item first, into the facts being put together: only what the facts keep stays in
    memory, and of the facts, only the kind being written if the caller writes as it goes."""
    stamp = config_fingerprint(config, EXTRACTION_VERSION)
    read_unread(store, config, stamp)
    zone = config.situation.timezone
    shared: dict[Any, Any] = {}  # equal strings of all readings become one object
    items = []
    for head in store.related_heads(stamp):
        head["feed"] = shared.setdefault(head["feed"], head["feed"])
        items.append(article(head, zone))
    items.sort(key=oldest_first)
    newest = max((art.reference for art in items), default=None)  # items that say nothing too
    gathering = Gathering(config)
    for start in range(0, len(items), READ_BATCH):
        batch = items[start : start + READ_BATCH]
        readings = dict(store.readings([art.key for art in batch]))
        for art in batch:
            gathering.add(decode(readings[art.key], art, shared, lazy=True))
    del items
    for kind, facts in gathering.each_kind(newest or date.today()):
        yield kind, resolve_sentences(facts, store.readings)
        del facts


READ_BATCH = 500
POOL_AFTER_ITEMS = 2_000  # below this, starting worker processes costs more than it saves


def read_unread(store: Store, config: Config, stamp: str) -> int:
    """Reads every related item that has no reading for this config and extractor version,
    a batch at a time, and stores the readings: after a config edit a whole store is read
    again, and an item just read holds its text, its sentences and their dates (at 50,000
    items that was 860 MB at once). Many items are read in worker processes, a few batches
    ahead of the writing. Returns how many were read."""
    store.drop_item_facts_except(stamp)
    # The first rows decide whether a pool pays (finding them scans every related item: a
    # count first was one more scan, 0.46 s at 50,000 related items).
    first = store.unread_related(stamp, 0, POOL_AFTER_ITEMS)
    pool = _reading_pool(config) if len(first) >= POOL_AFTER_ITEMS else None
    reader = ItemReader(config)
    zone = config.situation.timezone
    pending: deque[tuple[Future | None, list[dict]]] = deque()
    count = 0
    try:
        for number, batch in enumerate(_batches(store, stamp, first)):
            count += len(batch)
            rows = [{key: row[key] for key in _READ_FIELDS} for row in batch]
            # This process reads one batch in every WORKERS while the pool (one process fewer)
            # reads the others: as many readers as cores, one process less in memory.
            here = pool is None or number % WORKERS == WORKERS - 1
            pending.append((None if here else pool.submit(read_in_worker, rows), rows))
            while len(pending) > (_AHEAD if pool else 0):
                store.add_item_facts(_readings(*pending.popleft(), reader, zone), stamp)
        while pending:
            store.add_item_facts(_readings(*pending.popleft(), reader, zone), stamp)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return count


def _batches(store: Store, stamp: str, first: list[dict]) -> Iterator[list[dict]]:
    """The unread related items in batches of READ_BATCH: `first` (the first rows found),
    then the rest as they are read from the store."""
    for start in range(0, len(first), READ_BATCH):
        yield first[start : start + READ_BATCH]
    if len(first) < POOL_AFTER_ITEMS:
        return  # that was all of them
    after = first[-1]["rowid"]
    first.clear()  # the rows (and their texts) go as their batches are read, not at the end
    while batch := store.unread_related(stamp, after, READ_BATCH):
        after = batch[-1]["rowid"]
        yield batch


_READ_FIELDS = (  # what reading an item needs of its row
    *("key", "guid", "feed", "link", "title", "text"),
    *("published", "updated", "first_seen", "digest"),
)
_AHEAD = 3  # batches read ahead of the writing: all workers busy, memory still bounded


def _reading_pool(config: Config) -> ProcessPoolExecutor | None:
    """Processes that read beside this one: one fewer than the cores (see read_unread)."""
    if WORKERS < 2:
        return None
    try:
        return reading_pool(config, WORKERS - 1)
    except Exception:  # no processes to be had here: this process reads them all
        return None


def _readings(
    done: Future | None, rows: list[dict], reader: ItemReader, zone: str
) -> list[tuple[str, str, str]]:
    """A batch's readings: from its worker, or read here (no pool, or the pool broke: a
    worker killed or out of memory is not a lost batch)."""
    if done is not None:
        try:
            return done.result()
        except Exception:
            pass
    return read_rows(reader, zone, rows)
