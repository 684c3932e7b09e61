"""Article HTML to plain paragraphs, with a real HTML parser (lxml)."""

from __future__ import annotations

import lxml.etree
import lxml.html

from feeds.clean import clean_line, clean_paragraphs

# Elements whose content is never article text: dropped with everything inside.
_DROP = (
    "script",
    "style",
    "applet",
    "template",
    "svg",
    "math",
    "head",
    "title",
    "meta",
    "link",
    "plaintext",  # swallows the rest of the document as text
    "xmp",
)
# Embedded things and form controls: the tag goes, any words inside stay (an unclosed
# <object> or <iframe> in a feed often has the article's words after it).
_RAW_TEXT = ("iframe", "noscript", "textarea")
_UNWRAP = (
    "iframe",
    "object",
    "embed",
    "noscript",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
)
# Elements that end a paragraph.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer "
    "aside figure figcaption dl dt dd hr address center main nav".split()
)
_MAX_HTML = 2_000_000


def html_to_text(html: str | None, _depth: int = 0) -> str:
    """Readable paragraphs separated by blank lines; markup, scripts and styles gone."""
    if not html or not html.strip():
        return ""
    if "<" not in html and "&" not in html:
        return clean_paragraphs(html)
    try:
        root = lxml.html.fragment_fromstring(html[:_MAX_HTML], create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_paragraphs(html)
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    for element in root.iter(*_RAW_TEXT):
        # The HTML parser keeps what follows an unclosed <iframe> as raw text, markup and all.
        inner = element.text or ""
        element.text = html_to_text(inner, _depth + 1) if _depth < 2 else ""
    lxml.etree.strip_tags(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction, *_UNWRAP)
    return clean_paragraphs("".join(_pieces(root)))


def _pieces(root: lxml.html.HtmlElement) -> list[str]:
    """Text in document order, with paragraph breaks around block elements."""
    pieces: list[str] = []
    for event, node in lxml.etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(node.tag, str)
        block = is_element and node.tag.lower() in _BLOCKS
        if event == "start":
            if block:
                pieces.append("\n\n")
            if is_element and node.text:
                pieces.append(node.text)
        else:
            if block:
                pieces.append("\n\n")
            if node is not root and node.tail:
                pieces.append(node.tail)
    return pieces


def html_to_line(html: str | None) -> str:
    """A one-line plain version of a short HTML fragment such as a title."""
    return clean_line(html_to_text(html).replace("\n\n", " "))
