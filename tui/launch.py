"""Starting the dashboard (the only place the CLI pulls in Textual)."""

from __future__ import annotations

from pathlib import Path

from feeds.config import Config


def run_dashboard(config: Config, db: Path, live: bool = True) -> None:
    from tui.app import make_app

    make_app(config, db, live=live).run()
