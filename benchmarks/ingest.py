"""Ingest speed, sitmon against newsboat on the same loopback corpus, run alternately.

usage: python -m benchmarks.ingest [FEEDS] [ITEMS] [RUNS] [LATENCY_MS]
prints, per tool: cold ingest (all items new) and revisit (the server answers 304), as items/s
medians with min–max, and the ratio sitmon/newsboat. newsboat is skipped with a note when it is
not installed (apt-get install newsboat).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.server import FeedFiles

SITUATION = """[situation]
name = "bench"
keywords = ["Pakistan", "Afghanistan", "Torkham", "border"]
[talks]
parties = ["Pakistan", "Afghanistan"]
[[crossings]]
name = "Torkham"
[fetch]
concurrency = 16
timeout = "60s"
"""


def sitmon_run(work: Path, urls: list[str], fresh: bool) -> float:
    config = work / "sitmon.toml"
    config.write_text(
        SITUATION + "".join(f'[[feeds]]\nname = "f{i}"\nurl = "{u}"\n' for i, u in enumerate(urls))
    )
    db = work / "sitmon.db"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config), "--db", str(db)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def newsboat_run(work: Path, urls: list[str], fresh: bool, threads: int = 16) -> float:
    (work / "urls").write_text("\n".join(urls) + "\n")
    (work / "newsboat.conf").write_text(f"reload-threads {threads}\n")
    cache = work / "cache.db"
    if fresh:
        cache.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            "newsboat",
            "-x",
            "reload",
            "-u",
            str(work / "urls"),
            "-c",
            str(cache),
            "-C",
            str(work / "newsboat.conf"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(work)},
    )
    return time.perf_counter() - started


def main(feeds: int, items: int, runs: int, latency_ms: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_corpus(work / "corpus", feeds, items)
        server = FeedFiles(work / "corpus", latency=latency_ms / 1000)
        urls = server.urls()
        total = feeds * items
        tools = {"sitmon": sitmon_run}
        if shutil.which("newsboat"):
            tools["newsboat"] = newsboat_run
        else:
            print("newsboat not installed: measuring sitmon only (apt-get install newsboat)")
        results: dict[str, dict[str, list[float]]] = {t: {"cold": [], "revisit": []} for t in tools}
        for _ in range(runs):
            for name, run in tools.items():  # alternate, so drift hits both
                results[name]["cold"].append(total / run(work, urls, fresh=True))
                results[name]["revisit"].append(total / run(work, urls, fresh=False))
        server.stop()
    print(f"corpus: {feeds} feeds x {items} items, latency {latency_ms:g} ms, {runs} runs each")
    for phase in ("cold", "revisit"):
        line = []
        for name in tools:
            values = results[name][phase]
            line.append(
                f"{name} {statistics.median(values):,.0f} items/s ({min(values):,.0f}–{max(values):,.0f})"
            )
        if "newsboat" in tools:
            ratio = statistics.median(results["sitmon"][phase]) / statistics.median(
                results["newsboat"][phase]
            )
            line.append(f"ratio {ratio:.2f}")
        print(f"{phase:8} " + "; ".join(line))


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    main(
        int(args[0]) if args else 200,
        int(args[1]) if len(args) > 1 else 50,
        int(args[2]) if len(args) > 2 else 3,
        args[3] if len(args) > 3 else 0.0,
    )
