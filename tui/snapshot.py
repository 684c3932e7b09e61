"""What the dashboard shows, read from the store in one go (in a worker thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from feeds.config import Config
from feeds.store import HEAD_ENTRIES, Store

NEWS_ROWS = 50  # the first page, at least; older pages load as the cursor nears the end
STATEMENT_ROWS = 300


class Snapshot(NamedTuple):
    """An immutable view of the store; panels render it, handlers swap it whole."""

    talks: tuple[dict[str, Any], ...] = ()
    borders: tuple[dict[str, Any], ...] = ()
    statements: tuple[dict[str, Any], ...] = ()
    items: tuple[dict[str, Any], ...] = ()
    feeds: tuple[dict[str, Any], ...] = ()
    last_refresh: str | None = None
    last_visit: str | None = None
    related_total: int = 0
    feed_names: tuple[str, ...] = ()

    @property
    def failing(self) -> list[dict[str, Any]]:
        return [f for f in self.feeds if f["name"] in self.feed_names and f.get("failures")]


def load_snapshot(db: Path, config: Config, news_rows: int = NEWS_ROWS) -> Snapshot:
    """Reads everything the panels need; cheap even at 100,000 items (news is paged:
    `news_rows` is as far as the reader has scrolled, so a reload keeps every row shown)."""
    store = Store(db)
    try:
        return Snapshot(
            # The compact copies: evidence lists are cut short, and detail screens read the
            # whole fact from the store when opened.
            talks=tuple(store.facts_head("talks", HEAD_ENTRIES)),
            borders=tuple(store.facts_head("borders", HEAD_ENTRIES)),
            statements=tuple(store.facts_head("statements", STATEMENT_ROWS)),
            items=tuple(store.related_items(limit=max(news_rows, NEWS_ROWS), one_per_story=True)),
            feeds=tuple(store.feeds()),
            last_refresh=store.get_meta("last_refresh"),
            last_visit=store.get_meta("last_visit"),
            related_total=store.count_items(related_only=True),
            feed_names=tuple(f.name for f in config.feeds),
        )
    finally:
        store.close()
