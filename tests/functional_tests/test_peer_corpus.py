"""The real pipeline (local-file fetch, parse, store, relevance) over ~5,600 feeds from other
projects' test suites (../shared/peer-corpus): every file ends as items or as a recorded feed
error, nothing raises, and no stored text keeps a control character, a script or a tag."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from feeds.config import load_config
from feeds.refresh import refresh
from tests.conftest import SHARED

PEER = SHARED / "peer-corpus"
SKIP = {"LICENSE", "SOURCE.txt", "README.md"}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TAG = re.compile(
    r"<\s*/?\s*(?:script|iframe|object|embed|style|blink|img|a|b|i|p|div|span)\b", re.I
)


def corpus_files():
    return sorted(
        p
        for p in PEER.rglob("*")
        if p.is_file()
        and p.name not in SKIP
        and not p.name.startswith("_")
        and "blns" not in p.parts
    )


@pytest.mark.skipif(not PEER.exists(), reason=f"no peer corpus at {PEER}")
def test_every_peer_feed_ends_as_items_or_a_recorded_error(tmp_path):
    files = corpus_files()
    assert len(files) > 1000
    lines = ['[situation]\nname = "peer"\nkeywords = ["feed"]\n[fetch]\nconcurrency = 16\n']
    for number, path in enumerate(files):
        lines.append(f'[[feeds]]\nname = "f{number}"\npath = {json.dumps(str(path))}\n')
    config_path = tmp_path / "config.toml"
    config_path.write_text("\n".join(lines), encoding="utf-8")
    summary = refresh(load_config(config_path), tmp_path / "peer.db")
    assert summary.ok + summary.failed == len(files)
    with sqlite3.connect(tmp_path / "peer.db") as conn:
        recorded = conn.execute("select count(*) from feeds").fetchone()[0]
        assert recorded == len(files)
        failed_without_cause = conn.execute(
            "select count(*) from feeds where last_status = 'failed' and coalesce(last_error, '') = ''"
        ).fetchone()[0]
        assert failed_without_cause == 0
        rows = conn.execute("select feed, title, text, author, link from items").fetchall()
    assert len(rows) > 2000
    sanitizer_cases = {f"f{n}" for n, path in enumerate(files) if "sanitize" in path.parts}
    checked = 0
    for feed, title, text, author, link in rows:
        for value in (title, text, author):
            assert not CONTROL.search(value or ""), repr(value)[:200]
            if feed in sanitizer_cases:  # elsewhere "<blink>" may be the words of a title
                checked += 1
                assert "javascript:" not in (value or "").lower(), repr(value)[:200]
                assert not TAG.search(value or ""), repr(value)[:200]
        assert link == "" or link.lower().startswith(("http://", "https://"))
    assert checked > 500
