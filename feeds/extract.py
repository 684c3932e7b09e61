"""From related items to facts with evidence: talks, border status, statements.

Each item is read once (feeds/item_facts.py); the facts are then put together across items:
statements merged, observations ordered into each crossing's history, mentions grouped into
rounds of talks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from feeds.borders import Observation, accepted_crossings, border_status_from
from feeds.config import Config
from feeds.item_facts import ItemFacts, ItemReader
from feeds.reading import Article, article
from feeds.sentence_refs import evidence_sentence
from feeds.statements import Statement, quote_words
from feeds.talks import Mention, schedule_from


def extract(items: list[dict[str, Any]], config: Config) -> dict[str, list[dict[str, Any]]]:
    """All facts the given related items support (every item read afresh)."""
    reader = ItemReader(config)
    articles = [article(row, config.situation.timezone) for row in items]
    return aggregate(config, [(art, reader.read(art)) for art in articles])


def oldest_first(art: Article) -> tuple:
    """The order items' facts are put together in: which item said a statement first, and
    how a crossing's reports follow each other, depend on it."""
    return (art.published, art.key)


def aggregate(
    config: Config, read: list[tuple[Article, ItemFacts]]
) -> dict[str, list[dict[str, Any]]]:
    """Puts the facts of every item together (as of the newest item's date)."""
    read = sorted(read, key=lambda pair: oldest_first(pair[0]))
    today = max((art.reference for art, _ in read), default=date.today())
    gathering = Gathering(config)
    for _, facts in read:
        gathering.add(facts)
    return gathering.facts(today)


class Gathering:
    """The facts of many items put together as the items come, oldest first: a derive reads
    them one at a time, and a statement said again becomes one more source of the first, not
    one more object held (at 50,000 related items most statements are such repeats)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.statements = StatementMerge()
        self.observations: list[Observation] = []
        self.mentions: list[Mention] = []
        self.discovered: list[tuple[str, ...]] = []

    def add(self, facts: ItemFacts) -> None:
        for statement in facts.statements:
            self.statements.add(statement)
        self.observations += facts.observations
        self.mentions += facts.mentions
        if facts.discovered:
            self.discovered.append(facts.discovered)

    def facts(self, today: date) -> dict[str, list[dict[str, Any]]]:
        """The facts, once, every kind at the same time."""
        return dict(self.each_kind(today))

    def each_kind(self, today: date) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """The facts, once, a kind at a time: each kind's gathered parts are let go as its
        facts are made, and a caller that writes each kind before asking for the next never
        holds the facts of every kind at once (at 50,000 related items, ~50 MB of them)."""
        # The parts are handed over, never named here: a name would hold them through the yield.
        yield "talks", schedule_from(self._hand_over("mentions", []), today)
        crossings = accepted_crossings(self.config, self.discovered)
        yield (
            "borders",
            border_status_from(self.config, self._hand_over("observations", []), crossings),
        )
        yield "statements", self._hand_over("statements", StatementMerge()).rows()

    def _hand_over(self, parts: str, empty: Any) -> Any:
        held = getattr(self, parts)
        setattr(self, parts, empty)
        return held


def statements(config: Config, articles: list[Article]) -> list[dict[str, Any]]:
    """Statements of a list of items (no cache)."""
    reader = ItemReader(config)
    merge = StatementMerge()
    for art in sorted(articles, key=oldest_first):
        for statement in reader.read(art).statements:
            merge.add(statement)
    return merge.rows()


_RECENT = 300


class StatementMerge:
    """Every statement once: the same words from the same speaker in several items are one,
    sourced to the first item that carried them (statements are added oldest item first)."""

    def __init__(self) -> None:
        self.by_speaker: dict[str, list[int]] = defaultdict(list)
        self.exact: dict[tuple[str, str], int] = {}
        self.merged: list[Statement] = []
        self.also: list[list[Article]] = []  # repeats too: a set per statement cost 4 MB

    def add(self, statement: Statement) -> None:
        merged = self.merged
        speaker = statement.speaker.casefold()
        same_speaker = self.by_speaker[speaker]
        twin = self.exact.get((speaker, quote_words(statement.quote)))
        if twin is None:  # a part quoted again is usually quoted soon: look at recent ones only
            recent = same_speaker[-_RECENT:]
            twin = next((i for i in reversed(recent) if _same_words(merged[i], statement)), None)
        if twin is None:
            self.exact[(speaker, quote_words(statement.quote))] = len(merged)
            same_speaker.append(len(merged))
            merged.append(statement)
            self.also.append([])
        else:
            self.also[twin].append(statement.article)

    def rows(self) -> list[dict[str, Any]]:
        merged = self.merged
        order = sorted(
            range(len(merged)),
            key=lambda i: (merged[i].date, merged[i].article.published),
            reverse=True,
        )
        return [_statement_row(replace(merged[i], also=self._sources(i))) for i in order]

    def _sources(self, index: int) -> tuple[Article, ...]:
        """The other items that carried a statement, each guid once, in the order they came."""
        seen = {self.merged[index].article.guid}
        sources = []
        for art in self.also[index]:
            if art.guid not in seen:
                seen.add(art.guid)
                sources.append(art)
        return tuple(sources)


def _same_words(a: Statement, b: Statement) -> bool:
    """The same words, or one quoting part of the other."""
    wa, wb = quote_words(a.quote), quote_words(b.quote)
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
        "sentence": evidence_sentence(art.key, s.sentence),
        "partial": s.partial,
        "known_speaker": s.known_speaker,
        "sources": [{"guid": a.guid, "feed": a.feed, "link": a.link} for a in s.also],
    }
    if s.pieces:
        row["fragments"] = list(s.pieces)
    return row
