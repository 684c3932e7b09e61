"""The dashboard's refresh process (`python -m feeds.refresh_child FD`, see refresh_apart.py):
reads (parent pid, config, database) as a pickle from stdin, refreshes, and writes
("ok", summary) or ("error", exception) as a pickle to file descriptor FD."""

from __future__ import annotations

import os
import pickle
import sys

from feeds.child import become_quiet_child
from feeds.refresh_apart import CHILD_NICENESS


def main(answer_fd: int) -> None:
    parent, config, db_path = pickle.load(sys.stdin.buffer)
    become_quiet_child(parent, CHILD_NICENESS)
    from feeds.refresh import refresh  # after the niceness: the imports are work too

    try:
        reply = ("ok", refresh(config, db_path))
    except Exception as error:  # told to the dashboard, which shows it
        reply = ("error", error)
    try:
        data = pickle.dumps(reply)
    except Exception:  # an error that cannot be pickled: its words still can
        data = pickle.dumps(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    with os.fdopen(answer_fd, "wb") as answer:
        answer.write(data)


if __name__ == "__main__":
    main(int(sys.argv[1]))
