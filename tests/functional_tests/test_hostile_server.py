"""A hostile loopback server: every fetch ends within its deadline plus a second, and nothing
unbounded gets in."""

from __future__ import annotations

import gzip
import time

import pytest

from tests.conftest import RELATED, rss
from tests.feed_server import Route
from tests.functional_tests.test_fetch import rows, run

DEADLINE = '[fetch]\ntimeout = "2s"\nmax_bytes = "1MB"\n'


def timed(tmp_path, url):
    started = time.monotonic()
    summary = run(tmp_path, {"H": url}, DEADLINE)
    return summary, time.monotonic() - started


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(rss(RELATED), trickle=0.05), "within 2s"),  # one byte every 50 ms
        (Route(endless=True), "cap"),
        (Route(rss(RELATED), stall=10), "within 2s"),  # headers never come
        (Route(status=302, headers={"Location": "file:///etc/passwd"}), "non-http"),
        (Route(status=302, headers={"Location": "javascript:alert(1)"}), "non-http"),
    ],
)
def test_hostile_answers_end_within_the_deadline(server, tmp_path, route, reason):
    server.routes["/h.xml"] = route
    summary, seconds = timed(tmp_path, server.url("/h.xml"))
    assert summary.failed == 1 and reason in summary.failures[0][1]
    assert seconds < 2 + 1  # the deadline plus a second, the whole refresh included


def test_huge_title_is_bounded(server, tmp_path):
    server.routes["/h.xml"] = Route(
        rss(("t-1", "Torkham " + "x" * 500_000, "<p>Pakistan and Afghanistan.</p>"))
    )
    run(tmp_path, {"H": server.url("/h.xml")}, DEADLINE)
    assert len(rows(tmp_path, "select title from items")[0][0]) <= 2000


def test_wrong_content_type_still_parses(server, tmp_path):
    server.routes["/h.xml"] = Route(rss(RELATED), headers={"Content-Type": "text/html"})
    assert run(tmp_path, {"H": server.url("/h.xml")}, DEADLINE).new == 1


BOMB = gzip.compress(b"<rss>" + b" " * 200_000_000)  # 200 MB inflated, ~200 KB on the wire


@pytest.mark.parametrize(
    "route",
    [Route(endless=True), Route(BOMB, headers={"Content-Encoding": "gzip"})],
    ids=["endless", "bomb"],
)
def test_memory_stays_near_the_cap(server, tmp_path, route):
    import tracemalloc

    server.routes["/h.xml"] = route
    tracemalloc.start()
    try:
        summary = run(tmp_path, {"H": server.url("/h.xml")}, DEADLINE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.failed == 1 and "cap" in summary.failures[0][1]
    assert peak < 1_000_000 + 16_000_000, f"peak {peak / 1e6:.1f} MB for a 1 MB cap"


def test_items_written_to_be_expensive_to_read_cost_in_proportion_to_their_size(server, tmp_path):
    """Text shaped to make every fact reread all before it (one endless sentence of quotes,
    statuses or talks; thousands of "he said"): read through the real fetch in a subprocess,
    whose readings must stay near the size of the text (they grew with its square: 200 KB
    made 1 GB)."""
    import subprocess
    import sys

    from tests.conftest import write_config

    shapes = [
        "“Torkham must reopen,” Asif said, ",
        "“It will,” he said. Pakistan's Asif met the minister. ",
        "Torkham closed on Monday and ",
        "talks in Doha between Pakistan and Afghanistan began on Monday, ",
        "“a” ",
    ]
    items = [
        (f"h-{n}", "Pakistan and Afghanistan at Torkham", "<p>" + shape * (250_000 // len(shape)))
        for n, shape in enumerate(shapes)
    ]
    server.routes["/h.xml"] = Route(rss(*items))
    config = write_config(tmp_path, {"H": server.url("/h.xml")}, '[fetch]\nmax_bytes = "5MB"\n')
    db = tmp_path / "sitmon.db"
    command = [sys.executable, "-m", "tui.cli", "fetch", "--config", str(config), "--db", str(db)]
    # A bound against hanging for hours, far above the ~3 s this takes: not a speed target.
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert rows(tmp_path, "select count(*) from items where related = 1") == [(len(shapes),)]
    (readings,) = rows(tmp_path, "select sum(length(json)) from item_facts")[0]
    assert readings < 10 * 250_000 * len(shapes)
