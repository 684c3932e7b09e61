"""httpx without the command-line client it imports along with itself.

httpx's own __init__ imports its CLI (click, rich, pygments) whenever those happen to be
installed, and the dashboard brings them: +5 MB and ~40 ms in every process that fetches, for
a tool sitmon never runs. httpx falls back to a stub when that import fails, and a None entry
in sys.modules is how an import is made to fail.
"""

import sys

sys.modules.setdefault("httpx._main", None)

import httpx  # noqa: E402  (after the entry above, by design)

__all__ = ["httpx"]
