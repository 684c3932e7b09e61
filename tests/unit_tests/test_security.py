"""Links, XML attacks and dates from strangers."""

from __future__ import annotations

import time
import webbrowser
from datetime import UTC, datetime, timedelta

import pytest

from feeds.parse import Item, item_key, parse_feed, parse_strict, parse_tolerant
from feeds.store import Store
from tui.detail import open_link


def test_only_http_links_open(monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "-oProxyCommand=x",
        "data:text/html,x",
        "",
    ):
        assert open_link(bad) is False
    assert open_link("https://news.example/a") is True
    assert opened == ["https://news.example/a"]


PARSERS = [parse_feed, parse_strict, parse_tolerant]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
def test_billion_laughs_is_bounded(parse):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]><rss version="2.0"><channel><item><guid>g</guid><title>&l9;</title></item></channel></rss>'
    started = time.monotonic()
    parsed = parse("x", body.encode())
    assert time.monotonic() - started < 5
    assert all(len(i.title) <= 2000 for i in (parsed.items if parsed else ()))


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
def test_external_entities_are_not_read(tmp_path, parse):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><guid>g</guid><title>a &x; b</title></item></channel></rss>'
    )
    parsed = parse("x", body.encode())
    assert all("TOP-SECRET" not in i.title + i.text for i in (parsed.items if parsed else ()))


def test_external_entities_without_a_doctype_line_are_not_read_by_the_strict_path(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    # The DOCTYPE hidden after 4 KB of whitespace: the strict path's own parser must refuse it.
    body = (
        '<?xml version="1.0"?>'
        + " " * 5000
        + f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><guid>g</guid><title>a &x; b</title></item></channel></rss>'
    )
    parsed = parse_strict("x", body.encode())
    assert parsed is None or all("TOP-SECRET" not in i.title for i in parsed.items)


def test_dates_in_the_future_or_1970_never_float_above_new_items(tmp_path):
    store = Store(tmp_path / "s.db")
    now = datetime.now(UTC)

    def item(guid: str, when: datetime) -> Item:
        return Item(item_key("f", guid), guid, "f", guid, "", when, when, "", "Torkham")

    with store.writing():
        store.save_items(
            [
                item("future", now + timedelta(days=3650)),
                item("epoch", datetime(1970, 1, 1, tzinfo=UTC)),
            ],
            now - timedelta(hours=2),
        )
        store.save_items([item("fresh", now - timedelta(minutes=5))], now)
        store.db.execute("update items set related = 1")
    assert [r["guid"] for r in store.related_items()] == ["fresh", "future", "epoch"]
