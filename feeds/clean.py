"""Making stranger-written text safe to store and to show in a terminal."""

from __future__ import annotations

import re
import unicodedata

# Whole escape sequences first (so their parameters do not survive as visible junk), then any
# remaining C0/C1 control, DEL, and the bidi and zero-width format characters that can reorder
# or hide what the reader sees.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, SOS, PM, APC up to their terminator
    r"|[\x90\x9d\x98\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)"  # their 8-bit forms
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[ -/]*[0-~]?",  # any other ESC sequence
    re.DOTALL,
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\ufff9-\ufffb]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str | None) -> str:
    """Visible words only: no escape sequences, controls or bidi overrides; tabs become spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not _CONTROL.search(text):  # every escape sequence starts with a control: most text
        return text.replace("\t", " ")  # has none
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text.replace("\t", " "))


def clean_line(text: str | None) -> str:
    """clean_text folded onto one line with single spaces (titles, names)."""
    return _fold_spaces(clean_text(text))


def clean_paragraphs(text: str | None) -> str:
    """clean_text with each paragraph on one line and paragraphs separated by a blank line."""
    # Cleaned once as a whole: what is left has no controls, so each paragraph only needs its
    # spaces folded.
    paragraphs = (_fold_spaces(p) for p in _PARAGRAPH_BREAK.split(clean_text(text)))
    return "\n\n".join(p for p in paragraphs if p)


def _fold_spaces(text: str) -> str:
    text = text.replace("\n", " ")
    # Most text is ASCII with single spaces, which the pattern would only replace with
    # themselves: scanning it was a third of parsing a feed.
    if not text.isascii() or "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
