"""Parts named by description rather than by position or heading (spec.md rules 3, 11, 13, 14): a title asked
for with "a" ("a better title"), a sentence counted inside a paragraph named by its topic, a topic in a
structured abstract's part, and the main finding of an unlabelled abstract."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.locate import decide

ARTICLE = """Lantern festival

The lantern festival closes the new year celebrations. Families walk to the river after dark.

Crafts

Paper lanterns are glued over bamboo frames. Each takes about an evening to make. Children paint them last.

Music

Drum bands lead the walk. Their rhythm is the same every year.
"""

STRUCTURED = """Background: Night shifts disturb sleep. Few studies have followed nurses over years.

Methods: We followed 410 nurses for three years and recorded their shift patterns.

Conclusions: Rotating shifts shortened sleep. Hospitals could offer nurses fixed rosters on request.
"""

UNLABELLED = (
    "Noise from wind turbines is a common complaint near new farms. "
    "We followed 300 households living within two kilometres of a turbine for a year. "
    "People living closest slept on average 11 minutes less than those living farther away, after adjusting for age. "
    "They also reported more irritation, although mood did not differ. "
    "These findings suggest that new turbines should be sited farther from homes."
)


def _text(document: str, request: str) -> str:
    decision = decide(document, request)
    assert decision.span is not None
    return document[decision.span.start : decision.span.end]


@pytest.mark.parametrize(
    "request_text", ["a better title", "suggest a new title", "retitle it", "give it a catchier headline"]
)
def test_a_title_asked_for_with_an_article_is_the_title_line(request_text: str) -> None:
    assert _text(ARTICLE, request_text) == "Lantern festival"


def test_a_title_for_every_section_is_not_the_document_title() -> None:
    assert _text(ARTICLE, "give each section a title") != "Lantern festival"


def test_an_ordinal_sentence_counts_inside_the_paragraph_named_by_its_topic() -> None:
    decision = decide(ARTICLE, "the second sentence of the paper lanterns paragraph")
    assert decision.unit == "sentence"
    assert ARTICLE[decision.span.start : decision.span.end] == "Each takes about an evening to make."


def test_a_topic_in_a_structured_abstract_part_is_its_sentence() -> None:
    assert _text(STRUCTURED, "the suggestion for hospitals") == "Hospitals could offer nurses fixed rosters on request."


def test_the_main_finding_of_an_unlabelled_abstract_is_its_first_result_sentence() -> None:
    assert _text(UNLABELLED, "the main finding").startswith("People living closest slept on average")
