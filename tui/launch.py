"""Starting the dashboard (the only place the CLI pulls in Textual)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from feeds.config import Config
from feeds.locations import database_path
from feeds.migrations import behind
from feeds.store import Store, StoreError
from tui.exits import EXIT_TROUBLE, config_or_exit, fail


def open_dashboard(
    config_file: str | None = None,
    db_file: str | None = None,
    demo: bool = False,
    offline: bool = False,
) -> None:
    """`sitmon` with no command: the given (or the demo's) config and store on screen. A
    config or database that cannot be used is one line before the screen changes."""
    if demo:  # its feeds are files it brings: read at launch even --offline (no network)
        from feeds.demo import prepare_demo

        config_file, db_file = (str(p) for p in prepare_demo())
        offline = False
    config = config_or_exit(config_file)
    db = database_path(db_file)
    if db.exists() and behind(db):  # a big store takes seconds, once: say why the wait
        print(f"sitmon: updating {db} for this version (once) ...", file=sys.stderr, flush=True)
    try:
        Store(db).close()
    except StoreError as error:
        fail(str(error), EXIT_TROUBLE)
    run_dashboard(config, db, live=not offline)


def run_dashboard(config: Config, db: Path, live: bool = True) -> None:
    # No automatic collection until the first frame: importing Textual and building the
    # screen make enough objects for a dozen collections (~40 ms of the first paint). The
    # app's collector collects once the frame is out and owns the collector from then on.
    gc.disable()
    from tui.app import make_app

    make_app(config, db, live=live).run()
