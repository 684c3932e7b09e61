"""From related items to facts with evidence: talks, border status, statements."""

from __future__ import annotations

from typing import Any

from feeds.config import Config


def extract(items: list[dict[str, Any]], config: Config) -> dict[str, list[dict[str, Any]]]:
    """All facts the related items support, each with the item and sentence behind it."""
    return {"talks": [], "borders": [], "statements": []}
