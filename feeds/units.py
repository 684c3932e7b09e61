"""Durations ("10m", "1h30m") and sizes ("10MB") as people write them in a config."""

from __future__ import annotations

import re

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", re.IGNORECASE)
_DURATION_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_BYTES = {
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}


def parse_duration(text: str | int | float) -> float:
    """Seconds in "90s", "10m", "1h30m", "2d" or a bare number of seconds; ValueError otherwise."""
    if isinstance(text, bool):
        raise ValueError('expected a duration such as "10m"')
    if isinstance(text, int | float):
        return float(text)
    compact = text.strip().replace(" ", "")
    parts = _DURATION_PART.findall(compact)
    if not parts or "".join(n + u for n, u in parts).lower() != compact.lower():
        raise ValueError(f'{text!r} is not a duration (write e.g. "30s", "10m", "1h30m")')
    return sum(float(n) * _DURATION_SECONDS[u.lower()] for n, u in parts)


def parse_size(text: str | int) -> int:
    """Bytes in "10MB", "512KiB" or a bare number of bytes; ValueError otherwise."""
    if isinstance(text, bool):
        raise ValueError('expected a size such as "10MB"')
    if isinstance(text, int):
        return text
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f'{text!r} is not a size (write e.g. "512KB", "10MB")')
    number, unit = match.groups()
    return int(float(number) * _SIZE_BYTES[(unit or "b").lower()])


def describe_duration(seconds: float) -> str:
    """A short human form: 45s, 10m, 2h 5m, 3d 4h."""
    seconds = int(seconds)
    for unit, size, smaller, small_size in (("d", 86400, "h", 3600), ("h", 3600, "m", 60)):
        if seconds >= size:
            rest = (seconds % size) // small_size
            return f"{seconds // size}{unit}" + (f" {rest}{smaller}" if rest else "")
    return f"{seconds // 60}m" if seconds >= 60 else f"{seconds}s"
