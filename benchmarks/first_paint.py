"""Time from launching a command in a terminal to its first frame on screen, as a user sees it:
the command runs in a pseudo-terminal (160x48) and the clock stops when a word of its first
frame arrives. sitmon with N stored items against a bare Textual app, alternated.

usage: python -m benchmarks.first_paint [N] [RUNS] [--db PATH]   (default 100,000 items, 5 runs;
       --db reuses a store seeded before, e.g. by benchmarks.search)
"""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import signal
import sqlite3
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

from benchmarks.dashboard import CONFIG, seeded


def time_to_text(argv: list[str], marker: bytes, env: dict[str, str], limit: float = 30.0) -> float:
    """Seconds from spawning argv in a pty until `marker` has been written to the terminal."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - started < limit:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - started
        raise RuntimeError(f"{argv[0]} did not show {marker!r} within {limit:.0f}s")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def compile_project() -> None:
    """Both sides start from bytecode, as a user's second launch does: Textual's modules were
    compiled when pip installed them, the project's own (an editable install) are compiled
    when first imported, unless PYTHONDONTWRITEBYTECODE is set, as it is on some machines."""
    root = Path(__file__).resolve().parent.parent
    for package in ("feeds", "tui"):
        compileall.compile_dir(root / package, quiet=1)


def _sitmon_command() -> list[str]:
    """The installed `sitmon` script, as a user starts it (`python -m tui.cli` would compile
    the CLI module afresh on every launch: a module run as __main__ has no bytecode cache)."""
    script = Path(sys.executable).with_name("sitmon")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui.cli"]


def main(count: int, runs: int, db: Path | None = None) -> None:
    compile_project()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "48"}
    with tempfile.TemporaryDirectory() as folder:
        db = seeded(db, count, Path(folder))
        with sqlite3.connect(db) as conn:
            count = conn.execute("select count(*) from items").fetchone()[0]
        sitmon = [
            *_sitmon_command(),
            "--config",
            str(CONFIG),
            "--db",
            str(db),
            "--offline",
        ]
        bare = [sys.executable, str(Path(__file__).with_name("bare_app.py"))]
        times: dict[str, list[float]] = {"bare": [], "sitmon": []}
        for _ in range(runs):
            times["bare"].append(time_to_text(bare, b"bare textual app", env))
            times["sitmon"].append(time_to_text(sitmon, b"Torkham", env))
    b, s = statistics.median(times["bare"]), statistics.median(times["sitmon"])
    print(
        f"first frame in a terminal: bare Textual app {b * 1000:.0f} ms "
        f"({min(times['bare']) * 1000:.0f}–{max(times['bare']) * 1000:.0f}), sitmon with {count:,} items "
        f"{s * 1000:.0f} ms ({min(times['sitmon']) * 1000:.0f}–{max(times['sitmon']) * 1000:.0f}); "
        f"ratio {s / b:.2f} over {runs} runs each"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    path = Path(args[args.index("--db") + 1]) if "--db" in args else None
    numbers = [int(a) for a in args if a.isdigit()]
    main(numbers[0] if numbers else 100_000, numbers[1] if len(numbers) > 1 else 5, path)
