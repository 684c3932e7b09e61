"""Shared test fixtures: a loopback feed server, configs written to disk, feed builders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.feed_server import FeedServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITMON_SHARED", ROOT.parent / "shared"))

SITUATION = """
[situation]
name = "Test situation"
keywords = ["Pakistan", "Afghanistan", "Afghan", "border", "crossing", "talks", "ceasefire"]

[talks]
parties = ["Pakistan", "Afghanistan"]
[[talks.venues]]
name = "Doha"
[[talks.mediators]]
name = "Qatar"

[[crossings]]
name = "Torkham"

[[people]]
name = "Tahir Hussain Andrabi"
aliases = ["Andrabi"]
role = "Foreign Office spokesperson"
"""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    yield running
    running.stop()


def write_config(folder: Path, feeds: dict[str, str], extra: str = "") -> Path:
    """A config with the test situation and the given feeds (name -> url)."""
    lines = [SITUATION, extra]
    for name, url in feeds.items():
        lines.append(f'[[feeds]]\nname = "{name}"\nurl = "{url}"\n')
    path = folder / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def rss(*items: tuple, title: str = "Test feed") -> bytes:
    """An RSS 2.0 document; items are (guid, title, html description[, published datetime])."""
    default = datetime(2025, 10, 20, 9, 0, tzinfo=UTC)
    entries = "".join(
        f'<item><guid isPermaLink="false">{item[0]}</guid><title>{item[1]}</title>'
        f"<link>https://news.example/{item[0]}</link>"
        f"<pubDate>{format_datetime(item[3] if len(item) > 3 else default)}</pubDate>"
        f"<description><![CDATA[{item[2]}]]></description></item>"
        for item in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


RELATED = (
    "a-1",
    "Torkham stays shut as Pakistan and Afghanistan trade fire",
    "<p>Pakistan kept the Torkham crossing with Afghanistan closed on Monday.</p>",
)
UNRELATED = ("a-2", "Hurricane nears the coast", "<p>Forecasters warned of a storm surge.</p>")


def as_before(store, migration, *undo: str) -> None:
    """Leaves a store as it was before `migration` ran (`undo`: the SQL that takes its work
    away) and closes it: the next Store() on the file runs the migration on what is there."""
    from feeds.migrations import MIGRATIONS

    for statement in undo:
        store.conn.execute(statement)
    store.conn.execute(f"pragma user_version = {MIGRATIONS.index(migration)}")
    store.conn.commit()
    store.close()
