"""Which sentence of which item supports a fact: the look-up an item's view highlights by.

Kept as rows beside the fact documents, written from the facts as they are put: looking
inside the documents took 55–70 ms per item at 50,000 related items, and having SQLite parse
them to build the rows took ~20 MB more at the peak of a refresh.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

_ENTRIES = {  # where a kind of fact keeps the reports behind it
    "talks": lambda fact: fact.get("evidence", ()),
    "borders": lambda fact: fact.get("history", ()),
    "statements": lambda fact: (fact,),
}


def sentence_rows(kind: str, facts: list[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """(kind, item guid, sentence) for every sentence behind the facts of one kind."""
    entries = _ENTRIES.get(kind)
    if entries is None or not isinstance(facts, list):
        return
    for fact in facts:
        for entry in entries(fact):
            if entry.get("guid") and entry.get("sentence"):
                yield kind, entry["guid"], entry["sentence"]


def file_sentences(conn: sqlite3.Connection, kind: str, facts: list[dict[str, Any]]) -> None:
    """Replaces the rows of one kind of fact (run whenever its facts are replaced)."""
    conn.execute("delete from fact_sentences where kind = ?", [kind])
    conn.executemany(
        "insert into fact_sentences (kind, guid, sentence) values (?, ?, ?)",
        sentence_rows(kind, facts),
    )
