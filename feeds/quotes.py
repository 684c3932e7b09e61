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
    # Where the search for each closing mark last gave up: an opening mark before that place
    # would find no closing mark either (a paragraph of 20,000 unclosed marks took a minute).
    gave_up: dict[str, int] = {}
    i = 0
    while True:
        found = _MARK.search(text, i)
        if found is None:
            return spans
        i = found.start()
        closer = _OPEN[text[i]]
        if i >= gave_up.get(closer, -1) and _opens(text, i):
            span, failed_at = _close(text, i, closer)
            if span is not None:
                spans.append(span)
                i = span.end
                continue
            gave_up[closer] = failed_at
        i += 1


def _opens(text: str, i: int) -> bool:
    """A straight or single quote opens only at a word start (not after a letter: inches,
    typos), and a single one only before a word."""
    if text[i] not in '"‘':
        return True
    at_start = i == 0 or not text[i - 1].isalnum()
    return at_start and (text[i] == '"' or text[i + 1 : i + 2].isalnum())


def _close(text: str, start: int, closer: str) -> tuple[QuoteSpan | None, int]:
    """The quote opened at `start`, or None and where the search gave up: the end of the
    paragraph it started in (or of a paragraph it ran on into) or of the text."""
    pieces = []
    i = piece_start = start + 1
    while True:
        close_at = text.find(closer, i)
        newline = text.find("\n", i, close_at if close_at >= 0 else len(text))
        if newline < 0:
            if close_at < 0:
                return None, len(text)
            if _closes(text, close_at):
                pieces.append(text[piece_start:close_at])
                return _span(pieces, start, close_at + 1), close_at
            i = close_at + 1
            continue
        paragraph_end = _PARAGRAPH_BREAK.match(text, newline)
        if paragraph_end is None:
            i = newline + 1
            continue
        pieces.append(text[piece_start:newline])
        j = _SPACE_RUN.match(text, newline).end()  # the next paragraph's first character
        if j < len(text) and text[j] in _OPEN:  # the quotation continues in the next paragraph
            i = piece_start = j + 1
            continue
        return None, newline  # never closed: not a quotation we can trust


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACE_RUN = re.compile(r"\s*")


def _closes(text: str, i: int) -> bool:
    """A straight or single closing mark ends the quote only at a word end: a single one
    inside a word ("Pakistan’s") or after a plural ("drivers’ union") is an apostrophe."""
    if text[i] not in '"’':
        return True
    if i + 1 < len(text) and text[i + 1].isalnum():
        return False
    return text[i] == '"' or not _PLURAL_POSSESSIVE.match(text, i)


def _span(pieces: list[str], start: int, end: int) -> QuoteSpan | None:
    words = " ".join(p.strip() for p in pieces if p.strip())
    return QuoteSpan(words, start, end) if words else None
