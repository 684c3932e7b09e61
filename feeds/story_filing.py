"""Filing each new item under the story it repeats: the same canonical link as an item stored
before, or, for related items, text close enough (MinHash signatures and bands: stories.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from feeds.item import Item
from feeds.sql_values import ONE_OF, one_of
from feeds.stories import (
    SIMILAR,
    band_keys,
    canonical_link,
    encode,
    packed,
    packed_similarity,
    signature,
)

if TYPE_CHECKING:
    import sqlite3

CANDIDATES_PER_BAND = 12
INSERT_BANDS = "insert or ignore into item_bands (band, item) values (?, ?)"


class Prepared(NamedTuple):
    """What storing an item needs computed from its text, done where the item was parsed."""

    signature: bytes  # encoded (stories.encode)
    bands: tuple[int, ...]
    canonical: str
    score: float = 0.0
    related: bool = False


def prepare(item: Item, score: float | None = None, related: bool = False) -> Prepared:
    """An item scored unrelated is not signed: stories group the related news (the stream
    shows one row per story), and signing and filing the unrelated majority cost a sixth of a
    cold ingest. Its link still files it; one that turns related is signed then (sign_and_file).
    An item not scored yet (score None) is signed."""
    sig = signature(item.title, item.text) if related or score is None else ()
    return Prepared(
        encode(sig), tuple(band_keys(sig)), canonical_link(item.link), score or 0.0, related
    )


class StoryIndex:
    """Finds the story a new item repeats: the same canonical link, or a signature close enough,
    among stored items and the items of this batch. Stored candidates for the whole batch come
    from a few queries up front instead of two per item."""

    def __init__(self, conn: sqlite3.Connection, new: list[Prepared]) -> None:
        self.by_link: dict[str, str] = {}
        self.by_band: dict[int, list[int]] = {}  # band -> item numbers
        self.signatures: dict[int, tuple[int, str]] = {}  # item number -> packed signature, story
        links = sorted({p.canonical for p in new} - {""})
        for link, story in conn.execute(
            f"select canonical, story from items where canonical in {ONE_OF} order by rowid",
            one_of(links),
        ):
            self.by_link.setdefault(link, story)
        bands = sorted({band for p in new for band in p.bands})
        # A band of boilerplate is shared by thousands of items: the first few of each are
        # enough, and each band's are read by a bounded look-up, never a scan of all of them.
        for band, numbers in conn.execute(
            "select v.value, (select group_concat(item, ' ') from (select item from item_bands"
            " where band = v.value limit ?)) from json_each(?) as v",
            [CANDIDATES_PER_BAND, json.dumps(bands)],
        ):
            if numbers:
                self.by_band[band] = [int(n) for n in numbers.split(" ")]
        wanted = sorted({n for numbers in self.by_band.values() for n in numbers})
        for number, other, story in conn.execute(
            f"select rowid, signature, story from items where rowid in {ONE_OF}", one_of(wanted)
        ):
            self.signatures[number] = (packed(other), story)

    def story_for(
        self, key: str, number: int, canonical: str, bands: tuple[int, ...], value: int
    ) -> str:
        """The story of a new item (its key and row number): its bands and packed signature
        (stories.packed)."""
        story = self.by_link.get(canonical) if canonical else None
        if story is None:
            story = self._similar(value, bands) or key
        if canonical:
            self.by_link.setdefault(canonical, story)
        for band in bands:
            self.by_band.setdefault(band, []).append(number)
        self.signatures[number] = (value, story)
        return story

    def _similar(self, value: int, bands: tuple[int, ...]) -> str | None:
        tried: set[int] = set()
        for band in bands:
            for number in self.by_band.get(band, ()):
                if number in tried:
                    continue
                tried.add(number)
                other, story = self.signatures.get(number, (0, ""))
                if packed_similarity(value, other) >= SIMILAR:
                    return story
        return None


def sign_and_file(conn: sqlite3.Connection, rows: list[tuple[int, str, str, str, str]]) -> None:
    """Signs stored items that were stored unsigned (rows of rowid, key, title, text, story)
    and files each under the story it repeats, as storing it would have."""
    signed = [(row, signature(row[2] or "", row[3] or "")) for row in rows]
    signed = [(row, sig, tuple(band_keys(sig))) for row, sig in signed if sig]
    # The link already filed each (it is matched for every item): only the text is left.
    stories = StoryIndex(conn, [Prepared(b"", bands, "") for _, _, bands in signed])
    for (number, key, _, _, story), sig, bands in signed:
        if story == key:
            story = stories.story_for(key, number, "", bands, packed(encode(sig)))
        conn.execute(
            "update items set signature = ?, story = ? where rowid = ?",
            [encode(sig), story, number],
        )
        if story != key:  # the copies filed under it by their link follow it
            conn.execute("update items set story = ? where story = ?", [story, key])
        conn.executemany(INSERT_BANDS, [(band, number) for band in bands])
