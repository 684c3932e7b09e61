"""Recognising one story carried by several feeds: canonical links and near-identical text."""

from __future__ import annotations

import re
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ito|at_\w+)$")
_WORD = re.compile(r"\w+")
SHINGLE = 4
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


def signature(title: str, text: str) -> tuple[int, ...]:
    """A one-permutation MinHash of the item's word 4-grams (the text; with the title only when
    the text is short, since outlets retitle the stories they carry): one cheap hash per 4-gram,
    the smallest value kept in each of SLOTS slots. Equal slots estimate Jaccard similarity."""
    words = _WORD.findall(text.lower())
    if len(words) < 30:
        words = _WORD.findall(f"{title} {text}".lower())
    if not words:
        return ()
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    slots = [_EMPTY] * SLOTS
    for gram in grams:
        data = gram.encode()
        value = (zlib.crc32(data) << 32) | zlib.crc32(data, 0x9E3779B9)
        slot, rest = value % SLOTS, value // SLOTS
        if rest < slots[slot]:
            slots[slot] = rest
    return tuple(slots)


def band_keys(sig: tuple[int, ...]) -> list[str]:
    """Bands of ROWS slots: two near-identical items share at least one with high probability."""
    if not sig:
        return []
    bands = []
    for b in range(SLOTS // ROWS):
        part = sig[b * ROWS : (b + 1) * ROWS]
        if _EMPTY not in part:
            bands.append(f"{b}:" + ":".join(f"{v:x}" for v in part))
    return bands


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity: the share of slots, filled in either, that are equal."""
    if not a or not b:
        return 0.0
    filled = [(x, y) for x, y in zip(a, b, strict=False) if x != _EMPTY or y != _EMPTY]
    return sum(x == y for x, y in filled) / len(filled) if filled else 0.0


def encode(sig: tuple[int, ...]) -> str:
    return ",".join(f"{v:x}" for v in sig)


def decode(text: str | None) -> tuple[int, ...]:
    return tuple(int(v, 16) for v in text.split(",")) if text else ()


SLOTS = 32
_EMPTY = 1 << 64
