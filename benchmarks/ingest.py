"""Ingest speed, sitmon against newsboat on the same loopback corpus, run alternately.

usage: python -m benchmarks.ingest [FEEDS] [ITEMS] [RUNS] [LATENCY_MS] [--newsboat-threads 4,16,64]
prints, per tool: cold ingest (all items new, extraction included) and revisit (the server
answers 304), as items/s medians with min–max, the ratio of sitmon to the best newsboat setting,
and the peak RSS of each tool's whole process tree. newsboat is skipped with a note when it is
not installed (apt-get install newsboat).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.memory import run_measured
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


def sitmon_run(work: Path, urls: list[str], fresh: bool, threads: int = 0) -> tuple:
    config = work / "sitmon.toml"
    config.write_text(
        SITUATION + "".join(f'[[feeds]]\nname = "f{i}"\nurl = "{u}"\n' for i, u in enumerate(urls))
    )
    db = work / "sitmon.db"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return run_measured(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config), "--db", str(db)]
    )


def newsboat_run(work: Path, urls: list[str], fresh: bool, threads: int = 16) -> tuple:
    (work / "urls").write_text("\n".join(urls) + "\n")
    (work / "newsboat.conf").write_text(f"reload-threads {threads}\n")
    cache = work / "cache.db"
    if fresh:
        cache.unlink(missing_ok=True)
    return run_measured(
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
        env={**os.environ, "HOME": str(work)},
    )


def main(feeds: int, items: int, runs: int, latency_ms: float, threads: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_corpus(work / "corpus", feeds, items)
        size = sum(p.stat().st_size for p in (work / "corpus").glob("*.xml")) / 1e6
        server = FeedFiles(work / "corpus", latency=latency_ms / 1000)
        urls = server.urls()
        total = feeds * items
        tools = {"sitmon": [(sitmon_run, 0)]}
        if shutil.which("newsboat"):
            tools["newsboat"] = [(newsboat_run, t) for t in threads]
        else:
            print("newsboat not installed: measuring sitmon only (apt-get install newsboat)")
        names = [
            "sitmon" if name == "sitmon" else f"newsboat/{t}"
            for name, variants in tools.items()
            for _, t in variants
        ]
        rate = {n: {"cold": [], "revisit": []} for n in names}
        memory = {n: [] for n in names}
        for _ in range(runs):
            for name, variants in tools.items():  # alternate, so drift hits both
                for run, t in variants:
                    label = "sitmon" if name == "sitmon" else f"newsboat/{t}"
                    seconds, peak, single = run(work, urls, True, t)
                    rate[label]["cold"].append(total / seconds)
                    memory[label].append((peak, single))
                    seconds, _, _ = run(work, urls, False, t)
                    rate[label]["revisit"].append(total / seconds)
        server.stop()
    print(
        f"corpus: {feeds} feeds x {items} items ({size:.0f} MB), latency {latency_ms:g} ms, "
        f"{runs} runs each, alternated"
    )
    for phase in ("cold", "revisit"):
        medians = {n: statistics.median(rate[n][phase]) for n in names}
        line = [
            f"{n} {medians[n]:,.0f} items/s ({min(rate[n][phase]):,.0f}–{max(rate[n][phase]):,.0f})"
            for n in names
        ]
        rivals = [n for n in names if n != "sitmon"]
        if rivals:
            best = max(rivals, key=lambda n: medians[n])
            line.append(
                f"ratio to the best newsboat ({best}) {medians['sitmon'] / medians[best]:.2f}"
            )
        print(f"{phase:8} " + "; ".join(line))
    for n in names:
        peak = max(p for p, _ in memory[n]) / 1024
        single = max(s for _, s in memory[n]) / 1024
        print(f"peak RSS {n}: {peak:.0f} MB all processes, {single:.0f} MB largest process (cold)")


if __name__ == "__main__":
    args = sys.argv[1:]
    threads = [16]
    if "--newsboat-threads" in args:
        at = args.index("--newsboat-threads")
        threads = [int(t) for t in args[at + 1].split(",")]
        del args[at : at + 2]
    numbers = [float(a) for a in args]
    main(
        int(numbers[0]) if numbers else 200,
        int(numbers[1]) if len(numbers) > 1 else 50,
        int(numbers[2]) if len(numbers) > 2 else 3,
        numbers[3] if len(numbers) > 3 else 0.0,
        threads,
    )
