"""The `?` screen: every key and what it does, as currently mapped."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

_ALWAYS = [
    ("↑ ↓ / j k", "move inside a panel"),
    ("PgUp PgDn", "a screenful up or down; Home End: the first or last row"),
    ("Enter", "open the row: a fact's history and evidence, or the article"),
    ("Escape", "back / close search"),
    ("o", "open the item's link in the browser (News or a detail view)"),
    ("ctrl+p", "command palette: every action by name"),
]


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "Close", id="close_help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 70; max-width: 95%; height: auto; max-height: 90%;
                                  border: round $accent; background: $surface; padding: 1 2; }
    """

    def __init__(self, bindings: list[Binding], app: App) -> None:
        super().__init__()
        self.rows = self._rows(bindings, app)

    @staticmethod
    def _rows(bindings: list[Binding], app: App) -> list[tuple[str, str]]:
        keymap = getattr(app, "_keymap", {}) or {}
        rows = []
        for binding in bindings:
            if binding.description:
                key = keymap.get(binding.id, binding.key) if binding.id else binding.key
                rows.append(
                    (app.get_key_display(Binding(key, binding.action)), binding.description)
                )
        return rows + _ALWAYS

    def compose(self) -> ComposeResult:
        text = Text("Keys\n\n", style="bold")
        for key, what in self.rows:
            text.append(f"{key:>14}  ", style="bold cyan")
            text.append(f"{what}\n")
        text.append(
            "\nKeys can be remapped in the config's [keys] table by action id.", style="dim"
        )
        with VerticalScroll():
            yield Static(text)
