"""Links, XML attacks and dates from strangers."""

from __future__ import annotations

import time
import webbrowser
from datetime import UTC, datetime, timedelta

from feeds.parse import Item, item_key, parse_feed
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


def test_billion_laughs_is_bounded():
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]><rss><channel><item><title>&l9;</title></item></channel></rss>'
    started = time.monotonic()
    parsed = parse_feed("x", body.encode())
    assert time.monotonic() - started < 5
    assert all(len(i.title) <= 2000 for i in parsed.items)


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>a &x; b</title></item></channel></rss>"
    )
    parsed = parse_feed("x", body.encode())
    assert all("TOP-SECRET" not in i.title + i.text for i in parsed.items)


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
