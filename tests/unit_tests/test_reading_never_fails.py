"""Reading an item never raises, whatever its text: thousands of texts made of the pieces news
and hostile feeds are made of, shuffled (one exception stopped every refresh after it)."""

import random
from datetime import date

from feeds.item_facts import ItemReader, encode
from feeds.reading import Article
from tests.unit_tests.helpers import caucasus

PIECES = [
    *("“", "”", '"', "‘", "’", "'", "«", "»", "„", ",", ".", ";", ":", "—", "(", ")", "\n", "\n\n"),
    *("Margara", "Lachin", "closed", "reopened", "remains shut", "the crossing", "all crossings"),
    *("on Monday", "Oct 12", "6-7 November", "Oct 30 - Nov 2", "since", "for the third day"),
    *("after 20 days", "2025-11-03", "was due to end on Monday", "waiting for the reopening"),
    *("talks", "in Abu Dhabi", "began", "collapsed", "Armenia", "Azerbaijan", "but", "again"),
    *("Mirzoyan", "Ararat Mirzoyan", "said", "he said", "told reporters", "the minister", "Mr."),
    *("U.S.", "\u202e", "\x1b[31m", "[bold]", "é", "İ", "ı", "ſ", "0", "before"),
]


def test_reading_shuffled_news_pieces_never_raises():
    reader = ItemReader(caucasus())
    shuffle = random.Random(7)
    for _ in range(3000):
        count = shuffle.randint(1, 80)
        text = "".join(
            shuffle.choice(PIECES) + " " * (shuffle.random() < 0.6) for _ in range(count)
        )
        item = Article("k", "g", "f", "", "t", text, date(2025, 11, 7), date(2025, 11, 7))
        encode(reader.read(item))  # raises on failure
