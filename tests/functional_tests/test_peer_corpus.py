"""The real pipeline (local-file fetch, parse, store, relevance) over ~5,600 feeds from other
projects' test suites (../shared/peer-corpus): every file ends as items or as a recorded feed
error, nothing raises, and no stored text keeps a control character, a script or a tag."""

from __future__ import annotations

import ast
import json
import re
import sqlite3

import pytest

from feeds.config import load_config
from feeds.html_text import html_to_text
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


pytestmark = pytest.mark.skipif(not PEER.exists(), reason=f"no peer corpus at {PEER}")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """Every corpus file fetched as a local feed, parsed and stored, once for this module."""
    folder = tmp_path_factory.mktemp("peer")
    files = corpus_files()
    lines = ['[situation]\nname = "peer"\nkeywords = ["feed"]\n[fetch]\nconcurrency = 16\n']
    for number, path in enumerate(files):
        lines.append(f'[[feeds]]\nname = "f{number}"\npath = {json.dumps(str(path))}\n')
    config_path = folder / "config.toml"
    config_path.write_text("\n".join(lines), encoding="utf-8")
    summary = refresh(load_config(config_path), folder / "peer.db")
    return files, summary, folder / "peer.db"


def test_every_peer_feed_ends_as_items_or_a_recorded_error(ingested):
    files, summary, db = ingested
    assert len(files) > 1000
    assert summary.ok + summary.failed == len(files)
    with sqlite3.connect(db) as conn:
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


def test_the_words_sanitizer_cases_expect_to_survive_do_survive(ingested):
    files, _, db = ingested
    number_of = {
        path.relative_to(PEER / "feedparser").as_posix(): f"f{n}"
        for n, path in enumerate(files)
        if path.is_relative_to(PEER / "feedparser")
    }
    expectations = [
        json.loads(line) for line in (PEER / "feedparser" / "_expectations.jsonl").open()
    ]
    with sqlite3.connect(db) as conn:
        stored = {
            feed: f"{title} {text}"
            for feed, title, text in conn.execute("select feed, title, text from items")
        }
    checked = 0
    for case in expectations:
        match = re.search(
            r"entries\[0\]\['(?:description|summary|content)'\] == (u?'.*')$", case["expect"]
        )
        if case["subcategory"] != "sanitize" or not match or case["path"] not in number_of:
            continue
        try:
            expected_html = ast.literal_eval(match.group(1).lstrip("u"))
        except (ValueError, SyntaxError):
            continue  # an expression, not a plain string: nothing simple to compare
        words = [w for w in re.findall(r"[A-Za-z]{3,}", html_to_text(expected_html))]
        if words:
            checked += 1
            text = stored.get(number_of[case["path"]], "")
            assert all(w in text for w in words), (case["path"], words, text[:200])
    assert checked > 20


def test_every_peer_opml_imports_into_a_valid_config(tmp_path):
    from feeds.opml import OpmlError, merge_into_config, read_opml

    files = sorted(PEER.rglob("*.opml"))
    assert files
    imported = 0
    for number, path in enumerate(files):
        config = tmp_path / f"c{number}.toml"
        config.write_text('[situation]\nname = "x"\nkeywords = ["a"]\n', encoding="utf-8")
        try:
            subscriptions = read_opml(path)
        except OpmlError:
            continue
        added, _ = merge_into_config(config, subscriptions)
        assert len(load_config(config).feeds) == added
        imported += added
    assert imported > 20
