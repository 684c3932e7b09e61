"""Feed lists in OPML: read the shapes real readers write, write OPML 2.0, and merge into a
config without losing its comments or order (tomlkit round-trips TOML)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

import lxml.etree
import tomlkit

from feeds.clean import clean_line
from feeds.config import Config


class OpmlError(Exception):
    """An OPML file that cannot be read; the message says why."""


@dataclass(frozen=True)
class Subscription:
    name: str
    url: str


def read_opml(path: Path) -> list[Subscription]:
    """Every outline with a feed URL, at any depth (folders are flattened)."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = lxml.etree.parse(str(path), parser).getroot()
    except (OSError, lxml.etree.XMLSyntaxError) as error:
        raise OpmlError(f"{path}: cannot read OPML: {error}") from None
    if root is None:
        raise OpmlError(f"{path}: empty or not XML")
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or outline.get("url") or "").strip()
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        name = clean_line(
            outline.get("title") or outline.get("text") or urlsplit(url).hostname or url
        )
        found.append(Subscription(name, url))
    return found


def merge_into_config(config_path: Path, subscriptions: list[Subscription]) -> tuple[int, int]:
    """Appends feeds whose URL the config lacks; returns (added, already present)."""
    document = tomlkit.parse(config_path.read_text(encoding="utf-8"))
    feeds = document.get("feeds")
    if feeds is None:
        feeds = tomlkit.aot()
        document.append("feeds", feeds)
    urls = {str(f.get("url", "")).rstrip("/") for f in feeds}
    names = {str(f.get("name", "")).casefold() for f in feeds}
    added = 0
    for sub in subscriptions:
        if sub.url.rstrip("/") in urls:
            continue
        name = _unique(sub.name, names)
        table = tomlkit.table()
        table["name"] = name
        table["url"] = sub.url
        feeds.append(table)
        urls.add(sub.url.rstrip("/"))
        names.add(name.casefold())
        added += 1
    config_path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return added, len(subscriptions) - added


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


def write_opml(config: Config) -> str:
    """OPML 2.0 of the config's web feeds (local files have no address to share)."""
    now = format_datetime(datetime.now(UTC))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_text(config.situation.name)}</title><dateCreated>{now}</dateCreated></head>",
        "  <body>",
    ]
    for feed in config.feeds:
        if feed.url:
            lines.append(
                f'    <outline type="rss" text={quoteattr(feed.name)} title={quoteattr(feed.name)} '
                f"xmlUrl={quoteattr(feed.url)}/>"
            )
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
