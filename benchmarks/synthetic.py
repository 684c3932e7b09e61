"""A deterministic synthetic news stream for benchmarks (sentences written for sitmon)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from feeds.parse import Item, item_key

_CROSSINGS = ["Torkham", "Chaman", "Angoor Adda", "Ghulam Khan", "Kharlachi"]
_PEOPLE = [
    ("Tahir Andrabi", "spokesperson"),
    ("Khawaja Asif", "Defence Minister"),
    ("Zabihullah Mujahid", "Taliban spokesman"),
    ("Bilal Rao", "Deputy Commissioner"),
]
_RELATED = [
    "Pakistan kept the {crossing} crossing with Afghanistan closed on {weekday}, officials said.",
    "The {crossing} crossing partly reopened on {weekday}, but only for Afghan families returning home.",
    "Trucks waited at {crossing} for a {nth} day as trade between Pakistan and Afghanistan stayed frozen.",
    "“We will not accept promises without guarantees,” {person} told reporters on {weekday}.",
    "{role} {person} said the talks in Istanbul would resume on Nov {day}.",
    "Pakistan and Afghanistan agreed to meet again in Doha on Oct {day}, mediators said.",
    "“The border remains closed for trade,” said {person}, adding that security came first.",
]
_OTHER = [
    "The central bank left its policy rate unchanged on {weekday}.",
    "Heavy rain is expected across the plains over the coming days.",
    "The national team won the second match of the series by four wickets.",
    "A new metro line opened in the city, cutting journey times by half.",
]
# Filler so items differ as real ones do (shared boilerplate, different substance).
_VOCABULARY = (
    "officials traders convoy province district market prices wheat fuel delegation envoy mediators "
    "statement ministry security forces villagers refugees families trucks drivers customs checkpoint "
    "agreement proposal guarantee monitoring mechanism withdrawal clashes shelling casualties hospital "
    "aid shipment warehouse schedule negotiation framework deadline deputy council governor"
).split()
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NTH = ["third", "fifth", "seventh", "tenth", "twelfth"]


def synthetic_items(
    count: int, feeds: int = 20, related_share: float = 0.5, seed: int = 7
) -> list[Item]:
    """`count` items spread over `feeds` feeds and 60 days, about half of them related."""
    rng = random.Random(seed)
    start = datetime(2025, 9, 1, tzinfo=UTC)
    items = []
    for n in range(count):
        related = rng.random() < related_share
        templates = _RELATED if related else _OTHER
        person, role = rng.choice(_PEOPLE)
        fill = dict(
            crossing=rng.choice(_CROSSINGS),
            weekday=rng.choice(_WEEKDAYS),
            nth=rng.choice(_NTH),
            person=person,
            role=role,
            day=rng.randint(1, 28),
        )
        paragraphs = [
            rng.choice(templates).format(**fill)
            + " "
            + " ".join(rng.choices(_VOCABULARY, k=rng.randint(12, 30)))
            + "."
            for _ in range(rng.randint(3, 7))
        ]
        title = ("Pakistan–Afghanistan: " if related else "City: ") + paragraphs[0][:60]
        feed = f"feed-{n % feeds}"
        guid = f"syn-{seed}-{n}"
        when = start + timedelta(minutes=n * 60 * 24 * 60 // max(count, 1))
        items.append(
            Item(
                item_key(feed, guid),
                guid,
                feed,
                title,
                f"https://news.example/{guid}",
                when,
                when,
                "Desk",
                "\n\n".join(paragraphs),
            )
        )
    return items
