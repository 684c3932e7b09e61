"""Where a cold ingest spends its time, phase by phase, without the network (for profiling).

usage: python -m benchmarks.phases [FEEDS] [ITEMS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.ingest import SITUATION
from feeds.config import load_config
from feeds.derive import rederive_if_stale, rescore
from feeds.parse import parse_feed
from feeds.relevance import RelevanceModel
from feeds.store import Store
from feeds.story_filing import prepare


def main(feeds: int, items: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bodies = [p.read_bytes() for p in write_corpus(work / "corpus", feeds, items)]
        (work / "bench.toml").write_text(SITUATION)
        config = load_config(work / "bench.toml")
        store = Store(work / "bench.db")
        timings: dict[str, float] = {}

        def timed(name, work):
            started = time.perf_counter()
            result = work()
            timings[name] = time.perf_counter() - started
            return result

        parsed = timed("parse", lambda: [parse_feed(f"f{n}", b) for n, b in enumerate(bodies)])
        model = RelevanceModel(config)

        def score():  # and sign the related items, as a worker does (store.prepare)
            scored = [[(i, model.score(i.title, i.text)) for i in feed.items] for feed in parsed]
            return [{i.key: prepare(i, r.score, r.related) for i, r in feed} for feed in scored]

        prepared = timed("relevance", score)
        keys: list[str] = []

        def save():
            for feed, ready in zip(parsed, prepared, strict=True):
                with store.writing():
                    keys.extend(store.save_items(feed.items, datetime.now(UTC), ready).keys)

        timed("store", save)
        with store.writing():
            related = rescore(store, config, keys, set(keys))  # scored above
            timed("extraction", lambda: rederive_if_stale(store, config))
        store.close()
    total = sum(timings.values())
    print(f"{len(keys):,} items ({related:,} related), {sum(map(len, bodies)) / 1e6:.1f} MB")
    for name, seconds in timings.items():
        print(f"  {name:11} {seconds:6.2f} s  {len(keys) / seconds:9,.0f} items/s")
    print(f"  {'all':11} {total:6.2f} s  {len(keys) / total:9,.0f} items/s")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 200, args[1] if len(args) > 1 else 50)
