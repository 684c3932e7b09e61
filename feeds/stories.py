"""Recognising one story carried by several feeds: canonical links and near-identical text."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ito|at_\w+)$")
_WORD = re.compile(r"\w+")
SHINGLE = 4
BANDS = 12
ROWS = 2
SIMILAR = 0.6


def canonical_link(link: str) -> str:
    """The link without what differs between copies of one page: scheme, www, tracking, slash."""
    if not link:
        return ""
    parts = urlsplit(link)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = re.sub(r"/(amp/?)?$", "", parts.path) or "/"
    return urlunsplit(("", host, path, query, ""))


def shingles(title: str, text: str) -> frozenset[int]:
    """Hashed word 4-grams of an item's text (with the title only when the text is short, since
    outlets retitle the stories they carry): the basis of the similarity test."""
    words = _WORD.findall(text.lower())
    if len(words) < 30:
        words = _WORD.findall(f"{title} {text}".lower())
    if len(words) < SHINGLE:
        return frozenset({_hash(" ".join(words))}) if words else frozenset()
    return frozenset(_hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - 3))


def _hash(text: str, seed: int = 0) -> int:
    digest = hashlib.blake2b(text.encode(), digest_size=8, salt=seed.to_bytes(16, "little"))
    return int.from_bytes(digest.digest(), "little")


def band_keys(marks: frozenset[int]) -> list[str]:
    """MinHash bands: two near-identical items share at least one band with high probability."""
    if not marks:
        return []
    minima = [min((m ^ _SEEDS[i]) * _MULTIPLIERS[i] % _PRIME for m in marks) for i in range(_N)]
    return [f"{b}:{minima[b * ROWS]:x}:{minima[b * ROWS + 1]:x}" for b in range(BANDS)]


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_N = BANDS * ROWS
_PRIME = (1 << 61) - 1
_SEEDS = [_hash("seed", i) for i in range(_N)]
_MULTIPLIERS = [(_hash("mult", i) | 1) % _PRIME for i in range(_N)]
