"""The locator finds the part of a document an edit request is about, following spec.md."""

from __future__ import annotations

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.interfaces import SectionLocator
from canvas_tui.behaviours.locate import decide, default_locator

GUIDE = """# Tidy

Tidy cleans folders of notes. It never deletes anything without asking.

## Installation

Install it with pip. Then check the version.

Homebrew works on macOS too.

## Pricing

Tidy is free for personal use. Teams pay four dollars a month.

## Licence

Tidy is released under the MIT licence.
"""


def _located(request: str, selection: Span | None = None) -> str:
    decision = decide(GUIDE, request, selection)
    return GUIDE[decision.span.start : decision.span.end]


def test_the_default_locator_satisfies_the_section_locator_interface():
    assert isinstance(default_locator(), SectionLocator)


async def test_the_async_locator_returns_the_same_decision_as_decide():
    decision = await default_locator().locate(GUIDE, "tighten the pricing section")
    assert decision == decide(GUIDE, "tighten the pricing section")


def test_a_heading_named_inexactly_finds_its_whole_section():
    decision = decide(GUIDE, "make the install part friendlier")
    assert (decision.unit, decision.style) == ("section", "heading")
    assert GUIDE[decision.span.start : decision.span.end].startswith("## Installation")
    assert GUIDE[decision.span.start : decision.span.end].endswith("macOS too.")


def test_quoted_and_half_quoted_text_finds_its_sentence():
    assert (
        _located('change "never deletes anything" to something softer') == "It never deletes anything without asking."
    )
    assert _located("the sentence that says teams pay four dollars") == "Teams pay four dollars a month."


def test_a_topic_finds_the_most_relevant_unit():
    assert _located("the paragraph about brew on a mac") == "Homebrew works on macOS too."


def test_ordinals_count_paragraphs_and_the_sections_under_the_title():
    assert _located("shorten the second paragraph") == "Install it with pip. Then check the version."
    assert _located("the second section").startswith("## Pricing")
    assert _located("the second-to-last paragraph") == "Tidy is free for personal use. Teams pay four dollars a month."


def test_positions_name_the_first_or_last_unit_of_the_kind_asked_for():
    assert _located("tighten the intro") == "Tidy cleans folders of notes. It never deletes anything without asking."
    assert _located("make the opening sentence punchier") == "Tidy cleans folders of notes."
    assert _located("the ending is abrupt") == "Tidy is released under the MIT licence."


def test_combined_requests_narrow_to_a_section_then_pick_inside_it():
    decision = decide(GUIDE, "in the installation section, shorten the last paragraph")
    assert GUIDE[decision.span.start : decision.span.end] == "Homebrew works on macOS too."
    assert decision.style == "combined"
    assert _located("the last sentence of the intro") == "It never deletes anything without asking."


def test_requests_about_the_whole_document_take_the_stripped_text():
    for request in ("make it more formal", "fix all typos", "translate the whole thing"):
        decision = decide(GUIDE, request)
        assert (decision.unit, decision.style) == ("document", "whole")
        assert GUIDE[decision.span.start : decision.span.end] == GUIDE.strip()


def test_a_selection_overrides_the_request():
    start = GUIDE.index("Teams pay")
    decision = decide(GUIDE, "tighten the intro", Span(start=start, end=start + 9))
    assert decision.from_selection and decision.style == "selection"
    assert decision.span == Span(start=start, end=start + 9) and decision.unit == "sentence"


def test_a_quote_that_is_nowhere_in_the_document_locates_nothing():
    decision = decide(GUIDE, 'rephrase "the quarterly revenue projections"')
    assert decision.span is None


def test_close_candidates_are_flagged_ambiguous_with_the_candidates_listed():
    text = "Cats sleep a lot.\n\nDogs sleep a lot.\n\nBirds sing."
    decision = decide(text, "the paragraph about sleeping a lot")
    assert decision.ambiguous and len(decision.candidates) >= 2
