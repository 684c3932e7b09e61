"""What every helper process sitmon starts does first: stay off the terminal, leave Ctrl+C to
the process that started it, yield the CPU to it, and end when it ends."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any

PARENT_CHECK_SECONDS = 0.5
WORKERS = min(os.cpu_count() or 1, 4)  # processes in a pool of workers
WORKER_NICENESS = 5  # below the process that started them: the dashboard's keys go first


def become_quiet_child(parent: int, niceness: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the starting process's to handle
    os.nice(niceness)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing may reach the terminal the dashboard draws on
    os.dup2(devnull, 2)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A process killed outright (SIGKILL, out of memory) cannot shut its pool down, and each
    child holds its own end of the job queue, so none would ever see it close: a child whose
    parent is gone ends itself."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


@contextmanager
def real_stderr() -> Iterator[None]:
    """sys.stderr as the process got it, while a child is started: multiprocessing hands its
    helper sys.stderr's file descriptor, and a running Textual app replaces sys.stderr with an
    object that has none."""
    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        yield
    finally:
        sys.stderr = saved


def process_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    """A pool of spawned processes (not forked: the dashboard has threads, and a forked copy
    of a lock one of them holds would never be released)."""
    with real_stderr():
        return ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=initializer, initargs=initargs
        )
