"""The baseline for first-paint timing: the smallest Textual app, started the same way."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("bare textual app")


if __name__ == "__main__":
    Bare().run()
