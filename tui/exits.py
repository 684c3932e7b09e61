"""How a command ends on expected trouble: one line on stderr and an exit code, no traceback."""

from __future__ import annotations

import sys
from typing import NoReturn

from feeds.config import Config, ConfigError, load_config
from feeds.locations import config_path

EXIT_BAD_CONFIG = 2
EXIT_TROUBLE = 1


def fail(message: str, code: int) -> NoReturn:
    print(f"sitmon: {message}", file=sys.stderr)
    sys.exit(code)


def config_or_exit(given: str | None) -> Config:
    """The config at `given` (or the default place), or its error and exit 2."""
    try:
        return load_config(config_path(given))
    except ConfigError as error:
        fail(str(error), EXIT_BAD_CONFIG)
