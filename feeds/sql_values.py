"""A list of values as one JSON parameter of an SQL statement.

The statement's text is then the same for any number of values, SQLite's cache of prepared
statements keeps one of it, and no list is too long for one statement. With a `?` per value (in
chunks of 500, SQLite's limit on parameters), each length was a statement of its own: the
cache's 128 filled with them, ~10 MB of a 1,000-feed ingest's main process.
"""

from __future__ import annotations

import json

ONE_OF = "(select value from json_each(?))"  # `where key in {ONE_OF}`, with one_of(keys)


def one_of(values: list) -> list[str]:
    return [json.dumps(values)]
