"""The key footer of every screen, fitted to the terminal's width."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100  # columns below which the footer drops its padding and the palette's hint


class FittingFooter(Footer):
    """Every key fits 80 columns only without the padding and the palette's hint (ctrl+p
    still opens the palette, and `?` lists it)."""

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        self.compact, self.show_command_palette = narrow, not narrow
