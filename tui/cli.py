"""The `sitmon` command line: a thin layer over feeds/ (Textual is imported only for the dashboard)."""

from __future__ import annotations

import sqlite3
import sys
import time

import click

from feeds import __version__
from feeds.config import Config, ConfigError, load_config
from feeds.locations import config_path, database_path
from feeds.store import StoreError, explain_database_error

EXIT_BAD_CONFIG = 2
EXIT_TROUBLE = 1


def _fail(message: str, code: int) -> None:
    click.echo(f"sitmon: {message}", err=True)
    sys.exit(code)


def _config(given: str | None) -> Config:
    try:
        return load_config(config_path(given))
    except ConfigError as error:
        _fail(str(error), EXIT_BAD_CONFIG)
        raise  # unreachable; keeps type checkers calm


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    metavar="PATH",
    help="Config file (default: $SITMON_CONFIG, then the user config dir).",
)
@click.option(
    "--db",
    "db_file",
    metavar="PATH",
    help="Database file (default: $SITMON_DB, then the user data dir).",
)
@click.option("--demo", is_flag=True, help="Open the bundled offline demo situation.")
@click.version_option(__version__, prog_name="sitmon")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, db_file: str | None, demo: bool) -> None:
    """Follow a developing situation through the news feeds you choose."""
    ctx.ensure_object(dict)
    ctx.obj.update(config=config_file, db=db_file)
    if ctx.invoked_subcommand is not None:
        return
    if demo:
        from feeds.demo import prepare_demo

        config_file, db_file = (str(p) for p in prepare_demo())
    config = _config(config_file)
    db = database_path(db_file)
    try:  # a database that cannot be used is a message before the screen changes, not a traceback
        from feeds.store import Store

        Store(db).close()
    except StoreError as error:
        _fail(str(error), EXIT_TROUBLE)
    from tui.launch import run_dashboard

    run_dashboard(config, db, demo=demo)


def _common(func):
    func = click.option("--db", "db_file", metavar="PATH", help="Database file.")(func)
    return click.option("--config", "config_file", metavar="PATH", help="Config file.")(func)


def _pick(
    ctx: click.Context, config_file: str | None, db_file: str | None
) -> tuple[str | None, str | None]:
    """Options may come before or after the subcommand."""
    return config_file or ctx.obj.get("config"), db_file or ctx.obj.get("db")


@main.command()
@_common
@click.option("--watch", is_flag=True, help="Keep fetching every [fetch] interval until Ctrl-C.")
@click.pass_context
def fetch(ctx: click.Context, config_file: str | None, db_file: str | None, watch: bool) -> None:
    """Fetch every feed once (or every interval with --watch)."""
    from tui.fetch_command import run_fetch

    config_file, db_file = _pick(ctx, config_file, db_file)
    config = _config(config_file)
    db = database_path(db_file)
    try:
        while True:
            run_fetch(config, db)
            if not watch:
                return
            time.sleep(config.fetch.interval)
    except KeyboardInterrupt:
        click.echo("sitmon: stopped", err=True)
    except StoreError as error:
        _fail(str(error), EXIT_TROUBLE)
    except sqlite3.DatabaseError as error:
        _fail(explain_database_error(db, error), EXIT_TROUBLE)


@main.command()
@_common
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md", "csv"]), default="json", show_default=True
)
@click.pass_context
def export(ctx: click.Context, config_file: str | None, db_file: str | None, fmt: str) -> None:
    """Print the situation to stdout."""
    from feeds import export as exporter
    from feeds.derive import rederive_if_stale, rescore
    from feeds.store import Store

    config_file, db_file = _pick(ctx, config_file, db_file)
    config = _config(config_file)
    db = database_path(db_file)
    try:
        store = Store(db)
        with store.writing():  # a config edit since the last fetch shows up without a refetch
            rescore(store, config, [])
            rederive_if_stale(store, config)
        doc = exporter.situation(store, config)
        store.close()
    except StoreError as error:
        _fail(str(error), EXIT_TROUBLE)
    except sqlite3.DatabaseError as error:
        _fail(explain_database_error(db, error), EXIT_TROUBLE)
    render = {"json": exporter.to_json, "md": exporter.to_markdown, "csv": exporter.to_csv}[fmt]
    click.echo(render(doc), nl=fmt == "json")


@main.command()
@click.option("--config", "config_file", metavar="PATH", help="Config file.")
@click.pass_context
def check(ctx: click.Context, config_file: str | None) -> None:
    """Validate the config: exit 0, or a clear message and exit 2."""
    path = config_path(config_file or ctx.obj.get("config"))
    config = _config(str(path))
    click.echo(
        f"{path}: ok — {len(config.feeds)} feeds, {len(config.crossings)} crossings, "
        f"{len(config.people)} people, {len(config.talks.venues)} venues"
    )


if __name__ == "__main__":
    main()
