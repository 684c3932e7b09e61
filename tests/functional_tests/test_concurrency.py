"""One database, two processes: a fetcher writing while a reader reads; and a fetcher killed
with SIGKILL at random moments, which must never lose committed items or corrupt the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from feeds.config import load_config
from tests.conftest import SITUATION, rss
from tui.snapshot import load_snapshot

FEEDS = 40


def _many_feeds(folder: Path, round_: int = 0) -> Path:
    lines = [SITUATION, "[fetch]\nconcurrency = 8\n"]
    for f in range(FEEDS):
        items = [
            (
                f"f{f}-r{round_}-i{i}",
                f"Torkham item {f}/{round_}/{i}",
                "<p>"
                + "Pakistan kept the Torkham crossing with Afghanistan closed. " * 20
                + "</p>",
            )
            for i in range(25)
        ]
        (folder / f"feed{f}.xml").write_bytes(rss(*items))
        lines.append(f'[[feeds]]\nname = "feed{f}"\npath = "feed{f}.xml"\n')
    config = folder / "config.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


def _fetch(config: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_reader_is_never_locked_out_while_a_fetcher_writes(tmp_path):
    config_path = _many_feeds(tmp_path)
    config = load_config(config_path)
    db = tmp_path / "s.db"
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config_path), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    slowest = 0.0
    for round_ in range(1, 4):
        _many_feeds(tmp_path, round_)
        writer = _fetch(config_path, db)
        while writer.poll() is None:
            started = time.monotonic()
            snapshot = load_snapshot(db, config)  # raises on "database is locked"
            slowest = max(slowest, time.monotonic() - started)
            assert snapshot.related_total >= FEEDS * 25
        assert writer.returncode == 0, writer.stderr.read()
    assert slowest < 2.0, f"a read waited {slowest:.2f}s"


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    config_path = _many_feeds(tmp_path)
    db = tmp_path / "s.db"
    rng = random.Random(11)
    committed = 0
    for round_ in range(8):
        _many_feeds(tmp_path, round_)
        process = _fetch(config_path, db)
        time.sleep(rng.uniform(0.3, 2.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            count = conn.execute("select count(*) from items").fetchone()[0]
            feeds_done = conn.execute("select count(*) from feeds").fetchone()[0]
            guids = [g for (g,) in conn.execute("select guid from items")]
        per_feed_round = Counter(g.rsplit("-i", 1)[0] for g in guids)
        assert count >= committed  # nothing committed is ever lost
        assert set(per_feed_round.values()) <= {25}  # no half-ingested feed
        committed = count
        assert feeds_done <= FEEDS
    finished = subprocess.run(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config_path), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0 and "Traceback" not in finished.stderr
