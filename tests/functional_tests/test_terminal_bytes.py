"""The real app in a pseudo-terminal, fed hostile titles: the bytes it writes to the terminal
carry the words but none of the feed's escape sequences."""

from __future__ import annotations

import re

from feeds.config import load_config
from feeds.refresh import refresh
from tests.conftest import SITUATION, rss
from tests.terminal import AppInTerminal

HOSTILE = [
    "\x1b]0;owned-title\x07Torkham window title",
    "\x1b]52;c;b3duZWQtY2xpcA==\x07Torkham clipboard",
    "\x1b[2J\x1b[HTorkham clear screen",
    "\x1bP1$r0m-owned-dcs\x1b\\Torkham device control",
    "\x9b31mTorkham eight-bit csi",
    "Torkham \u202eright-to-left override",
    "[bold]x[/] [@click=app.quit]press[/] Torkham markup",
]


def _entity(text: str) -> str:
    return "".join(f"&#{ord(c)};" if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else c for c in text)


def _screen_bytes(tmp_path, seconds: float = 6.0) -> bytes:
    items = [
        (f"h-{i}", _entity(title), "<p>Pakistan closed the Torkham crossing with Afghanistan.</p>")
        for i, title in enumerate(HOSTILE)
    ]
    (tmp_path / "hostile.xml").write_bytes(rss(*items))
    config = tmp_path / "config.toml"
    config.write_text(
        SITUATION + '\n[[feeds]]\nname = "Hostile"\npath = "hostile.xml"\n', encoding="utf-8"
    )
    refresh(load_config(config), tmp_path / "s.db")
    app = AppInTerminal("--config", str(config), "--db", str(tmp_path / "s.db"), size=(200, 48))
    app.read(seconds / 2)
    app.type(b"4")  # the news panel, where the titles are
    screen = app.read(seconds / 2)
    app.quit()
    return screen


def test_no_feed_escape_sequence_reaches_the_terminal(tmp_path):
    screen = _screen_bytes(tmp_path)
    assert b"Torkham" in screen, "the app did not draw the titles"
    assert b"window title" in screen and b"clipboard" in screen
    assert b"owned" not in screen  # the payloads inside the sequences are gone with them
    assert b"b3duZWQtY2xpcA==" not in screen
    assert not re.search(rb"\x1b\]52;", screen)
    assert "\u202e".encode() not in screen
    assert b"[@click=app.quit]press[/]" in screen  # markup shown as the characters it is
