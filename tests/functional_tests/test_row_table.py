"""The panels' table under Pilot: what it draws, where its cursor goes, what it tells."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from rich.text import Text
from textual.app import App
from textual.pilot import Pilot

from tui.row_table import RowTable


def _rows(prefix: str, count: int, height: int = 1):
    return [
        (f"{prefix}{i}", [Text(f"{prefix}{i}"), Text(f"{prefix} row {i}")], height)
        for i in range(count)
    ]


class _OneTable(App):
    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, int, str]] = []

    def compose(self):
        yield RowTable(("Key", "Text"), id="t")

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        self.said.append(("highlighted", event.cursor_row, event.row_key))

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        self.said.append(("selected", event.cursor_row, event.row_key))


@asynccontextmanager
async def _one_table() -> AsyncIterator[tuple[_OneTable, Pilot, RowTable]]:
    """An app of one table, 40x10, running under Pilot."""
    app = _OneTable()
    async with app.run_test(size=(40, 10)) as pilot:
        yield app, pilot, app.query_one(RowTable)


def _screen_lines(table: RowTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_it_draws_a_header_and_the_rows_cut_to_the_width():
    async with _one_table() as (app, pilot, table):
        long = "[bold]not markup[/bold] " + "word " * 30
        table.fill(
            [
                ("a", [Text("a"), Text(long)], 1),
                ("b", [Text("b"), Text("first line\nsecond line")], 2),
            ]
        )
        await pilot.pause()
        lines = _screen_lines(table)
        width = table.scrollable_content_region.width
        assert all(len(line) == width for line in lines)
        assert lines[0].split() == ["Key", "Text"]
        assert "[bold]not markup[/bold]" in lines[1] and lines[1].rstrip().endswith("…")
        assert "first line" in lines[2] and "second line" in lines[3]
        assert lines[4].strip() == ""


async def test_keys_move_the_cursor_and_keep_it_on_screen():
    async with _one_table() as (app, pilot, table):
        table.fill(_rows("r", 200))
        table.focus()
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and app.said[-1] == ("highlighted", 2, "r2")
        await pilot.press("end")
        assert table.cursor_row == 199
        await pilot.pause()
        assert "r199" in " ".join(_screen_lines(table))  # scrolled to it
        await pilot.press("pageup")
        assert 180 < table.cursor_row < 199
        await pilot.press("home", "up")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("enter")
        assert app.said[-1] == ("selected", 0, "r0")


async def test_a_click_moves_the_cursor_and_a_second_click_opens_the_row():
    async with _one_table() as (app, pilot, table):
        table.fill(_rows("r", 20))
        await pilot.pause()
        await pilot.click(RowTable, offset=(3, 4))  # line 0 is the header: row 3
        assert table.cursor_row == 3 and app.said[-1] == ("highlighted", 3, "r3")
        await pilot.click(RowTable, offset=(3, 4))
        assert app.said[-1] == ("selected", 3, "r3")
        await pilot.click(RowTable, offset=(3, 0))  # the header is no row
        assert app.said[-1] == ("selected", 3, "r3")


async def test_a_refill_keeps_the_cursor_on_its_row_and_leaves_nothing_of_the_old_rows():
    async with _one_table() as (app, pilot, table):
        table.fill(_rows("a", 5000))
        assert table.row_count == 5000  # all at once: adding a row measures nothing
        table.move_cursor(row=700)
        table.fill(_rows("b", 3) + _rows("a", 5000))  # three new rows on top
        assert table.cursor_row == 703 and table.current_key() == "a700"
        table.fill(_rows("c", 10, height=3))
        assert [table.row_key(i) for i in range(table.row_count)] == [f"c{i}" for i in range(10)]
        await pilot.pause()
        assert table.virtual_size.height == 10 * 3 + 1  # rows of three lines and the header
        table.add_rows(_rows("d", 2))
        assert table.row_key(11) == "d1"


async def test_going_deep_keeps_only_a_few_screenfuls_drawn():
    from tui.row_table import DRAWN_LINES

    async with _one_table() as (app, pilot, table):
        table.fill(_rows("r", 3 * DRAWN_LINES))
        await pilot.pause()
        for row in range(0, 3 * DRAWN_LINES, 8):  # a screenful at a time, each one drawn
            table.move_cursor(row=row)
            lines = _screen_lines(table)
        assert f"r{3 * DRAWN_LINES - 8}" in " ".join(lines)
        assert 0 < len(table._strips) <= DRAWN_LINES
