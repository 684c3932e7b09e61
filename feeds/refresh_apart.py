"""A refresh in a process of its own, for the dashboard.

The fetching, writing and re-deriving of a refresh are Python work: run in a thread of the
dashboard they would share its interpreter lock with the screen, so every keypress would wait
for a slice of it, and a derive over a big store would leave its memory behind in the
dashboard's process. In a child process they share nothing but the database, the child's
memory goes back to the system when it ends, and leaving the dashboard stops it at once
(SQLite rolls back the feeds it was writing; what was committed stays).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from feeds.child import become_quiet_child, real_stderr
from feeds.config import Config
from feeds.summary import RefreshSummary

CHILD_NICENESS = 10  # well below the dashboard (its workers go 5 lower still): the screen first
POLL_SECONDS = 0.25


class RefreshStopped(Exception):
    """The refresh process ended before it answered (stopped, killed, out of memory)."""


class RefreshProcess:
    """One refresh in a child process; stop() may be called from any thread."""

    def __init__(self) -> None:
        self.process: BaseProcess | None = None

    def run(
        self, config: Config, db_path: Path, wanted: Callable[[], bool] = lambda: True
    ) -> RefreshSummary:
        """The child's summary; what went wrong there is raised here. `wanted` is asked
        every quarter second: once it says no (the dashboard is closing), the child stops."""
        context = get_context("spawn")  # not fork: the dashboard has threads
        answers, answer = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_child, args=(os.getpid(), config, db_path, answer), name="sitmon-refresh"
        )
        with real_stderr():
            self.process.start()
        answer.close()
        try:
            while not answers.poll(POLL_SECONDS):
                if not wanted():
                    self.stop()
            kind, value = answers.recv()
        except EOFError:
            self.process.join()
            raise RefreshStopped(
                f"the refresh process ended early (exit code {self.process.exitcode})"
            ) from None
        finally:
            answers.close()
        self.process.join()
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()


def _child(parent: int, config: Config, db_path: Path, answer: Connection) -> None:
    become_quiet_child(parent, CHILD_NICENESS)
    from feeds.refresh import refresh  # the fetch machinery loads here, never in the dashboard

    try:
        answer.send(("ok", refresh(config, db_path)))
    except Exception as error:  # told to the dashboard, which shows it
        try:
            answer.send(("error", error))
        except Exception:  # an error that cannot be pickled: its words still can
            answer.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
