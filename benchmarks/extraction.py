"""Extraction speed: related items per second through the whole fact extraction.

usage: python -m benchmarks.extraction [N]      (default 1000 items, about half related)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.synthetic import synthetic_items
from feeds.config import load_config
from feeds.derive import rescore
from feeds.extract import extract
from feeds.store import Store

CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"


def main(count: int) -> None:
    config = load_config(CONFIG)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        items = synthetic_items(count)
        with store.writing():
            store.save_items(items, datetime.now(UTC))
            rescore(store, config, [i.key for i in items])
        related = store.related_items()
        started = time.perf_counter()
        facts = extract(related, config)
        seconds = time.perf_counter() - started
        store.close()
    print(
        f"extraction: {count} items ({len(related)} related) in {seconds:.2f}s "
        f"= {len(related) / seconds:,.0f} related items/s; "
        f"{len(facts['talks'])} rounds, {len(facts['borders'])} crossings, {len(facts['statements'])} statements"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
