"""Drill-down screens: a fact with its history and evidence, and a reader for one item."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.display import literal, literal_block, status_text
from tui.footer import KeyFooter


def listed_note(total: int, listed: int, what: str, exported: bool = True) -> list[Text]:
    """A line saying a list was cut, when it was; `exported`: `sitmon export` has it whole
    (a round of talks keeps only the ends of its evidence, there too)."""
    if total <= listed:
        return []
    where = " (sitmon export has them all)" if exported else ""
    return [
        Text(f"{total:,} {what}; the first and the newest {listed} are listed{where}.", style="dim")
    ]


def open_link(link: str) -> bool:
    """Opens an http(s) link in the browser (never a shell, never another scheme)."""
    if urlsplit(link or "").scheme not in ("http", "https") or link.startswith("-"):
        return False
    import webbrowser  # only when a link is opened: not part of the first frame

    return webbrowser.open(link)


class FactScreen(Screen):
    """A fact's history and every piece of evidence; Enter reads the item behind one."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("o", "open_link", "Open link", id="open_link"),
        # r and / still work here; their footer keys make room for the view's own (80 columns)
        Binding("r", "app.refresh", "Refresh", id="refresh", show=False),
        Binding("slash", "app.search", "Search", id="search", show=False),
    ]

    def __init__(self, title: Text, lines: list[Text], evidence: list[dict[str, Any]]) -> None:
        super().__init__()
        self.heading = title
        self.lines = lines
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        yield Static(self.heading, classes="detail-title")
        if self.lines:
            yield Static(Text("\n").join(self.lines), classes="detail-body")
        yield Static(
            Text(f"Evidence ({len(self.evidence)}) — Enter reads the item", style="bold"),
            classes="detail-subtitle",
        )
        options = [Option(_evidence_text(e), id=str(i)) for i, e in enumerate(self.evidence)]
        yield OptionList(*options, id="evidence")
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = self.evidence[int(event.option.id or 0)]
        self.app.open_item(  # type: ignore[attr-defined]
            chosen.get("guid", ""), [chosen.get("sentence", "")], chosen.get("feed", "")
        )

    def action_open_link(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and not open_link(self.evidence[index].get("link", "")):
            self.notify("This item has no web link to open.", markup=False)


def _evidence_text(evidence: dict[str, Any]) -> Text:
    head = Text.assemble(
        literal(evidence.get("date", ""), "bold"),
        "  ",
        literal(evidence.get("feed", ""), "italic"),
    )
    if evidence.get("status"):
        head.append("  ")
        head.append_text(status_text(evidence["status"]))
    return head + Text("\n") + literal(evidence.get("sentence", ""))


class ItemScreen(Screen):
    """A readable view of one item with the evidence sentences highlighted."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("o", "open_link", "Open in browser", id="open_link"),
        # r and / still work here; their footer keys make room for the view's own (80 columns)
        Binding("r", "app.refresh", "Refresh", id="refresh", show=False),
        Binding("slash", "app.search", "Search", id="search", show=False),
    ]

    def __init__(
        self, item: dict[str, Any], sources: list[dict[str, Any]], highlight: list[str]
    ) -> None:
        super().__init__()
        self.item = item
        self.sources = sources
        self.highlight = [h for h in highlight if h]

    def compose(self) -> ComposeResult:
        item = self.item
        yield Static(literal(item["title"], "bold"), classes="detail-title")
        meta = Text.assemble(
            literal(item["feed"], "italic"),
            "  ",
            literal(item.get("published") or ""),
            "  ",
            literal(item.get("link") or "(no link)", "underline"),
        )
        if len(self.sources) > 1:
            others = ", ".join(s["feed"] for s in self.sources if s["key"] != item["key"])
            meta.append_text(Text.assemble("\nalso carried by: ", literal(others)))
        yield Static(meta, classes="detail-meta")
        with VerticalScroll(id="reader"):
            yield Static(self._body(), classes="detail-body")
        yield KeyFooter()

    def _body(self) -> Text:
        body = literal_block(self.item.get("text") or "")
        for sentence in self.highlight:
            start = body.plain.find(sentence[:60])
            if start >= 0:
                body.stylize("reverse bold", start, start + len(sentence))
        return body

    def action_open_link(self) -> None:
        if not open_link(self.item.get("link", "")):
            self.notify("This item has no web link to open.", markup=False)
