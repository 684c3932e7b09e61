"""Sentence splitting and quotation finding."""

from feeds import quotes
from feeds.quotes import find_quotes
from feeds.sentences import MAX_SENTENCE, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Dr. Lena Petrosyan met Lt. Gen. A. B. Karimov in the U.S. on Oct. 3 at 9 a.m. local time. He left."
    assert texts(text) == [
        "Dr. Lena Petrosyan met Lt. Gen. A. B. Karimov in the U.S. on Oct. 3 at 9 a.m. local time.",
        "He left.",
    ]


def test_a_quotation_spanning_sentences_stays_in_one_sentence():
    text = "“We came to talk. We stayed to listen,” the envoy said. Then he left."
    assert texts(text)[0] == "“We came to talk. We stayed to listen,” the envoy said."


def test_paragraphs_are_separate():
    assert [s.paragraph for s in split_sentences("One. Two.\n\nThree.")] == [0, 0, 1]


def test_curly_straight_and_nested_quotes():
    text = '“We opened the ‘Peace Gate’ today,” she said. He said "enough" twice.'
    assert [q.text for q in find_quotes(text)] == ["We opened the ‘Peace Gate’ today,", "enough"]


def test_inches_and_apostrophes_are_not_quotes():
    assert find_quotes("A 12\" pipe and the minister's car, the ministers' cars.") == []


def test_a_quotation_running_over_paragraphs():
    text = "“The first part ends here.\n\n“The second part ends it,” he said."
    assert [q.text for q in find_quotes(text)] == [
        "The first part ends here. The second part ends it,"
    ]


def test_an_unclosed_quotation_is_not_trusted():
    assert find_quotes("He said “this never closes.\n\nNext paragraph without a mark.") == []


def test_a_sentence_that_never_ends_is_read_in_pieces_of_bounded_size():
    text = "Margara closed on Monday, " * 4000  # 104,000 characters, no full stop
    pieces = split_sentences(text)
    assert len(pieces) > 50
    assert all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start : p.end] == p.text and p.text == p.text.strip() for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")


def test_quotes_left_open_cost_one_search_each_kind_not_one_per_mark(monkeypatch):
    """20,000 unclosed marks in one paragraph each searched it to its end: a minute."""
    searches = []
    close = quotes._close
    monkeypatch.setattr(quotes, "_close", lambda *a: searches.append(a[1]) or close(*a))
    assert find_quotes("“a " * 20000 + "‘a " * 20000 + '"a ' * 20000) == []
    assert len(searches) == 3
