"""From related items to facts with evidence: talks, border status, statements.

Each item is read once (feeds/item_facts.py); the facts are then put together across items:
statements merged, observations ordered into each crossing's history, mentions grouped into
rounds of talks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from feeds.borders import accepted_crossings, border_status_from
from feeds.config import Config
from feeds.item_facts import ItemFacts, ItemReader
from feeds.reading import Article, article
from feeds.statements import Statement
from feeds.talks import schedule_from


def extract(items: list[dict[str, Any]], config: Config) -> dict[str, list[dict[str, Any]]]:
    """All facts the given related items support (every item read afresh)."""
    reader = ItemReader(config)
    articles = [article(row, config.situation.timezone) for row in items]
    return aggregate(config, [(art, reader.read(art)) for art in articles])


def aggregate(
    config: Config, read: list[tuple[Article, ItemFacts]], today: date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Puts the facts of every item together. `today` is the newest item's date, when the
    items that said nothing were left out of `read`."""
    read = sorted(read, key=lambda pair: (pair[0].published, pair[0].key))
    if today is None:
        today = max((art.reference for art, _ in read), default=date.today())
    crossings = accepted_crossings(config, [facts.discovered for _, facts in read])
    return {
        "talks": schedule_from([m for _, facts in read for m in facts.mentions], today),
        "borders": border_status_from(
            config, [o for _, f in read for o in f.observations], crossings
        ),
        "statements": merge_statements([s for _, facts in read for s in facts.statements]),
    }


def statements(config: Config, articles: list[Article]) -> list[dict[str, Any]]:
    """Statements of a list of items (no cache)."""
    reader = ItemReader(config)
    ordered = sorted(articles, key=lambda a: (a.published, a.key))
    return merge_statements([s for art in ordered for s in reader.read(art).statements])


_RECENT = 300


def merge_statements(found: list[Statement]) -> list[dict[str, Any]]:
    """Every statement once: the same words from the same speaker in several items are one,
    sourced to the first item that carried them (items arrive oldest first)."""
    by_speaker: dict[str, list[int]] = defaultdict(list)
    exact: dict[tuple[str, str], int] = {}
    merged: list[Statement] = []
    also: list[list[Article]] = []
    seen: list[set[str]] = []
    for statement in found:
        speaker = statement.speaker.casefold()
        same_speaker = by_speaker[speaker]
        twin = exact.get((speaker, _words(statement.quote)))
        if twin is None:  # a part quoted again is usually quoted soon: look at recent ones only
            recent = same_speaker[-_RECENT:]
            twin = next((i for i in reversed(recent) if _same_words(merged[i], statement)), None)
        if twin is None:
            exact[(speaker, _words(statement.quote))] = len(merged)
            same_speaker.append(len(merged))
            merged.append(statement)
            also.append([])
            seen.append({statement.article.guid})
        elif statement.article.guid not in seen[twin]:
            seen[twin].add(statement.article.guid)
            also[twin].append(statement.article)
    order = sorted(
        range(len(merged)),
        key=lambda i: (merged[i].date, merged[i].article.published),
        reverse=True,
    )
    return [_statement_row(replace(merged[i], also=tuple(also[i]))) for i in order]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_words(a: Statement, b: Statement) -> bool:
    """The same words, or one quoting part of the other."""
    wa, wb = _words(a.quote), _words(b.quote)
    return wa == wb or (min(len(wa), len(wb)) > 20 and (wa in wb or wb in wa))


def _statement_row(s: Statement) -> dict[str, Any]:
    art = s.article
    row = {
        "speaker": s.speaker,
        "role": s.role,
        "quote": s.quote,
        "date": s.date.isoformat(),
        "guid": art.guid,
        "feed": art.feed,
        "link": art.link,
        "sentence": s.sentence,
        "partial": s.partial,
        "known_speaker": s.known_speaker,
        "sources": [{"guid": a.guid, "feed": a.feed, "link": a.link} for a in s.also],
    }
    if s.pieces:
        row["fragments"] = list(s.pieces)
    return row
