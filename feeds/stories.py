"""Recognising one story carried by several feeds: canonical links and near-identical text."""

from __future__ import annotations

import bisect
import operator
import re
import struct
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
    the text is short, since outlets retitle the stories they carry): one CRC per 4-gram, its
    top bits choosing one of SLOTS slots and the smallest rest kept in each. Equal slots
    estimate Jaccard similarity. Only the first MAX_WORDS words count: copies of one story
    share their opening, and a feed that carries only the first paragraphs still matches the
    full text."""
    words = _WORD.findall(text.lower(), 0, MAX_WORDS * 12)[:MAX_WORDS]
    if len(words) < 30:
        words = _WORD.findall(f"{title} {text}".lower(), 0, MAX_WORDS * 12)[:MAX_WORDS]
    if not words:
        return ()
    if len(words) < SHINGLE:
        grams = [" ".join(words)]
    else:
        grams = map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False))
    # Sorted, the CRCs fall into runs by slot (their top bits), each run's first the smallest.
    values = sorted(map(zlib.crc32, map(str.encode, grams)))
    slots = []
    for slot in range(SLOTS):
        at = bisect.bisect_left(values, slot << _REST_BITS)
        first = values[at] if at < len(values) else -1
        slots.append(first & _REST if first >> _REST_BITS == slot else _EMPTY)
    return tuple(slots)


def band_keys(sig: tuple[int, ...]) -> list[int]:
    """Bands of ROWS slots, each as one integer: two near-identical items share at least one
    with high probability."""
    if not sig:
        return []
    bands = []
    for b in range(SLOTS // ROWS):
        first, second = sig[b * ROWS], sig[b * ROWS + 1]
        if first != _EMPTY and second != _EMPTY:
            bands.append((b << 54) | (first << 27) | second)
    return bands


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity: the share of slots, filled in either, that are equal."""
    if not a or not b:
        return 0.0
    equal = sum(map(operator.eq, a, b))
    if _EMPTY not in a and _EMPTY not in b:
        return equal / SLOTS
    both_empty = sum(1 for x, y in zip(a, b, strict=False) if x == _EMPTY and y == _EMPTY)
    filled = SLOTS - both_empty
    return (equal - both_empty) / filled if filled else 0.0


def packed(data: bytes | str | None) -> int:
    """An encoded signature as one integer, slot i in bits 32i to 32i+31 (0: no signature):
    two of them are compared in a few integer operations (packed_similarity)."""
    if not data or isinstance(data, str):
        return 0
    return int.from_bytes(data, "little")


def packed_similarity(a: int, b: int) -> float:
    """similarity() of two packed signatures. XOR leaves a zero group where two slots are equal;
    adding 2^31 - 1 to every group sets the group's top bit exactly when it is not zero (a slot
    holds at most 28 bits, so no carry crosses into the next group). An empty slot is the only
    value with bit 27 set, so AND finds the slots empty in both."""
    if not a or not b:
        return 0.0
    equal = SLOTS - (((a ^ b) + _ADD_TO_GROUPS) & _GROUP_TOPS).bit_count()
    both_empty = (a & b & _EMPTY_BITS).bit_count()
    filled = SLOTS - both_empty
    return (equal - both_empty) / filled if filled else 0.0


def encode(sig: tuple[int, ...]) -> bytes:
    return _PACK.pack(*sig) if sig else b""


SLOTS = 32  # a power of two: the slot is the CRC's top 5 bits, the kept value the other 27
_REST_BITS = 27
_REST = (1 << _REST_BITS) - 1
MAX_WORDS = 200
_EMPTY = 1 << 27  # above any 27-bit value
_PACK = struct.Struct(f"<{SLOTS}I")
_EMPTY_BITS = sum(_EMPTY << (32 * i) for i in range(SLOTS))
_ADD_TO_GROUPS = sum(((1 << 31) - 1) << (32 * i) for i in range(SLOTS))
_GROUP_TOPS = sum(1 << (32 * i + 31) for i in range(SLOTS))
