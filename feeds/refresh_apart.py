"""A refresh in a process of its own, for the dashboard.

The fetching, writing and re-deriving of a refresh are Python work: run in a thread of the
dashboard they would share its interpreter lock with the screen, so every keypress would wait
for a slice of it, and a derive over a big store would leave its memory behind in the
dashboard's process. In a child process they share nothing but the database, the child's
memory goes back to the system when it ends, and leaving the dashboard stops it at once
(SQLite rolls back the feeds it was writing; what was committed stays).

The child is a plain subprocess (`python -m feeds.refresh_child`), not a multiprocessing
one: starting one of those also starts multiprocessing's resource tracker, a 12 MB process
that stayed beside the dashboard for as long as it ran. The child gets its work as a pickle
on its stdin and answers with one on a pipe of its own. When the facts need a derive, a
second child settles the refresh: it never loads the fetch machinery, so a derive over a big
store does not sit on top of it (feeds/settle.py).
"""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from feeds.config import Config
from feeds.summary import RefreshSummary

CHILD_NICENESS = 10  # well below the dashboard (its workers go 5 lower still): the screen first
POLL_SECONDS = 0.25


class RefreshStopped(Exception):
    """The refresh process ended before it answered (stopped, killed, out of memory)."""


class RefreshProcess:
    """One refresh in a child process; stop() may be called from any thread."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def run(
        self, config: Config, db_path: Path, wanted: Callable[[], bool] = lambda: True
    ) -> RefreshSummary:
        """The refresh's summary; what went wrong in a child is raised here. `wanted` is
        asked every quarter second: once it says no (the dashboard is closing), the child
        stops. A refresh whose facts need a derive is settled by a second child."""
        kind, value = self._step(("fetch", config, db_path, None), wanted)
        if kind == "settle":
            if not wanted():  # what was fetched is stored: the next refresh derives from it
                raise RefreshStopped("stopped before the facts were derived")
            kind, value = self._step(("settle", config, db_path, value), wanted)
        return value

    def _step(self, work: tuple, wanted: Callable[[], bool]) -> tuple[str, Any]:
        answers, answer = os.pipe()
        try:
            self.process = subprocess.Popen(
                # -P: the working folder stays off the import path (a folder there named
                # `feeds` must not stand in for sitmon's own)
                [sys.executable, "-P", "-m", "feeds.refresh_child", str(answer)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,  # nothing may reach the terminal the dashboard draws on
                stderr=subprocess.DEVNULL,
                pass_fds=(answer,),
                # not start_new_session: Linux schedules each session as a group of its own,
                # and the child's niceness would then count for nothing against the screen
            )
        finally:
            os.close(answer)
        with os.fdopen(answers, "rb") as replies:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(pickle.dumps((os.getpid(), *work)))
                self.process.stdin.close()
            except BrokenPipeError:
                pass  # it ended at once: said below
            while not select.select([replies], [], [], POLL_SECONDS)[0]:
                if not wanted():
                    self.stop()
            reply = replies.read()
        code = self.process.wait()
        if not reply:
            raise RefreshStopped(f"the refresh process ended early (exit code {code})")
        kind, value = pickle.loads(reply)
        if kind == "error":
            raise value
        return kind, value

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
