"""Evidence sentences a derive does not hold: a number in their item until the output is written.

A derive holds every part (observation, mention, statement) of every related item at once; at
50,000 related items the sentences were most of their weight, and a reference object per part
still 9 MB. A lazy reading keeps, in each part, the sentence's number among its item's distinct
sentences (a small int, which Python shares); a SentenceRef is made only for the parts that
become facts, and resolve_sentences then reads those sentences back.
"""

from __future__ import annotations


class SentenceRef:
    """One evidence sentence of one item, until the output is written: equal for the same
    words in the same item, as the sentence itself would be."""

    __slots__ = ("key", "number")

    def __init__(self, key: str, number: int) -> None:
        self.key = key
        self.number = number

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SentenceRef) and self.number == other.number and self.key == other.key
        )

    def __hash__(self) -> int:
        return hash((self.key, self.number))


def evidence_sentence(item_key: str, sentence: str | int) -> str | SentenceRef:
    """What a fact's entry holds for a part's sentence: the sentence, or a reference to it
    when the part came from a lazy reading (`sentence` is then its number in the item)."""
    return SentenceRef(item_key, sentence) if type(sentence) is int else sentence
