"""Splitting article text into paragraphs and sentences that survive abbreviations and quotes."""

from __future__ import annotations

import re
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


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in the item: paragraph number and character span in the text."""

    text: str
    paragraph: int
    start: int
    end: int


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
    for match in _CANDIDATE.finditer(paragraph):
        if _is_boundary(paragraph, match):
            spans.append((start, match.end() - len(match.group()) + len(match.group().rstrip())))
            start = match.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return [(s, e) for s, e in spans if paragraph[s:e].strip()]


def _is_boundary(paragraph: str, match: re.Match[str]) -> bool:
    before = paragraph[: match.start()]
    after = paragraph[match.end() :]
    if not after:
        return True
    if _inside_quote(paragraph[: match.end()]):
        return False
    word = re.search(r"([\w.']+)$", before)
    token = word.group(1).lower() if word else ""
    if "." in match.group() and not any(c in match.group() for c in "!?…"):
        if token in _ABBREVIATIONS or token.rstrip(".") in _ABBREVIATIONS:
            return False
        if re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):  # initials: "J.", "U.S"
            return False
    nxt = after[0]
    # A new sentence starts with a capital, a digit or an opening quote/bracket.
    return nxt.isupper() or nxt.isdigit() or nxt in _OPENERS


def _inside_quote(text: str) -> bool:
    """True when a double quotation is open at the end of `text` (a quote spanning sentences)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    return curly > 0 or straight == 1
