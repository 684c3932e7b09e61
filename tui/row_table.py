"""A light table for the panels: a header, rows of one or more lines, a row cursor.

DataTable measures every cell as it is added and renders each one through Rich's console
with padding, keeping render caches of ~100,000 objects at a few thousand rows: its first
frame of four panels cost ~70 ms and each added row ~0.25 ms of the UI thread. A panel needs
less: rows are kept as given and only the lines on screen are drawn, so adding rows is free
and a frame costs what it shows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Sequence[Text]
DRAWN_LINES = 512  # lines kept drawn off the cursor: a few screenfuls, however deep the reader goes
MAX_COLUMN = 40  # a column wider than this in a row's text is cut (the last one takes the rest)
_GAP = 1  # blank cells either side of a column's text


class RowTable(ScrollView, can_focus=True):
    """Rows keyed by a string; Enter or a click on the cursor's row selects it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-table--header", "row-table--cursor"}
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        overflow-x: hidden;
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first_row", "First row", show=False),
        Binding("end", "last_row", "Last row", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor is on a new row."""

        def __init__(self, table: RowTable, cursor_row: int, row_key: str) -> None:
            super().__init__()
            self.table, self.cursor_row, self.row_key = table, cursor_row, row_key

        @property
        def control(self) -> RowTable:
            return self.table

    class RowSelected(RowHighlighted):
        """Enter on a row, or a click on the row under the cursor."""

    def __init__(self, columns: Sequence[str] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = [Text(label) for label in columns]
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(DRAWN_LINES)
        self._frame_style: Style | None = None
        self._empty()

    def _empty(self) -> None:
        self._keys: list[str] = []
        self._cells: list[Cells] = []
        self._starts: list[int] = [0]  # first line of each row; the last entry is the total
        self._widths = [label.cell_len for label in self.labels]  # widest text of each column
        self._cursor = 0

    # -- rows ----------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def row_key(self, row: int) -> str:
        return self._keys[row]

    def current_key(self) -> str | None:
        return self._keys[self._cursor] if self._keys else None

    def get_row_at(self, row: int) -> list[Text]:
        return list(self._cells[row])

    def add_rows(self, rows: Sequence[tuple[str, Cells, int]]) -> None:
        """Appends (key, cells, height) rows below the last."""
        widths = self._widths
        for key, cells, height in rows:
            self._keys.append(key)
            self._cells.append(cells)
            self._starts.append(self._starts[-1] + max(1, height))
            for column, cell in enumerate(cells[: len(widths)]):
                wide = max(map(cell_len, cell.plain.split("\n"))) if cell.plain else 0
                if wide > widths[column]:
                    widths[column] = wide
        self._changed()

    def clear(self) -> None:
        self._empty()
        self._changed()

    def fill(self, rows: Sequence[tuple[str, Cells, int]]) -> None:
        """Replaces every row; the cursor stays on its row (by key) and the view where it was."""
        keep, scroll = self.current_key(), self.scroll_y
        self.clear()
        self.add_rows(rows)
        if keep in self._keys:
            self.move_cursor(row=self._keys.index(keep), scroll=False)
        self.scroll_to(y=scroll, animate=False, immediate=True)

    def _changed(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self._starts[-1] + 1)  # + the header
        self.refresh()

    # -- the cursor ----------------------------------------------------------------------------

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        moved, self._cursor = row != self._cursor, row
        if scroll:
            self._show_row(row)
        self.refresh()
        if moved or scroll:
            self.post_message(self.RowHighlighted(self, row, self._keys[row]))

    def _show_row(self, row: int) -> None:
        top, end = self._starts[row], self._starts[row + 1]
        lines = max(1, self.scrollable_content_region.height - 1)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif end > self.scroll_y + lines:
            self.scroll_to(y=min(top, end - lines), animate=False, immediate=True)

    def _rows_on_screen(self) -> int:
        lines = max(1, self.scrollable_content_region.height - 1)
        at = self._starts[self._cursor]
        return max(1, bisect_right(self._starts, at + lines) - 1 - self._cursor)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._rows_on_screen())

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._rows_on_screen())

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self._cursor, self._keys[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        row = self._row_at_line(event.y)
        if row is None:
            return
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    def _row_at_line(self, y: int) -> int | None:
        """The row drawn on screen line `y` (0 is the header)."""
        line = int(self.scroll_y) + y - 1
        if y < 1 or line >= self._starts[-1]:
            return None
        return bisect_right(self._starts, line) - 1

    # -- drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(event.size.width, self._starts[-1] + 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        # The table's style looked up once a frame, not once a line: it walks the ancestors
        # (~20 µs, a third of drawing a line). Component styles are cached by Textual.
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._frame_style or self.rich_style
        if y == 0:
            header = self.get_component_rich_style("row-table--header")
            return self._draw(self.labels, 0, width).apply_style(base + header)
        row = self._row_at_line(y)
        if row is None:
            return Strip.blank(width, base)
        within = int(self.scroll_y) + y - 1 - self._starts[row]
        if row == self._cursor:
            cursor = self.get_component_rich_style("row-table--cursor")
            plain = self._draw(self._cells[row], within, width)
            return Strip(Segment.apply_style(plain, base, cursor), width)
        strip = self._strips.get((row, within))
        if strip is None or strip.cell_length != width:
            strip = self._draw(self._cells[row], within, width).apply_style(base)
            self._strips.set((row, within), strip)
        return strip

    def _draw(self, cells: Cells, within: int, width: int) -> Strip:
        """Line `within` of a row: each column cut or padded to its width."""
        console = self.app.console
        segments: list[Segment] = []
        blank = 0  # spaces owed before the next text: gaps and padding, drawn as one segment
        left = width
        last = len(self._widths) - 1
        for column, wide in enumerate(self._widths):
            room = left - 2 * _GAP if column == last else min(wide, MAX_COLUMN, left - 2 * _GAP)
            if room <= 0:
                break
            text = _line(cells[column], within) if column < len(cells) else None
            blank += _GAP
            if text:
                if text.cell_len > room:
                    text = text.copy()
                    text.truncate(room, overflow="ellipsis")
                segments.append(Segment(" " * blank))
                if text.spans or not text.style:
                    segments.extend(text.render(console))
                else:  # Rich draws a text without spans in no style at all, not its own
                    segments.append(Segment(text.plain, console.get_style(text.style)))
                blank = room - text.cell_len
            else:
                blank += room
            blank += _GAP
            left -= room + 2 * _GAP
        segments.append(Segment(" " * (blank + left)))
        return Strip(segments, width)


def _line(cell: Text, within: int) -> Text | None:
    """One line of a cell's text (the cell itself when it has one line: copy before cutting)."""
    if "\n" not in cell.plain:
        return cell if within == 0 else None
    lines = cell.split("\n", allow_blank=True)
    return lines[within] if within < len(lines) else None
