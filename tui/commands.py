"""The `sitmon` commands: a thin layer over feeds/ (Textual is imported only for the dashboard)."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click

from feeds import __version__
from feeds.locations import config_path, database_path
from feeds.store import StoreError, explain_database_error
from tui.exits import EXIT_BAD_CONFIG, EXIT_TROUBLE, config_or_exit, fail


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
@click.option(
    "--offline",
    is_flag=True,
    help="Show what is stored without fetching (r still refreshes; the demo reads its own files).",
)
@click.version_option(__version__, prog_name="sitmon")
@click.pass_context
def commands(
    ctx: click.Context, config_file: str | None, db_file: str | None, demo: bool, offline: bool
) -> None:
    """Follow a developing situation through the news feeds you choose."""
    ctx.ensure_object(dict)
    ctx.obj.update(config=config_file, db=db_file)
    if ctx.invoked_subcommand is not None:
        return
    from tui.launch import open_dashboard

    open_dashboard(config_file, db_file, demo, offline)


def _common(func):
    func = click.option("--db", "db_file", metavar="PATH", help="Database file.")(func)
    return click.option("--config", "config_file", metavar="PATH", help="Config file.")(func)


def _pick(
    ctx: click.Context, config_file: str | None, db_file: str | None
) -> tuple[str | None, str | None]:
    """Options may come before or after the subcommand."""
    return config_file or ctx.obj.get("config"), db_file or ctx.obj.get("db")


@commands.command()
@_common
@click.option("--watch", is_flag=True, help="Keep fetching every [fetch] interval until Ctrl-C.")
@click.pass_context
def fetch(ctx: click.Context, config_file: str | None, db_file: str | None, watch: bool) -> None:
    """Fetch every feed once (or every interval with --watch)."""
    from tui.fetch_command import run_fetch

    config_file, db_file = _pick(ctx, config_file, db_file)
    config = config_or_exit(config_file)
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
        fail(str(error), EXIT_TROUBLE)
    except sqlite3.DatabaseError as error:
        fail(explain_database_error(db, error), EXIT_TROUBLE)


@commands.command()
@_common
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md", "csv"]), default="json", show_default=True
)
@click.option(
    "--since",
    default="24h",
    show_default=True,
    metavar="24h|7d|DATE",
    help="md: the period of the changes section.",
)
@click.pass_context
def export(
    ctx: click.Context, config_file: str | None, db_file: str | None, fmt: str, since: str
) -> None:
    """Print the situation to stdout."""
    from feeds import export as exporter
    from feeds.derive import rederive_if_stale, rescore
    from feeds.store import Store

    config_file, db_file = _pick(ctx, config_file, db_file)
    config = config_or_exit(config_file)
    db = database_path(db_file)
    try:
        store = Store(db)
        with store.writing():  # a config edit since the last fetch shows up without a refetch
            rescore(store, config, [])
            rederive_if_stale(store, config)
        doc = exporter.situation(store, config)
        store.close()
    except StoreError as error:
        fail(str(error), EXIT_TROUBLE)
    except sqlite3.DatabaseError as error:
        fail(explain_database_error(db, error), EXIT_TROUBLE)
    if fmt == "md":
        from feeds.sitrep import to_markdown

        today = datetime.now(UTC).date()
        click.echo(to_markdown(doc, today, _since(since, today)), nl=False)
        return
    render = {"json": exporter.to_json, "csv": exporter.to_csv}[fmt]
    click.echo(render(doc), nl=fmt == "json")


def _since(text: str, today: date) -> date:
    """ "24h", "7d" (before today) or a date."""
    from feeds.units import parse_duration

    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return today - timedelta(seconds=parse_duration(text))
    except ValueError:
        fail(f"--since {text!r}: expected e.g. 24h, 7d or 2025-10-20", EXIT_BAD_CONFIG)


@commands.command()
@click.option("--config", "config_file", metavar="PATH", help="Config file.")
@click.pass_context
def check(ctx: click.Context, config_file: str | None) -> None:
    """Validate the config: exit 0, or a clear message and exit 2."""
    path = config_path(config_file or ctx.obj.get("config"))
    config = config_or_exit(str(path))
    click.echo(
        f"{path}: ok — {len(config.feeds)} feeds, {len(config.crossings)} crossings, "
        f"{len(config.people)} people, {len(config.talks.venues)} venues"
    )


def _store(db_file: str | None):
    from feeds.store import Store

    db = database_path(db_file)
    try:
        return Store(db)
    except StoreError as error:
        fail(str(error), EXIT_TROUBLE)


@commands.command()
@click.option(
    "--config", "config_file", metavar="PATH", help="Where to write (default: the user config dir)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
@click.pass_context
def init(ctx: click.Context, config_file: str | None, force: bool) -> None:
    """Write a commented config to start a new situation from."""
    from feeds.locations import example_config

    path = config_path(config_file or ctx.obj.get("config"))
    if path.exists() and not force:
        fail(f"{path} exists already (use --force to overwrite it)", EXIT_BAD_CONFIG)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example_config(), encoding="utf-8")
    click.echo(
        f"wrote {path}\nedit it for your situation, then: sitmon check && sitmon fetch && sitmon"
    )


@commands.group("feeds", invoke_without_command=True)
@_common
@click.pass_context
def feeds_command(ctx: click.Context, config_file: str | None, db_file: str | None) -> None:
    """Each feed with its health; `import` and `export` OPML feed lists."""
    ctx.obj.update(config=config_file or ctx.obj.get("config"), db=db_file or ctx.obj.get("db"))
    if ctx.invoked_subcommand is not None:
        return
    config = config_or_exit(ctx.obj["config"])
    store = _store(ctx.obj["db"])
    health = {row["name"]: row for row in store.feeds()}
    counts = dict(store.db.execute("select feed, count(*) from items group by feed").fetchall())
    related = dict(
        store.db.execute(
            "select feed, count(*) from items where related = 1 group by feed"
        ).fetchall()
    )
    for feed in config.feeds:
        row = health.get(feed.name, {})
        failing = row.get("failures")
        state = f"FAILING ({failing}x): {row.get('last_error')}" if failing else "ok"
        if not row:
            state = "not fetched yet"
        click.echo(
            f"{feed.name}\t{state}\tlast success {row.get('last_success') or 'never'}\t"
            f"{counts.get(feed.name, 0)} items, {related.get(feed.name, 0)} related"
        )


@feeds_command.command("import")
@click.argument("opml_file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def feeds_import(ctx: click.Context, opml_file: Path) -> None:
    """Merge the feeds of an OPML file into the config (comments and order kept)."""
    from feeds.opml import OpmlError, merge_into_config, read_opml

    path = config_path(ctx.obj.get("config"))
    config_or_exit(str(path))
    try:
        added, present = merge_into_config(path, read_opml(opml_file))
    except OpmlError as error:
        fail(str(error), EXIT_BAD_CONFIG)
        return
    config_or_exit(str(path))  # the merged file must still be a valid config
    click.echo(f"{path}: added {added} feeds ({present} already there)")


@feeds_command.command("export")
@click.pass_context
def feeds_export(ctx: click.Context) -> None:
    """Print the config's feeds as OPML 2.0."""
    from feeds.opml import write_opml

    click.echo(write_opml(config_or_exit(ctx.obj.get("config"))), nl=False)


@commands.command()
@click.option("--db", "db_file", metavar="PATH", help="Database file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status(ctx: click.Context, db_file: str | None, as_json: bool) -> None:
    """What changed since `sitmon status` last ran."""
    import json

    from feeds.status import describe, since_last_look

    report = since_last_look(_store(db_file or ctx.obj.get("db")))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else describe(report))


@commands.command()
@click.option("--db", "db_file", metavar="PATH", help="Database file.")
@click.option("--limit", default=50, show_default=True, help="How many, newest first.")
@click.pass_context
def alerts(ctx: click.Context, db_file: str | None, limit: int) -> None:
    """The alerts sitmon raised, newest first, and what became of each."""
    from feeds.alerts import recent

    for row in recent(_store(db_file or ctx.obj.get("db")), limit):
        error = f" ({row['error']})" if row["error"] else ""
        click.echo(f"{row['at']}  {row['kind']:<9} {row['status']}{error}: {row['text']}")
