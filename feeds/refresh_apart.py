"""A refresh in a process of its own, for the dashboard.

The fetching, writing and re-deriving of a refresh are Python work: run in a thread of the
dashboard they would share its interpreter lock with the screen, so every keypress would wait
for a slice of it, and a derive over a big store would leave its memory behind in the
dashboard's process. In a child process they share nothing but the database, and the child's
memory goes back to the system when it ends.
"""

from __future__ import annotations

import os
from pathlib import Path

from feeds.child import become_quiet_child, process_pool
from feeds.config import Config
from feeds.summary import RefreshSummary

CHILD_NICENESS = 2  # below the dashboard, above the child's own digest workers


def refresh_apart(config: Config, db_path: Path) -> RefreshSummary:
    """Runs refresh() in a fresh child process and returns its summary; what goes wrong there
    is raised here."""
    pool = process_pool(1, _start_child, (os.getpid(),))
    try:
        return pool.submit(_refresh, config, db_path).result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_child(parent: int) -> None:
    become_quiet_child(parent, CHILD_NICENESS)


def _refresh(config: Config, db_path: Path) -> RefreshSummary:
    from feeds.refresh import refresh  # in the child only

    return refresh(config, db_path)
