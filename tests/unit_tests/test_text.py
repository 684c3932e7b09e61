"""Cleaning stranger-written text, HTML to paragraphs, search queries, canonical links."""

import random

from feeds.clean import clean_line
from feeds.html_text import html_to_text
from feeds.search import fts_query
from feeds.stories import (
    canonical_link,
    encode,
    packed,
    packed_similarity,
    signature,
    similarity,
)


def test_escape_sequences_and_controls_are_removed_but_words_kept():
    hostile = "A\x1b]0;pwned\x07B\x1b[2JC\x1b]52;c;ZXZpbA==\x1b\\D\x9b31mE\u202eF\u200bG\x00H"
    assert clean_line(hostile) == "ABCDEFGH"


def test_html_becomes_paragraphs_without_scripts_or_styles():
    html = "<p>One <b>bold</b> &amp; more</p><script>alert(1)</script><style>p{}</style><p>Two<br>Three</p>"
    assert html_to_text(html) == "One bold & more\n\nTwo\n\nThree"


def test_html_entities_in_plain_text():
    assert html_to_text("Fish &amp; chips") == "Fish & chips"


def test_spaces_fold_to_one_whether_the_text_is_ascii_or_not():
    # Plain ASCII with single spaces is left as it is; anything else goes through the folding.
    assert clean_line("  Torkham   stays\tshut \n today ") == "Torkham stays shut today"
    assert clean_line("Torkham\u00a0stays\u2009shut\u3000today") == "Torkham stays shut today"
    assert clean_line("Türkiye  hosts\u00a0 talks") == "Türkiye hosts talks"
    assert html_to_text("<p>One  two</p><p>three\u00a0four</p>") == "One two\n\nthree four"


def test_search_query_neutralises_operators():
    assert fts_query('torkham "NEAR( * - reop') == '"torkham" "NEAR" "reop"*'
    assert fts_query("\x00 ' \" *") == ""


def test_canonical_link_drops_what_differs_between_copies():
    a = canonical_link("https://www.example.com/news/1/?utm_source=x&id=3#top")
    b = canonical_link("http://example.com/news/1?id=3")
    assert a == b


def test_near_identical_texts_are_similar_and_different_texts_are_not():
    base = "The two delegations met for six hours and agreed to meet again next week in the capital to settle the details."
    copy = base + " The statement was released late on Thursday."
    other = "A storm is expected to reach the coast on Sunday with strong winds and heavy rain across the region."
    assert similarity(signature("A", base), signature("B", copy)) > 0.6
    assert similarity(signature("A", base), signature("A", other)) < 0.1


def test_packed_similarity_equals_similarity_slot_for_slot():
    """The integer shortcut agrees with the plain count, empty slots and all."""
    rng = random.Random(5)
    empty, slots = 1 << 27, 32
    for _ in range(2000):
        a = [rng.randrange(1 << 27) for _ in range(slots)]
        b = [x if rng.random() < rng.random() else rng.randrange(1 << 27) for x in a]
        for sig in (a, b):  # some signatures of very short texts leave slots empty
            if rng.random() < 0.2:
                for at in rng.sample(range(slots), rng.randrange(1, 8)):
                    sig[at] = empty
        a_packed, b_packed = packed(encode(tuple(a))), packed(encode(tuple(b)))
        assert packed_similarity(a_packed, b_packed) == similarity(tuple(a), tuple(b))
    assert packed_similarity(packed(encode(())), packed(encode(tuple(a)))) == 0.0
