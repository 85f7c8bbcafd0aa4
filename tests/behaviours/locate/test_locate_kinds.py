"""The locator on the kinds of documents people paste (spec.md, "Documents people paste"): plain web
text, news with bylines and quotes, abstracts with and without labels, papers, guides with lists."""

from __future__ import annotations

from canvas_tui.behaviours.locate import decide

PLAIN_WEB = """Siege of Varn

The Siege of Varn was a four-month blockade of the port of Varn in 1402. It ended when the garrison ran out of grain.

Background

The port had refused to pay the new salt tax. The duke sent an army of three thousand men to collect it.

The siege

The attackers dug trenches around the walls. A fire destroyed their supply camp in the second month.

Aftermath

The town paid the tax for a century. The walls were rebuilt in stone.
"""

NEWS = """# Harbour ferry to stop running in winter

*By a staff writer, 3 March*

OSTRA — The harbour ferry will not run from December to February, the port authority said on Friday.

The ferry carried about 900 passengers a day last winter, most of them workers at the fish market.

Mayor Ilse Brandt said the city would pay for a replacement bus during the closure.

"Nobody will be left on the wrong side of the water," Brandt said. "That is a promise."

"We lose money on every winter crossing," said Tomas Vik, the ferry operator's manager.
"""

ABSTRACT = (
    "Urban trees cool streets in summer, but their effect on night-time temperatures is less clear. "
    "We measured air temperature every ten minutes at 48 streets with and without tree cover for two summers. "
    "Streets with dense tree cover were 2.1 degrees cooler in the afternoon and 0.8 degrees cooler at night. "
    "The effect was largest on narrow streets. "
    "These results suggest that planting trees may reduce heat stress at night as well as during the day."
)

LABELLED = (
    "Background: Dogs are often said to reduce stress. Methods: We recruited 90 students before exams and "
    "randomly assigned half to spend ten minutes with a dog. Stress was measured with a questionnaire. "
    "Results: Students who met a dog reported lower stress. Heart rate did not differ. "
    "Conclusions: A short visit from a dog may help students before exams."
)

PAPER = """# Walking meetings and creativity

## Abstract

We asked whether walking during meetings improves idea generation.

## Background

Sitting for long periods is linked to poor health. Some companies now hold meetings on foot.

## Methods

Forty teams held one seated and one walking meeting.

## Findings

Walking meetings produced more ideas.
"""

GUIDE = """# Brewing tea

Good tea needs fresh water and patience.

## What you need

- a kettle
- loose tea
- a teapot

Any teapot works.

## Steps

1. Boil the water.
2. Warm the pot with a splash of hot water.
3. Add one spoon of tea per cup.
4. Pour and wait three minutes.
"""


def _located(document: str, request: str) -> str:
    decision = decide(document, request)
    return document[decision.span.start : decision.span.end] if decision.span else ""


def test_pasted_web_text_has_its_title_and_plain_headings_understood():
    assert _located(PLAIN_WEB, "punch up the intro").startswith("The Siege of Varn was")
    assert _located(PLAIN_WEB, "the first paragraph of the siege section").startswith("The attackers dug")
    assert _located(PLAIN_WEB, "fix the title") == "Siege of Varn"


def test_a_position_word_needs_no_article_after_an_edit_verb_but_a_topic_stays_a_topic():
    assert _located(PLAIN_WEB, "shorten intro").startswith("The Siege of Varn was")
    assert _located(NEWS, "the line about the ferry closing in winter") != _located(NEWS, "rewrite the closing")


def test_the_title_or_headline_is_the_heading_line():
    assert _located(NEWS, "the headline is too long") == "# Harbour ferry to stop running in winter"


def test_a_byline_is_not_counted_as_a_paragraph():
    assert _located(NEWS, "tighten the lede").startswith("OSTRA")
    assert _located(NEWS, "the second paragraph").startswith("The ferry carried")


def test_a_quote_is_found_by_its_speakers_role_through_the_name_written_beside_it():
    assert _located(NEWS, "the quote from the mayor is too long").startswith('"Nobody will be left')
    assert _located(NEWS, "the manager's quote").startswith('"We lose money')


def test_a_one_paragraph_abstract_resolves_to_sentences_by_their_role():
    assert _located(ABSTRACT, "the methods sentence").startswith("We measured air temperature")
    assert _located(ABSTRACT, "the results are too dry").startswith("Streets with dense tree cover")
    assert _located(ABSTRACT, "rewrite the conclusion").startswith("These results suggest")
    assert _located(ABSTRACT, "punch up the opening").startswith("Urban trees cool streets")


def test_inline_labels_of_a_structured_abstract_name_its_parts():
    assert (
        _located(LABELLED, "shorten the conclusions")
        == "Conclusions: A short visit from a dog may help students before exams."
    )
    assert _located(LABELLED, "the last sentence of the methods") == "Stress was measured with a questionnaire."
    assert _located(LABELLED, "the heart rate finding").startswith("Heart rate did not differ")


TRIAL = (
    "Methods: We assigned 20 wards to daily ward rounds or usual care. The primary outcome was the number of "
    "falls per patient. Results: Falls were rarer with daily rounds. Conclusions: Daily rounds are worth trying."
)


def test_a_part_name_inside_a_term_of_the_abstract_prose_is_a_topic_not_the_part():
    assert _located(TRIAL, "the primary outcome sentence") == "The primary outcome was the number of falls per patient."
    assert _located(TRIAL, "shorten the outcomes") == "Results: Falls were rarer with daily rounds."


def test_standard_part_names_match_their_synonyms_and_the_intro_is_the_background_without_a_lead():
    assert _located(PAPER, "the results are too short").startswith("## Findings")
    assert _located(PAPER, "the introduction needs more context").startswith("## Background")
    assert _located(PLAIN_WEB, "make the introduction more vivid").startswith("The Siege of Varn was")


def test_steps_count_numbered_items_and_a_named_list_is_the_list_block():
    assert _located(GUIDE, "step 3 is unclear") == "3. Add one spoon of tea per cup."
    assert _located(GUIDE, "the equipment list").startswith("- a kettle")


def test_related_words_find_a_topic_worded_differently():
    assert "The port had refused" in _located(PLAIN_WEB, "the part about the money they had to pay")


LONG_SECTION = """# Lighthouses

## Keepers

Life at the station was strict. Keepers wound the clockwork every four hours.

Margaret Hale kept the light for thirty years after her husband drowned. She never missed a night.

## Testing (required before every season)

The lamp was tested each spring.
"""


def test_the_part_about_a_detail_is_its_paragraph_not_the_whole_section():
    assert _located(LONG_SECTION, "the part about Margaret Hale could be warmer").startswith("Margaret Hale kept")


def test_a_half_quote_found_nowhere_falls_back_to_the_topic_but_an_exact_quote_does_not():
    assert _located(LONG_SECTION, "where it talks about winding the clock, simplify").startswith("Life at the station")
    assert _located(LONG_SECTION, 'change "the keepers sang every evening"') == ""


def test_a_title_is_named_without_its_subtitle():
    assert _located(LONG_SECTION, "the testing checklist is short").startswith("## Testing")


def test_a_clause_with_it_is_not_a_request_about_the_whole_document():
    assert _located(PAPER, "explain how it works in the methods").startswith("## Methods")


def test_what_a_request_asks_to_add_is_not_its_topic():
    assert _located(LONG_SECTION, "the sentence about the lamp needs a source") == "The lamp was tested each spring."


def test_a_list_is_named_with_a_few_words_before_list_but_list_as_a_verb_names_nothing():
    assert _located(GUIDE, "the pot and kettle list").startswith("- a kettle")
    assert (
        _located(GUIDE, "the sentence about the pot should list sizes") == "2. Warm the pot with a splash of hot water."
    )
