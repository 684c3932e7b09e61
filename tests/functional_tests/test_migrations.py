"""Opening a database written by an older sitmon brings it up to date without losing items."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from feeds import migrations, stories
from feeds.item import Item, item_key
from feeds.store import Store
from feeds.story_filing import prepare
from tests.conftest import as_before

WORDS = "crossing convoy traders customs envoy mediators province market wheat fuel".split()


def _item(n: int, text: str) -> Item:
    guid = f"g{n}"
    return Item(
        item_key("wire", guid), guid, "wire", f"Story {n}", f"https://news.example/{n}",
        datetime(2025, 11, 1, n, tzinfo=UTC), None, "", text,
    )  # fmt: skip


def _text(seed: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * i) % len(WORDS)] + str(i % (seed + 3)) for i in range(80))


def test_signatures_of_the_newest_items_are_rebuilt_and_copies_still_join(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    store = Store(path)
    items = [_item(n, _text(n)) for n in range(5)]
    with store.writing():
        store.save_items(items, datetime(2025, 11, 2, tzinfo=UTC))
    # What a database of the previous scheme looks like: other signatures, other bands.
    store.conn.execute("update items set signature = ?", [b"\x01" * 128])
    store.conn.execute("drop table item_bands")
    store.conn.execute(
        "create table story_bands (band integer, key text, primary key (band, key)) without rowid"
    )
    store.conn.execute("insert into story_bands select 1, key from items")
    store.conn.execute("pragma user_version = 7")
    store.conn.commit()
    store.close()

    monkeypatch.setattr(migrations, "RESIGN_NEWEST", 3)
    store = Store(path)
    rows = store.conn.execute("select key, title, text, signature, story from items order by rowid")
    rows = rows.fetchall()
    assert len(rows) == 5  # nothing lost
    for _, title, text, signature, _ in rows[2:]:
        assert signature == stories.encode(stories.signature(title, text))
    banded = {
        key
        for (key,) in store.conn.execute(
            "select distinct i.key from item_bands b join items i on i.rowid = b.item"
        )
    }
    assert banded == {row[0] for row in rows[2:]}

    # A copy of a re-signed item, from another feed, joins its story.
    newest = items[-1]
    copy = Item(
        item_key("other", "c1"), "c1", "other", "Retitled", "https://elsewhere.example/c1",
        newest.published, None, "", newest.text,
    )  # fmt: skip
    with store.writing():
        store.save_items([copy], datetime(2025, 11, 2, tzinfo=UTC))
    story = dict(store.conn.execute("select key, story from items").fetchall())
    assert story[copy.key] == story[newest.key]
    store.close()


def test_the_search_index_follows_words_not_scores(tmp_path):
    """A new score, story or signature leaves the full-text index alone; new words reach it."""
    store = Store(tmp_path / "s.db")
    with store.writing():
        store.save_items(
            [_item(1, "convoy waits at the crossing"), _item(2, "wheat prices")],
            datetime(2025, 11, 2, tzinfo=UTC),
        )

    def index_state():  # the full-text index's own storage: any write to it changes this
        return store.conn.execute(
            "select count(*), sum(length(block)) from items_fts_data"
        ).fetchone()

    before = index_state()
    with store.writing():
        store.conn.execute("update items set score = 9, related = 1, story = 'x'")
    assert index_state() == before
    with store.writing():
        store.conn.execute("update items set text = 'envoy arrives' where guid = 'g1'")
    assert index_state() != before
    assert [r["guid"] for r in store.search("envoy")] == ["g1"]
    assert list(store.search("convoy")) == []
    store.conn.execute("insert into items_fts (items_fts) values ('integrity-check')")
    store.close()


def test_the_related_count_follows_every_change(tmp_path):
    """The count the dashboard shows is kept by triggers: it must equal a real count after
    inserts, rescoring both ways, deletes, and when an older database is upgraded."""
    path = tmp_path / "s.db"
    store = Store(path)

    def counted():
        real = store.conn.execute("select count(*) from items where related = 1").fetchone()[0]
        return store.count_items(related_only=True), real

    with store.writing():
        store.save_items([_item(n, _text(n)) for n in range(6)], datetime(2025, 11, 2, tzinfo=UTC))
    assert counted() == (0, 0)
    with store.writing():
        store.conn.execute("update items set related = 1 where rowid <= 4")
    assert counted() == (4, 4)
    with store.writing():
        store.conn.execute("update items set related = 1")  # four of them already were
        store.conn.execute("update items set related = 0, score = 1 where rowid = 2")
        store.conn.execute("delete from items where rowid in (1, 2)")
    assert counted() == (4, 4)

    # An older database: no counter; upgrading counts what is there.
    undo = ["drop table item_counts"]
    undo += [f"drop trigger if exists items_related_{name}" for name in ("ai", "ad", "au")]
    store.conn.execute("update items set related = 0 where rowid = 3")
    as_before(store, migrations._related_count, *undo)
    store = Store(path)
    assert counted() == (3, 3)
    store.close()


def test_new_related_items_are_counted_once(tmp_path):
    """The statement that stores new items counts the related ones (no trigger: it made SQLite
    journal every insert); a store upgraded from one whose trigger counted them counts new
    items once, not twice."""
    path = tmp_path / "s.db"
    store = Store(path)

    def stored(first: int, related: list[bool]) -> None:
        items = [_item(first + n, _text(first + n)) for n in range(len(related))]
        ready = {
            i.key: prepare(i, 5.0 if r else 0.0, r) for i, r in zip(items, related, strict=True)
        }
        with store.writing():
            store.save_items(items, datetime(2025, 11, 2, tzinfo=UTC), ready)

    def counted():
        real = store.conn.execute("select count(*) from items where related = 1").fetchone()[0]
        return store.count_items(related_only=True), real

    stored(1, [True, False, True])
    assert counted() == (2, 2)
    trigger = (
        "create trigger items_related_ai after insert on items when new.related = 1 begin "
        "update item_counts set n = n + 1 where name = 'related'; end"
    )
    as_before(store, migrations._count_new_items_in_the_writer, trigger)
    store = Store(path)
    stored(4, [True, True, False])
    assert counted() == (4, 4)
    store.close()


def test_new_items_reach_the_search_index_once(tmp_path):
    """The statement that stores new items indexes their words (no trigger: it doubled the
    cost); they are found, the index agrees with the items, and a store upgraded from one
    whose trigger indexed them indexes new items once, not twice."""
    path = tmp_path / "s.db"
    store = Store(path)

    def stored(*texts: str) -> None:
        items = [_item(store.count_items() + n, text) for n, text in enumerate(texts, start=1)]
        with store.writing():
            store.save_items(items, datetime(2025, 11, 2, tzinfo=UTC))

    def index_agrees() -> bool:
        try:
            store.conn.execute("insert into items_fts (items_fts) values ('integrity-check')")
        except sqlite3.DatabaseError:
            return False
        return True

    stored("convoy waits at the crossing", "wheat prices")
    assert [r["guid"] for r in store.search("convoy")] == ["g1"] and index_agrees()
    trigger = (
        "create trigger items_ai after insert on items begin "
        "insert into items_fts (rowid, title, text) values (new.rowid, new.title, new.text); end"
    )
    as_before(store, migrations._index_new_items_in_the_writer, trigger)
    store = Store(path)
    stored("envoy arrives in Doha")
    assert index_agrees() and [r["guid"] for r in store.search("envoy")] == ["g3"]
    store.close()


def test_search_finds_a_word_in_any_of_its_forms_after_the_index_is_rebuilt(tmp_path):
    path = tmp_path / "old.db"
    store = Store(path)
    item = _item(1, "Talks collapsed in Abu Dhabi as the crossings stayed closed.")
    with store.writing():
        store.save_items([item], datetime(2025, 11, 2, tzinfo=UTC))
    # An index of whole words, as databases before stems had.
    store.conn.execute("drop table items_fts")
    store.conn.execute(
        "create virtual table items_fts using fts5 (title, text, content=items, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    store.conn.execute("insert into items_fts (items_fts) values ('rebuild')")
    store.conn.execute(f"pragma user_version = {len(migrations.MIGRATIONS) - 1}")
    store.conn.commit()
    assert store.search("talk collapse") == []
    store.close()

    store = Store(path)
    for query in ("talk collapse", "crossing", "Talks collapsed", "abu dha"):
        assert [row["key"] for row in store.search(query)] == [item.key], query
    assert store.search("ceasefire") == []
    store.close()


def test_a_database_behind_this_version_is_told_apart(tmp_path):
    path = tmp_path / "s.db"
    assert not migrations.behind(path)  # none yet: nothing to update
    Store(path).close()
    assert not migrations.behind(path)
    conn = sqlite3.connect(path)
    conn.execute(f"pragma user_version = {len(migrations.MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    assert migrations.behind(path)
    Store(path).close()
    assert not migrations.behind(path)
