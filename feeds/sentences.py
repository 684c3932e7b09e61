"""Splitting article text into paragraphs and sentences that survive abbreviations and quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm gov sen rep rev fr st mt jr sr sheikh
    no nos vs etc approx dept est inc ltd co corp univ pres hon gov't
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e a.m p.m u.s u.k u.n u.a.e e.u""".split()
)
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
_OPENERS = "\"'“‘(["
_LAST_WORD = re.compile(r"(?<![\w.'])[\w.']+$")  # tried only where a word starts
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in the item: paragraph number and character span in the text."""

    text: str
    paragraph: int
    start: int
    end: int


MAX_EVIDENCE = 1_200  # characters of a sentence shown as evidence whole
_EVIDENCE_REACH = 500  # of a longer one, the characters kept either side of the words


def evidence_span(text: str, start: int, end: int, at: int, stop: int) -> tuple[int, int]:
    """Where the evidence for the words at `at`..`stop` of the sentence text[start:end] runs:
    the whole sentence, or of one longer than MAX_EVIDENCE characters (a feed that never ends
    one), the words around them. Each fact of a giant sentence holding all of it made one
    hostile item's readings grow with the square of its length (1 GB from 200 KB of text)."""
    if end - start <= MAX_EVIDENCE:
        return start, end
    if at - start > _EVIDENCE_REACH:
        start = text.find(" ", at - _EVIDENCE_REACH, at) + 1 or start
    if end - stop > _EVIDENCE_REACH:
        end = text.rfind(" ", stop, stop + _EVIDENCE_REACH) + 1 or end
    return start, end


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs; paragraphs are separated by blank lines."""
    result = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if match.group().strip():
            result.append((match.start(), match.group()))
    return result


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of an item's text, in order."""
    sentences = []
    for number, (offset, paragraph) in enumerate(paragraphs(text)):
        for start, end in _sentence_spans(paragraph):
            sentences.append(Sentence(paragraph[start:end], number, offset + start, offset + end))
    return sentences


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    quotes = _QuoteCount()
    for match in _CANDIDATE.finditer(paragraph):
        if _is_boundary(paragraph, match, quotes.open_at(paragraph, match.end())):
            spans.append((start, match.end() - len(match.group()) + len(match.group().rstrip())))
            start = match.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return [
        (s, e)
        for whole in spans
        for s, e in _readable_pieces(paragraph, *whole)
        if paragraph[s:e].strip()
    ]


MAX_SENTENCE = 2_000  # characters; a longer "sentence" is read in pieces of about this size


def _readable_pieces(paragraph: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence, or of one longer than MAX_SENTENCE (a feed that never ends one, or runs
    thousands of clauses together), pieces cut after a comma or a space: every reader looks at
    a sentence as a whole, for each thing in it, and one of 200 KB took minutes to read."""
    while end - start > MAX_SENTENCE:
        window = (start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = paragraph.rfind(", ", *window) + 1 or paragraph.rfind(" ", *window)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut + (paragraph[cut : cut + 1] == " ")
    yield start, end


def _is_boundary(paragraph: str, match: re.Match[str], inside_quote: bool) -> bool:
    if match.end() == len(paragraph):
        return True
    if inside_quote:
        return False
    word = _LAST_WORD.search(paragraph, max(0, match.start() - 80), match.start())
    token = word.group(0).lower() if word else ""
    if "." in match.group() and not any(c in match.group() for c in "!?…"):
        if token in _ABBREVIATIONS or token.rstrip(".") in _ABBREVIATIONS:
            return False
        if _INITIALS.fullmatch(token):  # initials: "J.", "U.S"
            return False
    nxt = paragraph[match.end()]
    # A new sentence starts with a capital, a digit or an opening quote/bracket.
    return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS


class _QuoteCount:
    """Whether a double quotation is open at a point (a quote spanning sentences), counted
    incrementally as the candidates move forward through the paragraph."""

    def __init__(self) -> None:
        self.upto = 0
        self.curly = 0
        self.straight = 0

    def open_at(self, text: str, end: int) -> bool:
        piece = text[self.upto : end]
        self.curly += piece.count("“") - piece.count("”")
        self.straight += piece.count('"')
        self.upto = end
        return self.curly > 0 or self.straight % 2 == 1
