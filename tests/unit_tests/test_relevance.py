"""Which items are about the situation."""

from feeds.relevance import RelevanceModel
from tests.unit_tests.helpers import caucasus

MODEL = RelevanceModel(caucasus())


def related(title: str, text: str) -> bool:
    return MODEL.score(title, text).related


def test_both_parties_in_focus_is_related():
    assert related(
        "Armenia and Azerbaijan agree on border commission", "Officials from Yerevan and Baku met."
    )


def test_a_crossing_with_one_party_is_related():
    assert related("Margara checkpoint stays shut", "Armenian truckers waited for a third day.")


def test_one_party_in_passing_is_not_related():
    text = (
        "Ministers discussed the Gaza ceasefire and the peace plan at length.\n\n"
        "Delegations from Egypt, Jordan and Azerbaijan were present, along with observers."
    )
    assert not related("Ministers back Gaza ceasefire at Abu Dhabi meeting", text)


def test_demonyms_count_as_the_party():
    assert related(
        "Armenian and Azerbaijani negotiators resume work", "The peace text is nearly ready."
    )


def test_exclude_word_in_title_is_not_related():
    config = caucasus()
    model = RelevanceModel(
        config._replace(situation=config.situation._replace(exclude=("football",)))
    )
    assert not model.score("Armenia beat Azerbaijan at football", "Yerevan celebrated.").related


def test_the_parties_alone_are_not_the_situation():
    assert not related(
        "Azerbaijan beat Armenia 2-1 in Nations League",
        "Armenian fans travelled to Azerbaijan's capital.",
    )
    assert related(
        "Armenia and Azerbaijan trade accusations", "Yerevan accused Baku of a border violation."
    )


def test_two_parties_joined_by_a_hyphen_are_both_named():
    assert related(
        "Armenia-Azerbaijan talks resume", "Negotiators met again on the border commission."
    )


def test_a_short_stem_names_its_country_only_at_the_head_of_a_compound():
    from feeds.names import demonym_pattern

    pakistan = demonym_pattern("Pakistan")
    assert pakistan.search("a fresh round of Pak-Afghan talks")
    assert pakistan.search("the Pakistan-Afghanistan border")
    assert not pakistan.search("the Pak Army said") and not pakistan.search("a pak of cards")
    assert demonym_pattern("Afghanistan").search("Pak-Afghan talks")


def test_a_party_named_by_an_alias_the_config_gives():
    config = caucasus()
    aliased = config._replace(
        talks=config.talks._replace(
            party_aliases=(("Armenia", ("Yerevan",)), ("Azerbaijan", ("Baku",)))
        ),
    )
    title = "Yerevan accuses Baku of stalling the peace treaty"
    text = "Officials in Yerevan said on Monday that the peace text had been ready for weeks."
    assert not RelevanceModel(config).score(title, text).related
    assert RelevanceModel(aliased).score(title, text).related


def test_a_party_named_by_an_adjective_english_does_not_build_by_a_rule():
    config = caucasus()
    other = config._replace(talks=config.talks._replace(parties=("Thailand", "Netherlands")))
    title = "Thai and Dutch envoys meet over the border dispute"
    text = "Envoys met for three hours, officials said."
    assert not RelevanceModel(config).score(title, text).related
    assert RelevanceModel(other).score(title, text).related


def test_irregular_adjectives_count_only_capitalised():
    from feeds.names import demonym_pattern

    poland = demonym_pattern("Poland")
    assert poland.search("Polish troops") and poland.search("Poles protested")
    assert not poland.search("storms brought down power poles")


def test_an_acronym_is_matched_only_in_capitals():
    from feeds.names import demonym_pattern, phrase_pattern

    assert not demonym_pattern("US").search("an aide told us on Monday")
    assert demonym_pattern("US").search("a US envoy") and demonym_pattern("US").search("American")
    assert not phrase_pattern(["UAE"]).search("uae") and phrase_pattern(["UAE"]).search("UAE")
