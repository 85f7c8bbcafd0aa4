"""The committed trigger and router follow the spec's decided families on phrasings not in the labels."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.trigger import default_trigger
from canvas_tui.paths import PROJECT_ROOT

TRIGGER_FAMILIES = [
    ("Write an essay about the history of the printing press.", "canvas"),
    ("Compose a blog post about learning to skateboard at forty.", "canvas"),
    ("Write a cover letter for an accountant position at a law firm.", "canvas"),
    ("Write a Python script that emails me a summary of my calendar every morning.", "canvas"),
    ("Write a function that returns the n-th row of Pascal's triangle.", "canvas"),
    ("Write a poem about a lighthouse in winter.", "canvas"),
    ("Create a 5-day itinerary for a trip to Vienna.", "canvas"),
    ("Write a haiku about a lighthouse in winter.", "inline"),
    ("Write a tweet announcing our bakery's new opening hours.", "inline"),
    ("Describe the Roman Republic in three sentences.", "inline"),
    ("What is the difference between weather and climate?", "inline"),
    ("Solve 5x - 3 = 12.", "inline"),
    ("Pretend you are a lighthouse keeper and tell me about your night.", "inline"),
    ("Give me 10 names for a sailing boat.", "inline"),
    ("Why does my Python loop never end?", "inline"),
    ("Translate 'good evening' into Portuguese.", "inline"),
]

ROUTER_FAMILIES = [
    ("Make the introduction shorter.", "edit"),
    ("Add a paragraph about the budget.", "edit"),
    ("What do you think of the argument?", "comment"),
    ("Give me feedback on the tone.", "comment"),
    ("How many words is this?", "chat"),
    ("Thanks, that's great!", "chat"),
    ("Now write a separate cover letter for the same job.", "new_document"),
]


@pytest.fixture(scope="module")
def trigger():
    return default_trigger()


@pytest.mark.parametrize(("message", "label"), TRIGGER_FAMILIES)
async def test_with_no_document_open_the_trigger_follows_the_spec(trigger, message, label):
    assert (await trigger.decide(message, document=None)).label == label


@pytest.mark.parametrize(("message", "label"), ROUTER_FAMILIES)
async def test_with_a_document_open_the_router_follows_the_spec(trigger, message, label):
    document = "# Essay on city cycling\n\nCities should build protected bike lanes.\n"
    assert (await trigger.decide(message, document=document)).label == label


REAL_DOCUMENTS = ["eng-practices__review_emergencies.md", "wordcount.py"]


@pytest.mark.parametrize("document_name", REAL_DOCUMENTS)
@pytest.mark.parametrize(("message", "label"), ROUTER_FAMILIES)
async def test_the_request_decides_the_route_whatever_long_real_document_is_open(
    trigger, message, label, document_name
):
    document = (PROJECT_ROOT / "demos" / "docs" / document_name).read_text(encoding="utf-8")
    assert (await trigger.decide(message, document=document)).label == label


FAMILIES_FROM_THE_BLIND_CHECK = [
    ("Write a regular expression for Canadian postal codes.", "inline"),
    ('Make this more cheerful: "The report is due on Monday."', "inline"),
    ("Write a product description for a wool beanie.", "inline"),
    ("Give me a recipe for mushroom risotto.", "canvas"),
    ("Outline a six-week course on public speaking.", "canvas"),
    ("Schreib mir eine Geschichte über einen mutigen Igel.", "canvas"),
    ("Write a story about a spy whose only clue is a riddle.", "canvas"),
]


@pytest.mark.parametrize(("message", "label"), FAMILIES_FROM_THE_BLIND_CHECK)
async def test_families_missed_by_the_first_blind_check_follow_the_spec(trigger, message, label):
    assert (await trigger.decide(message, document=None)).label == label
