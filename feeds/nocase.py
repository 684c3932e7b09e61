"""Case-insensitive patterns that run at the speed of case-sensitive ones.

Python's re tries a case-insensitive alternation of words several times more slowly than the
same words case-sensitively: a sentence's status words, hedges and talk words cost 5-20 µs each
that way. Lower-casing the text keeps every character in its place for nearly all news, and
then the lower-case pattern without IGNORECASE matches exactly where the original would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# An escape of an upper-case letter (\S, \W, \B, \D, \A, \Z) would change meaning lower-cased.
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
# What lower-casing leaves as it is: escapes, and group names ("(?P<m1>", "(?P=m1)").
_KEPT = re.compile(r"\\.|\(\?P[<=][^>)]*[>)]", re.DOTALL)


class NoCase:
    """A pattern matched without regard to case. Its matches have the text's spans, but their
    groups hold the lower-cased text: take words out of the text by span."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._slow = re.compile(pattern, re.IGNORECASE)
        self._fast = (
            None if _UPPER_ESCAPE.search(pattern) else re.compile(_lowered_pattern(pattern))
        )

    def _lowered(self, text: str) -> str | None:
        if self._fast is None:
            return None
        last = _last_lowered
        if last[0] is text:  # one sentence is asked about by many patterns in a row
            return last[1]
        return _lower(text)

    def search(self, text: str) -> re.Match[str] | None:
        lowered = self._lowered(text)
        if lowered is None:
            return self._slow.search(text)
        return self._fast.search(lowered)  # type: ignore[union-attr]

    def match(self, text: str) -> re.Match[str] | None:
        lowered = self._lowered(text)
        if lowered is None:
            return self._slow.match(text)
        return self._fast.match(lowered)  # type: ignore[union-attr]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = self._lowered(text)
        if lowered is None:
            return self._slow.finditer(text)
        return self._fast.finditer(lowered)  # type: ignore[union-attr]


_last_lowered: tuple[str, str | None] = ("", "")


def _lower(text: str) -> str | None:
    """The text lower-cased, or None when the lower-case pattern could then match elsewhere
    than the original: a character lower() turns into two (dotted capital I), or one that
    IGNORECASE matches to an ASCII letter while lower() leaves it as it is (dotless i, long s).
    ASCII text (a flag Python keeps on every string) is always fine."""
    global _last_lowered
    lowered: str | None = text.lower()
    if not text.isascii() and (
        len(lowered) != len(text) or "ı" in text or "ſ" in text  # type: ignore[arg-type]
    ):
        lowered = None
    _last_lowered = (text, lowered)
    return lowered


def _lowered_pattern(pattern: str) -> str:
    kept = [(m.start(), m.end()) for m in _KEPT.finditer(pattern)]
    pieces, at = [], 0
    for start, end in kept:
        pieces += [pattern[at:start].lower(), pattern[start:end]]
        at = end
    return "".join([*pieces, pattern[at:].lower()])
