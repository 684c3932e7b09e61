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
