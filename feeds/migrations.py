"""Schema changes, in order; the database's user_version says how many have run."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from feeds import stories
from feeds.fact_sentences import file_sentences


def _items_and_feeds(db: sqlite_utils.Database) -> None:
    db["feeds"].create(
        {
            "name": str,
            "location": str,
            "title": str,
            "etag": str,
            "last_modified": str,
            "last_attempt": str,
            "last_success": str,
            "last_status": str,
            "last_error": str,
            "last_error_at": str,
            "failures": int,
            "next_fetch_at": str,
            "items": int,
        },
        pk="name",
    )
    db["items"].create(
        {
            "key": str,
            "guid": str,
            "feed": str,
            "title": str,
            "link": str,
            "canonical": str,
            "published": str,
            "updated": str,
            "first_seen": str,
            "sort_at": str,
            "author": str,
            "text": str,
            "digest": str,
            "story": str,
            "score": float,
            "related": int,
        },
        pk="key",
    )
    db["items"].create_index(["sort_at"])
    db["items"].create_index(["canonical"])
    db["items"].create_index(["story"])
    db["items"].create_index(["related", "sort_at"])
    db["story_bands"].create({"band": str, "key": str}, pk=("band", "key"))
    db["items"].enable_fts(
        ["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


def _facts_and_meta(db: sqlite_utils.Database) -> None:
    db["facts"].create({"kind": str, "json": str}, pk="kind")
    db["meta"].create({"key": str, "value": str}, pk="key")


def _item_facts(db: sqlite_utils.Database) -> None:
    db["item_facts"].create({"key": str, "digest": str, "stamp": str, "json": str}, pk="key")


def _alerts(db: sqlite_utils.Database) -> None:
    db["alerts"].create(
        {
            "id": int,
            "at": str,
            "kind": str,
            "key": str,
            "text": str,
            "status": str,
            "error": str,
            "payload": str,
        },
        pk="id",
    )
    db["alerts"].create_index(["kind", "key", "at"])


_VIEWS = {
    "border_status": """
        select json_extract(b.value, '$.crossing') as crossing, json_extract(b.value, '$.status') as status,
               json_extract(b.value, '$.since') as since, json_extract(b.value, '$.as_of') as as_of,
               json_extract(b.value, '$.conflicting') as conflicting
        from facts, json_each(facts.json) as b where facts.kind = 'borders'""",
    "border_history": """
        select json_extract(b.value, '$.crossing') as crossing, json_extract(h.value, '$.date') as date,
               json_extract(h.value, '$.status') as status, json_extract(h.value, '$.guid') as guid,
               json_extract(h.value, '$.feed') as feed, json_extract(h.value, '$.link') as link,
               json_extract(h.value, '$.sentence') as sentence
        from facts, json_each(facts.json) as b, json_each(b.value, '$.history') as h
        where facts.kind = 'borders'""",
    "talks_schedule": """
        select json_extract(t.value, '$.name') as name, json_extract(t.value, '$.location') as location,
               json_extract(t.value, '$.start') as start, json_extract(t.value, '$.end') as "end",
               json_extract(t.value, '$.status') as status, json_extract(t.value, '$.mediators') as mediators
        from facts, json_each(facts.json) as t where facts.kind = 'talks'""",
    "statements": """
        select json_extract(s.value, '$.date') as date, json_extract(s.value, '$.speaker') as speaker,
               json_extract(s.value, '$.role') as role, json_extract(s.value, '$.quote') as quote,
               json_extract(s.value, '$.feed') as feed, json_extract(s.value, '$.link') as link,
               json_extract(s.value, '$.guid') as guid, json_extract(s.value, '$.sentence') as sentence
        from facts, json_each(facts.json) as s where facts.kind = 'statements'""",
    "related_items": """
        select guid, feed, title, link, published, score, story from items where related = 1""",
}


def _views(db: sqlite_utils.Database) -> None:
    """Views over the derived facts, for datasette and sqlite-utils users (docs/schema.md)."""
    for name, sql in _VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def _signatures(db: sqlite_utils.Database) -> None:
    """Story signatures are stored, so a new item is compared without re-reading candidates."""
    db["items"].add_column("signature", str)
    db.execute("delete from story_bands")  # bands of the old scheme; new items start afresh


def _integer_bands(db: sqlite_utils.Database) -> None:
    """Signatures as packed integers and bands as integer keys: cheaper to write and compare
    (the signatures themselves are rebuilt by the next migration)."""
    db.execute("drop table story_bands")
    db.execute(
        "create table story_bands (band integer, key text, primary key (band, key)) without rowid"
    )


def _signatures_by_top_bits(db: sqlite_utils.Database) -> None:
    """Signatures slot CRCs by their top bits (computed faster). Copies of a story arrive within
    days, so only the newest RESIGN_NEWEST items are signed again, which bounds the time this
    takes on a big store; older items keep their stories, and a late copy of one starts its
    own (without bands in the new scheme, an item is never a candidate, whatever its
    signature)."""
    db.execute("drop table story_bands")
    db.execute(
        "create table story_bands (band integer, key text, primary key (band, key)) without rowid"
    )
    keys = [
        key
        for (key,) in db.execute(
            "select key from items order by rowid desc limit ?", [RESIGN_NEWEST]
        )
    ]
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"select key, title, text from items where key in ({marks})", chunk)
        signed = [(key, stories.signature(title or "", text or "")) for key, title, text in rows]
        db.conn.executemany(
            "update items set signature = ? where key = ?",
            [(stories.encode(sig), key) for key, sig in signed],
        )
        db.conn.executemany(
            "insert or ignore into story_bands (band, key) values (?, ?)",
            [(band, key) for key, sig in signed for band in stories.band_keys(sig)],
        )


def _bands_by_item_number(db: sqlite_utils.Database) -> None:
    """Story bands name the item by its row number instead of its key: half the size, faster
    to write and to look up. The bands of the newest RESIGN_NEWEST items carry over."""
    db.execute(
        "create table item_bands (band integer, item integer, primary key (band, item))"
        " without rowid"
    )
    db.execute(
        "insert or ignore into item_bands (band, item) select b.band, i.rowid"
        " from story_bands b join items i on i.key = b.key"
        " where i.rowid in (select rowid from items order by rowid desc limit ?)",
        [RESIGN_NEWEST],
    )
    db.execute("drop table story_bands")


def _index_only_text_updates(db: sqlite_utils.Database) -> None:
    """The full-text index follows an item's words, not its score, story or signature: the
    update trigger sqlite-utils made re-indexed an item on any change (a config edit that
    rescored 100,000 items spent 11 s re-indexing the same words)."""
    db.execute("drop trigger if exists items_au")
    db.execute(
        "create trigger items_au after update of title, text on items begin "
        "insert into items_fts (items_fts, rowid, title, text) "
        "values ('delete', old.rowid, old.title, old.text); "
        "insert into items_fts (rowid, title, text) values (new.rowid, new.title, new.text); "
        "end"
    )


def _related_count(db: sqlite_utils.Database) -> None:
    """How many items are related, kept up to date by triggers: the dashboard shows it at
    every launch, and counting 50,000 related items cost 3 ms of a ~210 ms first frame."""
    db.execute("create table if not exists item_counts (name text primary key, n integer)")
    db.execute(
        "insert or replace into item_counts select 'related', count(*) from items where related = 1"
    )
    for name, event, when, change in (
        ("ai", "insert", "new.related = 1", "1"),
        ("ad", "delete", "old.related = 1", "-1"),
        ("au", "update of related", "(old.related = 1) is not (new.related = 1)",
         "(new.related = 1) - (old.related = 1)"),
    ):  # fmt: skip
        db.execute(
            f"create trigger if not exists items_related_{name} after {event} on items "
            f"when {when} begin update item_counts set n = n + {change} "
            "where name = 'related'; end"
        )


def _fact_sentences(db: sqlite_utils.Database) -> None:
    """The look-up of the sentences behind the facts (feeds/fact_sentences.py), filled from
    the documents already stored, one kind at a time."""
    db.execute(
        "create table if not exists fact_sentences "
        "(kind text not null, guid text not null, sentence text not null)"
    )
    db.execute("create index if not exists fact_sentences_by_guid on fact_sentences (guid)")
    for kind, doc in db.execute("select kind, json from facts"):  # one document at a time
        file_sentences(db.conn, kind, json.loads(doc))


def _index_new_items_in_the_writer(db: sqlite_utils.Database) -> None:
    """New items go into the full-text index with the statement that stores them
    (Store._flush), not through a trigger: SQLite ran the trigger's insert row by row, which
    doubled what indexing 10,000 new items cost (1.03 s against 0.46 s)."""
    db.execute("drop trigger if exists items_ai")


def _count_new_items_in_the_writer(db: sqlite_utils.Database) -> None:
    """New related items are counted by the statement that stores them (Store._flush), not
    by a trigger: with a trigger on insert, SQLite kept a statement journal of every page each
    insert touched, in a temporary file (165,000 writes for 10,000 items)."""
    db.execute("drop trigger if exists items_related_ai")


def _search_by_stems(db: sqlite_utils.Database) -> None:
    """Search finds a word in any of its forms ("talks collapsed" finds "talk collapses",
    "crossing" finds "crossings"): the index holds Porter stems, and queries are stemmed the
    same way. Rebuilt once from the stored items (100,000 items: a few seconds)."""
    db.execute("drop table items_fts")
    db.execute(
        'create virtual table items_fts using fts5 ("title", "text", content="items", '
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("insert into items_fts (items_fts) values ('rebuild')")


RESIGN_NEWEST = 5_000
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _items_and_feeds,
    _facts_and_meta,
    _item_facts,
    _alerts,
    _views,
    _signatures,
    _integer_bands,
    _signatures_by_top_bits,
    _bands_by_item_number,
    _index_only_text_updates,
    _related_count,
    _fact_sentences,
    _index_new_items_in_the_writer,
    _count_new_items_in_the_writer,
    _search_by_stems,
]


def behind(path) -> bool:
    """Whether an existing database still has migrations to run (opened read-only: for saying
    so before the wait; a database that cannot be read is for opening it to explain)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("pragma user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return 0 < version < len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Runs the migrations this database has not seen yet, each in its own transaction
    (sqlite-utils is loaded only when there is one to run)."""
    version = conn.execute("pragma user_version").fetchone()[0]
    if version >= len(MIGRATIONS):
        return
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("pragma user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")  # another process ran it meanwhile
                continue
            step(db)
            conn.execute(f"pragma user_version = {number}")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
