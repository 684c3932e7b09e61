"""Feed bytes to frozen Items with feedparser; nothing feedparser-shaped leaves this module."""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from feeds.clean import clean_line
from feeds.html_text import html_to_line, html_to_text
from feeds.item import Item, item_key
from feeds.xml_feed import RawEntry, RawFeed, read_strict

MAX_TITLE = 2000  # a title longer than this is an attack or an accident, not a headline


@dataclass(frozen=True)
class ParsedFeed:
    """What a feed's bytes turned into: items, or the reason there are none."""

    items: tuple[Item, ...]
    title: str = ""
    error: str = ""


def parse_feed(feed: str, body: bytes, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parses a feed body; any failure becomes ParsedFeed.error, never an exception.
    Well-formed plain RSS and Atom take the fast strict path; the rest goes to feedparser."""
    if not body.strip():
        return ParsedFeed((), error="empty response (no feed in it)")
    strict = parse_strict(feed, body, headers)
    return strict if strict is not None else parse_tolerant(feed, body, headers)


def parse_strict(
    feed: str, body: bytes, headers: Mapping[str, str] | None = None
) -> ParsedFeed | None:
    """The fast path's reading, or None when the body needs feedparser."""
    base = (headers or {}).get("content-location", "")
    strict = read_strict(body, headers)
    if strict is None or not all(e.guid or _safe_link(e.link, base) for e in strict.entries):
        return None  # an entry with no identity of its own: feedparser's fields make one
    return _from_raw(feed, strict, base)


def parse_tolerant(feed: str, body: bytes, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """feedparser's reading of the body: slow, but it repairs what the strict path rejects."""
    if not body.strip():
        return ParsedFeed((), error="empty response (no feed in it)")
    base = (headers or {}).get("content-location", "")
    feedparser = _feedparser()
    try:
        # Only the content type goes to feedparser: given the address too, it would rewrite
        # plain guids ("nc-101") into URLs of wherever the feed happened to be served from.
        kept = {k: v for k, v in (headers or {}).items() if k.lower() == "content-type"}
        parsed = feedparser.parse(body, response_headers=kept)
    except Exception as error:  # feedparser raises odd things on hostile input
        return ParsedFeed((), error=f"unreadable feed ({type(error).__name__})")
    if not parsed.get("version") and not parsed.entries:
        return ParsedFeed((), error=_not_a_feed_reason(parsed, body))
    entries = []
    for entry in parsed.entries:
        try:
            entries.append(_raw(entry))
        except Exception:  # one broken entry must not lose the rest
            continue
    return _from_raw(feed, RawFeed(parsed.feed.get("title", ""), tuple(entries)), base)


def _feedparser():
    """feedparser, imported on first use: most feeds never need it, and it weighs a dozen
    megabytes in every process. It must never fetch anything itself, and its HTML sanitizer is
    off: every body, from either path, becomes plain text through html_to_text alone, which
    drops scripts, styles and markup. One sanitizer means both paths give the same text, and
    the hostile-input tests cover the one that runs."""
    import feedparser

    feedparser.RESOLVE_RELATIVE_URIS = False
    feedparser.SANITIZE_HTML = False
    return feedparser


def _from_raw(feed: str, raw: RawFeed, base: str) -> ParsedFeed:
    items = []
    for entry in raw.entries:
        try:
            items.append(_item(feed, entry, base))
        except Exception:  # one broken entry must not lose the rest
            continue
    return ParsedFeed(tuple(items), title=html_to_line(raw.title))


def _raw(entry: Any) -> RawEntry:
    """feedparser's entry as the same raw fields the strict path reads."""
    return RawEntry(
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed.
        guid=entry.get("id", ""),
        title=entry.get("title", ""),
        link=entry.get("link", ""),
        published=dict.get(entry, "published_parsed") or dict.get(entry, "created_parsed"),
        updated=dict.get(entry, "updated_parsed"),
        author=entry.get("author", ""),
        body=_body_html(entry),
        fallback_guid="" if entry.get("id") else _fallback_guid(entry),
    )


def _not_a_feed_reason(parsed: Any, body: bytes) -> str:
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "not a feed: the server sent an HTML page"
    problem = parsed.get("bozo_exception")
    detail = f" ({clean_line(str(problem))[:120]})" if problem else ""
    return f"not a feed: no RSS or Atom found{detail}"


def _item(feed: str, entry: RawEntry, base: str) -> Item:
    link = _safe_link(entry.link, base)
    title = html_to_line(entry.title)
    published = _when(entry.published)
    updated = _when(entry.updated)
    guid = clean_line(entry.guid) or link or entry.fallback_guid
    return Item(
        key=item_key(feed, guid),
        guid=guid,
        feed=feed,
        title=(title or "(untitled)")[:MAX_TITLE],
        link=link,
        published=published or updated,
        updated=updated,
        author=html_to_line(entry.author),
        text=html_to_text(entry.body),
    )


def _body_html(entry: Any) -> str:
    """The fullest body the entry has: content over summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    summary = entry.get("summary", "") or ""
    return max([*contents, summary], key=len)


def _safe_link(link: str, base: str) -> str:
    """An absolute http(s) link, or nothing: no javascript:, file: or data: ever gets stored."""
    link = clean_line(link)
    if not link:
        return ""
    absolute = urljoin(base, link) if base else link
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _when(parsed: Any) -> datetime | None:
    """feedparser's UTC struct_time to an aware datetime; absurd values become None."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _fallback_guid(entry: Any) -> str:
    """An identity for an entry with neither id nor link, from what feedparser read of it."""
    title = html_to_line(entry.get("title", ""))
    seed = f"{title}\0{entry.get('published', '')}\0{entry.get('summary', '')[:200]}"
    return "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()
