"""Peak memory of a command and every process it starts, sampled from /proc (Linux)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> tuple[int, int]:
    """(sum over the process tree, largest single process) in kB."""
    tree, pending, sizes = _children(), [root], []
    while pending:
        pid = pending.pop()
        sizes.append(_rss_kb(pid))
        pending += tree.get(pid, [])
    return sum(sizes), max(sizes, default=0)


def run_measured(argv: list[str], **kwargs) -> tuple[float, int, int]:
    """Runs argv to completion: (seconds, peak kB of the whole tree, peak kB of one process)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            total, single = tree_rss_kb(process.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], single)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{argv[0]} failed ({process.returncode}): {errors.decode()[-500:]}")
    return seconds, peak[0], peak[1]


if __name__ == "__main__":
    import sys

    seconds, total, single = run_measured(sys.argv[1:])
    print(
        f"{seconds:.2f} s; peak RSS {total / 1024:.0f} MB (all processes), {single / 1024:.0f} MB (largest)"
    )
    os._exit(0)
