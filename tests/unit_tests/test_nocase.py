"""NoCase finds what the same pattern with IGNORECASE finds, at the same places."""

import random
import re

from feeds import borders, dates, status_words, talk_words, talks
from feeds.nocase import NoCase

_WORDS = (
    "the talks ended without agreement border crossings remain closed only for trucks "
    "Torkham REOPENED Expected To reopen Meet Again next round mediated by Qatar "
    "İstanbul ıslak ſaid straße ΣΟΦΙΑ Kelvin “quoted” — it's 25 Oct. 2025 MUST-not "
    "Friday November 3-4 for the tenth day 2025-11-04 three days ago, (Nov 6) early December"
).split()


def _patterns() -> list[NoCase]:
    found = [
        value
        for module in (borders, dates, status_words, talk_words, talks)
        for value in vars(module).values()
        if isinstance(value, NoCase)
    ]
    found += [pattern for _, pattern in talk_words._STATUS_CUES]
    found += [pattern for *_, pattern in status_words._CUES]
    found += [pattern for *_, pattern in dates._COMPILED]
    return found


def _texts(count: int) -> list[str]:
    rng = random.Random(7)
    texts = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 30))]
        words = [w.upper() if rng.random() < 0.2 else w for w in words]
        texts.append(" ".join(words))
    return texts


def test_every_pattern_matches_where_ignorecase_would():
    patterns = _patterns()
    assert len(patterns) >= 25
    for text in _texts(400):
        for pattern in patterns:
            slow = re.compile(pattern.pattern, re.IGNORECASE)
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in slow.finditer(text)
            ], (pattern.pattern, text)
            assert bool(pattern.search(text)) == bool(slow.search(text))
            assert bool(pattern.match(text)) == bool(slow.match(text))


def test_letters_that_fold_apart_from_lower_case_are_still_found():
    # Under IGNORECASE "s" matches the long s and "i" the dotless i; lower() keeps both as they are.
    assert NoCase("said").search("ſaid") is not None
    assert NoCase("crisis").search("crısıs") is not None
    assert NoCase(r"\bistanbul\b").search("İstanbul talks") is not None  # lower() makes it longer


def test_upper_case_escapes_keep_their_meaning():
    assert NoCase(r"\S+").search("   ") is None
    assert NoCase(r"a\Wb").search("a b") is not None
    assert NoCase(r"a\Wb").search("awb") is None


def test_group_names_keep_their_case():
    pattern = NoCase(r"(?P<Word>Talks) (?P=Word)")
    assert pattern.search("the TALKS talks").span() == (4, 15)
    assert pattern.search("the TALKS talks").groupdict().keys() == {"Word"}
