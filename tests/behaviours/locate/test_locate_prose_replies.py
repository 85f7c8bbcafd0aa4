"""The locator on prose replies (spec.md, conventions 14, 22, 24): what a chat reply hands over is the deliverable,
and its parts are named the way a reader of the reply names them."""

from __future__ import annotations

from tests.locate_support import located_text

HANDED_PARAGRAPH = """Sure! Here's a possible introduction for your post:

Lake Bled is the postcard image of Slovenia. A church sits on the only island, a castle watches from the cliff, and \
the water stays green all summer. Most visitors come for a day, but the lake rewards a slower stay.
"""

ONE_PARAGRAPH = """Lake Bled is the postcard image of Slovenia. A church sits on the only island, a castle watches \
from the cliff, and the water stays green all summer. Most visitors come for a day, but the lake rewards a slower \
stay.
"""


def test_a_lone_paragraph_handed_over_by_a_preamble_is_the_target():
    found = located_text(HANDED_PARAGRAPH, "can you focus the introduction on the history of the castle?")
    assert found.startswith("Lake Bled is") and found.endswith("a slower stay.")


def test_a_correction_on_a_handed_paragraph_is_about_the_paragraph():
    found = located_text(HANDED_PARAGRAPH, "the island has a church and a small museum, not only a church")
    assert found.startswith("Lake Bled is") and found.endswith("a slower stay.")


def test_a_quote_still_narrows_a_handed_paragraph_to_its_sentence():
    found = located_text(HANDED_PARAGRAPH, 'change "the water stays green all summer" to something livelier')
    assert found.startswith("A church sits") and found.endswith("all summer.")


def test_a_one_paragraph_text_without_a_preamble_is_still_read_by_sentence():
    assert located_text(ONE_PARAGRAPH, "the church on the island is wrong") == (
        "A church sits on the only island, a castle watches from the cliff, and the water stays green all summer."
    )
