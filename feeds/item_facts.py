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
            observations=tuple(observations(art, item_crossings(self.config, art, discovered))),
            mentions=tuple(self.talks.mentions(art)),
            discovered=tuple(discovered),
        )


def reading_of(reader: ItemReader, zone: str, row: Mapping[str, str | None]) -> str:
    """What an item (as a stored row) says, encoded as the item facts cache keeps it."""
    return encode(reader.read(article(row, zone)))


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
    hook = _Sharing(shared if shared is not None else {}, art.key if lazy else None)
    doc = json.loads(text, object_hook=hook)
    return ItemFacts(
        statements=tuple(_to_statement(d, art) for d in doc["s"]),
        observations=tuple(_to_observation(d, art) for d in doc["o"]),
        mentions=tuple(_to_mention(d, art) for d in doc["m"]),
        discovered=tuple(doc["d"]),
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
        numbering = _Sharing({}, key)  # numbers the sentences as the lazy decode did
        json.loads(reading, object_hook=numbering)
        for sentence, number in numbering.numbers.items():
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


class _Sharing:
    """A json object_hook that replaces each string value, and each list of plain strings and
    numbers (as a tuple), by the first equal one seen; for a lazy decode (of the item `key`),
    each sentence by its number among the item's distinct sentences, in the order met."""

    def __init__(self, shared: dict[Any, Any], key: str | None = None) -> None:
        self.shared = shared
        self.key = key
        self.numbers: dict[str, int] = {}

    def __call__(self, obj: dict[str, Any]) -> dict[str, Any]:
        shared = self.shared
        if self.key is not None and type(obj.get("sentence")) is str:
            numbers = self.numbers
            obj["sentence"] = numbers.setdefault(obj["sentence"], len(numbers))
        for key, value in obj.items():
            if type(value) is str:
                obj[key] = shared.setdefault(value, value)
            elif type(value) is list:
                values = tuple(shared.setdefault(v, v) if type(v) is str else v for v in value)
                plain = all(type(v) is str or type(v) is int for v in values)
                obj[key] = shared.setdefault(values, values) if plain else list(values)
        return obj


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


def _to_statement(d: dict[str, Any], art: Article) -> Statement:
    return Statement(
        d["speaker"],
        d["role"],
        d["quote"],
        _date(d["date"]) or art.published,
        art,
        d["sentence"],
        d["partial"],
        d["known"],
        tuple(d["pieces"]),
    )


def _observation(o: Observation) -> dict[str, Any]:
    return {
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


def _to_observation(d: dict[str, Any], art: Article) -> Observation:
    return Observation(
        d["crossing"],
        d["status"],
        d["change"],
        d["restricted"],
        _date(d["when"]),
        tuple(d["order"]),
        d["specificity"],
        art,
        d["sentence"],
        tuple(d["exclude"]),
    )


def _mention(m: Mention) -> dict[str, Any]:
    return {
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


def _to_mention(d: dict[str, Any], art: Article) -> Mention:
    return Mention(
        d["venue"],
        _date(d["start"]),
        _date(d["end"]),
        _date(d["point"]),
        d["scheduled"],
        d["status"],
        _date(d["status_date"]),
        _mediators(tuple(d["mediators"])),
        art,
        d["sentence"],
    )


@lru_cache(maxsize=1024)
def _mediators(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)  # one object per set of names (a set costs 200 bytes, even empty)
