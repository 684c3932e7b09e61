"""Rounds of talks between the parties (placeholder until the talks extractor lands)."""

from __future__ import annotations

from feeds.config import Config
from feeds.reading import Article


def talks_schedule(config: Config, articles: list[Article]) -> list[dict]:
    return []
