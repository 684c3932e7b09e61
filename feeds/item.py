"""One feed entry as sitmon keeps it (kept apart from the parsers, so reading the store never
imports them)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Item:
    """One entry of one feed, as plain, cleaned text."""

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
    return hashlib.sha1(f"{feed}\0{guid}".encode()).hexdigest()[:20]
