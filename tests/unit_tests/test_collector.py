"""When the dashboard's full garbage collections run: in pauses of the typing, never during."""

import gc

import pytest

from tui.collector import MAX_WAIT, NEVER, QUIET, QuietCollector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector():
    clock = Clock()
    quiet = QuietCollector(clock)
    before = gc.get_threshold()
    quiet.start()
    yield quiet, clock
    quiet.stop()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def _age_something() -> None:
    """Enough young collections that the old generation has news."""
    while gc.get_count()[2] == 0:
        gc.collect(1)


def test_python_no_longer_runs_full_collections_by_itself(collector):
    assert gc.get_threshold()[2] == NEVER
    assert gc.get_freeze_count() > 0  # what lived at the first frame is out of every walk


def test_no_full_collection_while_keys_arrive(collector):
    quiet, clock = collector
    _age_something()
    for _ in range(int(MAX_WAIT / 0.2) - 1):  # a key every 0.2 s, for almost MAX_WAIT
        clock.now += 0.2
        quiet.note_input()
        assert not quiet.tick()
    assert quiet.full_runs == 0


def test_a_pause_in_the_typing_lets_it_run(collector):
    quiet, clock = collector
    _age_something()
    quiet.note_input()
    clock.now += QUIET / 2
    assert not quiet.tick()
    clock.now += QUIET
    assert quiet.tick() and quiet.full_runs == 1
    assert gc.get_count()[2] == 0
    clock.now += 5 * QUIET
    assert not quiet.tick()  # nothing new has aged since


def test_keys_that_never_stop_still_get_one_every_max_wait(collector):
    quiet, clock = collector
    _age_something()
    clock.now += MAX_WAIT + 0.1
    quiet.note_input()
    assert quiet.tick()


def test_an_app_that_ends_before_its_first_frame_leaves_the_collector_alone():
    before = gc.get_threshold()
    quiet = QuietCollector()
    quiet.stop()
    quiet.start()  # the first frame's callback, arriving late
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_collections_held_back_at_launch_come_back_with_the_first_frame_or_the_end():
    """The launch disables automatic collection until the first frame (tui/launch.py)."""
    for end_first in (False, True):
        gc.disable()
        quiet = QuietCollector()
        try:
            if not end_first:
                quiet.start()
                assert gc.isenabled() and gc.get_threshold()[2] == NEVER
            quiet.stop()
            assert gc.isenabled()
        finally:
            gc.enable()
            gc.unfreeze()
