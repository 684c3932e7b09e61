"""The SQLite store: items, stories, feed health, search and derived facts (sqlite-utils, WAL)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import sqlite_utils

from feeds.changes import ESSENTIAL, essentials
from feeds.fact_sentences import file_sentences
from feeds.item import Item, iso_utc, item_digest, item_key
from feeds.migrations import migrate
from feeds.search import fts_query
from feeds.sql_values import ONE_OF, one_of
from feeds.stories import packed
from feeds.story_filing import INSERT_BANDS, Prepared, StoryIndex, prepare, sign_and_file

BUSY_TIMEOUT_MS = 10_000
SEARCH_LIMIT = 200  # matches a search lists, the newest
HEAD_ENTRIES = 500
HEAD_LIST = 5


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class SaveResult(NamedTuple):
    new: int = 0
    updated: int = 0
    keys: tuple[str, ...] = ()


class Store:
    """One connection to the database; open one per thread."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.conn = _connect(self.path, readonly)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for the writes it makes simple (upserts);
        imported on first use, so opening the dashboard never loads it."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(params))
        columns = [c[0] for c in cursor.description]
        for row in cursor:
            yield dict(zip(columns, row, strict=True))

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction, taken up front so two writers queue instead of deadlocking."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- feed health -------------------------------------------------------------------------

    def feed_state(self, name: str) -> dict[str, Any]:
        rows = list(self._query("select * from feeds where name = ?", [name]))
        return rows[0] if rows else {}

    def feeds(self) -> list[dict[str, Any]]:
        return list(self._query("select * from feeds order by name"))

    def record_feed(self, name: str, location: str, **fields: Any) -> None:
        """Upserts a feed's health row (call inside writing())."""
        self._upsert("feeds", "name", {"name": name, "location": location, **fields})

    def _upsert(self, table: str, key: str, row: dict[str, Any]) -> None:
        """Inserts the row, or updates the columns given of the row with its key: what the
        writes of every refresh need, in SQL, so a refresh never loads sqlite-utils (and the
        click, pluggy and dateutil it brings: ~5 MB in each fetching process)."""
        assert all(column.isidentifier() for column in row)  # names from code, never input
        columns = ", ".join(row)
        updates = ", ".join(f"{column} = excluded.{column}" for column in row if column != key)
        self.conn.execute(
            f"insert into {table} ({columns}) values ({', '.join('?' * len(row))}) "
            f"on conflict ({key}) do update set {updates}",
            list(row.values()),
        )

    # -- items -------------------------------------------------------------------------------

    def save_items(
        self,
        items: Iterable[Item],
        seen_at: datetime,
        prepared: Mapping[str, Prepared] | None = None,
    ) -> SaveResult:
        """Inserts new items, updates changed ones, and files each under its story; one feed's
        items are looked up and written in a few batched statements. `prepared` holds what a
        worker already computed for an item (signature, canonical link, relevance); items
        without it are scored later by derive.rescore. An updated item that is related now
        and was stored unsigned is signed and filed (sign_related)."""
        items = list(items)
        digests = [item_digest(item) for item in items]
        known = self._digests([item.key for item in items])
        # Only what is new or changed is prepared (signature, link): most of a feed is not.
        given = prepared or {}
        readies = [
            (given.get(item.key) or prepare(item)) if known.get(item.key) != digest else None
            for item, digest in zip(items, digests, strict=True)
        ]
        stories = StoryIndex(
            self.conn, [r for i, r in zip(items, readies, strict=True) if r and i.key not in known]
        )
        new_rows: list[tuple] = []
        bands: list[tuple[int, int]] = []
        # New rows get their numbers here (we hold the write lock), so their bands can name them.
        number = self.conn.execute("select coalesce(max(rowid), 0) from items").fetchone()[0]
        new = updated = 0
        changed: list[str] = []
        unsigned: list[str] = []  # updated items related now: perhaps stored unsigned
        facts_may_change = False  # only a new item known to be unrelated leaves facts as they are
        seen = iso_utc(seen_at)
        for item, digest, ready in zip(items, digests, readies, strict=True):
            old = known.get(item.key)
            if old == digest:
                continue
            known[item.key] = digest
            ready = ready or prepare(item)  # a guid repeated in one feed, changed the 2nd time
            score = (round(ready.score, 2), int(ready.related))
            if old is not None or item.key not in given or ready.related:
                facts_may_change = True
            if old is None:
                number += 1
                story = stories.story_for(
                    item.key, number, ready.canonical, ready.bands, packed(ready.signature)
                )
                # A date in the future sorts as "when we first saw it", so it never floats on top.
                stamp = iso_utc(min(item.published or seen_at, seen_at))
                new_rows.append(
                    (number, *_fields(item), ready.canonical, digest, story, ready.signature)
                    + (seen, stamp, *score)
                )
                bands += [(band, number) for band in ready.bands]
                new += 1
            else:
                self._flush(new_rows, bands)  # a guid twice in one feed: the first row exists
                self.conn.execute(
                    "update items set guid = ?, feed = ?, title = ?, link = ?, published = ?, "
                    "updated = ?, author = ?, text = ?, canonical = ?, digest = ?, score = ?, "
                    "related = ? where key = ?",
                    (*_fields(item)[1:], ready.canonical, digest, *score, item.key),
                )
                updated += 1
                if ready.related:
                    unsigned.append(item.key)
            changed.append(item.key)
        self._flush(new_rows, bands)
        self.sign_related(unsigned)
        if facts_may_change:
            self.bump_items_version()
        return SaveResult(new, updated, tuple(changed))

    def _flush(self, rows: list[tuple], bands: list[tuple[int, int]]) -> None:
        """Writes new rows, their words into the full-text index and the count of related
        items (here, in the same transaction: a trigger made SQLite journal every insert), and
        their story bands, in band order (each index page is then written once)."""
        if rows:
            self.conn.executemany(
                "insert into items (rowid, key, guid, feed, title, link, published, updated, "
                "author, text, canonical, digest, story, signature, first_seen, sort_at, score, "
                "related) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.conn.executemany(
                "insert into items_fts (rowid, title, text) values (?, ?, ?)",
                [(row[0], row[4], row[9]) for row in rows],  # rowid, title, text
            )
            related = sum(row[-1] for row in rows)  # the rows end with related (0 or 1)
            if related:
                self.conn.execute(
                    "update item_counts set n = n + ? where name = 'related'", [related]
                )
            rows.clear()
        if bands:
            bands.sort()
            self.conn.executemany(INSERT_BANDS, bands)
            bands.clear()

    def sign_related(self, keys: list[str]) -> None:
        """Signs the related items among `keys` that were stored unsigned (scored unrelated
        then: see story_filing.prepare) and files each under the story it repeats: a config
        edit or an update made them related."""
        if keys:
            rows = self.conn.execute(
                "select rowid, key, title, text, story from items where related = 1 and "
                f"length(coalesce(signature, '')) = 0 and key in {ONE_OF}",
                one_of(keys),
            ).fetchall()
            sign_and_file(self.conn, rows)

    def bump_items_version(self) -> None:
        """Marks derived facts as stale: a related item (or one not scored yet) was added, or an
        item changed. Facts come from related items only, so a refresh that brings only
        unrelated news does not re-derive them."""
        version = int(self.get_meta("items_version", "0") or 0) + 1
        self.set_meta("items_version", str(version))

    def _digests(self, keys: list[str]) -> dict[str, str]:
        query = f"select key, digest from items where key in {ONE_OF}"
        return dict(self.conn.execute(query, one_of(keys)))

    def set_relevance(self, scores: Iterable[tuple[str, float, bool]]) -> None:
        self.conn.executemany(
            "update items set score = ?, related = ? where key = ?",
            ((round(score, 2), int(related), key) for key, score, related in scores),
        )

    def count_related(self, keys: list[str]) -> int:
        """How many of these items are related (a key given twice counts once)."""
        return self.conn.execute(
            # "+related": look the keys up; the related index would scan every related item
            f"select count(*) from items where +related = 1 and key in {ONE_OF}",
            one_of(keys),
        ).fetchone()[0]

    def items_for_scoring(self, keys: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        sql = "select key, title, text from items"
        if keys is None:
            yield from self._query(sql)
            return
        yield from self._query(f"{sql} where key in {ONE_OF}", one_of(list(keys)))

    def related_items(
        self,
        limit: int | None = None,
        *,
        one_per_story: bool = False,
        after: tuple[str, str] | None = None,
    ) -> list[dict[str, Any]]:
        """Related items, newest first, each with the number of feeds carrying its story;
        with one_per_story, a story carried by several feeds appears once (its first report).
        `after` is the (sort_at, key) of the last row already shown: the next page starts
        there, found through the index however deep the page is."""
        # A story's key is the key of its first item; that item stands for the story unless it
        # is not itself related, in which case every related copy shows.
        first_of_story = (
            " and (i.key = i.story or not exists"
            " (select 1 from items s where s.key = i.story and s.related = 1))"
            if one_per_story
            else ""
        )
        page, params = "", []
        if after is not None:
            page = " and (i.sort_at < ? or (i.sort_at = ? and i.key > ?))"
            params = [after[0], after[0], after[1]]
        sql = (
            "select i.*, (select count(distinct feed) from items s where s.story = i.story) "
            f"as carried_by from items i where related = 1{first_of_story}{page} "
            "order by sort_at desc, key"
        )
        if limit:
            sql += f" limit {int(limit)}"
        return list(self._query(sql, params))

    def items_by_keys(self, keys: list[str]) -> list[dict[str, Any]]:
        query = f"select key, guid, feed, title, link, related from items where key in {ONE_OF}"
        return list(self._query(query, one_of(keys)))

    def related_heads(self, stamp: str) -> Iterator[dict[str, Any]]:
        """Every related item that has a reading made under `stamp` for its current version,
        streamed: what a derive keeps of the item (its readings come from `readings`)."""
        rows = self.conn.execute(
            "select i.key, i.guid, i.feed, i.link, i.published, i.updated, i.first_seen "
            f"from items i join item_facts f {_READING_OF_ITEM} where i.related = 1",
            [stamp],
        )
        for head in rows:
            yield dict(zip(_HEAD_COLUMNS, head, strict=True))

    def unread_related(self, stamp: str, after: int, limit: int) -> list[dict[str, Any]]:
        """The next related items (by row number, past `after`) that have no reading made
        under `stamp` for their current version: whole rows, text included, and `rowid`."""
        return list(
            self._query(
                f"select i.rowid, i.* from items i left join item_facts f {_READING_OF_ITEM} "
                "where i.related = 1 and f.key is null and i.rowid > ? order by i.rowid limit ?",
                [stamp, after, limit],
            )
        )

    def readings(self, keys: list[str]) -> Iterator[tuple[str, str]]:
        """The stored readings (item facts JSON) of these items, streamed."""
        yield from self.conn.execute(
            f"select key, json from item_facts where key in {ONE_OF}", one_of(keys)
        )

    def drop_item_facts_except(self, stamp: str) -> None:
        """Drops the readings of other configs or extractor versions."""
        self.conn.execute("delete from item_facts where stamp != ?", [stamp])

    def add_item_facts(self, rows: list[tuple[str, str, str]], stamp: str) -> None:
        self.conn.executemany(
            "insert or replace into item_facts (key, digest, stamp, json) values (?, ?, ?, ?)",
            [(key, digest, stamp, text) for key, digest, text in rows],
        )

    def all_keys(self) -> list[str]:
        return [key for (key,) in self.conn.execute("select key from items")]

    def key_of(self, guid: str, feed: str = "") -> str | None:
        """The item a piece of evidence names. With its feed, the key follows (item_key): one
        look-up, and the right item when two feeds carry the same guid. Without, every item is
        scanned for the guid (no index: it would cost every insert), the first one wins."""
        if feed:
            key = item_key(feed, guid)
            if self.conn.execute("select 1 from items where key = ?", [key]).fetchone():
                return key
        row = self.conn.execute("select key from items where guid = ? limit 1", [guid]).fetchone()
        return row[0] if row else None

    def item(self, key: str) -> dict[str, Any] | None:
        rows = list(self._query("select * from items where key = ?", [key]))
        return rows[0] if rows else None

    def story_sources(self, story: str) -> list[dict[str, Any]]:
        return list(
            self._query(
                "select key, guid, feed, link, title, published from items where story = ? "
                "order by sort_at",
                [story],
            )
        )

    def count_items(self, related_only: bool = False) -> int:
        if related_only:  # kept as items are stored, rescored or deleted; not counted
            query = "select n from item_counts where name = 'related'"
        else:
            query = "select count(*) from items"
        return int(self.conn.execute(query).fetchone()[0])

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
        """Full-text search over titles and text, the newest `limit` matches, newest first; any
        input at all gives rows or an empty list. Newest-stored first (not by rank) also keeps a
        common word fast: the index is read from its end and stops after `limit` matches."""
        query = fts_query(text)
        if not query:
            return []
        try:
            return list(
                self._query(
                    "select i.* from (select rowid from items_fts where items_fts match ? "
                    "order by rowid desc limit ?) f join items i on i.rowid = f.rowid "
                    "order by i.sort_at desc, i.key",
                    [query, limit],
                )
            )
        except sqlite3.OperationalError:
            return []

    # -- derived facts and small settings ------------------------------------------------------

    def put_facts(self, facts: dict[str, Any]) -> None:
        """Replaces the derived facts (one JSON document per kind), and keeps a small copy of
        each list ("statements:head"): its first HEAD_ENTRIES entries, each with its evidence
        lists cut to HEAD_LIST and their lengths kept as `<field>_total`, so the dashboard
        opens without decoding megabytes of evidence it shows only on demand; and of each kind
        changes are told of, what telling them needs ("statements:told", see told())."""
        put = "insert or replace into facts (kind, json) values (?, ?)"  # one copy of megabytes
        for kind, value in facts.items():
            self.conn.execute(put, [kind, json.dumps(value)])
            if isinstance(value, list):
                head = json.dumps([_compact(entry) for entry in value[:HEAD_ENTRIES]])
                self.conn.execute(put, [f"{kind}:head", head])
            if kind in ESSENTIAL:
                self.conn.execute(put, [f"{kind}:told", json.dumps(essentials(kind, value))])
            file_sentences(self.conn, kind, value)

    def told(self, kind: str) -> list[dict[str, Any]]:
        """What the stored facts of a kind are, as far as telling a change needs (the fields
        changes.ESSENTIAL names): a few kilobytes read, where the documents would be decoded
        (SQLite took ~20 MB to take the fields out of the statements at 50,000 related items).
        A store written before this kept no such copy: its fields come out of the documents."""
        kept = self._told_copy(kind)
        return kept if kept is not None else self.fact_fields(kind, ESSENTIAL[kind])

    def _told_copy(self, kind: str) -> list[dict[str, Any]] | None:
        return self.facts(f"{kind}:told")  # None: a store from before the copy was kept

    def facts_head(self, kind: str, limit: int) -> list[Any]:
        """The first `limit` entries of a list of facts, without decoding the rest."""
        if limit <= HEAD_ENTRIES:
            head = self.facts(f"{kind}:head")
            if head is not None:
                return head[:limit]
        rows = self.conn.execute(
            "select value from facts, json_each(facts.json) where kind = ? limit ?", [kind, limit]
        ).fetchall()
        return [json.loads(value) for (value,) in rows]

    def evidence_sentences(self, guid: str) -> list[str]:
        """Every sentence of one item that supports a fact (talks, a crossing's history, a
        statement), from the rows put_facts keeps (feeds/fact_sentences.py)."""
        rows = self.conn.execute(
            "select sentence from fact_sentences where guid = ? order by rowid", [guid]
        )
        return [sentence for (sentence,) in rows]

    def facts_where(self, kind: str, **equal: str) -> list[dict[str, Any]]:
        """The facts of a kind whose fields have these values, each decoded alone (a detail
        view): decoding every crossing to show one took 140 ms at 50,000 related items. When
        the small copy (see told()) has those fields, it says where they are in the document,
        and SQLite takes out only those: a statement carried by 6,660 items, 101 → 31 ms and
        +12 → +5 MB (looking through the document parses every entry of it)."""
        assert all(field.isidentifier() for field in equal)  # names from code, never input
        told = self._told_copy(kind) if set(equal) <= set(ESSENTIAL.get(kind, ())) else None
        if told is not None:
            places = [
                n
                for n, fact in enumerate(told)
                if all(fact.get(field) == value for field, value in equal.items())
            ]
            if not places:
                return []
            # One call with every path: the document is parsed once (a call per entry parsed
            # it again each time: 18 rounds at one venue, 137 ms against 8).
            paths = [f"$[{n}]" for n in places]
            marks = ", ".join("?" * len(paths))
            take = f"select json_extract(json, {marks}) from facts where kind = ?"
            (taken,) = self.conn.execute(take, [*paths, kind]).fetchone()
            return json.loads(taken) if len(paths) > 1 else [json.loads(taken)]
        where = "".join(f" and json_extract(value, '$.{field}') = ?" for field in equal)
        rows = self.conn.execute(
            f"select value from facts, json_each(facts.json) where facts.kind = ?{where}",
            [kind, *equal.values()],
        ).fetchall()
        return [json.loads(value) for (value,) in rows]

    def fact_fields(self, kind: str, fields: Iterable[str]) -> list[dict[str, Any]]:
        """Some plain fields of every fact of a kind, taken out of its document by SQLite:
        decoded in Python, megabytes of evidence stayed held by the few strings kept."""
        fields = list(fields)
        assert all(field.isidentifier() for field in fields)  # names from code, never input
        columns = ", ".join(f"json_extract(value, '$.{field}')" for field in fields)
        rows = self.conn.execute(
            f"select {columns} from facts, json_each(facts.json) where facts.kind = ?", [kind]
        )
        return [dict(zip(fields, row, strict=True)) for row in rows]

    def facts(self, kind: str, default: Any = None) -> Any:
        row = self.conn.execute("select json from facts where kind = ?", [kind]).fetchone()
        return json.loads(row[0]) if row else default

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self._upsert("meta", "key", {"key": key, "value": value})


def _compact(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return entry
    compact = dict(entry)
    for name, value in entry.items():
        if isinstance(value, list) and len(value) > HEAD_LIST:
            compact[name] = value[:HEAD_LIST]
            compact.setdefault(f"{name}_total", len(value))
    return compact


def _fields(item: Item) -> tuple:
    return (
        item.key,
        item.guid,
        item.feed,
        item.title,
        item.link,
        iso_utc(item.published),
        iso_utc(item.updated),
        item.author,
        item.text,
    )


_HEAD_COLUMNS = ("key", "guid", "feed", "link", "published", "updated", "first_seen")
# An item's reading made under a stamp (the first parameter) for its current version.
_READING_OF_ITEM = "on f.key = i.key and f.stamp = ? and f.digest = i.digest"


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    try:
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            raise StoreError(f"{path}: no database yet (run `sitmon fetch` first)")
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        conn = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            if conn.execute("pragma journal_mode").fetchone()[0] != "wal":
                conn.execute("pragma journal_mode = wal")
            conn.execute("pragma synchronous = normal")
            migrate(conn)
        return conn
    except StoreError:
        raise
    except sqlite3.DatabaseError as error:
        raise StoreError(_explain(path, error)) from None
    except OSError as error:
        raise StoreError(f"{path}: cannot open the database: {error.strerror or error}") from None


def _explain(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"{path}: the database is busy (another sitmon is writing); try again in a moment"
    if "not a database" in text or "malformed" in text:
        return f"{path}: not a sitmon database or damaged ({text}); move it aside and refetch"
    if "readonly" in text or "unable to open" in text:
        return f"{path}: cannot write the database ({text}); check the directory's permissions"
    if "disk is full" in text or "full" in text:
        return f"{path}: the disk is full; free some space and try again"
    return f"{path}: database error: {text}"


def explain_database_error(path: Path, error: sqlite3.DatabaseError) -> str:
    """A one-line cause and remedy for a database error met after opening."""
    return _explain(path, error)
