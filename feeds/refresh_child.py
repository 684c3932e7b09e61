"""The dashboard's refresh processes (`python -m feeds.refresh_child FD`, see refresh_apart.py):
each reads (parent pid, step, config, database, what the step before handed over) as a pickle
from stdin, and writes ("ok", summary), ("settle", fetched) or ("error", exception) as a
pickle to file descriptor FD.

Step "fetch" fetches and writes every feed; when the facts need no derive it settles the
refresh itself, otherwise it hands settling to a fresh process (step "settle"), which never
loads the fetch machinery: a derive over a big store is the peak of a refresh's memory."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

from feeds.child import become_quiet_child
from feeds.config import Config
from feeds.refresh_apart import CHILD_NICENESS


def main(answer_fd: int) -> None:
    parent, step, config, db_path, handed = pickle.load(sys.stdin.buffer)
    become_quiet_child(parent, CHILD_NICENESS)
    try:
        reply = _run(step, config, db_path, handed)
    except Exception as error:  # told to the dashboard, which shows it
        reply = ("error", error)
    try:
        data = pickle.dumps(reply)
    except Exception:  # an error that cannot be pickled: its words still can
        data = pickle.dumps(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    with os.fdopen(answer_fd, "wb") as answer:
        answer.write(data)


def _run(step: str, config: Config, db_path: Path, handed: Any) -> tuple[str, Any]:
    """One step. Imports come only now, after the niceness (they are work too), and a
    settle step never imports the fetching."""
    if step == "fetch":
        from feeds.refresh import fetch_feeds

        handed = fetch_feeds(config, db_path)
    from feeds.derive import facts_stale
    from feeds.settle import settle
    from feeds.store import Store

    store = Store(db_path)
    try:
        if step == "fetch" and facts_stale(store, config):
            return ("settle", handed)
        return ("ok", settle(config, store, handed))
    finally:
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]))
