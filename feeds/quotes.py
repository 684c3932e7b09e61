"""Finding the direct quotations in an item's text: straight, curly and single, across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}
_MARK = re.compile('[“"«„‘]')
# "the drivers’ union": a plural's apostrophe before a lower-case word, not a closing quote.
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)’ [a-z]")


@dataclass(frozen=True)
class QuoteSpan:
    """The quoted words (without the marks) and where they stand in the text."""

    text: str
    start: int  # index of the opening mark
    end: int  # index just past the closing mark (or the end of the paragraph if none)


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted spans in order. A quote may run over paragraphs the way news writes it:
    the paragraph ends with the quote still open and the next one starts with an opening mark."""
    spans: list[QuoteSpan] = []
    i = 0
    while True:
        found = _MARK.search(text, i)
        if found is None:
            return spans
        i = found.start()
        if _opens(text, i):
            span = _close(text, i, _OPEN[text[i]])
            if span is not None:
                spans.append(span)
                i = span.end
                continue
        i += 1


def _opens(text: str, i: int) -> bool:
    """A straight or single quote opens only at a word start (not after a letter: inches,
    typos), and a single one only before a word."""
    if text[i] not in '"‘':
        return True
    at_start = i == 0 or not text[i - 1].isalnum()
    return at_start and (text[i] == '"' or text[i + 1 : i + 2].isalnum())


def _close(text: str, start: int, closer: str) -> QuoteSpan | None:
    pieces = []
    i = start + 1
    piece_start = i
    while i < len(text):
        char = text[i]
        if char == closer and _closes(text, i):
            pieces.append(text[piece_start:i])
            return _span(pieces, start, i + 1)
        if (
            char == "\n"
            and text.startswith("\n\n", i)
            or (char == "\n" and _paragraph_break(text, i))
        ):
            pieces.append(text[piece_start:i])
            nxt = re.match(r"\n\s*", text[i:])
            j = i + (nxt.end() if nxt else 1)
            if j < len(text) and text[j] in _OPEN:  # the quotation continues in the next paragraph
                i = piece_start = j + 1
                continue
            return None  # never closed: not a quotation we can trust
        i += 1
    return None


def _closes(text: str, i: int) -> bool:
    """A straight or single closing mark ends the quote only at a word end: a single one
    inside a word ("Pakistan’s") or after a plural ("drivers’ union") is an apostrophe."""
    if text[i] not in '"’':
        return True
    if i + 1 < len(text) and text[i + 1].isalnum():
        return False
    return text[i] == '"' or not _PLURAL_POSSESSIVE.match(text, i)


def _paragraph_break(text: str, i: int) -> bool:
    return bool(re.match(r"\n\s*\n", text[i:]))


def _span(pieces: list[str], start: int, end: int) -> QuoteSpan | None:
    words = " ".join(p.strip() for p in pieces if p.strip())
    return QuoteSpan(words, start, end) if words else None
