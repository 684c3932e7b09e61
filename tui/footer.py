"""The key footer of every screen: one line of text, fitted to the terminal's width."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

PALETTE = "palette"  # the command palette's hint, drawn at the right when there is room


class DrawnKey(NamedTuple):
    """Where one key was drawn, so a click on it presses it."""

    key: str
    start: int
    end: int
    enabled: bool


class KeyFooter(Widget):
    """The screen's keys drawn by one widget. Textual's Footer is a widget per key, all
    built again whenever the focus moves: ~8 ms of the first paint and of a panel switch.
    Padded keys when they fit, compact ones when not; keys that fit in neither are left
    out whole (`?` lists every key), never cut in the middle of a word."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.drawn: tuple[DrawnKey, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The screen's keys to show, one per action (the first bound), with whether
        each can act now."""
        seen: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled)
        return list(seen.values())

    def _palette(self) -> tuple[Binding, bool] | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return (found[1], found[2]) if found else None

    def render(self) -> Text:
        width = self.size.width
        keys = [
            (b, on, self.app.get_key_display(b), b.description) for b, on in self.shown_bindings()
        ]
        roomy = sum(cell_len(shown) + cell_len(words) + 3 for _, _, shown, words in keys) <= width
        key_style = self.get_component_rich_style("footer-key--key")
        words_style = self.get_component_rich_style("footer-key--description")
        line, drawn = Text(no_wrap=True, overflow="crop", end=""), []
        for binding, enabled, shown, words in keys:
            parts = (f" {shown} ", f"{words} ") if roomy else (shown, f" {words} ")
            if line.cell_len + cell_len(parts[0]) + cell_len(parts[1]) > width:
                continue  # a later, shorter key may still fit
            start, offset = line.cell_len, len(line)
            line.append(parts[0], key_style)
            line.append(parts[1], words_style)
            if not enabled:
                line.stylize("dim", offset)
            drawn.append(DrawnKey(binding.key, start, line.cell_len, enabled))
        palette = self._palette()
        if palette and roomy:
            binding, enabled = palette
            hint = Text.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style), PALETTE + " "
            )
            start = width - hint.cell_len
            if start > line.cell_len:
                line.append(" " * (start - line.cell_len))
                line.append_text(hint)
                drawn.append(DrawnKey(binding.key, start, width, enabled))
        self.drawn = tuple(drawn)
        return line

    def on_click(self, event: events.Click) -> None:
        for key in self.drawn:
            if key.start <= event.x < key.end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
