"""A few screenshots of the dashboard with a frozen clock, at 80×24 and 160×48.

Regenerate after an intended change with `pytest tests/functional_tests/test_snapshots.py
--snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feeds.config import load_config
from feeds.demo import prepare_demo
from feeds.refresh import refresh
from tui.app import make_app

FROZEN = datetime(2025, 11, 8, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen_demo(tmp_path):
    config_path, db = prepare_demo(today=FROZEN, folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    return make_app(config, db, live=False, clock=lambda: FROZEN)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_dashboard_snapshot(snap_compare, frozen_demo, size):
    assert snap_compare(frozen_demo, terminal_size=size)


def test_border_detail_snapshot(snap_compare, frozen_demo):
    assert snap_compare(frozen_demo, terminal_size=(100, 30), press=["2", "enter"])
