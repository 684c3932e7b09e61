"""The situation config: strict TOML into immutable records, with errors that say where.

The records are NamedTuples, not frozen dataclasses: the dashboard builds them on every
launch, and a frozen dataclass class costs ~0.6 ms to create (a NamedTuple ~0.1 ms)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.units import describe_duration, parse_duration, parse_size


class ConfigError(Exception):
    """A config that cannot be used; the message names the file, the place and the fix."""


class Situation(NamedTuple):
    name: str
    keywords: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    timezone: str = "UTC"


class FetchSettings(NamedTuple):
    interval: float = 600.0
    timeout: float = 20.0
    concurrency: int = 8
    max_bytes: int = 10_000_000


class Feed(NamedTuple):
    name: str
    url: str | None = None
    path: Path | None = None

    @property
    def location(self) -> str:
        """Where the feed comes from, for messages."""
        return self.url or str(self.path)


class Named(NamedTuple):
    """Anything the text may call by several names: a venue, a mediator, a crossing."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Person(NamedTuple):
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    titles: tuple[str, ...] = ()
    side: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Talks(NamedTuple):
    parties: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    venues: tuple[Named, ...] = ()
    mediators: tuple[Named, ...] = ()
    # Other names the news uses for a party ("Kabul", "the Taliban government"), by party.
    party_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def aliases_of(self, party: str) -> tuple[str, ...]:
        return next((names for name, names in self.party_aliases if name == party), ())


class Alerts(NamedTuple):
    """A command run when a fact changes: argv (never a shell), its time limit, a per-fact
    cooldown, and words that raise an alert when a new related item's title contains them."""

    command: tuple[str, ...] = ()
    timeout: float = 10.0
    cooldown: float = 1800.0
    keywords: tuple[str, ...] = ()


class Config(NamedTuple):
    situation: Situation
    fetch: FetchSettings = FetchSettings()
    feeds: tuple[Feed, ...] = ()
    talks: Talks = Talks()
    crossings: tuple[Named, ...] = ()
    people: tuple[Person, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()
    bell: bool = False
    alerts: Alerts = Alerts()
    source: Path | None = None


def as_plain(value: Any) -> Any:
    """A record as plain dicts and lists, all the way down (for fingerprints and JSON)."""
    if hasattr(value, "_asdict"):
        return {key: as_plain(part) for key, part in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [as_plain(part) for part in value]
    return value


# Bounds that catch typos ("1s" interval hammering servers, "10GB" caps) without getting in the way.
_LIMITS = {
    "interval": (30.0, 7 * 86400.0),
    "timeout": (1.0, 600.0),
    "concurrency": (1, 64),
    "max_bytes": (1_000, 1_000_000_000),
    "cooldown": (0.0, 30 * 86400.0),
}


class _Reader:
    """Walks the parsed TOML, checking types and keys, and remembers where it is for messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def fail(self, where: str, message: str) -> ConfigError:
        line = self._line_of(where)
        place = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{place}: {where}: {message}")

    def _line_of(self, where: str) -> int | None:
        """Best-effort line of a dotted key such as `fetch.interval` or `feeds[2].url`."""
        parts = re.split(r"[.\[\]]+", where)
        key = next((p for p in reversed(parts) if p and not p.isdigit()), "")
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        header = re.compile(rf"^\s*\[+\s*{re.escape(where.split('[')[0])}\s*\]+")
        start = 0
        index = re.search(r"\[(\d+)\]", where)
        headers = [i for i, line in enumerate(self.lines) if header.match(line)]
        if headers:
            start = headers[min(int(index.group(1)), len(headers) - 1)] if index else headers[0]
        for number in range(start, len(self.lines)):
            if pattern.match(self.lines[number]):
                return number + 1
        return start + 1 if headers else None

    def table(self, data: Any, where: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected a table, got {_kind(data)}")
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                raise self.fail(
                    f"{where}.{key}" if where else key,
                    f"unknown key {key!r} (expected one of: {', '.join(allowed)})",
                )
        return data

    def string(self, data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None:
            raise self.fail(f"{where}.{key}", "is required (a string)")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", f"expected a non-empty string, got {_kind(value)}")
        return value.strip()

    def strings(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def converted(
        self, data: dict[str, Any], key: str, where: str, convert: Callable[[Any], Any]
    ) -> Any:
        low, high = _LIMITS[key]
        try:
            value = convert(data[key])
        except (ValueError, TypeError) as error:
            raise self.fail(f"{where}.{key}", str(error)) from None
        if not low <= value <= high:
            shown = _shown(key, low), _shown(key, high)
            raise self.fail(
                f"{where}.{key}", f"{data[key]!r} is out of range ({shown[0]} to {shown[1]})"
            )
        return value


def _shown(key: str, value: float) -> str:
    if key in ("interval", "timeout"):
        return describe_duration(value)
    if key == "max_bytes":
        return f"{value / 1_000_000:g}MB"
    return str(value)


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def load_config(path: Path) -> Config:
    """Reads and checks a config file; raises ConfigError naming the place of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file (run `sitmon init` to write one, or pass --config PATH)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    return parse_config(data, _Reader(path, text))


def parse_config(data: dict[str, Any], reader: _Reader) -> Config:
    """Builds a Config from parsed TOML."""
    top = reader.table(
        data,
        "",
        (
            "situation",
            "fetch",
            "feeds",
            "talks",
            "crossings",
            "people",
            "keys",
            "dashboard",
            "alerts",
        ),
    )
    if "situation" not in top:
        raise reader.fail("situation", "the [situation] table is required (name and keywords)")
    base = reader.path.parent
    return Config(
        situation=_situation(reader, top["situation"]),
        fetch=_fetch(reader, top.get("fetch", {})),
        feeds=_feeds(reader, top.get("feeds", []), base),
        talks=_talks(reader, top.get("talks", {})),
        crossings=_named_list(reader, top.get("crossings", []), "crossings"),
        people=_people(reader, top.get("people", [])),
        keys=_keys(reader, top.get("keys", {})),
        bell=_dashboard(reader, top.get("dashboard", {})),
        alerts=_alerts(reader, top.get("alerts", {})),
        source=reader.path,
    )


def _situation(reader: _Reader, data: Any) -> Situation:
    table = reader.table(data, "situation", ("name", "keywords", "exclude", "timezone"))
    timezone = reader.string(table, "timezone", "situation", "UTC")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise reader.fail(
            "situation.timezone", f'unknown time zone {timezone!r} (e.g. "Asia/Karachi")'
        ) from None
    keywords = reader.strings(table, "keywords", "situation")
    if not keywords:
        raise reader.fail("situation.keywords", "needs at least one keyword")
    return Situation(
        name=reader.string(table, "name", "situation"),
        keywords=keywords,
        exclude=reader.strings(table, "exclude", "situation"),
        timezone=timezone,
    )


def _fetch(reader: _Reader, data: Any) -> FetchSettings:
    table = reader.table(data, "fetch", ("interval", "timeout", "concurrency", "max_bytes"))
    settings: dict[str, Any] = {}
    for key, convert in (
        ("interval", parse_duration),
        ("timeout", parse_duration),
        ("concurrency", _integer),
        ("max_bytes", parse_size),
    ):
        if key in table:
            settings[key] = reader.converted(table, key, "fetch", convert)
    return FetchSettings(**settings)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_kind(value)}")
    return value


def _feeds(reader: _Reader, data: Any, base: Path) -> tuple[Feed, ...]:
    if not isinstance(data, list):
        raise reader.fail("feeds", "expected [[feeds]] tables")
    feeds: list[Feed] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        where = f"feeds[{index}]"
        table = reader.table(entry, where, ("name", "url", "path"))
        name = reader.string(table, "name", where)
        if name.casefold() in seen:
            raise reader.fail(f"{where}.name", f"duplicate feed name {name!r}")
        seen.add(name.casefold())
        feeds.append(_feed(reader, table, where, name, base))
    return tuple(feeds)


def _feed(reader: _Reader, table: dict[str, Any], where: str, name: str, base: Path) -> Feed:
    if ("url" in table) == ("path" in table):
        raise reader.fail(where, f"feed {name!r} needs exactly one of url or path")
    if "path" in table:
        return Feed(name=name, path=(base / reader.string(table, "path", where)).resolve())
    url = reader.string(table, "url", where)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise reader.fail(f"{where}.url", f"{url!r} is not an http(s) URL")
    return Feed(name=name, url=url)


def _named(reader: _Reader, entry: Any, where: str) -> Named:
    table = reader.table(entry, where, ("name", "aliases"))
    return Named(reader.string(table, "name", where), reader.strings(table, "aliases", where))


def _named_list(reader: _Reader, data: Any, where: str) -> tuple[Named, ...]:
    if not isinstance(data, list):
        raise reader.fail(where, f"expected [[{where}]] tables")
    items = tuple(_named(reader, entry, f"{where}[{i}]") for i, entry in enumerate(data))
    _no_duplicates(reader, where, [item.name for item in items])
    return items


def _no_duplicates(reader: _Reader, where: str, names: list[str]) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name.casefold() in seen:
            raise reader.fail(f"{where}[{index}].name", f"duplicate name {name!r}")
        seen.add(name.casefold())


def _talks(reader: _Reader, data: Any) -> Talks:
    table = reader.table(
        data, "talks", ("parties", "formats", "venues", "mediators", "party_aliases")
    )
    parties = reader.strings(table, "parties", "talks")
    return Talks(
        parties=parties,
        formats=reader.strings(table, "formats", "talks"),
        venues=_named_list(reader, table.get("venues", []), "talks.venues"),
        mediators=_named_list(reader, table.get("mediators", []), "talks.mediators"),
        party_aliases=_party_aliases(reader, table.get("party_aliases", {}), parties),
    )


def _party_aliases(
    reader: _Reader, data: Any, parties: tuple[str, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """[talks.party_aliases]: each key one of the parties, each value the other names for it."""
    table = reader.table(data, "talks.party_aliases", parties)
    return tuple((party, reader.strings(table, party, "talks.party_aliases")) for party in table)


def _people(reader: _Reader, data: Any) -> tuple[Person, ...]:
    if not isinstance(data, list):
        raise reader.fail("people", "expected [[people]] tables")
    people = []
    for index, entry in enumerate(data):
        where = f"people[{index}]"
        table = reader.table(entry, where, ("name", "aliases", "role", "titles", "side"))
        people.append(
            Person(
                name=reader.string(table, "name", where),
                aliases=reader.strings(table, "aliases", where),
                role=reader.string(table, "role", where, "") if "role" in table else "",
                titles=reader.strings(table, "titles", where),
                side=reader.string(table, "side", where, "") if "side" in table else "",
            )
        )
    _no_duplicates(reader, "people", [p.name for p in people])
    return tuple(people)


def _keys(reader: _Reader, data: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(data, dict):
        raise reader.fail("keys", 'expected a table of action = "key"')
    for action, keys in data.items():
        if not isinstance(keys, str) or not keys.strip():
            raise reader.fail(f"keys.{action}", 'expected a key name such as "ctrl+r"')
    return tuple(sorted(data.items()))


def _alerts(reader: _Reader, data: Any) -> Alerts:
    table = reader.table(data, "alerts", ("command", "timeout", "cooldown", "keywords"))
    command = reader.strings(table, "command", "alerts")
    settings: dict[str, Any] = {}
    for key in ("timeout", "cooldown"):
        if key in table:
            settings[key] = reader.converted(table, key, "alerts", parse_duration)
    return Alerts(command=command, keywords=reader.strings(table, "keywords", "alerts"), **settings)


def _dashboard(reader: _Reader, data: Any) -> bool:
    table = reader.table(data, "dashboard", ("bell",))
    bell = table.get("bell", False)
    if not isinstance(bell, bool):
        raise reader.fail("dashboard.bell", f"expected true or false, got {_kind(bell)}")
    return bell
