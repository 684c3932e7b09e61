"""Starting the dashboard (the only place the CLI pulls in Textual)."""

from __future__ import annotations

import gc
from pathlib import Path

from feeds.config import Config


def run_dashboard(config: Config, db: Path, live: bool = True) -> None:
    # No automatic collection until the first frame: importing Textual and building the
    # screen make enough objects for a dozen collections (~40 ms of the first paint). The
    # app's collector collects once the frame is out and owns the collector from then on.
    gc.disable()
    from tui.app import make_app

    make_app(config, db, live=live).run()
