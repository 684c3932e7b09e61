"""Turning anything a person types into a safe FTS5 query."""

from __future__ import annotations

import re

_TERM = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Every word becomes a quoted term (prefix match on the last), so operators are inert.

    "border reop" -> "border" "reop"*: all words must appear, the last may be unfinished.
    """
    terms = _TERM.findall(text.replace("\x00", " "))[:32]
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)
