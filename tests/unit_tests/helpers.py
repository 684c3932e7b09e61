"""Builders for unit tests: a second, unrelated situation so no rule can lean on the first."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from feeds.config import Config, _Reader, parse_config
from feeds.reading import Article

CAUCASUS = {
    "situation": {
        "name": "Armenia–Azerbaijan talks",
        "keywords": ["Armenia", "Azerbaijan", "Baku", "Yerevan", "peace", "border"],
    },
    "talks": {
        "parties": ["Armenia", "Azerbaijan"],
        "venues": [{"name": "Abu Dhabi"}, {"name": "Washington"}],
        "mediators": [
            {"name": "United States", "aliases": ["US", "U.S."]},
            {"name": "UAE", "aliases": ["Emirates"]},
        ],
    },
    "crossings": [{"name": "Margara", "aliases": ["Margara checkpoint"]}, {"name": "Lachin"}],
    "people": [
        {
            "name": "Ararat Mirzoyan",
            "aliases": ["Mirzoyan"],
            "role": "Foreign Minister of Armenia",
            "titles": ["Armenian foreign minister"],
            "side": "Armenia",
        },
        {
            "name": "Hikmet Hajiyev",
            "aliases": ["Hajiyev"],
            "role": "Presidential aide",
            "side": "Azerbaijan",
        },
    ],
}


def caucasus() -> Config:
    return parse_config(CAUCASUS, _Reader(Path("caucasus.toml"), ""))


def art(
    text: str, published: date = date(2025, 11, 7), guid: str = "g1", title: str = ""
) -> Article:
    """An Article as the extractors see it (2025-11-07 is a Friday)."""
    return Article(
        key=guid,
        guid=guid,
        feed="Test Wire",
        link=f"https://wire.example/{guid}",
        title=title,
        text=text,
        published=published,
        reference=published,
    )


def when(day: int, month: int = 11) -> datetime:
    return datetime(2025, month, day, 10, 0, tzinfo=UTC)
