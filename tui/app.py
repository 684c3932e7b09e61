"""The sitmon dashboard: four live panels over the store, refreshed in a worker."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Grid
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from feeds.config import Config
from feeds.listing import first_and_newest
from feeds.store import Store
from tui.collector import QuietCollector
from tui.detail import FactScreen, ItemScreen, listed_note, open_link
from tui.footer import KeyFooter
from tui.panels import (
    BordersPanel,
    NewsPanel,
    Panel,
    StatementsPanel,
    TalksPanel,
    now_local,
    statement_key,
    talk_key,
)
from tui.row_table import RowTable
from tui.snapshot import Snapshot, load_snapshot
from tui.status_line import StatusLine

if TYPE_CHECKING:
    from feeds.refresh_apart import RefreshProcess
    from feeds.summary import RefreshSummary

PANELS = ("talks", "borders", "statements", "news")
NEWS_PAGE = 50  # older news items loaded at a time as the cursor goes down (one quick add)
HISTORY_LINES = 10  # a crossing's changes written out above its evidence; past that, its ends:
HISTORY_FIRST = 2  # the first changes, then the latest


class SnapshotLoaded(Message):
    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__()
        self.snapshot = snapshot


class RefreshFinished(Message):
    def __init__(self, summary: RefreshSummary) -> None:
        super().__init__()
        self.summary = summary


class SearchFinished(Message):
    def __init__(self, query: str, results: tuple[dict, ...]) -> None:
        super().__init__()
        self.query = query
        self.results = results


class SitmonApp(App):
    """Talks, borders, statements and news for one situation."""

    CSS_PATH = "app.tcss"
    TITLE = "sitmon"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("tab", "focus_next_panel", "Next panel", id="next_panel", show=False),
        Binding(
            "shift+tab", "focus_previous_panel", "Previous panel", id="previous_panel", show=False
        ),
        Binding("1", "jump(0)", "Talks", id="jump_talks"),
        Binding("2", "jump(1)", "Borders", id="jump_borders"),
        Binding("3", "jump(2)", "Statements", id="jump_statements"),
        Binding("4", "jump(3)", "News", id="jump_news"),
        Binding("j", "cursor('down')", "Down", id="down", show=False),
        Binding("k", "cursor('up')", "Up", id="up", show=False),
        Binding("slash", "search", "Search", id="search"),
        Binding("o", "open_link", "Open link", id="open_link", show=False),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("escape", "clear_search", "Clear search", id="clear_search", show=False),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    # init=False: the first fill is on_mount's, from the store (not one of empty panels first)
    snapshot: reactive[Snapshot] = reactive(Snapshot, always_update=True, init=False)
    fetching: reactive[bool] = reactive(False)

    def __init__(
        self,
        config: Config,
        db: Path,
        *,
        live: bool = True,
        clock: Callable[[], datetime] = now_local,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.config = config
        self.db = db
        self.live = live
        self.fresh: set[str] = set()
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        self.last_summary: RefreshSummary | None = None
        self.manual_refresh = False
        self.refresher: RefreshProcess | None = None
        self.collector = QuietCollector()
        if config.keys:
            self.set_keymap(dict(config.keys))

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine(self.config.situation.name, id="status")
        with Grid(id="panels"):
            yield TalksPanel(1, id="talks")
            yield BordersPanel(2, id="borders")
            yield StatementsPanel(3, id="statements")
            yield NewsPanel(4, id="news")
        yield KeyFooter()  # the search box is mounted above it when first asked for

    def on_mount(self) -> None:
        self.panel(0).focus()
        # First paint from what is already stored, before any network; later loads use a worker.
        # At least a screenful of news, however tall the terminal: later pages come only as
        # the cursor nears the end of what is there.
        self.snapshot = load_snapshot(self.db, self.config, news_rows=self.size.height)
        if self.live:
            self.call_later(self.action_refresh, False)
        self.set_interval(15, self._tick)
        self.call_after_refresh(self.collector.start)
        self.set_interval(0.25, self.collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.note_input()  # full collections wait for a pause in the typing
        await super().on_event(event)

    def _tick(self) -> None:
        for status in self.query(StatusLine):  # none while the screen is taken down
            status.update_clock(self.snapshot, self.fetching, self.clock())

    def panel(self, index: int) -> Panel:
        return self.query_one(f"#{PANELS[index]}", Panel)

    # -- data flow: workers post, handlers assign, watchers render ----------------------------

    def load(self) -> None:
        """A fresh snapshot, as deep into the news as the reader has scrolled."""
        news = self.query_one(NewsPanel)
        self._load(len(news.shown(self.snapshot, with_search=False)))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, news_rows: int) -> None:
        self.post_message(SnapshotLoaded(load_snapshot(self.db, self.config, news_rows)))

    def on_snapshot_loaded(self, message: SnapshotLoaded) -> None:
        self.snapshot = message.snapshot

    def watch_snapshot(self, snapshot: Snapshot) -> None:
        now = self.clock()
        try:
            panels = [self.panel(index) for index in range(4)]
            status = self.query_one(StatusLine)
        except NoMatches:  # a load that lands while the screen is taken down: nothing to show
            return
        for panel in panels:
            panel.show(snapshot, self.fresh, now)
        status.update_clock(snapshot, self.fetching, now)

    def watch_fetching(self, fetching: bool) -> None:
        if self.is_mounted:
            self.query_one(StatusLine).update_clock(self.snapshot, fetching, self.clock())

    def action_refresh(self, manual: bool = True) -> None:
        if self.fetching:
            self.notify("A refresh is already running.", markup=False)
            return
        self.fetching = True
        self.manual_refresh = manual
        self.run_refresh()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def run_refresh(self) -> None:
        # In a process of its own: the screen keeps the interpreter to itself, and leaving
        # the dashboard stops it at once (run() asks `wanted`; on_unmount stops it too).
        from feeds.refresh_apart import RefreshProcess

        self.refresher = RefreshProcess()
        summary = self.refresher.run(self.config, self.db, wanted=lambda: self.is_running)
        self.post_message(RefreshFinished(summary))

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.fetching = False
        self.last_summary = message.summary
        if (
            self.manual_refresh
        ):  # asked for: say what happened (the status line shows failing feeds)
            self.notify(message.summary.line(), title="Refreshed", markup=False, timeout=5)
            for name, reason in message.summary.failures:
                self.notify(
                    f"{name}: {reason}", title="Feed failed", severity="warning", markup=False
                )
        self._announce(message.summary.changes)
        self.load()
        self._arm_timer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Worker errors end here: the dashboard stays up and says what went wrong."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "refresh":
            self.fetching = False
            self._arm_timer()
        self.notify(
            f"{event.worker.group} failed: {error}", severity="error", markup=False, timeout=10
        )

    def _arm_timer(self) -> None:
        """The next refresh is scheduled when this one ends, so runs never overlap."""
        if self.live:
            self.set_timer(self.config.fetch.interval, lambda: self.action_refresh(manual=False))

    def _announce(self, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            if change["kind"] == "statement" and not change.get("known_speaker"):
                continue
            self.fresh.add(self._row_key(change))
            self.notify(
                change["text"], title=_change_title(change["kind"]), markup=False, timeout=8
            )
        if changes and self.config.bell:
            self.bell()

    def _row_key(self, change: dict[str, Any]) -> str:
        if change["kind"] == "border":
            return change["key"]
        if change["kind"] == "talks":
            match = next(
                (t for t in self.snapshot.talks if f"{t['name']} {t['start']}" == change["key"]),
                None,
            )
            return talk_key(match) if match else change["key"]
        return change["key"]

    # -- navigation ----------------------------------------------------------------------------

    def _focused_index(self) -> int:
        focused = self.focused
        for index in range(4):
            if focused is self.panel(index):
                return index
        return -1

    def action_jump(self, index: int) -> None:
        self._to_dashboard()
        self.panel(index).focus()

    def _to_dashboard(self) -> None:
        """The number keys and / act on the dashboard from any view: the views opened on top
        of it close (the footer of a view shows those keys too)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_focus_next_panel(self) -> None:
        self.action_jump((self._focused_index() + 1) % 4)

    def action_focus_previous_panel(self) -> None:
        self.action_jump((self._focused_index() - 1) % 4)

    def action_cursor(self, direction: str) -> None:
        if isinstance(self.focused, RowTable):
            self.focused.action_cursor_down() if direction == "down" else self.focused.action_cursor_up()

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self.fresh.discard(event.row_key)

    def action_open_link(self) -> None:
        """In the news panel, the highlighted item's link in the browser (http/https only)."""
        news = self.query_one(NewsPanel)
        key = news.current_key() if self.focused is news else None
        item = self._read(lambda store: store.item(key)) if key else None
        if item is None or not open_link(item.get("link") or ""):
            self.notify("Nothing to open here: choose an item in News (4).", markup=False)

    def _read(self, read: Callable[[Store], Any]) -> Any:
        """One short read on a connection of the calling thread's own."""
        store = Store(self.db)
        try:
            return read(store)
        finally:
            store.close()

    def action_help(self) -> None:
        from tui.help import HelpScreen  # only when asked for: not part of the first frame

        self.push_screen(HelpScreen(self.BINDINGS, self))

    # -- search ------------------------------------------------------------------------------

    def _search_box(self) -> Input | None:
        """The search box, once it has been opened (it costs the first frame ~5 ms)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        self._to_dashboard()
        search = self._search_box()
        if search is None:
            search = Input(
                placeholder="Search the news (Enter to search, Esc to close)", id="search"
            )
            self.mount(search, before=self.query_one(KeyFooter))
        search.display = True
        search.focus()

    def on_news_panel_needs_more(self, message: NewsPanel.NeedsMore) -> None:
        self.load_page(message.after)

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    def load_page(self, after: tuple[str, str]) -> None:
        items = self._read(
            lambda store: store.related_items(limit=NEWS_PAGE, one_per_story=True, after=after)
        )
        self.call_from_thread(self.query_one(NewsPanel).add_page, items, self.clock())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        self.post_message(
            SearchFinished(query, self._read(lambda store: tuple(store.search(query))))
        )

    def on_search_finished(self, message: SearchFinished) -> None:
        news = self.query_one(NewsPanel)
        news.search = (message.query, message.results)
        news.show(self.snapshot, self.fresh, self.clock())
        if search := self._search_box():
            search.display = False
        news.focus()

    def action_clear_search(self) -> None:
        search = self._search_box()
        news = self.query_one(NewsPanel)
        if search and search.display:
            search.display = False
            news.focus()
        elif news.search is not None:
            news.search = None
            news.show(self.snapshot, self.fresh, self.clock())

    # -- detail --------------------------------------------------------------------------------

    def on_panel_opened(self, message: Panel.Opened) -> None:
        self.fresh.discard(message.key)
        if message.panel == "news":
            self.open_item_key(message.key)
        elif message.panel == "borders":
            self._open_border(message.key)
        elif message.panel == "talks":
            self._open_talk(message.key)
        elif message.panel == "statements":
            self._open_statement(message.key)

    def _open_border(self, key: str) -> None:
        border = self._fact("borders", crossing=key)
        if border is None:
            return
        title = Text.assemble(
            (f"{key}: ", "bold"),
            border["status"].replace("_", " "),
            f" since {border.get('since') or '?'}",
            ("  ⚠ reports conflict" if border.get("conflicting") else "", "yellow"),
        )
        history = border["history"]
        lines = [Text("History (changes of status, oldest first):", style="bold")]
        if len(history) <= HISTORY_LINES:
            lines += map(_change_line, history)
        else:  # the first changes and the latest, the ones in between counted
            first, last = history[:HISTORY_FIRST], history[HISTORY_FIRST - HISTORY_LINES :]
            skipped = Text(f"  … {len(history) - HISTORY_LINES:,} more changes …", style="dim")
            lines += [*map(_change_line, first), skipped, *map(_change_line, last)]
        listed = first_and_newest(history)
        lines += listed_note(len(history), len(listed), "changes")
        self.push_screen(FactScreen(title, lines, list(reversed(listed))))

    def _fact(self, kind: str, **fields: str) -> dict[str, Any] | None:
        """The one fact of a kind with these fields (a crossing's name, a round's place and
        start, a statement's speaker and words), all its evidence included."""
        found = self._read(lambda store: store.facts_where(kind, **fields))
        return found[0] if found else None

    def _open_talk(self, key: str) -> None:
        shown = next((t for t in self.snapshot.talks if talk_key(t) == key), None)
        if shown is None:
            return
        talk = self._fact("talks", location=shown["location"], start=shown["start"])
        if talk is None:
            return
        title = Text.assemble((talk["name"], "bold"), f"  {talk['status']}")
        dates = talk["start"] + (f" to {talk['end']}" if talk.get("end") else "")
        lines = [
            Text(f"Where: {talk['location']}    When: {dates}"),
            Text(f"Mediators: {', '.join(talk.get('mediators', [])) or 'none reported'}"),
        ]
        total = talk.get("evidence_total", len(talk["evidence"]))
        lines += listed_note(total, len(talk["evidence"]), "reports", exported=False)
        self.push_screen(FactScreen(title, lines, list(reversed(talk["evidence"]))))

    def _open_statement(self, key: str) -> None:
        shown = next((s for s in self.snapshot.statements if statement_key(s) == key), None)
        if shown is None:
            return
        statement = self._fact("statements", speaker=shown["speaker"], quote=shown["quote"])
        if statement is None:
            return
        title = Text.assemble((statement["speaker"], "bold"), f"  {statement.get('role', '')}")
        lines = [
            Text(f"“{statement['quote']}”"),
            Text(f"Said: {statement.get('date')}", style="dim"),
        ]
        evidence = [
            {
                "guid": statement["guid"],
                "feed": statement["feed"],
                "link": statement["link"],
                "date": statement.get("date", ""),
                "sentence": statement.get("sentence", ""),
            }
        ]
        sources = statement.get("sources", [])
        evidence += [
            {**s, "date": "", "sentence": "(the same words)"} for s in first_and_newest(sources)
        ]
        lines += listed_note(len(sources), len(evidence) - 1, "other items carry these words")
        self.push_screen(FactScreen(title, lines, evidence))

    def open_item(self, guid: str, highlight: list[str] | None = None, feed: str = "") -> None:
        key = self._read(lambda store: store.key_of(guid, feed))
        if key:
            self.open_item_key(key, highlight)

    def open_item_key(self, key: str, highlight: list[str] | None = None) -> None:
        item = self._read(lambda store: store.item(key))
        if item is None:
            return
        sources = self._read(lambda store: store.story_sources(item["story"]))
        marks = (
            highlight
            if highlight is not None
            else self._read(lambda store: store.evidence_sentences(item["guid"]))
        )
        self.push_screen(ItemScreen(item, sources, marks))

    # -- command palette and exit ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if (
                isinstance(binding, Binding)
                and binding.description
                and binding.id not in ("down", "up")
            ):
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    f"sitmon: {binding.description} ({binding.key})",
                    lambda action=action: self.run_action(action),
                )

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.refresher is not None:
            self.refresher.stop()
        try:
            store = Store(self.db)
            with store.writing():
                store.set_meta("last_visit", self.started)
            store.close()
        except Exception:  # leaving must never fail because the database is busy
            pass


def _change_title(kind: str) -> str:
    return {"border": "Border status changed", "talks": "Talks", "statement": "New statement"}.get(
        kind, kind
    )


def make_app(
    config: Config,
    db: Path,
    *,
    live: bool = True,
    clock: Callable[[], datetime] = now_local,
) -> SitmonApp:
    """The one factory the CLI and the tests use (tests pass a frozen clock)."""
    return SitmonApp(config, db, live=live, clock=clock)


def _change_line(change: dict[str, Any]) -> Text:
    return Text(f"  {change['date']}  {change['status'].replace('_', ' ')}")
