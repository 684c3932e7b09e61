"""Quote shapes and attribution, on sentences written for these tests (a different situation)."""

from feeds.extract import statements
from feeds.people import People
from feeds.statements import statements_in
from tests.unit_tests.helpers import art, caucasus

PEOPLE = People(caucasus())


def said(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.quote) for s in statements_in(art(text), PEOPLE)]


def said_on(text: str) -> str:
    """The day the item's first statement was said."""
    return [s.date.isoformat() for s in statements_in(art(text), PEOPLE)][0]


def test_name_then_speech_verb():
    assert said("“The text is ready to sign,” Mirzoyan told reporters in Yerevan.") == [
        ("Ararat Mirzoyan", "The text is ready to sign")
    ]


def test_speech_verb_then_unknown_name_with_role():
    result = statements_in(
        art(
            "“We need the road open by spring,” said Anahit Sargsyan, head of the regional freight union."
        ),
        PEOPLE,
    )
    assert [(s.speaker, s.role) for s in result] == [
        ("Anahit Sargsyan", "head of the regional freight union")
    ]


def test_a_clause_after_the_name_is_no_role():
    """ "said X, adding that ..." (and "noting", "who ...") goes on with the sentence: only a
    noun phrase after the name is the speaker's role."""
    roles = [
        (s.speaker, s.role)
        for text in (
            "“Trucks will wait another week,” said Anahit Sargsyan, adding that the road was icy.",
            "“The queue is long,” said Levon Hakobyan, noting the weather in the pass.",
            "“We are ready,” said Gor Melikyan, who runs the customs post at Bavra.",
            "“Work resumes tomorrow,” said Nune Petrosyan, acting head of the border service.",
        )
        for s in statements_in(art(text), PEOPLE)
    ]
    assert roles == [
        ("Anahit Sargsyan", ""),
        ("Levon Hakobyan", ""),
        ("Gor Melikyan", ""),
        ("Nune Petrosyan", "acting head of the border service"),
    ]


def test_title_before_unknown_name():
    assert said("“Nobody crossed today,” Deputy Governor Karen Avetisyan said on Monday.") == [
        ("Karen Avetisyan", "Nobody crossed today")
    ]


def test_pronoun_resolves_to_the_person_last_named():
    text = (
        "Hikmet Hajiyev, an aide to the president, spoke after the session.\n\n"
        "“There will be no going back,” he said."
    )
    assert said(text) == [("Hikmet Hajiyev", "There will be no going back")]


def test_configured_title_maps_to_the_person():
    assert said("“We are close,” the Armenian foreign minister said.") == [
        ("Ararat Mirzoyan", "We are close")
    ]


def test_unnamed_official_and_institutions_are_not_statements():
    text = (
        "“The talks are stuck,” a senior diplomat said. "
        "The ministry said the sides had agreed to “continue the work in good faith”. "
        "An official who asked not to be named called it “a mess”."
    )
    assert said(text) == []


def test_indirect_speech_is_not_a_quotation():
    assert said("Mirzoyan said the text was ready and that he hoped to sign it soon.") == []


def test_split_quote_is_one_statement():
    text = "“The border is calm,” Hajiyev said. “We intend to keep it that way.”"
    found = statements_in(art(text), PEOPLE)
    assert len(found) == 1
    assert found[0].quote == "The border is calm. We intend to keep it that way."
    assert found[0].pieces == ("The border is calm,", "We intend to keep it that way.")


def test_partial_quote_inside_a_sentence_takes_the_sentences_speaker():
    found = statements_in(
        art("Mirzoyan said the deal was “within reach” but gave no date."), PEOPLE
    )
    assert [(s.speaker, s.quote, s.partial) for s in found] == [
        ("Ararat Mirzoyan", "within reach", True)
    ]


def test_quoted_name_is_not_a_statement():
    assert said("Mirzoyan said the “Crossroads of Peace” plan was on the table.") == []


def test_statement_date_is_when_it_was_said():
    found = statements_in(art("“We are ready,” Hajiyev said on Wednesday."), PEOPLE)
    assert found[0].date.isoformat() == "2025-11-05"


def test_same_quote_in_two_items_is_one_statement_with_both_sources():
    first = art("“The text is ready to sign,” Mirzoyan told reporters.", guid="a")
    second = art("Mirzoyan said on Friday that “the text is ready to sign”.", guid="b")
    rows = statements(caucasus(), [first, second])
    assert len(rows) == 1
    assert rows[0]["guid"] == "a" and [s["guid"] for s in rows[0]["sources"]] == ["b"]


def test_colon_introduced_quote_is_whole_not_partial():
    found = statements_in(art("Mirzoyan told the assembly: “The road must stay open.”"), PEOPLE)
    assert [(s.speaker, s.quote, s.partial) for s in found] == [
        ("Ararat Mirzoyan", "The road must stay open.", False)
    ]


def test_split_quote_continuing_in_lower_case():
    found = statements_in(art("“We are ready,” Hajiyev said, “but not at any price.”"), PEOPLE)
    assert [s.quote for s in found] == ["We are ready, but not at any price."]


def test_role_reference_with_nobody_named_is_not_attributed():
    assert said("“No comment,” the spokesman said.") == []


def test_a_spokesman_for_someone_is_not_that_person():
    assert said("“The meeting went well,” a spokesman for Mirzoyan said.") == []
    assert said("“We expect progress,” an aide to Hajiyev told reporters.") == []


def test_a_whole_sentence_after_adding_is_not_partial():
    found = statements_in(
        art("“We will defend the border,” Hajiyev said, adding: “We do not want war.”"), PEOPLE
    )
    assert [(s.quote, s.partial) for s in found] == [
        ("We will defend the border", False),
        ("We do not want war.", False),
    ]


def test_called_is_a_speech_verb():
    found = statements_in(
        art("Foreign Minister Ararat Mirzoyan called the deal “a first step” on Sunday."), PEOPLE
    )
    assert [(s.speaker, s.quote, s.partial) for s in found] == [
        ("Ararat Mirzoyan", "a first step", True)
    ]


def roles(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.role) for s in statements_in(art(text), PEOPLE)]


def test_an_office_with_a_nationality_before_the_name():
    """ "Azerbaijani Foreign Minister Jeyhun Bayramov": the nationality belongs to the office,
    not to the name (a party's demonym in a name made it no person at all)."""
    assert roles(
        "“The corridor stays open,” Azerbaijani Foreign Minister Jeyhun Bayramov said."
    ) == [("Jeyhun Bayramov", "Azerbaijani Foreign Minister")]
    assert roles(
        "“We will host again,” Emirati Foreign Minister Khalid Al Nahyan told reporters."
    ) == [("Khalid Al Nahyan", "Emirati Foreign Minister")]
    assert roles("“Nothing has changed,” John Major told reporters.") == [("John Major", "")]


def test_an_office_before_a_name_set_off_by_commas():
    """ "Armenia's deputy transport minister, Levon Hakobyan, said ...": the office before the
    name is the role, and "said on Monday that ..." after it is the sentence going on."""
    text = (
        "Armenia's deputy transport minister, Levon Hakobyan, said on Monday that the queue "
        "was shrinking. “The trucks are moving again,” he said."
    )
    assert roles(text) == [("Levon Hakobyan", "Armenia's deputy transport minister")]


def test_a_quote_in_the_next_sentence_with_its_own_speaker_is_not_a_continuation():
    """ "“X,” Mirzoyan said. Hajiyev disagreed: “Y.”": two speakers, not one statement."""
    text = "“The text is ready,” Mirzoyan said. Hajiyev disagreed: “Nothing is agreed yet.”"
    assert said(text) == [
        ("Ararat Mirzoyan", "The text is ready"),
        ("Hikmet Hajiyev", "Nothing is agreed yet."),
    ]
    assert said("“The text is ready,” Mirzoyan said. “We sign on Friday.”") == [
        ("Ararat Mirzoyan", "The text is ready. We sign on Friday.")
    ]


def test_an_office_after_the_name_may_start_with_a_country():
    assert roles(
        "“We are ready,” said Gor Melikyan, Armenia's deputy customs chief, on Monday."
    ) == [("Gor Melikyan", "Armenia's deputy customs chief")]


def test_a_name_set_off_by_commas_before_the_verb_that_introduces_the_quote():
    assert said(
        "The Armenian foreign minister, Ararat Mirzoyan, told the briefing: “The text is ready.”"
    ) == [("Ararat Mirzoyan", "The text is ready.")]
    assert said(
        "Anahit Sargsyan, head of the freight union, told reporters: “We need the road open.”"
    ) == [("Anahit Sargsyan", "We need the road open.")]
    found = statements_in(
        art("The head of the freight union, Anahit Sargsyan, told reporters: “It is open.”"), PEOPLE
    )
    assert [(s.speaker, s.role) for s in found] == [
        ("Anahit Sargsyan", "head of the freight union")
    ]


def test_single_curly_quotes():
    assert said("‘The text is ready to sign,’ Mirzoyan told reporters on Monday.") == [
        ("Ararat Mirzoyan", "The text is ready to sign")
    ]
    assert said("‘The drivers’ losses are huge,’ said Anahit Sargsyan, a freight union head.") == [
        ("Anahit Sargsyan", "The drivers’ losses are huge")
    ]
    assert said("Mirzoyan’s aides met the drivers’ union on Monday.") == []


def test_a_split_quote_with_where_it_was_said_between_the_pieces():
    found = statements_in(
        art("“Baku must choose,” Mirzoyan said at the weekly briefing, “between peace and war.”"),
        PEOPLE,
    )
    assert [s.quote for s in found] == ["Baku must choose, between peace and war."]


def test_facts_are_read_from_the_first_hundred_thousand_characters_of_an_item():
    from feeds.reading import MAX_READ, article

    quote = "“The text is ready to sign,” Mirzoyan told reporters. "
    filler = "Armenia and Azerbaijan met. " * (MAX_READ // 28 + 1)
    row = {"key": "k", "guid": "g", "feed": "f", "published": "2025-11-07T10:00:00+00:00"}
    early = article({**row, "text": quote + filler}, "UTC")
    late = article({**row, "text": filler + quote}, "UTC")
    assert [s.speaker for s in statements_in(early, PEOPLE)] == ["Ararat Mirzoyan"]
    assert statements_in(late, PEOPLE) == []


def test_a_headline_in_title_case_is_not_a_statement():
    text = "Mirzoyan: ‘Peace Treaty Ready For Signing’\n\nMirzoyan spoke in Yerevan on Monday."
    assert said(text) == []
    assert said("Mirzoyan said: “We Are Ready.” Then he left.") == [
        ("Ararat Mirzoyan", "We Are Ready.")
    ]


def test_a_quote_of_marks_and_dashes_is_not_a_statement():
    assert said("“« . »,” Mirzoyan said on Monday.") == []


def test_a_quote_after_said_when_asked_continues_the_same_speaker():
    found = statements_in(
        art(
            "“We will see,” Mirzoyan said when asked whether talks would resume. “Nothing is final.”"
        ),
        PEOPLE,
    )
    assert [(s.speaker, s.quote) for s in found] == [
        ("Ararat Mirzoyan", "We will see. Nothing is final.")
    ]


def test_a_dash_after_the_quote_names_its_speaker():
    assert said("“The road must open by spring.” — Ararat Mirzoyan, in a televised address") == [
        ("Ararat Mirzoyan", "The road must open by spring.")
    ]
    found = statements_in(
        art("“Our trucks have waited for weeks” – Anahit Sargsyan, head of the freight union"),
        PEOPLE,
    )
    assert [(s.speaker, s.role) for s in found] == [
        ("Anahit Sargsyan", "head of the freight union")
    ]
    # What follows a dash that does not open with a name is a comment, not an attribution.
    assert said("Baku called it “a provocation” — a charge Mirzoyan rejects.") == []


def test_he_said_takes_the_day_of_the_sentence_that_had_the_speaker_speaking():
    quote = "\n\n“The road must open by spring,” he said."
    assert (
        said_on("Speaking in Yerevan on Tuesday, Mirzoyan criticised Baku." + quote) == "2025-11-04"
    )
    # A sentence that names him doing something else does not date his words.
    assert said_on("Mirzoyan visited the Margara checkpoint on Tuesday." + quote) == "2025-11-07"


def test_a_surname_alone_is_the_person_named_with_it_before():
    found = statements_in(
        art(
            "Anahit Sargsyan, head of the regional freight union, said losses were mounting.\n\n"
            "“Our drivers have waited for weeks,” Sargsyan said."
        ),
        PEOPLE,
    )
    assert [(s.speaker, s.role) for s in found] == [
        ("Anahit Sargsyan", "head of the regional freight union")
    ]
    # A name nobody was introduced with is nobody we may quote.
    assert said("“Our drivers have waited for weeks,” Sargsyan said.") == []


def test_saying_after_a_clause_is_said_by_the_clause_subject():
    assert said(
        "Mirzoyan blamed Baku for the delay, saying it “showed no interest” in a deal."
    ) == [("Ararat Mirzoyan", "showed no interest")]
    assert said("Hajiyev blamed Mirzoyan, saying: “The text was never final.”") == [
        ("Hikmet Hajiyev", "The text was never final.")
    ]
    # The one met is not the one saying.
    assert said("Baku's envoy met Mirzoyan on Monday, saying the text “was never final”.") == []


def test_an_item_repeating_a_quote_reads_it_once():
    text = "Mirzoyan said: “The road must open by spring.”\n\n" * 300
    assert said(text) == [("Ararat Mirzoyan", "The road must open by spring.")]


def test_the_office_before_a_name_is_the_role_not_the_rank():
    def roles(text: str) -> list[tuple[str, str]]:
        return [(s.speaker, s.role) for s in statements_in(art(text), PEOPLE)]

    assert roles(
        "“The pass must open,” said Third Army Corps commander Lt Gen Arman Petrosyan."
    ) == [("Arman Petrosyan", "Third Army Corps commander")]
    assert roles("“Families are waiting,” UNHCR spokesperson Lena Aliyeva told reporters.") == [
        ("Lena Aliyeva", "UNHCR spokesperson")
    ]
    assert roles("“Trade is frozen,” said Goris Chamber of Commerce president Aram Sahakyan.") == [
        ("Aram Sahakyan", "Goris Chamber of Commerce president")
    ]


def test_who_said_is_the_person_named_just_before():
    assert said(
        "Hajiyev spoke with his counterpart Ararat Mirzoyan, who said Yerevan “wants a signed text”."
    ) == [("Ararat Mirzoyan", "wants a signed text")]
    assert said("The spokesman for the ministry, who said “nothing is final”, left early.") == []


def test_an_earlier_sentence_dates_a_quote_only_by_the_day_of_speaking():
    quote = " “The road must open by spring,” he said."
    assert said_on("On Tuesday, Mirzoyan spoke to reporters." + quote) == "2025-11-04"
    assert said_on("Mirzoyan told reporters late on Tuesday that talks had stalled." + quote) == (
        "2025-11-04"
    )
    # The day of what he spoke about is not the day he spoke.
    assert said_on("Mirzoyan recalled the clashes of October 11 and 12." + quote) == "2025-11-07"
