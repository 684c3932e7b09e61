"""Alerts through a real subprocess, OPML round trips, `status`, `init` and the Markdown sitrep."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import SITUATION, rss
from tests.functional_tests.test_cli import sitmon

CLOSED = (
    "a-1",
    "Torkham shut",
    "<p>Pakistan closed the Torkham crossing with Afghanistan on Monday.</p>",
)
REOPENED = (
    "a-2",
    "Torkham reopens",
    "<p>The Torkham crossing with Afghanistan reopened on Tuesday.</p>",
    datetime(2025, 10, 21, 12, tzinfo=UTC),
)
SHUT_AGAIN = (
    "a-3",
    "Torkham shut again",
    "<p>Pakistan closed the Torkham crossing with Afghanistan again on Wednesday.</p>",
    datetime(2025, 10, 22, 12, tzinfo=UTC),
)


def _setup(tmp_path: Path, alerts: str) -> tuple[Path, Path]:
    (tmp_path / "local.xml").write_bytes(rss(CLOSED))
    config = tmp_path / "config.toml"
    config.write_text(
        SITUATION + alerts + '\n[[feeds]]\nname = "Local"\npath = "local.xml"\n', encoding="utf-8"
    )
    return config, tmp_path / "s.db"


def _recorder(tmp_path: Path) -> Path:
    script = tmp_path / "record.py"
    script.write_text(
        "import json, sys\n"
        f"with open({str(tmp_path / 'calls.jsonl')!r}, 'a') as out:\n"
        "    out.write(json.dumps({'argv': sys.argv[1:], 'stdin': json.loads(sys.stdin.read())}) + '\\n')\n"
    )
    return script


def test_alert_command_gets_the_change_as_arguments_and_json(tmp_path):
    script = _recorder(tmp_path)
    config, db = _setup(
        tmp_path,
        f'\n[alerts]\ncommand = [{json.dumps(sys.executable)}, {json.dumps(str(script))}, "--from-sitmon"]\ncooldown = "1h"\n',
    )
    assert sitmon("fetch", "--config", str(config), "--db", str(db)).returncode == 0
    assert not (tmp_path / "calls.jsonl").exists()  # the first fetch is not news
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED))
    assert sitmon("fetch", "--config", str(config), "--db", str(db)).returncode == 0
    calls = [json.loads(line) for line in (tmp_path / "calls.jsonl").read_text().splitlines()]
    assert [c["argv"] for c in calls] == [["--from-sitmon", "border", "Torkham: closed → open"]]
    assert calls[0]["stdin"]["kind"] == "border" and calls[0]["stdin"]["now"] == "open"
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED, SHUT_AGAIN))
    sitmon("fetch", "--config", str(config), "--db", str(db))
    assert len((tmp_path / "calls.jsonl").read_text().splitlines()) == 1  # within the cooldown
    listed = sitmon("alerts", "--db", str(db)).stdout.splitlines()
    assert "suppressed" in listed[0] and "sent" in listed[1]


def test_a_failing_alert_command_is_recorded_not_fatal(tmp_path):
    config, db = _setup(tmp_path, '\n[alerts]\ncommand = ["/nonexistent/notifier"]\n')
    sitmon("fetch", "--config", str(config), "--db", str(db))
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED))
    result = sitmon("fetch", "--config", str(config), "--db", str(db))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert (
        "failed (command not found: /nonexistent/notifier)"
        in sitmon("alerts", "--db", str(db)).stdout
    )


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Wire One" xmlUrl="https://one.example/rss.xml" htmlUrl="https://one.example/"/>
      <outline text="Deep folder">
        <outline type="rss" title="Wire Two" text="ignored text" xmlUrl="https://two.example/feed"/>
      </outline>
    </outline>
    <outline type="link" text="Just a page" url="https://page.example/"/>
    <outline text="Bad scheme" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="Existing" xmlUrl="https://existing.example/rss/"/>
  </body>
</opml>
"""


def test_opml_import_keeps_comments_and_order_and_export_round_trips(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        SITUATION
        + '\n# my own feeds, keep this comment\n[[feeds]]\nname = "Existing"\nurl = "https://existing.example/rss"\n'
    )
    (tmp_path / "subs.opml").write_text(OPML)
    result = sitmon("feeds", "--config", str(config), "import", str(tmp_path / "subs.opml"))
    assert result.returncode == 0, result.stderr
    assert "added 3 feeds (1 already there)" in result.stdout
    text = config.read_text()
    assert "# my own feeds, keep this comment" in text
    assert (
        text.index('name = "Existing"')
        < text.index('name = "Wire One"')
        < text.index('name = "Wire Two"')
    )
    assert 'url = "https://page.example/"' in text  # a plain url= outline is taken as a feed
    exported = sitmon("feeds", "--config", str(config), "export").stdout
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    fresh = tmp_path / "fresh.toml"
    fresh.write_text(SITUATION)
    (tmp_path / "out.opml").write_text(exported)
    assert (
        "added 4 feeds (0 already there)"
        in sitmon("feeds", "--config", str(fresh), "import", str(tmp_path / "out.opml")).stdout
    )


def test_status_reports_what_changed_since_last_time(tmp_path):
    config, db = _setup(tmp_path, "")
    sitmon("fetch", "--config", str(config), "--db", str(db))
    assert sitmon("status", "--db", str(db)).stdout.startswith("first look")
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED))
    sitmon("fetch", "--config", str(config), "--db", str(db))
    report = json.loads(sitmon("status", "--db", str(db), "--json").stdout)
    assert [c["text"] for c in report["changes"]] == ["Torkham: closed → open"]
    assert report["new_related_items"] == 1
    again = sitmon("status", "--db", str(db)).stdout
    assert "0 changes" in again and "Torkham open" in again


def test_init_writes_a_config_that_checks(tmp_path):
    target = tmp_path / "cfg" / "config.toml"
    result = sitmon("init", env={"SITMON_CONFIG": str(target)})
    assert result.returncode == 0 and target.exists()
    assert sitmon("check", env={"SITMON_CONFIG": str(target)}).returncode == 0
    refused = sitmon("init", env={"SITMON_CONFIG": str(target)})
    assert refused.returncode == 2 and "exists already" in refused.stderr


def test_markdown_sitrep_for_a_seeded_store(tmp_path):
    config, db = _setup(tmp_path, "")
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED))
    sitmon("fetch", "--config", str(config), "--db", str(db))
    md = sitmon("export", "--config", str(config), "--db", str(db), "--format", "md").stdout
    assert md.startswith("# Test situation\n")
    assert "| Torkham | open | 2025-10-21 |" in md
    assert "[Torkham reopens](https://news.example/a-2)" in md


def test_markdown_sitrep_lists_changes_since_a_date_with_links(tmp_path):
    config, db = _setup(tmp_path, "")
    (tmp_path / "local.xml").write_bytes(rss(CLOSED, REOPENED))
    sitmon("fetch", "--config", str(config), "--db", str(db))
    md = sitmon(
        "export",
        "--config",
        str(config),
        "--db",
        str(db),
        "--format",
        "md",
        "--since",
        "2025-10-21",
    ).stdout
    changes = md.split("## Changes since 2025-10-21", 1)[1].split("##", 1)[0]
    assert "- 2025-10-21: Torkham: open — [Local](https://news.example/a-2)" in changes
    assert "closed" not in changes
    bad = sitmon(
        "export", "--config", str(config), "--db", str(db), "--format", "md", "--since", "soon"
    )
    assert bad.returncode == 2 and "--since 'soon'" in bad.stderr
