"""A refresh that digests feeds in worker processes stores exactly what one that digests them in
the main process stores: items, relevance, stories and facts; and a pool that breaks mid-way
costs nothing but speed."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

import feeds.workers as workers
from benchmarks.corpus import write_corpus
from benchmarks.ingest import SITUATION as BENCH_SITUATION
from feeds.config import load_config
from feeds.refresh import refresh

SITUATION = BENCH_SITUATION + '[[crossings]]\nname = "Chaman"\n'


def _config(tmp_path: Path, feeds: int = 12, items: int = 30):
    paths = write_corpus(tmp_path / "corpus", feeds, items)
    lines = [SITUATION] + [f'[[feeds]]\nname = "f{n}"\npath = "{p}"\n' for n, p in enumerate(paths)]
    (tmp_path / "c.toml").write_text("\n".join(lines))
    return load_config(tmp_path / "c.toml")


def _stored(db: Path) -> tuple:
    with sqlite3.connect(db) as conn:
        items = conn.execute(
            "select key, title, text, score, related, story from items order by key"
        ).fetchall()
        facts = conn.execute("select kind, json from facts order by kind").fetchall()
    return items, [(kind, json.loads(text)) for kind, text in facts]


def test_worker_processes_store_what_the_main_process_would(tmp_path, monkeypatch):
    config = _config(tmp_path)
    monkeypatch.setattr(workers, "POOL_AFTER_BODIES", 10**9)
    alone = refresh(config, tmp_path / "alone.db")
    monkeypatch.setattr(workers, "POOL_AFTER_BODIES", 0)
    pooled = refresh(config, tmp_path / "pooled.db")
    assert (
        (alone.new, alone.related_new)
        == (pooled.new, pooled.related_new)
        == (360, pooled.related_new)
    )
    assert pooled.related_new > 50
    items, facts = _stored(tmp_path / "pooled.db")
    assert (items, facts) == _stored(tmp_path / "alone.db")
    assert any(kind == "borders" and value for kind, value in facts)


def test_the_pool_really_runs_in_other_processes(tmp_path):
    import asyncio
    import os

    config = _config(tmp_path, feeds=1, items=5)
    digester = workers.Digester(config, workers=2)
    digester.bodies = workers.POOL_AFTER_BODIES  # past the threshold: the next body uses the pool
    body = next((tmp_path / "corpus").glob("*.xml")).read_bytes()
    try:
        result = asyncio.run(digester.digest("f0", body, {}))
        pids = {pid for pid in digester.pool._processes}  # noqa: SLF001
    finally:
        digester.close()
    assert len(result.parsed.items) == 5
    assert pids and os.getpid() not in pids


def test_a_first_refresh_digests_every_body_in_the_pool(tmp_path, monkeypatch):
    """On a store's first refresh every feed brings a body: the pool starts with the first
    instead of after POOL_AFTER_BODIES digested in the main process; later refreshes wait
    for enough bodies to pay for it."""
    config = _config(tmp_path, feeds=workers.POOL_AFTER_BODIES + 3, items=5)
    here: list[str] = []
    digest_here = workers.Digester._digest_here

    def spied(self, feed, body, headers):
        here.append(feed)
        return digest_here(self, feed, body, headers)

    monkeypatch.setattr(workers.Digester, "_digest_here", spied)
    first = refresh(config, tmp_path / "s.db")
    assert first.new == len(config.feeds) * 5 and here == []
    for path in (tmp_path / "corpus").glob("*.xml"):  # every feed changes
        path.write_bytes(path.read_bytes().replace(b"<title>", b"<title>New: "))
    second = refresh(config, tmp_path / "s.db")
    assert second.updated == len(config.feeds) * 5
    assert len(here) == workers.POOL_AFTER_BODIES


def test_a_broken_pool_falls_back_to_the_main_process(tmp_path, monkeypatch):
    config = _config(tmp_path, feeds=8, items=10)
    monkeypatch.setattr(workers, "POOL_AFTER_BODIES", 0)

    def dies(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(workers, "digest_in_worker", dies)
    summary = refresh(config, tmp_path / "s.db")
    assert (summary.ok, summary.failed, summary.new) == (8, 0, 80)


@pytest.mark.parametrize("count", [1, 3])
def test_small_refreshes_never_start_a_pool(tmp_path, count, monkeypatch):
    started = []
    real = workers.ProcessPoolExecutor
    monkeypatch.setattr(
        workers, "ProcessPoolExecutor", lambda *a, **k: started.append(1) or real(*a, **k)
    )
    refresh(_config(tmp_path, feeds=count, items=5), tmp_path / "s.db")
    assert started == []


def _children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def test_workers_end_when_the_fetch_that_started_them_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    _config(tmp_path, feeds=120, items=50)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "fetch", "--config", str(tmp_path / "c.toml")]
        + ["--db", str(tmp_path / "k.db")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers_seen: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers_seen) < 2 and process.poll() is None:
        workers_seen |= {
            pid
            for pid in _children_of(process.pid)
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
        }
        time.sleep(0.05)
    assert workers_seen, "the fetch never started its worker pool"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in workers_seen):
        time.sleep(0.1)
    alive = [p for p in workers_seen if Path(f"/proc/{p}").exists()]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)  # do not leak them from the test run either
    assert alive == []


async def test_the_dashboard_refreshes_in_a_process_of_its_own_and_stores_every_feed(
    tmp_path, monkeypatch
):
    """Under a running Textual app sys.stderr has no file descriptor, which multiprocessing's
    helper needs: the refresh process (and its digest pool) must still start, and no feed may
    be lost. The dashboard's own process never runs the refresh: here it would fail."""
    import feeds.refresh
    from tui.app import make_app

    def not_here(*args, **kwargs):
        raise AssertionError("the refresh ran in the dashboard's process")

    monkeypatch.setattr(feeds.refresh, "refresh", not_here)
    config = _config(tmp_path, feeds=12, items=20)
    app = make_app(config, tmp_path / "live.db", live=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(300):
            await pilot.pause(0.1)
            if app.last_summary is not None:
                break
        summary = app.last_summary
    assert summary is not None and (summary.ok, summary.failed, summary.new) == (12, 0, 240)
    with sqlite3.connect(tmp_path / "live.db") as conn:
        per_feed = dict(conn.execute("select feed, count(*) from items group by feed"))
    assert per_feed == {f"f{n}": 20 for n in range(12)}


def test_a_feed_whose_digest_fails_is_recorded_not_lost(tmp_path, monkeypatch):
    config = _config(tmp_path, feeds=3, items=5)
    real = workers.Digester.digest

    async def digest(self, feed, body, headers):
        if feed == "f1":
            raise MemoryError("no room")
        return await real(self, feed, body, headers)

    monkeypatch.setattr(workers.Digester, "digest", digest)
    summary = refresh(config, tmp_path / "s.db")
    assert (summary.ok, summary.failed, summary.new) == (2, 1, 10)
    assert summary.failures == [("f1", "could not be read (MemoryError)")]


async def test_leaving_the_dashboard_stops_its_refresh_process(tmp_path, server):
    """q during a refresh that waits on a slow server: the refresh process ends with the
    dashboard instead of finishing (or lingering) behind it."""
    from tests.conftest import RELATED, rss, write_config
    from tests.feed_server import Route
    from tui.app import make_app

    server.routes["/slow.xml"] = Route(rss(RELATED), stall=30)
    config = load_config(write_config(tmp_path, {"Slow": server.url("/slow.xml")}))
    app = make_app(config, tmp_path / "s.db", live=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            refresher = app.refresher
            if refresher is not None and refresher.process is not None:
                if refresher.process.poll() is None:
                    break
        process = app.refresher.process
        assert process.poll() is None
        # and it yields the CPU to the screen: keys waited for it when it ran at nice 2
        from feeds.refresh_apart import CHILD_NICENESS

        wanted = os.getpriority(os.PRIO_PROCESS, 0) + CHILD_NICENESS
        for _ in range(50):
            if os.getpriority(os.PRIO_PROCESS, process.pid) >= min(wanted, 19):
                break
            await pilot.pause(0.1)
        assert os.getpriority(os.PRIO_PROCESS, process.pid) >= min(wanted, 19)
        # in the dashboard's session: Linux schedules each session as a group of its own, in
        # which the niceness would count only against the refresh's own processes
        assert os.getsid(process.pid) == os.getsid(0)
    # ended well before the server's 30 s stall is over, stopped rather than finished
    assert process.wait(timeout=10) != 0


def _helpers_of(pid: int) -> list[str]:
    """The command lines of every process below `pid` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        todo += children.get(child, [])
        try:
            found.append(Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            pass
    return found


def test_the_dashboard_refreshes_from_any_folder_and_leaves_no_helper_behind(tmp_path):
    """Started from a folder that holds a `feeds` package of its own (a user's feed files
    might), the refresh still runs sitmon's; once it is done, no helper process stays beside
    the dashboard (multiprocessing's resource tracker did, 12 MB, for as long as it ran)."""
    from tests.terminal import AppInTerminal

    here = tmp_path / "work"
    (here / "feeds").mkdir(parents=True)
    (here / "feeds" / "__init__.py").write_text("raise ImportError('not sitmon')\n")
    command = [
        sys.executable,
        "-P",
        "-m",
        "tui.cli",
    ]  # as the installed script: no folder on the path
    app = AppInTerminal("--demo", env={"TMPDIR": str(tmp_path)}, cwd=here, command=command)
    screen = app.read(30, until=b"Mujahid")  # a statement the refresh read from the demo
    app.read(1)
    helpers = _helpers_of(app.process.pid)
    code = app.quit()
    assert b"Mujahid" in screen and code == 0
    assert helpers == []


def test_a_dashboard_refresh_derives_in_a_process_without_the_fetch_machinery(tmp_path, server):
    """A dashboard refresh that brings a related item is settled (scored, derived, alerted)
    by a second process, which never loads the HTTP client or the fetching: a derive over a
    big store sat on top of them (~13 MB). One that brings nothing new is settled by the
    fetching process itself (no second start)."""
    import pickle
    import subprocess

    from feeds.refresh import fetch_feeds
    from feeds.refresh_apart import RefreshProcess
    from feeds.store import Store
    from tests.conftest import RELATED, UNRELATED, rss, write_config
    from tests.feed_server import Route

    server.routes["/a.xml"] = Route(rss(RELATED))
    config = load_config(write_config(tmp_path, {"A": server.url("/a.xml")}))
    db = tmp_path / "s.db"
    steps: list[str] = []
    refresher = RefreshProcess()
    real_step = refresher._step
    refresher._step = lambda work, wanted: steps.append(work[0]) or real_step(work, wanted)
    summary = refresher.run(config, db)
    assert steps == ["fetch", "settle"] and (summary.new, summary.related_new) == (1, 1)
    store = Store(db)
    assert [b["status"] for b in store.facts("borders") if b["crossing"] == "Torkham"] == ["closed"]
    store.close()
    steps.clear()
    summary = refresher.run(config, db)
    assert steps == ["fetch"] and summary.ok + summary.not_modified == 1

    # the settle step, run as the child runs it, in a fresh interpreter
    server.routes["/a.xml"] = Route(rss(RELATED, UNRELATED, ("a-3", *RELATED[1:])))
    handed = tmp_path / "fetched.pickle"
    handed.write_bytes(pickle.dumps((config, db, fetch_feeds(config, db))))
    probe = (
        "import pickle, sys\n"
        "from feeds.refresh_child import _run\n"
        f"config, db, fetched = pickle.loads(open({str(handed)!r}, 'rb').read())\n"
        "kind, summary = _run('settle', config, db, fetched)\n"
        "print(kind, summary.related_new, "
        "sorted(m for m in ('httpx', 'feeds.fetch', 'feeds.refresh', 'lxml.html') "
        "if m in sys.modules))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert ran.stdout.split() == ["ok", "1", "[]"], ran.stderr
