"""The four panels: each a table, titled in its border, that renders its part of a Snapshot."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message

from feeds.store import SEARCH_LIMIT
from tui.display import (
    duration_since,
    literal,
    short_time,
    status_text,
    talks_when,
)
from tui.row_table import RowTable
from tui.snapshot import Snapshot

Row = tuple[str, list[Text], int]
NEW = Text("● ", style="bold magenta3")


class Panel(RowTable):
    """A panel is its table, titled in its border; subclasses say which columns and rows."""

    class Opened(Message):
        """Enter on a row: open its detail."""

        def __init__(self, panel: str, key: str) -> None:
            super().__init__()
            self.panel = panel
            self.key = key

    COLUMNS: tuple[str, ...] = ()
    TITLE = ""

    def __init__(self, number: int, **kwargs: Any) -> None:
        super().__init__(self.COLUMNS, **kwargs)
        self.number = number
        self.snapshot = Snapshot()
        self.fresh: set[str] = set()
        self.border_title = Text(f"{number} {self.TITLE}", style="bold")

    def show(self, snapshot: Snapshot, fresh: set[str], now: datetime) -> None:
        self.snapshot, self.fresh = snapshot, fresh
        rows = list(self.rows(snapshot, now))
        self.fill(rows)
        self.border_title = self.title_text(snapshot, len(rows))

    def title_text(self, snapshot: Snapshot, count: int) -> Text:
        return Text.assemble(
            (f"{self.number} ", "bold"), (self.TITLE, "bold"), (f"  {count:,}", "dim")
        )

    def rows(self, snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        return ()

    def mark(self, key: str) -> Text:
        return NEW.copy() if key in self.fresh else Text("")

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Opened(self.id or "", event.row_key))


def talk_key(talk: dict) -> str:
    return f"{talk['location']}|{talk['start']}"


class TalksPanel(Panel):
    TITLE = "Talks"
    COLUMNS = ("Round", "Dates", "Mediators", "Status", "When")

    def rows(self, snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        today = now.date()
        for talk in snapshot.talks:
            key = talk_key(talk)
            past = talk["status"] in ("concluded", "collapsed")
            dim = "dim" if past else ""
            dates = talk["start"] + (
                f" – {talk['end'][5:]}" if talk.get("end") and talk["end"] != talk["start"] else ""
            )
            when = talks_when(talk["status"], talk["start"], today)
            yield (
                key,
                [
                    self.mark(key) + literal(talk["name"], dim),
                    literal(dates, dim),
                    literal(", ".join(talk.get("mediators", [])), dim),
                    status_text(talk["status"]),
                    Text(when, style="bold dodger_blue2" if when else ""),
                ],
                1,
            )


class BordersPanel(Panel):
    TITLE = "Borders"
    COLUMNS = ("Crossing", "Status", "Since", "For", "Last report", "")

    def rows(self, snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        today = now.date()
        for border in snapshot.borders:
            key = border["crossing"]
            conflict = (
                Text("⚠ conflicting", style="yellow") if border.get("conflicting") else Text("")
            )
            yield (
                key,
                [
                    self.mark(key) + literal(key, "bold"),
                    status_text(border["status"]),
                    literal(border.get("since") or "?"),
                    literal(duration_since(border.get("since"), today)),
                    literal(border.get("as_of") or ""),
                    conflict,
                ],
                1,
            )


def statement_key(statement: dict) -> str:
    return f"{statement['guid']}|{statement['speaker']}|{statement['quote'][:80]}"


class StatementsPanel(Panel):
    TITLE = "Statements"
    COLUMNS = ("Who", "Quote")
    wrapped_for = 0  # the panel width the quotes shown were wrapped for

    def on_resize(self, event: events.Resize) -> None:
        """Quotes are wrapped to the panel's width: a new width wraps them again."""
        if self.snapshot.statements and self.size.width != self.wrapped_for:
            self.show(self.snapshot, self.fresh, getattr(self.app, "clock", now_local)())

    def rows(self, snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        self.wrapped_for = self.size.width
        width = max(20, self.size.width - 32) if self.size.width else 50
        for statement in snapshot.statements:
            key = statement_key(statement)
            lines = textwrap.wrap(f"“{statement['quote']}”", width=width) or [""]
            who = self.mark(key) + literal(_clip(statement["speaker"], 24), "bold")
            if statement.get("role"):
                who.append_text(Text("\n") + literal(_clip(statement["role"], 24), "dim"))
            sources = statement.get("sources_total", len(statement.get("sources", [])))
            said = f"{statement.get('date') or ''} {_clip(statement['feed'], 12)}" + (
                f" +{sources}" if sources else ""
            )
            who.append_text(Text("\n") + literal(said, "dim"))
            yield key, [who, Text("\n".join(lines))], max(len(lines), 3)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


TITLE_CHARS = 300  # the table cuts a title to its column; this only bounds a hostile one
PAGE_AHEAD = 10  # rows before the end at which the next page is asked for


class NewsPanel(Panel):
    TITLE = "News"
    COLUMNS = ("", "Time", "Source", "Title")

    class NeedsMore(Message):
        """The cursor is near the last row shown: time to load the next page."""

        def __init__(self, after: tuple[str, str]) -> None:
            super().__init__()
            self.after = after

    def __init__(self, number: int, **kwargs: Any) -> None:
        super().__init__(number, **kwargs)
        self.search: tuple[str, tuple[dict, ...]] | None = None
        self.older: list[dict] = []  # pages loaded past the snapshot's first page
        self.asked: tuple[str, str] | None = None

    def shown(self, snapshot: Snapshot, with_search: bool = True) -> list[dict]:
        if self.search is not None and with_search:
            return list(self.search[1])
        return [*snapshot.items, *self.older]  # add_page keeps the two apart

    def show(self, snapshot: Snapshot, fresh: set[str], now: datetime) -> None:
        if snapshot is not self.snapshot:
            # A reload brings the newest rows afresh, as many as were paged in when it was
            # asked for; rows the reader has paged in since stay below them, in order, so
            # nobody deep in the stream is sent back to the top.
            before = [*self.snapshot.items, *self.older]
            fresh_keys = {item["key"] for item in snapshot.items}
            self.older = [
                item
                for item in (_after(before, snapshot.items[-1]) if snapshot.items else [])
                if item["key"] not in fresh_keys
            ]
            self.asked = None
        super().show(snapshot, fresh, now)

    def add_page(self, items: list[dict], now: datetime) -> None:
        """Appends older items below the rows shown, without refilling the table."""
        shown = {item["key"] for item in self.shown(self.snapshot)}
        fresh = [item for item in items if item["key"] not in shown]
        self.older += fresh
        self.add_rows(list(self._rows(fresh, self.snapshot, now)))

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        rows = self.row_count
        if self.search is not None or event.cursor_row < rows - PAGE_AHEAD:
            return  # every keypress lands here: nothing more than two comparisons
        if rows >= self.snapshot.related_total or not (self.older or self.snapshot.items):
            return  # everything is already in the table
        last = (self.older or self.snapshot.items)[-1]
        after = (last.get("sort_at") or "", last["key"])
        if after != self.asked:
            self.asked = after
            self.post_message(self.NeedsMore(after))

    def title_text(self, snapshot: Snapshot, count: int) -> Text:
        if self.search is not None:
            query, results = self.search
            found = _found(len(results))
            return Text.assemble(
                ("4 News", "bold"),
                "  search: ",
                literal(query, "italic"),
                (f"  {found} — Esc clears", "dim"),
            )
        return Text.assemble(("4 News", "bold"), (f"  {snapshot.related_total:,} related", "dim"))

    def rows(self, snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        return self._rows(self.shown(snapshot), snapshot, now)

    def _rows(self, items: Iterable[dict], snapshot: Snapshot, now: datetime) -> Iterable[Row]:
        for item in items:
            unread = self.search is None and (snapshot.last_visit or "") < (
                item.get("first_seen") or ""
            )
            carried = item.get("carried_by", 1) or 1
            source = literal(_clip(item["feed"], 14)) + (
                Text(f" +{carried - 1}", "dim") if carried > 1 else Text("")
            )
            yield (
                item["key"],
                [
                    Text("•", style="bold magenta3") if unread else Text(" "),
                    literal(short_time(item.get("published") or item.get("first_seen"), now)),
                    source,
                    literal(_clip(item["title"], TITLE_CHARS), "bold" if unread else ""),
                ],
                1,
            )


def _after(items: list[dict], last: dict) -> list[dict]:
    """The items the stream shows below `last` (newest first, then by key: store paging)."""
    stamp, key = last.get("sort_at") or "", last["key"]
    return [
        item
        for item in items
        if (item.get("sort_at") or "") < stamp
        or ((item.get("sort_at") or "") == stamp and item["key"] > key)
    ]


def now_local() -> datetime:
    return datetime.now().astimezone()


def _found(count: int) -> str:
    """What a search found: a search lists the newest SEARCH_LIMIT matches, so a full list
    says there may be more."""
    if not count:
        return "no match"
    return f"the newest {count:,} shown" if count >= SEARCH_LIMIT else f"{count:,} found"
