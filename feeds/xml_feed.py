"""The fast path for plain RSS 2.0 and Atom 1.0: one strict lxml pass, no DTD, no entities.

feedparser is the tolerant path and parses a few MB a second; most feeds are well-formed UTF-8
and need none of its repairs. This reader handles that common shape and answers None for
anything it does not fully understand (a DOCTYPE, xml:base, another encoding, broken XML, an
element feedparser might read into a field), so parse.py hands that body to feedparser. It
returns the raw values feedparser would return, and parse.py turns both into Items the same
way; a test compares the two paths over the peer corpus.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape

import lxml.etree as etree

_ATOM = "{http://www.w3.org/2005/Atom}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_MEDIA = "{http://search.yahoo.com/mrss/}"
# C1 controls in UTF-8: cp1252 text mislabelled, which feedparser maps back to characters.
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)

# The RSS item children whose meaning this reader knows. feedparser maps many other elements
# onto the fields sitmon uses, so an item with any other child goes to feedparser.
_RSS_ITEM = frozenset(
    "title link guid pubDate description author category comments enclosure source".split()
    + [f"{_DC}creator", f"{_DC}date", f"{_CONTENT}encoded"]
)
_RSS_CHANNEL = frozenset(
    (
        "title link description language copyright managingEditor webMaster pubDate "
        "lastBuildDate category generator docs cloud ttl image rating textInput skipHours "
        "skipDays item"
    ).split()
    + [f"{_ATOM}link"]
)
_RSS_SINGLE = frozenset(
    "title link guid pubDate description author".split()
    + [f"{_DC}date", f"{_CONTENT}encoded", f"{_DC}creator"]
)
_ATOM_ENTRY = frozenset(
    _ATOM + name
    for name in "id title link published updated author summary content category rights".split()
)
_ATOM_FEED = frozenset(
    _ATOM + name
    for name in (
        "id title link updated author category contributor generator icon logo rights subtitle "
        "entry"
    ).split()
)
_ATOM_REPEATABLE = frozenset((f"{_ATOM}link", f"{_ATOM}category", f"{_ATOM}entry"))
# Elements whose value is markup or nested elements.
_NESTED = frozenset(
    [_ATOM + n for n in "entry author contributor content title summary rights subtitle".split()]
    + "item image textInput skipHours skipDays cloud".split()
)
# Namespaces feedparser never reads into a title, link, date, author or body.
_HARMLESS = (
    "{http://wellformedweb.org/CommentAPI/}",
    "{http://purl.org/rss/1.0/modules/slash/}",
    "{http://purl.org/rss/1.0/modules/syndication/}",
)
# Media RSS: thumbnails and content links are harmless; its title and description are not
# (feedparser uses them when the item has none of its own).
_MEDIA_TEXT = frozenset(_MEDIA + name for name in ("title", "description", "text"))


@dataclass(frozen=True)
class RawEntry:
    """An entry's fields as strings, before cleaning (the values feedparser would give)."""

    guid: str
    title: str
    link: str
    published: time.struct_time | None
    updated: time.struct_time | None
    author: str
    body: str  # the fullest of content and summary, as HTML or text
    fallback_guid: str = ""  # an identity when there is neither guid nor link


@dataclass(frozen=True)
class RawFeed:
    title: str
    entries: tuple[RawEntry, ...]


_HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))


class _Unsure(Exception):
    """Something this reader does not fully understand: feedparser should read this feed."""


def read_strict(body: bytes, headers: Mapping[str, str] | None = None) -> RawFeed | None:
    """The feed's entries, or None when the body needs feedparser's tolerance."""
    if b"xml:base" in body or b"<!DOCTYPE" in body[:4096].upper() or _C1.search(body):
        return None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.getroottree().docinfo.doctype:
        return None  # a DOCTYPE anywhere in the prolog: entities are feedparser's business
    if _normal(_encoding(root)) != "utf-8" or _charset_conflict(root, headers):
        return None  # feedparser's encoding repairs (cp1252 posing as latin-1...) are needed
    try:
        if root.tag == "rss" and not root.nsmap.get(None):
            return _rss(root)
        if root.tag == f"{_ATOM}feed":
            return _atom(root)
    except _Unsure:
        return None
    return None


def _encoding(root: etree._Element) -> str:
    return root.getroottree().docinfo.encoding or "utf-8"


def _charset_conflict(root: etree._Element, headers: Mapping[str, str] | None) -> bool:
    content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    declared = _CHARSET.search(content_type)
    return bool(declared) and _normal(declared.group(1)) != _normal(_encoding(root))


def _normal(encoding: str) -> str:
    return encoding.lower().replace("_", "-")


def _children(parent: etree._Element, known: frozenset[str], single: frozenset[str]) -> dict:
    """The parent's element children by tag (the first of each); _Unsure for anything
    feedparser might read differently: an unknown element, a repeated single value, or
    markup nested where a plain value belongs."""
    found: dict[str, etree._Element] = {}
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment or processing instruction between elements
        if tag in known:
            if len(child) and tag not in _NESTED:
                raise _Unsure
        elif not tag.startswith((*_HARMLESS, _MEDIA)) or tag in _MEDIA_TEXT or len(child):
            raise _Unsure
        if tag in found and tag in single:
            raise _Unsure  # which of two values wins is feedparser's call
        found.setdefault(tag, child)
    return found


def _rss(root: etree._Element) -> RawFeed:
    channel = root.find("channel")
    if channel is None or root.find("item") is not None:
        raise _Unsure  # items outside a channel: an older layout
    _children(channel, _RSS_CHANNEL, frozenset({"title"}))
    entries = tuple(_rss_item(item) for item in channel.iterfind("item"))
    return RawFeed(_text(channel.find("title")), entries)


def _rss_item(item: etree._Element) -> RawEntry:
    fields = _children(item, _RSS_ITEM, _RSS_SINGLE)
    guid_node = fields.get("guid")
    guid = _text(guid_node)
    link_node = fields.get("link")
    if link_node is not None and len(link_node.attrib):
        raise _Unsure  # a link with attributes: feedparser may read it as something else
    link = _text(link_node)
    if not link and guid and guid_node.get("isPermaLink", "true").lower() != "false":
        raise _Unsure  # feedparser decides when a guid doubles as the link
    return RawEntry(
        guid=guid,
        title=_text(fields.get("title")),
        link=link,
        published=_date(fields.get("pubDate")),
        updated=_date(fields.get(f"{_DC}date")),
        author=_text(fields.get("author")) or _text(fields.get(f"{_DC}creator")),
        body=_fullest(_text(fields.get(f"{_CONTENT}encoded")), _text(fields.get("description"))),
    )


def _atom(root: etree._Element) -> RawFeed:
    fields = _children(root, _ATOM_FEED, _ATOM_FEED - _ATOM_REPEATABLE)
    entries = tuple(_atom_entry(entry) for entry in root.iterfind(f"{_ATOM}entry"))
    return RawFeed(_atom_text(fields.get(f"{_ATOM}title")), entries)


def _atom_entry(entry: etree._Element) -> RawEntry:
    fields = _children(entry, _ATOM_ENTRY, _ATOM_ENTRY - _ATOM_REPEATABLE)
    link = _atom_link(entry)
    return RawEntry(
        guid=_text(fields.get(f"{_ATOM}id")),
        title=_atom_text(fields.get(f"{_ATOM}title")),
        link=link,
        published=_date(fields.get(f"{_ATOM}published")),
        updated=_date(fields.get(f"{_ATOM}updated")),
        author=_atom_author(fields.get(f"{_ATOM}author")),
        body=_fullest(
            _atom_text(fields.get(f"{_ATOM}content")), _atom_text(fields.get(f"{_ATOM}summary"))
        ),
    )


def _atom_link(entry: etree._Element) -> str:
    """The entry's one alternate HTML link; several, or another type, are feedparser's call."""
    alternates = []
    for link in entry.iterfind(f"{_ATOM}link"):
        if link.get("href") is None or link.text:
            raise _Unsure  # a link spelled as text: feedparser's guesswork
        if link.get("rel", "alternate") == "alternate":
            alternates.append(link)
    if len(alternates) != 1 or alternates[0].get("type", "text/html") not in _HTML_TYPES:
        raise _Unsure
    return alternates[0].get("href", "").strip()


def _atom_author(author: etree._Element | None) -> str:
    if author is None:
        return ""
    parts = _children(
        author, frozenset({f"{_ATOM}name", f"{_ATOM}email", f"{_ATOM}uri"}), _ATOM_FEED
    )
    name, email = _text(parts.get(f"{_ATOM}name")), _text(parts.get(f"{_ATOM}email"))
    return f"{name} ({email})" if name and email else name or email


def _atom_text(node: etree._Element | None) -> str:
    """An Atom text construct: text and html carry the value as text, xhtml as a div's markup."""
    if node is None:
        return ""
    kind = node.get("type", "text")
    if kind in ("text", "html", "text/plain", "text/html"):
        return _text(node)
    if kind == "xhtml":
        div = node.find(f"{_XHTML}div")
        if div is None or len(node) != 1 or (node.text or "").strip():
            raise _Unsure
        inner = escape(div.text or "", quote=False) + "".join(
            etree.tostring(child, encoding="unicode") for child in div
        )
        return inner.strip()
    raise _Unsure  # base64 or another media type


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    if len(node):
        raise _Unsure  # child elements (or a comment) where plain text was expected
    return (node.text or "").strip()


def _date(node: etree._Element | None) -> time.struct_time | None:
    """The date as feedparser reads it (UTC). The two common spellings, RFC 822 with a numeric
    zone and ISO 8601 with one, are read here; anything else by feedparser's own parser, which
    is imported only then (it weighs a dozen megabytes in every process)."""
    text = _text(node)
    if not text:
        return None
    moment = _common_date(text)
    if moment is not None:
        return moment.astimezone(UTC).timetuple()
    from feedparser.datetimes import _parse_date

    return _parse_date(text)


def _common_date(text: str) -> datetime | None:
    if _RFC822_NUMERIC.fullmatch(text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if _ISO_ZONED.fullmatch(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


# "Thu, 23 Oct 2025 08:15:00 +0500" (or GMT): day name, 4-digit year, seconds, a zone.
_RFC822_NUMERIC = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d (?:[+-]\d{4}|GMT|UT|UTC)"
)
# "2025-10-24T08:00:00+03:00" / "...Z": date, time with seconds, a zone.
_ISO_ZONED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")


def _fullest(*values: str) -> str:
    return max(values, key=len)
