"""An item prepared for extraction: its sentences and the date its words are relative to."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from feeds.dates import DateMention, find_dates
from feeds.sentences import Sentence, split_sentences


@dataclass(frozen=True, slots=True)
class Article:
    key: str
    guid: str
    feed: str
    link: str
    title: str
    text: str
    published: date
    reference: date  # what "on Friday" is counted from: the newest version's date
    # Filled on first use (a derive holds tens of thousands of articles that are never read
    # again, so they carry no dictionaries of their own).
    _sentences: list[Sentence] | None = field(default=None, compare=False, repr=False)
    _dates: dict[str, list[DateMention]] | None = field(default=None, compare=False, repr=False)

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            object.__setattr__(self, "_sentences", split_sentences(self.text))
        return self._sentences  # type: ignore[return-value]

    def dates(self, sentence: str) -> list[DateMention]:
        """The sentence's dates (each sentence is read once, whoever asks)."""
        if self._dates is None:
            object.__setattr__(self, "_dates", {})
        found = self._dates.get(sentence)  # type: ignore[union-attr]
        if found is None:
            found = self._dates[sentence] = find_dates(sentence, self.reference)  # type: ignore[index]
        return found

    def sentence_at(self, offset: int) -> Sentence | None:
        index = self.sentence_index(offset)
        return None if index is None else self.sentences[index]

    def sentence_index(self, offset: int) -> int | None:
        """The number of the sentence at a text offset (a binary search: an item of thousands
        of sentences and quotes asks for every quote's)."""
        sentences = self.sentences
        index = bisect_right(sentences, offset, key=_start) - 1  # the last starting at or before
        if index >= 0 and offset < sentences[index].end + 1:
            return index
        return None


# Facts are read from an item's first 100,000 characters (news runs to a few thousand): every
# reader's work grows with the text, and a hostile item of megabytes held a worker for minutes.
MAX_READ = 100_000


def article(row: dict[str, Any], timezone: str) -> Article:
    """Builds an Article from a stored item row; dates are read in the situation's time zone."""
    zone = ZoneInfo(timezone)
    published = _local(row.get("published") or row.get("first_seen"), zone)
    updated = _local(row.get("updated"), zone)
    reference = (
        max(d for d in (published, updated) if d is not None)
        if (published or updated)
        else date.today()
    )
    return Article(
        key=row["key"],
        guid=row["guid"],
        feed=row["feed"],
        link=row.get("link") or "",
        title=row.get("title") or "",
        text=(row.get("text") or "")[:MAX_READ],
        published=published or reference,
        reference=reference,
    )


def _start(sentence: Sentence) -> int:
    return sentence.start


_DAYS: dict[date, date] = {}  # one object per calendar day, however many articles hold it


def _local(stamp: str | None, zone: ZoneInfo) -> date | None:
    if not stamp:
        return None
    day = datetime.fromisoformat(stamp).astimezone(zone).date()
    return _DAYS.setdefault(day, day)
