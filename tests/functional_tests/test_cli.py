"""The real `sitmon` command run as a subprocess: exit codes, output, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import RELATED, UNRELATED, rss, write_config
from tests.feed_server import Route


def sitmon(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui.cli", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}
    )


def test_fetch_then_export_json_follows_the_contract(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED, UNRELATED))
    config = write_config(tmp_path, {"A": server.url("/a.xml"), "Down": "http://127.0.0.1:9/x.xml"})
    db = tmp_path / "s.db"
    fetched = sitmon("fetch", "--config", str(config), "--db", str(db))
    assert fetched.returncode == 0
    assert (
        "feeds: 1 ok, 0 not modified, 1 failed; items: 2 new, 0 updated; 1 new related"
        in fetched.stdout
    )
    assert "failed: Down: could not connect" in fetched.stderr
    exported = sitmon("export", "--config", str(config), "--db", str(db), "--format", "json")
    doc = json.loads(exported.stdout)
    assert doc["situation"] == "Test situation"
    assert [i["guid"] for i in doc["items"]] == ["a-1"]
    assert set(doc) >= {"situation", "generated_at", "items", "talks", "borders", "statements"}
    torkham = next(b for b in doc["borders"] if b["crossing"] == "Torkham")
    assert torkham["status"] == "closed" and torkham["history"][0]["guid"] == "a-1"


def test_export_md_and_csv(server, tmp_path):
    server.routes["/a.xml"] = Route(rss(RELATED))
    config = write_config(tmp_path, {"A": server.url("/a.xml")})
    db = tmp_path / "s.db"
    sitmon("fetch", "--config", str(config), "--db", str(db))
    md = sitmon("export", "--config", str(config), "--db", str(db), "--format", "md").stdout
    assert md.startswith("# Test situation") and "| Torkham | closed |" in md
    csv_out = sitmon("export", "--config", str(config), "--db", str(db), "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "published,feed,title,link,guid,score"
    assert "a-1" in csv_out


def test_bad_config_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[situation]\nname = "x"\nkeywords = ["a"]\n[fetch]\nintervall = "5m"\n')
    for command in (["check"], ["fetch", "--db", str(tmp_path / "x.db")], ["export"]):
        result = sitmon(*command, "--config", str(bad))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert f"{bad}:5: fetch.intervall: unknown key" in result.stderr


def test_check_accepts_the_example_config():
    example = Path(__file__).resolve().parents[2] / "config.example.toml"
    result = sitmon("check", "--config", str(example))
    assert result.returncode == 0 and "ok" in result.stdout


def test_config_from_environment(tmp_path, server):
    server.routes["/a.xml"] = Route(rss(RELATED))
    config = write_config(tmp_path, {"A": server.url("/a.xml")})
    env = {"SITMON_CONFIG": str(config), "SITMON_DB": str(tmp_path / "env.db")}
    assert sitmon("fetch", env=env).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_corrupt_database_gives_a_message_not_a_traceback(tmp_path, server):
    server.routes["/a.xml"] = Route(rss(RELATED))
    config = write_config(tmp_path, {"A": server.url("/a.xml")})
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    result = sitmon("fetch", "--config", str(config), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "not a sitmon database" in result.stderr


def test_unwritable_database_directory(tmp_path, server):
    config = write_config(tmp_path, {"A": server.url("/a.xml")})
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = sitmon("fetch", "--config", str(config), "--db", str(blocker / "sub" / "s.db"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot open the database" in result.stderr


def test_fetch_watch_stops_cleanly_on_ctrl_c(server, tmp_path):
    import signal
    import time

    server.routes["/a.xml"] = Route(rss(RELATED))
    config = write_config(tmp_path, {"A": server.url("/a.xml")}, '[fetch]\ninterval = "30s"\n')
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "fetch",
            "--watch",
            "--config",
            str(config),
            "--db",
            str(tmp_path / "w.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "feeds: 1 ok" in out and "stopped" in err and "Traceback" not in err


def test_benchmark_scripts_run(tmp_path):
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.extraction", "60"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "related items/s" in result.stdout
    ingest = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest", "2", "3", "1"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0 and "cold" in ingest.stdout and "revisit" in ingest.stdout
    assert "peak RSS sitmon" in ingest.stdout
    for args, expected in (
        (["benchmarks.phases", "3", "5"], "extraction"),
        (["benchmarks.search", "300"], "p95"),
        (["benchmarks.first_paint", "300", "1"], "ratio"),
    ):
        smoke = subprocess.run(
            [sys.executable, "-m", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert smoke.returncode == 0 and expected in smoke.stdout, smoke.stderr[-500:]


def test_dashboard_with_a_corrupt_database_says_so(tmp_path):
    config = write_config(tmp_path, {})
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 1000)
    result = sitmon("--config", str(config), "--db", str(db))
    assert result.returncode == 1 and "not a sitmon database" in result.stderr
    assert "Traceback" not in result.stderr


def test_dashboard_with_a_bad_config_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[situation]\nname = "x"\nkeywords = ["a"]\n[fetch]\nintervall = "5m"\n')
    for given in (["--config", str(bad)], [f"--config={bad}", "--offline"]):
        result = sitmon(*given, "--db", str(tmp_path / "x.db"))
        assert result.returncode == 2 and "intervall" in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_dashboard_arguments_it_does_not_know_go_to_click(tmp_path):
    missing = sitmon("--offline", "--db")
    assert missing.returncode == 2 and "requires an argument" in missing.stderr
    unknown = sitmon("--offlin")
    assert unknown.returncode == 2 and "No such option" in unknown.stderr
    assert sitmon("--version").stdout.startswith("sitmon")


def test_the_dashboard_launch_reads_its_options_without_click():
    from tui.cli import dashboard_arguments

    assert dashboard_arguments(["--config", "a.toml", "--db=b.db", "--offline"]) == {
        "config_file": "a.toml",
        "db_file": "b.db",
        "offline": True,
    }
    assert dashboard_arguments(["--db", "a.db", "--db", "b.db"]) == {"db_file": "b.db"}
    assert dashboard_arguments([]) == {}
    for other in (["fetch"], ["--db"], ["--db", "--demo"], ["--db="], ["-h"], ["--demo", "x"]):
        assert dashboard_arguments(other) is None, other
    probe = "import sys, tui.cli, tui.launch; print('click' in sys.modules)"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert imported.stdout.strip() == "False", imported.stderr


def test_the_demo_shows_its_facts_even_offline(tmp_path):
    """--offline keeps the network out; the demo never needs it (its feeds are files it
    brings), so it opens with its facts rather than as an empty dashboard."""
    from tests.terminal import AppInTerminal

    app = AppInTerminal("--demo", "--offline", env={"TMPDIR": str(tmp_path)})
    screen = app.read(30, until=b"Mujahid")
    code = app.quit()
    assert b"Mujahid" in screen  # a statement of the demo's feeds, read at launch
    assert code == 0
