"""`sitmon fetch`: one refresh with a progress bar on a terminal and a summary line at the end."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from feeds.config import Config
from feeds.fetch import FetchOutcome
from feeds.refresh import RefreshSummary, refresh


def run_fetch(config: Config, db: Path) -> RefreshSummary:
    """Refreshes every feed; prints each failure (feed and cause) and the summary line."""
    if sys.stderr.isatty() and config.feeds:
        summary = _with_progress(config, db)
    else:
        summary = refresh(config, db)
    for name, reason in summary.failures:
        click.echo(f"  failed: {name}: {reason}", err=True)
    for change in summary.changes:
        click.echo(f"  changed: {change['text']}")
    click.echo(summary.line())
    return summary


def _with_progress(config: Config, db: Path) -> RefreshSummary:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=len(config.feeds))

        def advance(outcome: FetchOutcome) -> None:
            bar.update(task, advance=1, description=outcome.feed.name[:30])

        def reading(words: str) -> None:
            bar.update(task, description=words)

        return refresh(config, db, advance, reading)
