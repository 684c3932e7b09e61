"""Where sitmon keeps its config and database unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "sitmon"


def config_path(given: str | os.PathLike[str] | None = None) -> Path:
    """--config, else $SITMON_CONFIG, else the user config dir."""
    if given:
        return Path(given).expanduser()
    if os.environ.get("SITMON_CONFIG"):
        return Path(os.environ["SITMON_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def example_config() -> str:
    """The commented example config (shipped in the package; the repository root in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "config.example.toml", here.parent / "config.example.toml"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("config.example.toml is missing from this installation")


def database_path(given: str | os.PathLike[str] | None = None) -> Path:
    """--db, else $SITMON_DB, else the user data dir."""
    if given:
        return Path(given).expanduser()
    if os.environ.get("SITMON_DB"):
        return Path(os.environ["SITMON_DB"]).expanduser()
    return Path(platformdirs.user_data_dir(APP)) / "sitmon.db"
