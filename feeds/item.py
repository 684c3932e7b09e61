"""One feed entry as sitmon keeps it (kept apart from the parsers, so reading the store never
imports them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple


class Item(NamedTuple):
    """One entry of one feed, as plain, cleaned text (a NamedTuple: cheap to create, to
    pickle between processes, and to define at every dashboard launch)."""

    key: str
    guid: str
    feed: str
    title: str
    link: str
    published: datetime | None
    updated: datetime | None
    author: str
    text: str


def item_key(feed: str, guid: str) -> str:
    """A stable row key: the same entry of the same feed is always the same row."""
    from hashlib import sha1  # imported here: the dashboard's launch hashes nothing (1.4 ms)

    return sha1(f"{feed}\0{guid}".encode()).hexdigest()[:20]


def item_digest(item: Item) -> str:
    """Changes whenever what sitmon reads of the item changes."""
    from hashlib import sha1

    payload = "\0".join([item.title, item.link, item.text, iso_utc(item.updated) or ""])
    return sha1(payload.encode()).hexdigest()


def iso_utc(moment: datetime | None) -> str | None:
    """How the store writes a moment: UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None
