"""What one item says — its statements, border observations and talk mentions — read once per
version of the item and of the config, and kept as JSON so a refresh only reads what is new."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from feeds.borders import Observation, discovered_in, item_crossings, observations
from feeds.config import Config
from feeds.people import People
from feeds.reading import Article, article
from feeds.sentence_refs import SentenceRef
from feeds.statements import Statement, statements_in
from feeds.talks import Mention, TalksReader


@dataclass(slots=True)
class ItemFacts:
    """Tuples, not lists: a derive holds one of these per related item, and most of its
    parts are empty (an empty tuple costs nothing, an empty list 56 bytes)."""

    statements: tuple[Statement, ...]
    observations: tuple[Observation, ...]
    mentions: tuple[Mention, ...]
    discovered: tuple[str, ...]


class ItemReader:
    """Reads items for one config."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.people = People(config)
        self.talks = TalksReader(config)

    def read(self, art: Article) -> ItemFacts:
        discovered = discovered_in(art, self.config)
        return ItemFacts(
            statements=tuple(statements_in(art, self.people)),
            observations=tuple(observations(art, item_crossings(self.config, discovered))),
            mentions=tuple(self.talks.mentions(art)),
            discovered=tuple(discovered),
        )


def reading_of(reader: ItemReader, zone: str, row: Mapping[str, str | None]) -> str:
    """What an item (as a stored row) says, encoded as the item facts cache keeps it. An item
    the readers fail on says nothing (it is still stored and found by search): one odd item
    must never stop a refresh, and being read again each time, it would stop every one."""
    try:
        return encode(reader.read(article(row, zone)))
    except Exception:
        return encode(ItemFacts((), (), (), ()))


def read_rows(reader: ItemReader, zone: str, rows: list[dict]) -> list[tuple[str, str, str]]:
    """(key, digest, encoded item facts) for stored item rows: the readings a derive keeps."""
    return [(row["key"], row["digest"], reading_of(reader, zone, row)) for row in rows]


def encode(facts: ItemFacts) -> str:
    return json.dumps(
        {
            "s": [_statement(s) for s in facts.statements],
            "o": [_observation(o) for o in facts.observations],
            "m": [_mention(m) for m in facts.mentions],
            "d": list(facts.discovered),
        },
        ensure_ascii=False,
    )


def decode(
    text: str, art: Article, shared: dict[Any, Any] | None = None, *, lazy: bool = False
) -> ItemFacts:
    """The reading back from its JSON. `shared` (one dict for a whole derive) makes equal
    strings and dates one object: thousands of readings repeat the same names, statuses and,
    for a story carried by several feeds, the same sentences. `lazy` leaves each evidence
    sentence in the store, its number in the item in its place (feeds/sentence_refs.py)."""
    doc = json.loads(text)
    share = _Share(shared if shared is not None else {}, doc if lazy else None)
    return ItemFacts(
        statements=tuple(_to_statement(d, art, share) for d in doc["s"]),
        observations=tuple(_to_observation(d, art, share) for d in doc["o"]),
        mentions=tuple(_to_mention(d, art, share) for d in doc["m"]),
        discovered=share.tuple_of(doc["d"]),
    )


def resolve_sentences(
    facts: Any, readings: Callable[[list[str]], Iterable[tuple[str, str]]]
) -> Any:
    """The facts with every SentenceRef replaced, in place, by its sentence, read back from the
    readings of the items they came from (`readings`: (item key, reading JSON) for the keys
    asked)."""
    refs: set[SentenceRef] = set()
    _collect(facts, refs)
    if not refs:
        return facts
    texts: dict[SentenceRef, str] = {}
    for key, reading in readings(sorted({ref.key for ref in refs})):
        for sentence, number in _numbered(json.loads(reading)).items():
            ref = SentenceRef(key, number)
            if ref in refs:
                texts[ref] = sentence
    return _replace(facts, texts)


def _collect(value: Any, refs: set[SentenceRef]) -> None:
    if isinstance(value, SentenceRef):
        refs.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, refs)
    elif isinstance(value, list):
        for item in value:
            _collect(item, refs)


def _replace(value: Any, texts: dict[SentenceRef, str]) -> Any:
    """In place (the facts are the derive's own, just made): a copy would double their size."""
    if isinstance(value, SentenceRef):
        return texts.get(value, "")
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _replace(item, texts)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _replace(item, texts)
    return value


class _Share:
    """Equal strings, and equal tuples of strings and numbers, as one object for a whole
    derive (`shared`); for a lazy decode (of the reading `doc`), each evidence sentence as its
    number (_numbered). Only what the made facts keep is shared: a hook on every value of
    every entry of the JSON was the derive's largest cost (2 of 5 s at 50,000 related items)."""

    def __init__(self, shared: dict[Any, Any], doc: dict[str, Any] | None = None) -> None:
        self.one = shared.setdefault
        self.numbers = _numbered(doc) if doc is not None else None

    def text(self, value: str | None) -> str | None:
        return self.one(value, value)

    def tuple_of(self, values: list[Any]) -> tuple[Any, ...]:
        one = self.one
        joined = tuple(one(v, v) if type(v) is str else v for v in values)
        return one(joined, joined)

    def sentence(self, value: str) -> str | int:
        return self.numbers[value] if self.numbers is not None else self.one(value, value)


def _numbered(doc: dict[str, Any]) -> dict[str, int]:
    """Each distinct evidence sentence of a reading, numbered in the order of its entries
    (statements, then observations, then mentions): what a lazy decode puts in its place, and
    how resolve_sentences finds it again."""
    numbers: dict[str, int] = {}
    for kind in ("s", "o", "m"):
        for entry in doc[kind]:
            numbers.setdefault(entry["sentence"], len(numbers))
    return numbers


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return _parse_day(value) if value else None


@lru_cache(maxsize=4096)
def _parse_day(value: str) -> date:
    return date.fromisoformat(value)  # one object per day, however many readings name it


def _statement(s: Statement) -> dict[str, Any]:
    return {
        "speaker": s.speaker,
        "role": s.role,
        "quote": s.quote,
        "date": _day(s.date),
        "sentence": s.sentence,
        "partial": s.partial,
        "known": s.known_speaker,
        "pieces": list(s.pieces),
    }


def _to_statement(d: dict[str, Any], art: Article, share: _Share) -> Statement:
    return Statement(
        share.text(d["speaker"]),
        share.text(d["role"]),
        share.text(d["quote"]),
        _date(d["date"]) or art.published,
        art,
        share.sentence(d["sentence"]),
        d["partial"],
        d["known"],
        share.tuple_of(d["pieces"]),
    )


def _observation(o: Observation) -> dict[str, Any]:
    vague = {"vague": True} if o.vague else {}
    return vague | {
        "crossing": o.crossing,
        "status": o.status,
        "change": o.change,
        "restricted": o.restricted,
        "when": _day(o.when),
        "order": list(o.order),
        "specificity": o.specificity,
        "sentence": o.sentence,
        "exclude": list(o.exclude),
    }


def _to_observation(d: dict[str, Any], art: Article, share: _Share) -> Observation:
    return Observation(
        share.text(d["crossing"]),
        share.text(d["status"]),
        d["change"],
        d["restricted"],
        _date(d["when"]),
        share.tuple_of(d["order"]),
        d["specificity"],
        art,
        share.sentence(d["sentence"]),
        share.tuple_of(d["exclude"]),
        d.get("vague", False),
    )


def _mention(m: Mention) -> dict[str, Any]:
    moved = {"moved_from": _day(m.moved_from)} if m.moved_from else {}
    return moved | {
        "venue": m.venue,
        "start": _day(m.start),
        "end": _day(m.end),
        "point": _day(m.point),
        "scheduled": m.scheduled,
        "status": m.status,
        "status_date": _day(m.status_date),
        "mediators": sorted(m.mediators),
        "sentence": m.sentence,
    }


def _to_mention(d: dict[str, Any], art: Article, share: _Share) -> Mention:
    return Mention(
        share.text(d["venue"]),
        _date(d["start"]),
        _date(d["end"]),
        _date(d["point"]),
        d["scheduled"],
        share.text(d["status"]),
        _date(d["status_date"]),
        _mediators(tuple(d["mediators"])),
        art,
        share.sentence(d["sentence"]),
        _date(d.get("moved_from")),
    )


@lru_cache(maxsize=1024)
def _mediators(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)  # one object per set of names (a set costs 200 bytes, even empty)
