"""Full garbage collections when nobody is typing.

Python's automatic full collection walks every object the app keeps, and a key pressed
meanwhile waits for it (with Textual's DataTable, 60-110 ms every couple of seconds of
scrolling; with the panels' own table the worst key during a refresh is still 47-48 ms
without this, 32-45 ms with it). So the dashboard takes the full collection over:
it runs once input has paused for QUIET seconds (and at the latest every MAX_WAIT seconds,
however busy the keyboard), and what is alive at the first frame (modules, the widget tree,
all of which live as long as the app) is frozen out of every collection. The young
generations stay with Python: they are small and quick. Until that first frame the launch
holds every collection back (tui/launch.py), and `start` gives them back.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET = 1.0  # seconds without input before a full collection may run
MAX_WAIT = 30.0  # never longer than this without one
NEVER = 1_000_000  # a gen-2 threshold Python does not reach by itself


class QuietCollector:
    """Decides when the full collection runs; `tick` is called a few times a second."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_input = self.last_full = clock()
        self.saved: tuple[int, int, int] | None = None
        self.ended = False
        self.full_runs = 0

    def start(self) -> None:
        if self.saved is not None or self.ended:
            return  # started already, or the app has ended before its first frame
        # No collection first: with every collection held back since the launch it would walk
        # all ~65,000 objects (15-30 ms) just as the first keys arrive, to free some 700 (the
        # garbage of starting up), which are frozen with the rest instead.
        gc.freeze()
        self.saved = gc.get_threshold()
        gc.set_threshold(self.saved[0], self.saved[1], NEVER)
        gc.enable()  # the launch held every collection back until the first frame
        self.last_full = self.clock()

    def stop(self) -> None:
        """Gives the process its collector back (it may go on: tests, a CLI command)."""
        self.ended = True
        gc.enable()
        if self.saved is None:
            return
        gc.set_threshold(*self.saved)
        gc.unfreeze()
        self.saved = None

    def note_input(self) -> None:
        self.last_input = self.clock()

    def tick(self) -> bool:
        """Runs the full collection if it is due and the moment is right; says whether it ran."""
        if self.saved is None or gc.get_count()[2] == 0:
            return False  # not started, or nothing has aged into the old generation since
        now = self.clock()
        if now - self.last_input < QUIET and now - self.last_full < MAX_WAIT:
            return False
        gc.collect()
        self.last_full = self.clock()
        self.full_runs += 1
        return True
