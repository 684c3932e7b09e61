"""Derived facts: recomputed from stored items when items or config change, read once per item."""

from __future__ import annotations

import asyncio

import pytest

from feeds import migrations
from feeds.config import load_config
from feeds.demo import prepare_demo
from feeds.derive import extract_cached, rederive_if_stale
from feeds.extract import extract
from feeds.item_facts import ItemReader
from feeds.refresh import refresh
from feeds.store import Store
from tests.conftest import as_before


def test_cached_extraction_equals_a_fresh_one_and_reads_nothing_twice(tmp_path, monkeypatch):
    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    store = Store(db)
    fresh = extract(store.related_items(), config)
    reads = []
    original = ItemReader.read
    monkeypatch.setattr(
        ItemReader, "read", lambda self, art: reads.append(art.key) or original(self, art)
    )
    with store.writing():
        assert extract_cached(store, config) == fresh
    assert reads == []  # refresh() already read every item once
    renamed = config._replace(
        crossings=(config.crossings[0]._replace(name="Torkham Gate"),) + config.crossings[1:],
    )
    with store.writing():
        again = extract_cached(store, renamed)
    assert len(reads) == store.count_items(related_only=True)  # a config edit re-reads everything
    assert any(b["crossing"] == "Torkham Gate" for b in again["borders"])


def test_config_edit_needs_no_refetch(tmp_path):
    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    asyncio.run(asyncio.to_thread(refresh, config, db))
    store = Store(db)
    edited = config._replace(crossings=config.crossings[:1])
    with store.writing():
        rederive_if_stale(store, edited)
    assert [b["crossing"] for b in store.facts("borders")] == ["Torkham"]


def test_views_for_other_tools(tmp_path):
    import sqlite3

    config_path, db = prepare_demo(folder=tmp_path)
    refresh(load_config(config_path), db)
    with sqlite3.connect(db) as conn:
        borders = dict(conn.execute("select crossing, status from border_status").fetchall())
        assert borders["Torkham"] == "closed" and borders["Chaman"] == "partially_open"
        history = conn.execute(
            "select date, status, sentence from border_history where crossing = 'Chaman'"
        ).fetchall()
        assert [status for _, status, _ in history] == ["closed", "partially_open"]
        assert (
            conn.execute(
                "select count(*) from talks_schedule where status = 'scheduled'"
            ).fetchone()[0]
            == 1
        )
        assert (
            conn.execute(
                "select count(*) from statements where speaker = 'Khawaja Asif'"
            ).fetchone()[0]
            == 1
        )


def test_a_derive_holds_numbers_not_sentences(tmp_path):
    """Readings decoded for a derive keep each evidence sentence's number in its item (a
    small int, shared by Python) where the sentence was; the facts written hold a reference,
    and the sentences come back from the store only for them."""
    from feeds.item_facts import decode, resolve_sentences
    from feeds.reading import article
    from feeds.sentence_refs import SentenceRef, evidence_sentence

    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    store = Store(db)
    key, reading = next(
        (k, r) for k, r in store.conn.execute("select key, json from item_facts") if '"o": [{' in r
    )
    art = article(store.item(key), config.situation.timezone)
    lazy, eager = decode(reading, art, lazy=True), decode(reading, art)
    parts = [*lazy.statements, *lazy.observations, *lazy.mentions]
    assert parts and all(type(part.sentence) is int for part in parts)
    held = [evidence_sentence(part.article.key, part.sentence) for part in parts]
    assert all(isinstance(ref, SentenceRef) for ref in held)
    written = resolve_sentences({"evidence": held}, store.readings)
    assert written["evidence"] == [
        f.sentence for f in [*eager.statements, *eager.observations, *eager.mentions]
    ]
    store.close()


def test_readings_decoded_for_one_derive_share_equal_words(tmp_path):
    """What the facts keep of two readings (speakers, statuses, crossings, venues) is one
    object where equal: at 50,000 related items the same few names are held thousands of
    times."""
    from feeds.item_facts import decode
    from feeds.reading import article

    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    store = Store(db)
    shared: dict = {}
    decoded = [
        decode(reading, article(store.item(key), config.situation.timezone), shared, lazy=True)
        for key, reading in store.conn.execute("select key, json from item_facts")
    ]
    store.close()
    held = [
        value
        for facts in decoded
        for value in (
            *(s.speaker for s in facts.statements),
            *(o.crossing for o in facts.observations),
            *(o.status for o in facts.observations),
            *(m.venue for m in facts.mentions),
        )
    ]
    assert len(held) > len(set(held))  # the demo repeats names and statuses
    assert len({id(value) for value in held}) == len(set(held))


def test_news_about_something_else_does_not_re_derive_the_facts(tmp_path, server, monkeypatch):
    """Facts come from related items only: a refresh that brings only unrelated items leaves
    them as they are (at 100,000 items a derive takes seconds), one related item re-derives."""
    from feeds import derive
    from tests.conftest import RELATED, rss, write_config
    from tests.feed_server import Route

    server.routes["/a.xml"] = Route(rss(RELATED))
    config = load_config(write_config(tmp_path, {"A": server.url("/a.xml")}))
    db = tmp_path / "s.db"
    refresh(config, db)
    derived = []
    real = derive.derived_facts
    monkeypatch.setattr("feeds.derive.derived_facts", lambda *a: derived.append(1) or real(*a))
    unrelated = ("u-9", "Local football results", "The home side won by two goals.")
    server.routes["/a.xml"] = Route(rss(RELATED, unrelated))
    summary = refresh(config, db)
    assert (summary.new, derived) == (1, [])
    related = ("r-9", RELATED[1], RELATED[2] + " Talks will resume in Doha on Friday.")
    server.routes["/a.xml"] = Route(rss(RELATED, unrelated, related))
    summary = refresh(config, db)
    assert (summary.new, summary.related_new, derived) == (1, 1, [1])


@pytest.mark.parametrize("workers", ["none", "pool", "broken pool"])
def test_a_config_edit_reads_the_store_again_a_batch_at_a_time(tmp_path, monkeypatch, workers):
    """Every related item is read again after a config edit, in this process alone or beside
    worker processes, but never more than a few batches of them are held at once, and the
    facts are those of a fresh reading of everything; a pool that breaks loses no batch."""
    from concurrent.futures import Future

    import feeds.derive as derive

    class Broken:
        def submit(self, *args):
            done = Future()
            done.set_exception(RuntimeError("worker killed"))
            return done

        def shutdown(self, **kwargs):
            pass

    if workers != "none":
        monkeypatch.setattr(derive, "POOL_AFTER_ITEMS", 1)
        monkeypatch.setattr(derive, "WORKERS", 2)  # a pool on any machine
    if workers == "broken pool":
        monkeypatch.setattr(derive, "_reading_pool", lambda config: Broken())

    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    store = Store(db)
    renamed = config._replace(
        crossings=(config.crossings[0]._replace(name="Torkham Gate"),) + config.crossings[1:],
    )
    batches = []
    original = Store.add_item_facts
    monkeypatch.setattr(
        Store,
        "add_item_facts",
        lambda self, rows, stamp: batches.append(len(rows)) or original(self, rows, stamp),
    )
    monkeypatch.setattr(derive, "READ_BATCH", 3)
    here = []  # items read in this process (a worker process does not see this patch)
    read = ItemReader.read
    monkeypatch.setattr(ItemReader, "read", lambda self, art: here.append(1) or read(self, art))
    with store.writing():
        again = extract_cached(store, renamed)
    related = store.count_items(related_only=True)
    assert sum(batches) == related and len(batches) > 1 and max(batches) <= 3
    if workers == "pool":  # this process reads its share, the pool the rest
        assert 0 < len(here) < related
    else:
        assert len(here) == related
    monkeypatch.setattr(ItemReader, "read", read)
    assert again == extract(store.related_items(), renamed)
    store.close()


def test_items_that_say_nothing_are_not_held_but_still_date_the_facts(
    tmp_path, server, monkeypatch
):
    """A related item with no statement, status or talks is left out of what a derive holds;
    its date still counts as the newest news (a round of talks is past once news is newer)."""
    from datetime import UTC, datetime

    from feeds.extract import Gathering
    from tests.conftest import rss, write_config
    from tests.feed_server import Route

    talks = (
        "t-1",
        "Pakistan and Afghanistan to meet in Doha",
        "<p>Pakistan and Afghanistan will hold talks in Doha on Oct 25, officials said.</p>",
        datetime(2025, 10, 20, 9, 0, tzinfo=UTC),
    )
    quiet = (
        "q-1",
        "Pakistan and Afghanistan border markets",
        "<p>Pakistan and Afghanistan border markets were busy with shoppers.</p>",
        datetime(2025, 11, 3, 9, 0, tzinfo=UTC),
    )
    server.routes["/f.xml"] = Route(rss(talks, quiet))
    config = load_config(write_config(tmp_path, {"F": server.url("/f.xml")}))
    refresh(config, tmp_path / "s.db")
    store = Store(tmp_path / "s.db")
    held, gatherings, each_kind = set(), [], Gathering.each_kind

    def what_is_held(self, today):  # just before the facts are made (which lets the parts go)
        parts = [*self.mentions, *self.observations, *self.statements.merged]
        held.update(part.article.guid for part in parts)
        gatherings.append(self)
        return each_kind(self, today)

    monkeypatch.setattr(Gathering, "each_kind", what_is_held)
    with store.writing():
        facts = extract_cached(store, config)
    assert store.count_items(related_only=True) == 2 and held == {"t-1"}
    (spent,) = gatherings  # the facts made, nothing they came from is held any longer
    assert not (spent.mentions or spent.observations or spent.statements.merged)
    assert facts == extract(store.related_items(), config)
    # the quiet item's date counted: without it the round would still be to come
    status = [talk["status"] for talk in facts["talks"]]
    talks_only = [row for row in store.related_items() if row["guid"] == "t-1"]
    assert status == ["ongoing"] and [
        t["status"] for t in extract(talks_only, config)["talks"]
    ] == ["scheduled"]
    store.close()


def test_a_detail_view_finds_its_facts_without_decoding_every_one(tmp_path):
    """The store finds one item's evidence sentences and one speaker's statements inside the
    fact documents; the same as looking through the decoded documents."""
    config_path, db = prepare_demo(folder=tmp_path)
    refresh(load_config(config_path), db)
    store = Store(db)
    talks, borders, statements = (
        store.facts(kind, []) for kind in ("talks", "borders", "statements")
    )
    found_any = False
    for item in store.related_items():
        guid = item["guid"]
        expected = [e["sentence"] for t in talks for e in t["evidence"] if e["guid"] == guid]
        expected += [h["sentence"] for b in borders for h in b["history"] if h["guid"] == guid]
        expected += [s["sentence"] for s in statements if s["guid"] == guid]
        assert sorted(store.evidence_sentences(guid)) == sorted(expected)
        found_any = found_any or bool(expected)
    assert found_any
    for statement in statements:
        mine = store.facts_where("statements", guid=statement["guid"], speaker=statement["speaker"])
        assert statement in mine
        assert all(s["guid"] == statement["guid"] for s in mine)
    # Fields the small copy of the facts has are found through it, without SQLite parsing
    # the whole document: the same entries.
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    for statement in statements:
        found = store.facts_where(
            "statements", speaker=statement["speaker"], quote=statement["quote"]
        )
        assert found == [statement]
    for border in borders:
        assert store.facts_where("borders", crossing=border["crossing"]) == [border]
    for talk in talks:
        assert talk in store.facts_where("talks", location=talk["location"])
    store.conn.set_trace_callback(None)
    assert ran and not any("json_each" in sql for sql in ran)
    later = [{**talk, "start": "2030-01-01"} for talk in talks]  # a second round at each place
    with store.writing():
        store.put_facts({"talks": talks + later})
    for talk, again in zip(talks, later, strict=True):
        assert store.facts_where("talks", location=talk["location"]) == [talk, again]
    with store.writing():
        store.put_facts({"talks": talks})
    assert store.evidence_sentences("no such guid") == []
    # The look-up follows the facts when they are replaced...
    history = {h["guid"]: h["sentence"] for b in borders for h in b["history"]}
    guid, sentence = next(iter(history.items()))
    assert sentence in store.evidence_sentences(guid)
    with store.writing():
        store.put_facts({"borders": []})
    assert sentence not in store.evidence_sentences(guid)
    # ... and a database from before the look-up had its own index builds it from the facts.
    with store.writing():
        store.put_facts({"borders": borders})
    before = {
        item["guid"]: store.evidence_sentences(item["guid"]) for item in store.related_items()
    }
    as_before(store, migrations._fact_sentences, "drop table fact_sentences")
    store = Store(db)
    assert {g: store.evidence_sentences(g) for g in before} == before
    store.close()


@pytest.mark.parametrize("kept", ["told copy", "older store without one"])
def test_changes_are_told_against_a_small_copy_of_the_facts_they_replace(tmp_path, kept):
    """Beside each kind of fact the store keeps what telling a change needs (a crossing's
    status, a round's status, who said what), and a derive tells changes against it rather
    than decoding megabytes of evidence; a store written before that copy existed still gets
    its changes told, from the documents."""
    import json

    from feeds.changes import ESSENTIAL, essentials

    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    store = Store(db)
    for kind in ESSENTIAL:
        assert store.facts(f"{kind}:told") == essentials(kind, store.facts(kind))
    torkham = next(b for b in store.facts("borders") if b["crossing"] == "Torkham")
    assert torkham["status"] == "closed"
    with store.writing():
        if kept == "told copy":  # the copy, not the document, says what the status was
            told = [
                {**b, "status": "open"} if b["crossing"] == "Torkham" else b
                for b in store.told("borders")
            ]
            store.conn.execute(
                "update facts set json = ? where kind = 'borders:told'", [json.dumps(told)]
            )
        else:
            store.conn.execute("delete from facts where kind like '%:told'")
            borders = [
                {**b, "status": "open"} if b["crossing"] == "Torkham" else b
                for b in store.facts("borders")
            ]
            store.conn.execute(
                "update facts set json = ? where kind = 'borders'", [json.dumps(borders)]
            )
        store.bump_items_version()
        changes = rederive_if_stale(store, config)
    told = [(c["kind"], c["key"], c["was"], c["now"]) for c in changes]
    assert told == [("border", "Torkham", "open", "closed")]
    assert store.facts("borders:told") == essentials("borders", store.facts("borders"))
    store.close()
