"""The real app under Pilot, on a store seeded by the real refresh from local feed files."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from feeds.config import load_config
from feeds.demo import prepare_demo
from feeds.refresh import refresh
from feeds.store import SEARCH_LIMIT, Store
from tests.conftest import SITUATION, rss
from tui.app import make_app
from tui.detail import FactScreen, ItemScreen
from tui.row_table import RowTable
from tui.snapshot import NEWS_ROWS

SIZE = (160, 48)


@pytest.fixture
def demo(tmp_path: Path):
    config_path, db = prepare_demo(folder=tmp_path)
    config = load_config(config_path)
    refresh(config, db)
    return config, db


def cells(app, panel: str) -> list[str]:
    table = app.query_one(f"#{panel}", RowTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_panels_show_the_situation(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        talks = cells(app, "talks")
        assert any(
            "Istanbul round" in row and "scheduled" in row and "in 2 days" in row for row in talks
        )
        assert any("Doha round" in row and "concluded" in row for row in talks)
        borders = cells(app, "borders")
        assert any(row.startswith("Torkham closed") and "16 days" in row for row in borders)
        assert any(row.startswith("Chaman partly open") for row in borders)
        statements = cells(app, "statements")
        assert any(
            "Khawaja Asif" in row and "If there is no agreement in Istanbul" in row
            for row in statements
        )
        news = cells(app, "news")
        assert "Traders count losses as Torkham stays shut" in news[0]
        assert not any("Qalandars" in row for row in news)  # excluded word: not related


async def test_keyboard_moves_between_and_inside_panels(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert app.focused.id == "talks"
        await pilot.press("tab")
        assert app.focused.id == "borders"
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused.id == "news"
        await pilot.press("3")
        assert app.focused.id == "statements"
        await pilot.press("2", "j", "j")
        assert app.focused.cursor_row == 2
        await pilot.press("k")
        assert app.focused.cursor_row == 1


async def test_enter_opens_history_and_evidence_then_the_item(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await pilot.press("2", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, FactScreen)
        assert screen.heading.plain.startswith("Torkham: closed since")
        assert "halting trade at Torkham" in screen.evidence[0]["sentence"]
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ItemScreen)
        body = app.screen._body()
        highlighted = [body.plain[s.start : s.end] for s in body.spans if "reverse" in str(s.style)]
        assert any("halting trade at Torkham" in text for text in highlighted)
        await pilot.press("escape", "escape")
        assert app.focused.id == "borders"


async def test_evidence_opens_the_item_of_its_own_feed_when_two_share_a_guid(tmp_path):
    """Two feeds carrying one guid are two items: the evidence names its feed, and Enter
    opens that feed's item, not whichever was stored first."""
    (tmp_path / "alpha.xml").write_bytes(
        rss(("wire-7", "Storm nears the coast", "<p>Forecasters warned of a storm surge.</p>"))
    )
    (tmp_path / "beta.xml").write_bytes(
        rss(("wire-7", "Torkham shut", "<p>Pakistan closed the Torkham crossing on Monday.</p>"))
    )
    config = tmp_path / "config.toml"
    alpha = '\n[[feeds]]\nname = "Alpha"\npath = "alpha.xml"\n'
    beta = '\n[[feeds]]\nname = "Beta"\npath = "beta.xml"\n'
    for feeds in (alpha, alpha + beta):  # Alpha's item is stored first
        config.write_text(SITUATION + feeds, encoding="utf-8")
        await asyncio.to_thread(refresh, load_config(config), tmp_path / "sitmon.db")
    app = make_app(load_config(config), tmp_path / "sitmon.db", live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await pilot.press("2", "enter")
        await pilot.pause(0.2)
        assert app.screen.evidence[0]["feed"] == "Beta"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ItemScreen)
        assert (app.screen.item["feed"], app.screen.item["title"]) == ("Beta", "Torkham shut")


async def test_enter_on_a_round_of_talks_opens_its_reports(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        first = app.snapshot.talks[0]
        await pilot.press("1", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, FactScreen)
        assert screen.heading.plain.startswith(first["name"])
        store = Store(db)
        whole = next(t for t in store.facts("talks") if t["name"] == first["name"])
        store.close()
        assert screen.evidence and screen.evidence == list(reversed(whole["evidence"]))


@pytest.mark.parametrize(
    "query", ['"', "NEAR(", "*", "-", "\x00", "'", "a OR", "torkham", "[/]", "x" * 500]
)
async def test_search_takes_any_input(demo, query):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await pilot.press("slash")
        app.query_one("#search", Input).value = query
        await pilot.press("enter")
        await pilot.pause(0.5)
        title = app.query_one("#news").border_title
        text = str(title)
        assert "search:" in text
        assert ("no match" in text) or ("found" in text)
        if query == "torkham":
            assert "no match" not in text
        await pilot.press("escape")
        assert "search:" not in str(app.query_one("#news").border_title)


def _write_feed(folder: Path, status_sentence: str, title: str) -> Path:
    feed = folder / "local.xml"
    feed.write_bytes(rss(("b-1", title, f"<p>{status_sentence}</p>")))
    config = folder / "config.toml"
    config.write_text(
        SITUATION + '\n[[feeds]]\nname = "Local"\npath = "local.xml"\n', encoding="utf-8"
    )
    return config


async def test_refresh_brings_a_status_change_and_a_notification(tmp_path):
    config_path = _write_feed(
        tmp_path, "Pakistan closed the Torkham crossing with Afghanistan on Monday.", "Torkham shut"
    )
    config = load_config(config_path)
    db = tmp_path / "sitmon.db"
    await asyncio.to_thread(refresh, config, db)
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert cells(app, "borders")[0].startswith("● Torkham closed") or cells(app, "borders")[
            0
        ].startswith("Torkham closed")
        (tmp_path / "local.xml").write_bytes(
            rss(
                (
                    "b-1",
                    "Torkham shut",
                    "<p>Pakistan closed the Torkham crossing with Afghanistan on Monday.</p>",
                ),
                (
                    "b-2",
                    "Torkham reopens",
                    "<p>The Torkham crossing with Afghanistan reopened on Tuesday.</p>",
                    datetime(2025, 10, 21, 12, 0, tzinfo=UTC),
                ),
            )
        )
        await pilot.press("r")
        for _ in range(100):
            await pilot.pause(0.1)
            if app.last_summary is not None and "open" in cells(app, "borders")[0]:
                break
        assert app.last_summary is not None, "the refresh did not finish"
        row = cells(app, "borders")[0]
        assert "Torkham open" in row and row.startswith("●"), (row, app.last_summary)
        assert any("Torkham: closed → open" in n.message for n in app._notifications)


async def test_hostile_title_is_shown_literally(tmp_path):
    hostile = "[bold]x[/] [/b] [@click=app.quit]press[/] \x1b]0;owned\x07Torkham \x1b[2J closed"
    feed = tmp_path / "local.xml"
    body = rss(("h-1", "TITLE", "<p>Pakistan closed the Torkham crossing with Afghanistan.</p>"))
    feed.write_bytes(
        body.replace(b"TITLE", hostile.replace("\x1b", "&#27;").replace("\x07", "&#7;").encode())
    )
    config = tmp_path / "config.toml"
    config.write_text(
        SITUATION + '\n[[feeds]]\nname = "Local"\npath = "local.xml"\n', encoding="utf-8"
    )
    loaded = load_config(config)
    await asyncio.to_thread(refresh, loaded, tmp_path / "sitmon.db")
    app = make_app(loaded, tmp_path / "sitmon.db", live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        title = cells(app, "news")[0]
        assert "[bold]x[/] [/b] [@click=app.quit]press[/]" in title
        assert "\x1b" not in title and "\x07" not in title
        await pilot.press("4", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ItemScreen)
        assert app.is_running


async def test_keys_can_be_remapped_from_the_config(demo):
    config, db = demo
    remapped = config._replace(keys=(("jump_news", "n"),))
    app = make_app(remapped, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("n")
        assert app.focused.id == "news"
        await pilot.press("1", "4")  # the old key no longer jumps
        assert app.focused.id == "talks"


async def test_help_lists_the_keys(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        from tui.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        keys = {key: what for key, what in app.screen.rows}
        assert "Search" in keys.values(), keys
        assert keys["r"] == "Refresh" and keys["/"] == "Search" and keys["?"] == "Help"


async def test_every_action_is_in_the_command_palette(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for action in (
            "Refresh",
            "Search",
            "Help",
            "Talks",
            "Borders",
            "Statements",
            "News",
            "Quit",
        ):
            assert action in titles


async def test_light_theme_renders(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        await pilot.pause(0.3)
        assert any(row.startswith("Torkham closed") for row in cells(app, "borders"))


async def test_o_opens_the_highlighted_news_item(demo, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "o")
        assert opened == ["https://frontier-daily.example/2001/torkham-traders-count-losses"]


async def test_a_store_never_fetched_does_not_claim_its_feeds_are_ok(tmp_path):
    config_path = _write_feed(tmp_path, "The Torkham crossing with Afghanistan stayed shut.", "x")
    config = load_config(config_path)
    app = make_app(config, tmp_path / "empty.db", live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        line = str(app.query_one("StatusLine").render())
        assert "1 feed, not fetched yet" in line and "feeds ok" not in line
    await asyncio.to_thread(refresh, config, tmp_path / "empty.db")
    app = make_app(config, tmp_path / "empty.db", live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert "1/1 feeds ok" in str(app.query_one("StatusLine").render())


@pytest.fixture
def many(tmp_path: Path):
    """A store of 800 items, about half of them related: more news than one page."""
    from benchmarks.dashboard import CONFIG, seed

    db = tmp_path / "many.db"
    seed(db, 800)
    return load_config(CONFIG), db


async def test_counts_are_grouped_and_a_full_search_says_it_lists_the_newest(tmp_path):
    """Thousands read with separators; a search that fills its list (the newest SEARCH_LIMIT
    matches) does not claim that is all it found."""
    from benchmarks.dashboard import CONFIG, seed

    db = tmp_path / "many.db"
    seed(db, 2_500)
    app = make_app(load_config(CONFIG), db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        news = app.query_one("NewsPanel")
        total = app.snapshot.related_total
        assert total > 999 and f"{total:,} related" in str(news.border_title)
        await pilot.press("slash", *"Pakistan", "enter")
        await pilot.pause(0.5)
        assert f"the newest {SEARCH_LIMIT} shown" in str(news.border_title)
        assert app.query_one("#news", RowTable).row_count == SEARCH_LIMIT
        await pilot.press("escape", "slash", *"Kharlachi wheat", "enter")
        await pilot.pause(0.5)
        found = app.query_one("#news", RowTable).row_count
        assert 0 < found < SEARCH_LIMIT and f"  {found} found" in str(news.border_title)


async def test_the_news_stream_pages_older_items_in_as_the_cursor_goes_down(many):
    config, db = many
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.query_one("#news", RowTable)
        total = app.snapshot.related_total
        assert table.row_count == NEWS_ROWS < total
        for _ in range(20):
            table.move_cursor(row=table.row_count - 1)
            await pilot.pause(0.2)
            if table.row_count >= total:
                break
        assert table.row_count == total  # every related item reachable, none twice
        news = app.query_one("NewsPanel")
        shown = news.shown(app.snapshot)
        assert len({item["key"] for item in shown}) == total
        stamps = [item["sort_at"] for item in shown]
        assert stamps == sorted(stamps, reverse=True)
        before = app.snapshot
        app.load()  # what a refresh does: the reload keeps every row paged in so far
        for _ in range(50):
            await pilot.pause(0.1)
            if app.snapshot is not before:
                break
        assert app.snapshot is not before and len(app.snapshot.items) == total
        assert table.row_count == total and news.older == []


async def test_a_tall_terminal_opens_on_a_full_screen_of_news(many):
    config, db = many
    app = make_app(config, db, live=False)
    async with app.run_test(size=(160, 160)) as pilot:
        await pilot.press("4")
        table = app.query_one("#news", RowTable)
        assert table.size.height > NEWS_ROWS  # the panel has room for more than a first page
        assert table.row_count >= table.size.height  # ... and it is full from the start


async def test_a_load_that_lands_while_the_screen_goes_is_no_error(demo):
    """Leaving just as a refresh's snapshot arrives: the panels are gone, nothing to show, and
    nothing may end as a traceback on the way out."""
    from tui.app import SnapshotLoaded
    from tui.snapshot import load_snapshot

    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        await app.query_one("#panels").remove()
        await app.query_one("#status").remove()
        app.post_message(SnapshotLoaded(load_snapshot(db, config)))
        app._tick()
        await pilot.pause(0.2)
        assert app.is_running
    assert app.return_code in (0, None)


async def test_full_collections_wait_for_a_pause_in_the_keys(demo):
    """The app runs Python's full garbage collection itself, in pauses of the typing, and
    gives the process its collector back when it ends."""
    import gc

    from tui.collector import NEVER

    config, db = demo
    before = gc.get_threshold()
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert gc.get_threshold()[2] == NEVER and gc.get_freeze_count() > 0
        typed = app.collector.last_input
        await pilot.press("j")
        assert app.collector.last_input > typed
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


async def test_a_reload_asked_for_before_the_reader_paged_further_keeps_their_place(many):
    """A refresh's reload carries as many rows as were paged in when it was asked for; rows
    paged in while it was on its way stay, and so does the cursor."""
    from tui.app import SnapshotLoaded
    from tui.snapshot import load_snapshot

    config, db = many
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        table = app.query_one("#news", RowTable)
        early = load_snapshot(db, config)  # the reload, asked for with the first page shown
        while table.row_count < 250:
            table.move_cursor(row=table.row_count - 1)
            await pilot.pause(0.2)
        table.move_cursor(row=240)
        await pilot.pause(0.1)
        rows, key = table.row_count, table.current_key()
        app.post_message(SnapshotLoaded(early))
        await pilot.pause(0.3)
        assert app.snapshot is early and len(early.items) < rows
        assert table.row_count == rows and table.current_key() == key
        shown = [item["key"] for item in app.query_one("NewsPanel").shown(early)]
        assert len(shown) == len(set(shown)) == rows


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_every_key_of_the_footer_fits_a_narrow_terminal(demo, size):
    from tui.footer import KeyFooter

    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=size) as pilot:
        for press in (), ("2", "enter"), ("enter",):  # the dashboard, a fact, then its item
            await pilot.press(*press)
            await pilot.pause(0.2)
            footer = app.screen.query_one(KeyFooter)
            line = footer.render().plain
            drawn = [key.key for key in footer.drawn]
            # every key of the screen is drawn, whole, within the width
            assert drawn[: len(footer.shown_bindings())] == [
                b.key for b, _ in footer.shown_bindings()
            ]
            assert len(line) <= size[0] and all(k.end <= size[0] for k in footer.drawn)
            for binding, _ in footer.shown_bindings():
                assert binding.description in line
            assert ("palette" in line) is (size[0] >= 100)


async def test_a_click_on_a_footer_key_presses_it(demo):
    from tui.footer import KeyFooter

    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        footer = app.screen.query_one(KeyFooter)
        news = next(key for key in footer.drawn if key.key == "4")
        await pilot.click(KeyFooter, offset=(news.end - 1, 0))
        assert app.focused.id == "news"
        await pilot.click(KeyFooter, offset=(news.end, 0))  # the next key: Search
        await pilot.pause(0.1)
        assert app.focused is app.query_one("#search", Input)


async def test_number_keys_and_search_reach_the_dashboard_from_any_view(demo):
    config, db = demo
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("2", "enter", "enter")  # the item behind a crossing's status
        await pilot.pause(0.2)
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("4")
        assert not isinstance(app.screen, (ItemScreen, FactScreen)) and app.focused.id == "news"
        await pilot.press("3", "enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, FactScreen)
        await pilot.press("slash")
        await pilot.pause(0.1)
        assert app.focused is app.query_one("#search", Input)


async def test_a_fact_with_thousands_of_reports_lists_its_ends(demo):
    """A crossing that changed status thousands of times, a quote carried by thousands of
    items: the view writes out the ends, lists the first and the newest 200, and says so."""
    from feeds.listing import FIRST, LISTED

    config, db = demo
    store = Store(db)
    borders, statements = store.facts("borders"), store.facts("statements")
    torkham = next(b for b in borders if b["crossing"] == "Torkham")
    report = torkham["history"][-1]
    flips = [{**report, "date": f"2025-{1 + i // 300:02}-{1 + i % 28:02}",
              "status": ("open", "closed")[i % 2]} for i in range(3000)]  # fmt: skip
    torkham["history"] = [*torkham["history"], *flips]
    quoted = statements[0]
    quoted["sources"] = [{"guid": f"copy-{i}", "feed": "Wire", "link": ""} for i in range(2500)]
    with store.writing():
        store.put_facts({"borders": borders, "statements": statements})
    store.close()
    app = make_app(config, db, live=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        app.panel(1).move_cursor(row=app.panel(1)._keys.index("Torkham"))
        await pilot.press("2", "enter")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, FactScreen) and len(screen.evidence) == LISTED
        newest, first = screen.evidence[0], screen.evidence[-1]  # newest first
        assert newest == torkham["history"][-1] and first == torkham["history"][0]
        assert screen.evidence[LISTED - FIRST] == torkham["history"][FIRST - 1]
        body = " ".join(str(s.render()) for s in screen.query("Static"))
        assert f"{len(torkham['history']):,} changes" in body and "more changes" in body
        await pilot.press("escape", "3")
        app.panel(2).move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, FactScreen)
        assert len(app.screen.evidence) == 1 + LISTED  # the item said it, then 200 of the others
        assert app.screen.evidence[1]["guid"] == "copy-0"
        assert app.screen.evidence[-1]["guid"] == "copy-2499"
