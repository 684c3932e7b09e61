"""The `sitmon` command. The dashboard, the launch made most often, starts without importing
click (~6 ms of a ~210 ms first frame); any other command, `--help`, and any argument this
does not know go to the click commands in tui/commands.py, which own every message."""

from __future__ import annotations

import sys

_FLAGS = {"--demo": "demo", "--offline": "offline"}
_VALUES = {"--config": "config_file", "--db": "db_file"}


def dashboard_arguments(args: list[str]) -> dict[str, str | bool] | None:
    """The dashboard's options when `args` hold nothing else (the last of a repeated option
    wins, as with click); None for anything else."""
    found: dict[str, str | bool] = {}
    given = iter(args)
    for arg in given:
        name, equals, value = arg.partition("=")
        if name in _VALUES:
            value = value if equals else next(given, "")
            if not value or (not equals and value.startswith("-")):
                return None  # a missing value: click says what is wrong
            found[_VALUES[name]] = value
        elif arg in _FLAGS:
            found[_FLAGS[arg]] = True
        else:
            return None
    return found


def main() -> None:
    arguments = dashboard_arguments(sys.argv[1:])
    if arguments is None:
        from tui.commands import commands

        commands()
        return
    from tui.launch import open_dashboard

    open_dashboard(**arguments)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
