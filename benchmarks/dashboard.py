"""Dashboard speed with a large store: time to first paint and keypress-to-update latency,
side by side with a bare Textual app in the same run.

usage: python -m benchmarks.dashboard [N]      (default 100,000 stored items)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

from benchmarks.synthetic import synthetic_items
from feeds.config import load_config
from feeds.derive import rederive_if_stale
from feeds.store import Store
from tui.app import make_app

CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("bare")


def seed(db: Path, count: int) -> None:
    """Inserts items directly (story grouping skipped: this measures reading, not ingest)."""
    store = Store(db)
    now = datetime.now(UTC).isoformat()
    rows = []
    for item in synthetic_items(count, feeds=200):
        stamp = item.published.isoformat()
        related = int(item.title.startswith("Pakistan"))
        rows.append(
            {
                "key": item.key,
                "guid": item.guid,
                "feed": item.feed,
                "title": item.title,
                "link": item.link,
                "canonical": item.link,
                "published": stamp,
                "updated": stamp,
                "first_seen": now,
                "sort_at": stamp,
                "author": "",
                "text": item.text,
                "digest": item.key,
                "story": item.key,
                "score": 5.0 * related,
                "related": related,
            }
        )
    with store.writing():
        store.db["items"].insert_all(rows, batch_size=2000)
        store.conn.execute("insert into items_fts (items_fts) values ('rebuild')")  # searchable
        store.conn.execute(  # counted (Store._flush counts what it stores; this skipped it)
            "update item_counts set n = (select count(*) from items where related = 1) "
            "where name = 'related'"
        )
        store.bump_items_version()
    config = load_config(CONFIG)
    started = time.perf_counter()
    with store.writing():
        rederive_if_stale(store, config)
    print(
        f"seeded {count:,} items; extraction over {store.count_items(True):,} related took "
        f"{time.perf_counter() - started:.1f}s"
    )
    store.close()


def seeded(db: Path | None, count: int, folder: Path) -> Path:
    """The store to measure: `db` as it is when it exists (seeded by an earlier run), else
    seeded now with `count` items (in `folder` when no path was given)."""
    if db is None or not db.exists():
        db = db or folder / "bench.db"
        seed(db, count)
    return db


async def first_paint(make) -> float:
    started = time.perf_counter()
    app = make()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


async def key_latency(make, presses: int = 30) -> list[float]:
    app = make()
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        for _ in range(presses):
            started = time.perf_counter()
            await pilot.press("j")
            times.append(time.perf_counter() - started)
    return times


def rows_drawn(app, table) -> list[int]:
    """The table's cursor row as of the last frame the app handed to its terminal (through
    Textual's `_display`): a key's effect is on screen once a frame shows the new row."""
    drawn = [table.cursor_row]
    display = app._display

    def noted(*args, **kwargs):
        drawn[0] = table.cursor_row
        return display(*args, **kwargs)

    app._display = noted
    return drawn


async def _press_and_wait(app, table, drawn: list[int]) -> float:
    """Time from a key event to the first frame that shows the cursor moved (Pilot's press
    waits for an idle CPU, which never comes while a refresh runs, so it would measure its
    own timeout)."""
    before = table.cursor_row
    started = time.perf_counter()
    app.post_message(events.Key("j", "j"))
    while drawn[0] == before and time.perf_counter() - started < 5:
        await asyncio.sleep(0.001)
    took = time.perf_counter() - started
    if table.cursor_row >= table.row_count - 1:  # back to the top, untimed
        table.move_cursor(row=0)
        while drawn[0] != 0 and time.perf_counter() - started < 5:
            await asyncio.sleep(0.001)
    return took


async def key_latency_during_refresh(make) -> list[float]:
    """j presses while the app's worker refreshes a 200-feed corpus (parsing must not starve the UI)."""
    app = make()
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("4")
        table = app.focused
        drawn = rows_drawn(app, table)
        app.action_refresh()
        while app.fetching and len(times) < 2000:
            times.append(await _press_and_wait(app, table, drawn))
            await asyncio.sleep(0.02)
    return times


def refresh_latency() -> None:
    from benchmarks.corpus import write_corpus
    from feeds.config import load_config as load

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_corpus(work / "corpus", 200, 50)
        feeds = "".join(
            f'[[feeds]]\nname = "f{i}"\npath = "{p}"\n'
            for i, p in enumerate(sorted((work / "corpus").glob("*.xml")))
        )
        (work / "c.toml").write_text(
            '[situation]\nname = "b"\nkeywords = ["Pakistan", "Afghanistan"]\n' + feeds
        )
        config = load(work / "c.toml")
        from feeds.refresh import refresh

        # A filled dashboard to move in, stored by another process as a fetch would: the
        # objects a refresh leaves behind must not weigh on this process's garbage collector.
        filling = get_context("spawn").Process(target=refresh, args=(config, work / "r.db"))
        filling.start()
        filling.join()
        write_corpus(
            work / "corpus", 200, 50, seed=4
        )  # then 10,000 new items for the timed refresh
        keys = asyncio.run(
            key_latency_during_refresh(lambda: make_app(config, work / "r.db", live=False))
        )
    keys.sort()
    print(
        f"keypress during a 200-feed refresh: median {statistics.median(keys) * 1000:.0f} ms, "
        f"p95 {keys[int(len(keys) * 0.95)] * 1000:.0f} ms, max {keys[-1] * 1000:.0f} ms over {len(keys)} presses"
    )


def main(count: int) -> None:
    config = load_config(CONFIG)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        seed(db, count)
        sitmon = lambda: make_app(config, db, live=False)  # noqa: E731
        bare = [asyncio.run(first_paint(Bare)) for _ in range(3)]
        ours = [asyncio.run(first_paint(sitmon)) for _ in range(3)]
        keys = asyncio.run(key_latency(sitmon))
    b, o = statistics.median(bare), statistics.median(ours)
    print(
        f"first paint: bare Textual app {b * 1000:.0f} ms, sitmon with {count:,} items {o * 1000:.0f} ms "
        f"(ratio {o / b:.2f}; runs {', '.join(f'{x * 1000:.0f}' for x in ours)} ms)"
    )
    print(
        f"keypress to update (j in News): median {statistics.median(keys) * 1000:.1f} ms, "
        f"max {max(keys) * 1000:.1f} ms over {len(keys)} presses"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--during-refresh"]:
        refresh_latency()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
