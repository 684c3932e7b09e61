"""The real refresh against a real HTTP server on 127.0.0.1 and a real SQLite file."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

from feeds.config import load_config
from feeds.refresh import refresh
from feeds.store import Store
from tests.conftest import RELATED, UNRELATED, rss, write_config
from tests.feed_server import Route


def run(tmp_path: Path, feeds: dict[str, str], extra: str = ""):
    config = load_config(write_config(tmp_path, feeds, extra))
    return refresh(config, tmp_path / "sitmon.db")


def rows(tmp_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(tmp_path / "sitmon.db") as conn:
        return conn.execute(sql).fetchall()


def test_first_fetch_stores_items_and_marks_related(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED, UNRELATED))
    summary = run(tmp_path, {"A": server.url("/a.xml")})
    assert (summary.ok, summary.new, summary.related_new) == (1, 2, 1)
    assert rows(tmp_path, "select guid, related from items order by guid") == [
        ("a-1", 1),
        ("a-2", 0),
    ]


def test_etag_gives_304_and_no_parse(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED), etag='"v1"')
    run(tmp_path, {"A": server.url("/a.xml")})
    second = run(tmp_path, {"A": server.url("/a.xml")})
    assert (second.ok, second.not_modified, second.new) == (0, 1, 0)
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_last_modified_is_sent_back(server, tmp_path):
    stamp = "Mon, 20 Oct 2025 09:00:00 GMT"
    server.routes["/a.xml"] = Route(rss(RELATED), last_modified=stamp)
    run(tmp_path, {"A": server.url("/a.xml")})
    second = run(tmp_path, {"A": server.url("/a.xml")})
    assert second.not_modified == 1
    assert server.requests[-1][1].get("If-Modified-Since") == stamp


def test_gzip_body_is_decoded(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED), gzip=True)
    assert run(tmp_path, {"A": server.url("/a.xml")}).new == 1


def test_redirect_chain_is_followed(server, tmp_path):
    server.routes["/a.xml"] = Route(status=301, headers={"Location": "/b.xml"})
    server.routes["/b.xml"] = Route(status=302, headers={"Location": "/c.xml"})
    server.routes["/c.xml"] = Route(rss(RELATED))
    assert run(tmp_path, {"A": server.url("/a.xml")}).new == 1


def test_redirect_loop_is_a_recorded_failure(server, tmp_path):
    server.routes["/a.xml"] = Route(status=302, headers={"Location": "/b.xml"})
    server.routes["/b.xml"] = Route(status=302, headers={"Location": "/a.xml"})
    summary = run(tmp_path, {"A": server.url("/a.xml")})
    assert summary.failed == 1
    assert "redirect" in summary.failures[0][1]
    assert rows(tmp_path, "select failures from feeds") == [(1,)]


def test_404_and_500_are_failures_that_do_not_stop_other_feeds(server, tmp_path):
    server.routes["/ok.xml"] = Route(rss(RELATED))
    server.routes["/broken.xml"] = Route(b"oops", status=500)
    summary = run(
        tmp_path,
        {
            "ok": server.url("/ok.xml"),
            "gone": server.url("/nope.xml"),
            "broken": server.url("/broken.xml"),
        },
    )
    reasons = dict(summary.failures)
    assert summary.ok == 1 and summary.new == 1
    assert reasons["gone"].startswith("HTTP 404") and reasons["broken"].startswith("HTTP 500")


def test_429_retry_after_is_respected(server, tmp_path):
    server.routes["/a.xml"] = Route(b"slow down", status=429, headers={"Retry-After": "3600"})
    first = run(tmp_path, {"A": server.url("/a.xml")})
    assert "wait 1h" in first.failures[0][1]
    second = run(tmp_path, {"A": server.url("/a.xml")})
    assert second.skipped == 1 and len(server.requests) == 1


def test_stalled_server_times_out(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED), stall=5)
    summary = run(tmp_path, {"A": server.url("/a.xml")}, '[fetch]\ntimeout = "1s"\n')
    assert summary.failed == 1 and "within 1s" in summary.failures[0][1]


def test_body_over_the_cap_is_refused(server, tmp_path):
    big = rss(*[(f"g{i}", f"Torkham item {i}", "x" * 2000) for i in range(20)])
    server.routes["/a.xml"] = Route(big)
    summary = run(tmp_path, {"A": server.url("/a.xml")}, '[fetch]\nmax_bytes = "10KB"\n')
    assert summary.failed == 1 and "cap" in summary.failures[0][1]
    assert rows(tmp_path, "select count(*) from items") == [(0,)]


def test_gzip_bomb_is_stopped_by_the_decoded_cap(server, tmp_path):
    bomb = b"<rss>" + b" " * 50_000_000
    server.routes["/a.xml"] = Route(bomb, gzip=True)
    summary = run(tmp_path, {"A": server.url("/a.xml")}, '[fetch]\nmax_bytes = "1MB"\n')
    assert summary.failed == 1 and "cap" in summary.failures[0][1]


def test_html_page_is_not_a_feed(server, tmp_path):
    server.routes["/a.xml"] = Route(b"<!doctype html><html><body>Welcome</body></html>")
    summary = run(tmp_path, {"A": server.url("/a.xml")})
    assert summary.failures == [("A", "not a feed: the server sent an HTML page")]


def test_malformed_xml_still_yields_what_it_can(server, tmp_path):
    broken = rss(RELATED).replace(b"</channel></rss>", b"<item><title>half")
    server.routes["/a.xml"] = Route(broken)
    summary = run(tmp_path, {"A": server.url("/a.xml")})
    assert summary.failed == 0 and summary.new >= 1


def test_wrong_charset_is_decoded_without_loss(server, tmp_path):
    body = rss(("c-1", "Café at the Torkham crossing", "<p>Pakistan and Afghanistan.</p>"))
    body = body.decode().replace("UTF-8", "ISO-8859-1").encode("latin-1")
    server.routes["/a.xml"] = Route(
        body, headers={"Content-Type": "application/rss+xml; charset=utf-8"}
    )
    run(tmp_path, {"A": server.url("/a.xml")})
    assert rows(tmp_path, "select title from items") == [("Café at the Torkham crossing",)]


def test_item_updated_between_fetches_updates_its_row(server, tmp_path):
    versions = [rss(RELATED), rss((RELATED[0], RELATED[1] + " (updated)", RELATED[2]))]
    server.routes["/a.xml"] = Route(lambda: versions[min(len(server.requests) - 1, 1)])
    run(tmp_path, {"A": server.url("/a.xml")})
    second = run(tmp_path, {"A": server.url("/a.xml")})
    assert (second.new, second.updated) == (0, 1)
    assert rows(tmp_path, "select title from items") == [(RELATED[1] + " (updated)",)]


def test_same_story_in_two_feeds_is_one_story(server, tmp_path):
    text = (
        "<p>Pakistan and Afghanistan agreed on Friday to keep the Torkham crossing closed to trade "
        "while their delegations work out how a monitoring mechanism would operate, officials in "
        "both capitals said. Trucks loaded with fruit have waited at the gate for two weeks, and "
        "traders say their losses grow by the day.</p>"
    )
    server.routes["/a.xml"] = Route(rss(("x-1", "Crossing stays closed", text)))
    server.routes["/b.xml"] = Route(
        rss(("y-9", "Torkham to stay closed, officials say", text + "<p>— Wire</p>"))
    )
    run(tmp_path, {"A": server.url("/a.xml"), "B": server.url("/b.xml")})
    stories = rows(tmp_path, "select count(distinct story), count(*) from items")
    assert stories == [(1, 2)]
    store = Store(tmp_path / "sitmon.db")
    assert store.related_items()[0]["carried_by"] == 2


_STORY = (
    "<p>Pakistan and Afghanistan agreed on Friday to keep the Torkham crossing closed to trade "
    "while their delegations work out how a monitoring mechanism would operate, officials in "
    "both capitals said. Trucks loaded with fruit have waited at the gate for two weeks, and "
    "traders say their losses grow by the day.</p>"
)


def _excluding(tmp_path: Path, feeds: dict[str, str], word: str | None):
    """A refresh under the test situation, with `word` excluded (a title holding it is never
    related)."""
    config = write_config(tmp_path, feeds)
    if word:
        text = config.read_text().replace("[talks]", f'exclude = ["{word}"]\n\n[talks]', 1)
        config.write_text(text)
    return refresh(load_config(config), tmp_path / "sitmon.db")


def test_unrelated_items_are_not_signed_until_a_config_edit_relates_them(server, tmp_path):
    """Stories group the related news: an item scored unrelated is stored without a signature
    or story bands; when a config edit makes copies of one story related, they are signed
    and filed under one story, as if they had been related when they came."""
    server.routes["/a.xml"] = Route(rss(("x-1", "Wire: Torkham stays shut", _STORY)))
    server.routes["/b.xml"] = Route(rss(("y-9", "Wire: Torkham to stay closed", _STORY)))
    feeds = {"A": server.url("/a.xml"), "B": server.url("/b.xml")}
    _excluding(tmp_path, feeds, "Wire")
    assert rows(tmp_path, "select related, length(signature) from items") == [(0, 0), (0, 0)]
    assert rows(tmp_path, "select count(*) from item_bands") == [(0,)]

    _excluding(tmp_path, feeds, None)
    assert rows(tmp_path, "select count(distinct story), sum(related) from items") == [(1, 2)]
    assert rows(tmp_path, "select count(distinct item) from item_bands") == [(2,)]
    assert Store(tmp_path / "sitmon.db").related_items()[0]["carried_by"] == 2


def test_an_update_that_relates_an_item_files_it_with_its_story(server, tmp_path):
    """A copy stored unrelated (its title held an excluded word) that comes back retitled and
    related joins the story of the copy already related."""
    server.routes["/a.xml"] = Route(rss(("x-1", "Torkham stays shut", _STORY)))
    server.routes["/b.xml"] = Route(rss(("y-9", "Wire: Torkham to stay closed", _STORY)))
    feeds = {"A": server.url("/a.xml"), "B": server.url("/b.xml")}
    _excluding(tmp_path, feeds, "Wire")
    assert rows(tmp_path, "select guid, related from items order by guid") == [
        ("x-1", 1),
        ("y-9", 0),
    ]
    assert rows(tmp_path, "select count(distinct story) from items") == [(2,)]

    server.routes["/b.xml"] = Route(rss(("y-9", "Torkham to stay closed", _STORY)))
    assert _excluding(tmp_path, feeds, "Wire").updated == 1
    assert rows(tmp_path, "select count(distinct story), sum(related) from items") == [(1, 2)]


def test_no_more_feeds_are_fetched_at_once_than_the_config_allows(server, tmp_path):
    """Connections are held in several small pools (feeds/fetch.py): together they open as
    many at once as `concurrency` says, never more."""
    feeds = {}
    for n in range(20):
        server.routes[f"/{n}.xml"] = Route(rss((f"g-{n}", "Weather", "<p>Rain.</p>")), stall=0.2)
        feeds[f"F{n}"] = server.url(f"/{n}.xml")
    summary = run(tmp_path, feeds, "[fetch]\nconcurrency = 6\n")
    assert summary.ok == 20
    assert server.most_at_once == 6


def test_refetch_never_duplicates(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED, UNRELATED))
    for _ in range(3):
        run(tmp_path, {"A": server.url("/a.xml")})
    assert rows(tmp_path, "select count(*) from items") == [(2,)]


def test_local_file_feed(tmp_path):
    (tmp_path / "local.xml").write_bytes(rss(RELATED))
    config_path = write_config(tmp_path, {})
    config_path.write_text(
        config_path.read_text() + '\n[[feeds]]\nname = "L"\npath = "local.xml"\n'
    )
    summary = refresh(load_config(config_path), tmp_path / "sitmon.db")
    assert summary.new == 1


def test_gzip_helper_sanity():
    assert gzip.decompress(gzip.compress(b"abc")) == b"abc"


def test_a_feed_is_committed_while_a_slow_one_is_still_downloading(server, tmp_path):
    """Feeds share a transaction only for a moment: what arrived is visible to other readers
    (the dashboard, `sitmon export`) without waiting for the slowest feed."""
    server.routes["/fast.xml"] = Route(rss(RELATED))
    server.routes["/slow.xml"] = Route(rss(UNRELATED), stall=3)
    config = load_config(
        write_config(tmp_path, {"Fast": server.url("/fast.xml"), "Slow": server.url("/slow.xml")})
    )
    seen_by_a_reader: dict[str, tuple[int, int]] = {}

    def progress(outcome) -> None:  # called once a feed's transaction is committed
        fast_items = rows(tmp_path, "select guid from items where feed = 'Fast'")
        slow_health = rows(tmp_path, "select name from feeds where name = 'Slow'")
        seen_by_a_reader[outcome.feed.name] = (len(fast_items), len(slow_health))

    summary = refresh(config, tmp_path / "sitmon.db", progress)
    assert summary.ok == 2
    # Fast was committed and readable before Slow came in, then Slow too.
    assert seen_by_a_reader == {"Fast": (1, 0), "Slow": (1, 1)}


def test_fetching_does_not_load_the_httpx_command_line_client():
    """httpx imports its CLI (click, rich, pygments) with itself when they are installed;
    a process that fetches must not carry them (5+ MB, ~40 ms of every fetch's start)."""
    import subprocess
    import sys

    probe = (
        "import sys, feeds.refresh, httpx; "
        "print(sorted(m for m in ('click', 'pygments', 'rich') if m in sys.modules), "
        "callable(httpx.AsyncClient))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.split() == ["[]", "True"], loaded.stderr


def test_a_refresh_keeps_its_feed_rows_without_loading_sqlite_utils(tmp_path):
    """The writes of every refresh (feed health, settings) are plain SQL upserts: a process
    refreshing a store (made, its schema current) never loads sqlite-utils and what it brings
    (click, pluggy: ~5 MB each time), and a refresh updates the feeds' rows in place."""
    import json
    import subprocess
    import sys

    from feeds.demo import prepare_demo

    config_path, db = prepare_demo(folder=tmp_path)
    Store(db).close()  # the store is made here: making its schema is sqlite-utils' work
    probe = (
        "import json, sys\n"
        "from feeds.config import load_config\n"
        "from feeds.refresh import refresh\n"
        "from feeds.store import Store\n"
        "from pathlib import Path\n"
        f"config = load_config(Path({str(config_path)!r}))\n"
        f"refresh(config, {str(db)!r})\n"
        f"refresh(config, {str(db)!r})\n"
        f"store = Store({str(db)!r})\n"
        "print(json.dumps([sorted(m for m in ('sqlite_utils', 'click', 'pluggy') "
        "if m in sys.modules), [(f['name'], f['last_status']) for f in store.feeds()], "
        "store.get_meta('last_refresh') is not None]))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    loaded, feeds, refreshed = json.loads(ran.stdout or "null") or (None, None, None)
    assert loaded == [], ran.stderr
    assert len(feeds) == 2 and all(status for _, status in feeds) and refreshed


def test_the_statements_a_save_runs_do_not_depend_on_how_many_items(tmp_path):
    """Feeds of any length are looked up and written by the same statements: a statement text
    per list length filled SQLite's cache of prepared statements (~10 MB in a 1,000-feed
    ingest)."""
    import re
    from datetime import UTC, datetime

    from feeds.item import Item, item_key

    store = Store(tmp_path / "s.db")
    texts: set[str] = set()

    def template(sql: str) -> None:  # the statement with its values taken out
        texts.add(re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", sql))

    def saved(feed: str, count: int) -> set[str]:
        texts.clear()
        items = [
            Item(item_key(feed, f"{feed}{n}"), f"{feed}{n}", feed, f"Story {n}",
                 f"https://news.example/{feed}/{n}", datetime(2025, 11, 1, tzinfo=UTC), None, "",
                 " ".join(f"word{(n * 7 + i * i) % 50}" for i in range(60)))
            for n in range(count)
        ]  # fmt: skip
        store.conn.set_trace_callback(template)
        with store.writing():
            store.save_items(items, datetime(2025, 11, 2, tzinfo=UTC))
        store.conn.set_trace_callback(None)
        return set(texts)

    saved("a", 3)  # the first save also reads the index's settings
    first = saved("b", 3)
    assert saved("c", 7) == first and saved("d", 12) == first
    store.close()
