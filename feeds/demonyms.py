"""The adjectives and peoples' names English does not build from a country's name by a rule:
"Thai" for Thailand, "Dutch" for the Netherlands. feeds/names.py builds the regular ones
(Armenian, Israeli, Afghan) itself; these it cannot guess."""

from __future__ import annotations

IRREGULAR: dict[str, tuple[str, ...]] = {
    "thailand": ("Thai", "Thais"),
    "netherlands": ("Dutch",),
    "the netherlands": ("Dutch",),
    "france": ("French", "Frenchman", "Frenchmen"),
    "switzerland": ("Swiss",),
    "ireland": ("Irish",),
    "finland": ("Finnish", "Finn", "Finns"),
    "poland": ("Polish", "Pole", "Poles"),
    "denmark": ("Danish", "Dane", "Danes"),
    "sweden": ("Swedish", "Swede", "Swedes"),
    "norway": ("Norwegian", "Norwegians"),
    "spain": ("Spanish", "Spaniard", "Spaniards"),
    "portugal": ("Portuguese",),
    "belgium": ("Belgian", "Belgians"),
    "united kingdom": ("British", "Briton", "Britons"),
    "britain": ("British", "Briton", "Britons"),
    "uk": ("British", "Briton", "Britons"),
    "united states": ("American", "Americans"),
    "us": ("American", "Americans"),
    "usa": ("American", "Americans"),
    "greece": ("Greek", "Greeks"),
    "cyprus": ("Cypriot", "Cypriots"),
    "lebanon": ("Lebanese",),
    "myanmar": ("Burmese",),
    "philippines": ("Filipino", "Filipinos", "Philippine"),
    "laos": ("Lao", "Laotian", "Laotians"),
    "singapore": ("Singaporean", "Singaporeans"),
    "mexico": ("Mexican", "Mexicans"),
    "morocco": ("Moroccan", "Moroccans"),
    "peru": ("Peruvian", "Peruvians"),
    "ecuador": ("Ecuadorian", "Ecuadorians"),
    "congo": ("Congolese",),
    "democratic republic of the congo": ("Congolese",),
    "niger": ("Nigerien", "Nigeriens"),
    "madagascar": ("Malagasy",),
    "kosovo": ("Kosovar", "Kosovars", "Kosovan"),
    "saudi arabia": ("Saudi", "Saudis"),
    "united arab emirates": ("Emirati", "Emiratis"),
    "uae": ("Emirati", "Emiratis"),
    "azerbaijan": ("Azeri", "Azeris"),
    "czechia": ("Czech", "Czechs"),
    "czech republic": ("Czech", "Czechs"),
    "new zealand": ("New Zealander", "New Zealanders"),
    "wales": ("Welsh",),
    "scotland": ("Scottish", "Scot", "Scots"),
    "england": ("English",),
    "iceland": ("Icelandic", "Icelander", "Icelanders"),
    "argentina": ("Argentine", "Argentines"),
    "ivory coast": ("Ivorian", "Ivorians"),
    "côte d'ivoire": ("Ivorian", "Ivorians"),
    "bahrain": ("Bahraini", "Bahrainis"),
    "kyrgyzstan": ("Kyrgyz",),
    "kazakhstan": ("Kazakh", "Kazakhs"),
    "turkmenistan": ("Turkmen",),
}


def irregular_forms(country: str) -> tuple[str, ...]:
    """The country's irregular adjectives and peoples' names, if English has any."""
    return IRREGULAR.get(" ".join(country.casefold().split()), ())
