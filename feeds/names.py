"""Regular expressions that find the names a config gives, as news text writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from feeds.demonyms import irregular_forms

_DEMONYM_SUFFIXES = ("i", "is", "ian", "ians", "an", "ans", "ese", "ish", "s")


def _phrase(name: str) -> str:
    """A name with any run of spaces or hyphens between its words. An acronym ("US", "UAE",
    "U.S.") only in capitals: "told us" names nobody."""
    words = re.split(r"[\s\-‐–]+", name.strip())
    body = r"[\s\-‐–]+".join(re.escape(w) for w in words if w)
    return f"(?-i:{body})" if _ACRONYM.fullmatch(name.strip()) else body


_ACRONYM = re.compile(r"[A-Z][A-Z.&]*[A-Z.]")


@lru_cache(maxsize=4096)
def _compiled(
    alternatives: tuple[str, ...], flags: int, after_hyphen: bool = False
) -> re.Pattern[str]:
    """Whole words; a name after a hyphen only when asked (a country in "Pak-Afghan talks"),
    since a hyphenated name is usually one name ("Al-Khulaifi")."""
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    before = r"(?<!\w)" if after_hyphen else r"(?<![\w-])"
    return re.compile(rf"{before}(?:{body})(?![\w])", flags)


def phrase_pattern(names: Iterable[str], *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Any of the names as whole words; case-insensitive unless asked (people's short names)."""
    return _names_pattern(tuple(names), case_sensitive)


@lru_cache(maxsize=4096)
def _names_pattern(names: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    alternatives = tuple(_phrase(n) for n in names if n.strip())
    return _compiled(alternatives or ("(?!x)x",), 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=1024)
def demonym_pattern(country: str) -> re.Pattern[str]:
    """The country's name and the words English builds from it: Armenian(s), Israeli, Russian;
    and those it does not build by a rule (feeds/demonyms.py: Thai, Dutch)."""
    stems = _stems(country)
    forms = {country} | {s for s in stems if len(s) >= 5}
    forms |= {s + suffix for s in stems for suffix in _DEMONYM_SUFFIXES if len(s) >= 4}
    alternatives = tuple(_phrase(f) for f in forms)
    # "Thai", "Dutch": written capitalised, and so only matched so ("poles" are not Poles).
    alternatives += tuple(f"(?-i:{_phrase(f)})" for f in irregular_forms(country))
    # A stem too short to stand alone names the country at the head of a compound ("Pak-Afghan").
    alternatives += tuple(rf"{re.escape(s)}(?=[\-‐–]\w)" for s in stems if len(s) == 3)
    # Two countries joined by a hyphen are both named: "Pakistan-Afghanistan", "Pak-Afghan".
    return _compiled(alternatives, re.IGNORECASE, after_hyphen=True)


def _stems(country: str) -> set[str]:
    """The country and what its adjectives are built on: Afghan(istan), Armeni(a), Turk(ey),
    German(y), Ital(y)."""
    stems = {country}
    lowered = country.lower()
    if lowered.endswith("istan"):
        stems.add(country[:-5])
    elif lowered.endswith(("a", "e")):
        stems.add(country[:-1])
    elif lowered.endswith("ey"):
        stems.add(country[:-2])
    elif lowered.endswith("y"):
        stems.add(country[:-1])
    return stems


@lru_cache(maxsize=256)
def party_pattern(party: str, aliases: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A party as the news names it: the country, its adjectives (demonym_pattern), and the
    other names the config gives it ("Kabul", "the Taliban government")."""
    own = demonym_pattern(party)
    if not aliases:
        return own
    return re.compile(f"{own.pattern}|{phrase_pattern(aliases).pattern}", re.IGNORECASE)


def party_hints(party: str, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Words the text must hold for party_pattern(party, aliases) to match."""
    return tuple(sorted({*demonym_hints(party), *phrase_hints(aliases)}))


def phrase_hints(names: Iterable[str]) -> tuple[str, ...]:
    """Words the text must hold (as lowercase substrings) for phrase_pattern(names) to match:
    the first word of each name. A cheap test that skips the regex on most texts."""
    return tuple(sorted({_first_word(n) for n in names if n.strip()} - {""}))


def demonym_hints(country: str) -> tuple[str, ...]:
    """The same for demonym_pattern(country): every form starts with the country or a stem."""
    stems = {country} | {s for s in _stems(country) if len(s) >= 3}  # shorter ones go unused
    stems |= set(irregular_forms(country))
    return tuple(sorted({_first_word(s) for s in stems} - {""}))


def hint_text(text: str) -> str:
    """Text lowered the way IGNORECASE regexes compare letters, for testing hints with `in`."""
    lowered = text.lower()
    if "\u0307" in lowered or "ı" in lowered or "ſ" in lowered:
        return lowered.translate(_REGEX_FOLDS)
    return lowered


# Letters Python's IGNORECASE treats as equal that str.lower() does not: dotted capital I,
# dotless i, long s.
_REGEX_FOLDS = str.maketrans({"\u0307": "", "ı": "i", "ſ": "s"})


def _first_word(name: str) -> str:
    words = re.split(r"[\s\-‐–]+", name.strip().lower())
    return next((w for w in words if w), "").translate(_REGEX_FOLDS)


def fold(text: str) -> str:
    """Lower case without diacritics, for comparing names ("Zürich" == "zurich")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
