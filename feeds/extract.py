"""From related items to facts with evidence: talks, border status, statements."""

from __future__ import annotations

import re
from typing import Any

from feeds.borders import border_status
from feeds.config import Config
from feeds.people import People
from feeds.reading import Article, article
from feeds.statements import Statement, statements_in
from feeds.talks import talks_schedule


def extract(items: list[dict[str, Any]], config: Config) -> dict[str, list[dict[str, Any]]]:
    """All facts the related items support, each with the item and sentence behind it."""
    articles = [article(row, config.situation.timezone) for row in items]
    articles.sort(key=lambda a: (a.published, a.key))
    return {
        "talks": talks_schedule(config, articles),
        "borders": border_status(config, articles),
        "statements": statements(config, articles),
    }


def statements(config: Config, articles: list[Article]) -> list[dict[str, Any]]:
    """Every statement once: the same words from the same speaker in several items are one."""
    people = People(config)
    merged: list[Statement] = []
    for art in articles:  # oldest first, so the first item to carry a quote is its source
        for found in statements_in(art, people):
            twin = next((s for s in merged if _same(s, found)), None)
            if twin is None:
                merged.append(found)
            elif art.guid != twin.article.guid and all(a.guid != art.guid for a in twin.also):
                merged[merged.index(twin)] = _with_source(twin, art)
    merged.sort(key=lambda s: (s.date, s.article.published), reverse=True)
    return [_statement_row(s) for s in merged]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _same(a: Statement, b: Statement) -> bool:
    """Same speaker and the same words (one may be a part of the other)."""
    if a.speaker.casefold() != b.speaker.casefold():
        return False
    wa, wb = " ".join(_words(a.quote)), " ".join(_words(b.quote))
    return wa == wb or (min(len(wa), len(wb)) > 20 and (wa in wb or wb in wa))


def _with_source(statement: Statement, art: Article) -> Statement:
    from dataclasses import replace

    return replace(statement, also=(*statement.also, art))


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
