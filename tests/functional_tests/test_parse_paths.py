"""The fast strict parser and feedparser must read the same items: over the peer corpus, over
the benchmark corpus and over the shapes real news feeds have; and the strict path must step
aside (answer None) for whatever it does not fully understand."""

from __future__ import annotations

import pytest

from benchmarks.corpus import write_corpus
from feeds.parse import parse_feed, parse_strict, parse_tolerant
from tests.conftest import SHARED
from tests.functional_tests.test_peer_corpus import corpus_files

PEER = SHARED / "peer-corpus"

NEWS_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Frontier Desk &amp; Wire</title><link>https://desk.example/</link>
<atom:link href="https://desk.example/feed" rel="self" type="application/rss+xml"/>
<sy:updatePeriod>hourly</sy:updatePeriod><language>en</language>
<image><url>https://desk.example/logo.png</url><title>Desk</title><link>https://desk.example/</link></image>
<item><title>Crossing stays shut &#8212; day 12</title><link>https://desk.example/a?utm_source=rss</link>
<guid isPermaLink="false">desk-101</guid><pubDate>Thu, 23 Oct 2025 08:15:00 +0500</pubDate>
<dc:creator><![CDATA[Staff Reporter]]></dc:creator><category>Region</category>
<media:thumbnail url="https://desk.example/t.jpg" width="120" height="80"/>
<description><![CDATA[<p>Short version.</p>]]></description>
<content:encoded><![CDATA[<p>Trucks &amp; drivers waited.</p><script>alert(1)</script><p>“We wait,” one said.</p>]]></content:encoded>
</item>
<item><title>Second</title><link>https://desk.example/b</link><pubDate>Fri, 24 Oct 2025 10:00:00 GMT</pubDate>
<description>Plain text body with no markup</description></item>
</channel></rss>"""

NEWS_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Valley &lt;b&gt;News&lt;/b&gt;</title>
<id>urn:valley</id><updated>2025-10-24T10:00:00Z</updated><link href="https://valley.example/"/>
<entry><id>tag:valley.example,2025:1</id><title>Talks open</title>
<link rel="alternate" type="text/html" href="https://valley.example/1"/>
<link rel="enclosure" href="https://valley.example/1.mp3"/>
<published>2025-10-24T08:00:00+03:00</published><updated>2025-10-24T09:30:00Z</updated>
<author><name>A. Writer</name><email>a@valley.example</email></author>
<summary>Short</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Delegations &amp; mediators <b>met</b>.</p></div></content>
</entry></feed>"""


@pytest.mark.parametrize("body", [NEWS_RSS, NEWS_ATOM], ids=["rss", "atom"])
def test_common_news_feeds_take_the_fast_path_and_read_the_same(body):
    strict = parse_strict("f", body.encode())
    assert strict is not None
    assert strict == parse_tolerant("f", body.encode())
    assert len(strict.items) >= 1 and all(i.title and i.link for i in strict.items)
    assert "alert" not in " ".join(i.text for i in strict.items)


def test_the_benchmark_corpus_takes_the_fast_path_and_reads_the_same(tmp_path):
    for path in write_corpus(tmp_path, feeds=3, items=20):
        body = path.read_bytes()
        strict = parse_strict(path.stem, body)
        assert strict is not None and len(strict.items) == 20
        assert strict == parse_tolerant(path.stem, body)


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.replace("<channel>", '<!DOCTYPE rss [<!ENTITY x "y">]><channel>', 1),
        lambda b: b.replace("<channel>", "<channel xml:base='https://other.example/'>", 1),
        lambda b: b.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
        lambda b: b.replace("day 12", "day\u0092 12"),  # cp1252 quote posing as a C1 control
        lambda b: b.replace("</channel>", "<item><title>broken</channel>"),
        lambda b: b.replace(
            "<category>Region</category>", "<media:description>x</media:description>"
        ),
        lambda b: b.replace("<title>Second</title>", "<title>Second</title><title>Other</title>"),
        lambda b: b.replace("<link>https://desk.example/b</link>", ""),  # no link, no guid
    ],
    ids=["doctype", "xml-base", "latin-1", "c1", "broken", "media-text", "two-titles", "no-id"],
)
def test_what_the_strict_path_does_not_understand_goes_to_feedparser(change):
    body = change(NEWS_RSS).encode()
    assert parse_strict("f", body) is None
    assert parse_feed("f", body) == parse_tolerant("f", body)


def test_a_charset_conflict_with_the_server_goes_to_feedparser():
    body = NEWS_RSS.encode()
    assert parse_strict("f", body, {"content-type": "text/xml; charset=windows-1252"}) is None
    assert parse_strict("f", body, {"Content-Type": "text/xml; charset=utf-8"}) is not None


@pytest.mark.skipif(not PEER.exists(), reason=f"no peer corpus at {PEER}")
def test_both_paths_read_the_same_items_over_the_peer_corpus():
    taken = 0
    for path in corpus_files():
        body = path.read_bytes()
        strict = parse_strict("f", body)
        if strict is None:
            continue
        taken += 1
        assert strict == parse_tolerant("f", body), path
    assert taken > 700  # the fast path still takes the plain feeds among them


def test_the_strict_path_reads_dates_as_feedparser_does():
    import re
    from datetime import UTC

    from feedparser.datetimes import _parse_date

    from feeds.xml_feed import _common_date

    values = {
        "Thu, 23 Oct 2025 08:15:00 +0500",
        "Fri, 24 Oct 2025 10:00:00 GMT",
        "Sat, 25 Oct 2025 23:59:59 -1130",
        "2025-10-24T08:00:00+03:00",
        "2025-10-24T09:30:00Z",
        "2025-10-24T09:30:00.250-04:00",
        "Sun, 31 Feb 2025 10:00:00 GMT",  # no such day: left to feedparser
    }
    if PEER.exists():
        for path in corpus_files():
            text = path.read_text(errors="ignore")
            values |= {
                m.group(1).strip()
                for m in re.finditer(r"<(?:pubDate|published|updated|dc:date)>([^<]{5,60})</", text)
            }
    read_here = 0
    for value in values:
        moment = _common_date(value)
        if moment is None:
            continue  # left to feedparser's own parser
        read_here += 1
        theirs = _parse_date(value)
        assert theirs is not None, value
        assert tuple(moment.astimezone(UTC).timetuple())[:6] == tuple(theirs)[:6], value
    assert read_here >= 5
