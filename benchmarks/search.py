"""Search speed at scale: full-text queries over N stored items, as the dashboard runs them.

usage: python -m benchmarks.search [N] [--db PATH]   (default 100,000 items; --db reuses a store,
       seeding it first when the file does not exist)
prints p50 / p95 / max over a fixed mix of queries: common and rare words, two-word queries,
phrases, prefixes, names, and words that match nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.dashboard import seeded
from feeds.store import Store

QUERIES = [
    "Torkham",
    "crossing",
    "trucks",
    "ceasefire",
    "Istanbul",
    "Doha talks",
    "border closed",
    '"Angoor Adda"',
    '"trade between Pakistan"',
    "guarantee*",
    "negotia*",
    "Mujahid",
    "Khawaja Asif",
    "refugees families",
    "monsoon",
    "zzzz-nothing",
    "wheat prices market",
    "the",
    "Pakistan Afghanistan",
    "convoy -shelling",
]


def measure(db: Path, rounds: int = 10) -> list[float]:
    store = Store(db)
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            store.search(query)
            times.append(time.perf_counter() - started)
    store.close()
    return times


def main(count: int, db: Path | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = seeded(db, count, Path(folder))
        store = Store(db)
        count = store.count_items()
        store.close()
        times = sorted(measure(db))
    p95 = times[int(len(times) * 0.95)]
    print(
        f"search over {count:,} items: p50 {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
        f"({len(times)} queries, {len(QUERIES)} kinds, up to 200 rows each)"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    path = Path(args[args.index("--db") + 1]) if "--db" in args else None
    numbers = [a for a in args if a.isdigit()]
    main(int(numbers[0]) if numbers else 100_000, path)
