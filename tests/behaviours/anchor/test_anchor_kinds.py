"""The anchor behaviour, one perturbation kind at a time, on small hand-written documents."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.anchor import TextQuoteAnchorer, default_anchorer
from canvas_tui.behaviours.base import AnchorResult
from canvas_tui.behaviours.interfaces import CommentAnchorer

DOC = (
    "# Keeping a project healthy\n\n"
    "Writing things down is one of the most important things you can do as a maintainer. "
    "Documentation not only clarifies your own thinking, but it helps other people understand "
    "what you need or expect, before they even ask.\n\n"
    "It's okay to say \u201cno\u201d to a feature \u2014 a clear answer respects everyone's time.\n\n"
    "Most people who come across your project don't know anything about you or your circumstances.\n"
)


@pytest.fixture(scope="module")
def anchorer() -> TextQuoteAnchorer:
    return TextQuoteAnchorer()


def anchored_text(result: AnchorResult, document: str = DOC) -> str:
    assert result.span is not None, "expected an anchor"
    return document[result.span.start : result.span.end]


def test_default_anchorer_satisfies_the_protocol() -> None:
    assert isinstance(default_anchorer(), CommentAnchorer)


def test_an_exact_quote_anchors_to_itself(anchorer) -> None:
    quote = "Writing things down is one of the most important things you can do as a maintainer."
    result = anchorer.anchor(DOC, quote)
    assert anchored_text(result) == quote
    assert result.score == 1.0 and not result.ambiguous and result.method == "exact"


def test_case_changes_do_not_matter(anchorer) -> None:
    result = anchorer.anchor(DOC, "WRITING THINGS DOWN IS ONE OF THE MOST IMPORTANT THINGS")
    assert anchored_text(result) == "Writing things down is one of the most important things"


@pytest.mark.parametrize(
    "quote",
    [
        "Documentation  not only clarifies your\nown thinking",
        "Documentation not only clarifies your own thinking , but it helps",
        "  Documentation not only clarifies your own thinking,but it helps \n",
    ],
)
def test_whitespace_changes_do_not_matter(anchorer, quote) -> None:
    assert anchored_text(anchorer.anchor(DOC, quote)).startswith("Documentation not only clarifies your own thinking")


@pytest.mark.parametrize(
    "quote",
    [
        "It's okay to say \"no\" to a feature - a clear answer respects everyone's time",
        "It\u2019s okay to say \u201cno\u201d to a feature \u2013 a clear answer respects everyone\u2019s time.",
        "It's okay to say \"no\" to a feature -- a clear answer respects everyone's time,",
    ],
)
def test_quote_dash_and_final_punctuation_styles_do_not_matter(anchorer, quote) -> None:
    text = anchored_text(anchorer.anchor(DOC, quote))
    assert text.startswith("It's okay to say") and text.rstrip(".").endswith("everyone's time")


def test_typos_in_two_words_still_anchor(anchorer) -> None:
    result = anchorer.anchor(DOC, "Most people who come acros your project don't know anyhting about you")
    assert anchored_text(result) == "Most people who come across your project don't know anything about you"
    assert result.method == "fuzzy" and 0.9 < result.score < 1.0


@pytest.mark.parametrize(
    "quote",
    [
        "Most people who come across yourproject don't know anything",
        "Most people who come across your project dont know anything",
        "Most people who come across your project don't know any thing",
    ],
)
def test_a_lost_or_added_space_or_apostrophe_is_a_typo(anchorer, quote) -> None:
    assert anchored_text(anchorer.anchor(DOC, quote)).startswith("Most people who come across your project")


def test_a_truncated_quote_anchors_to_the_text_it_covers(anchorer) -> None:
    assert anchored_text(anchorer.anchor(DOC, "Most people who come across your")) == "Most people who come across your"


def test_a_quote_trailing_off_runs_to_the_end_of_its_sentence(anchorer) -> None:
    text = anchored_text(anchorer.anchor(DOC, "Most people who come across your project\u2026"))
    assert text == "Most people who come across your project don't know anything about you or your circumstances."


def test_an_extended_quote_anchors_to_everything_it_covers(anchorer) -> None:
    quote = "as a maintainer. Documentation not only clarifies your own thinking, but"
    assert anchored_text(anchorer.anchor(DOC, quote)) == quote


@pytest.mark.parametrize("mark", [" ... ", " \u2026 ", " [...] ", "...", " [\u2026] "])
def test_an_elided_quote_anchors_to_the_whole_span_it_stands_for(anchorer, mark) -> None:
    result = anchorer.anchor(DOC, f"Documentation not only clarifies{mark}before they even ask.")
    assert anchored_text(result) == DOC[DOC.index("Documentation") : DOC.index("ask.") + 3]
    assert result.method == "elided"


def test_an_elided_quote_with_a_typo_in_its_tail_still_anchors(anchorer) -> None:
    result = anchorer.anchor(DOC, "Writing things down ... you can do as a maintaner")
    assert anchored_text(result).startswith("Writing things down") and anchored_text(result).endswith("maintainer")


def test_an_elided_quote_whose_tail_is_missing_gets_no_anchor(anchorer) -> None:
    assert anchorer.anchor(DOC, "Writing things down ... a rocket to the moon").span is None


def test_a_repeated_quote_anchors_the_first_occurrence_and_is_ambiguous(anchorer) -> None:
    document = "The build is slow. We fixed the tests. The build is slow again today."
    result = anchorer.anchor(document, "the build is slow")
    assert result.span is not None and result.span.start == 0 and result.ambiguous


def test_context_hints_pick_the_occurrence_they_describe(anchorer) -> None:
    document = "The build is slow. We fixed the tests. The build is slow again today."
    second = document.rindex("The build")
    by_suffix = anchorer.anchor(document, "the build is slow", suffix=" again today")
    by_position = anchorer.anchor(document, "the build is slow", near=second + 3)
    assert by_suffix.span.start == second and not by_suffix.ambiguous
    assert by_position.span.start == second


@pytest.mark.parametrize(
    "quote",
    [
        "Security advisories will be published and will inform all your users through their SCA tool.",
        "Writing documentation is among the most crucial tasks a maintainer can do.",
        "Writing things down is one of the most important things for a healthy release process overall.",
        "Writing things down is one of the most crucial things you can do as an owner.",
        "Writing things down is one of the important things you can do.",
    ],
)
def test_absent_quotes_and_paraphrases_get_no_anchor(anchorer, quote) -> None:
    result = anchorer.anchor(DOC, quote)
    assert result.span is None and result.method == "none" and result.score == 0.0


def test_a_short_quote_must_match_exactly(anchorer) -> None:
    assert anchorer.anchor(DOC, "maintaner").span is not None
    assert anchorer.anchor(DOC, "mantaner").span is None


@pytest.mark.parametrize("quote", ["", "   ", "...", "\u2026"])
def test_an_empty_quote_gets_no_anchor(anchorer, quote) -> None:
    assert anchorer.anchor(DOC, quote).span is None


MARKDOWN = (
    "## Setup\n\n"
    "Run the **installer** and then open [the settings page](https://example.com/settings) to "
    "choose a `profile_name` for your _first_ workspace.\n\n"
    "- Back up your data\n- Remove old plugins\n1. Restart the editor\n"
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "Run the installer and then open the settings page",
            "Run the **installer** and then open [the settings page](https://example.com/settings)",
        ),
        (
            "open the settings page to choose a profile_name for your first workspace.",
            "open [the settings page](https://example.com/settings) to choose a `profile_name` for your _first_ workspace.",
        ),
        (
            "Back up your data Remove old plugins Restart the editor",
            "Back up your data\n- Remove old plugins\n1. Restart the editor",
        ),
        ("Setup", "Setup"),
    ],
)
def test_markdown_syntax_a_reader_does_not_see_is_optional_in_quotes(anchorer, quote, expected) -> None:
    assert anchored_text(anchorer.anchor(MARKDOWN, quote), MARKDOWN) == expected


def test_html_entities_read_as_the_characters_they_stand_for(anchorer) -> None:
    document = "AT&amp;T kept the&nbsp;line open &mdash; for now."
    assert (
        anchored_text(anchorer.anchor(document, "AT&T kept the line open \u2014 for now"), document)
        == "AT&amp;T kept the&nbsp;line open &mdash; for now"
    )


def test_a_quote_of_raw_markdown_anchors_too(anchorer) -> None:
    quote = "open [the settings page](https://example.com/settings) to choose"
    assert anchored_text(anchorer.anchor(MARKDOWN, quote), MARKDOWN) == quote
