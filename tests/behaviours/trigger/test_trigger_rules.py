"""Trigger rules: explicit requests win, the keyword baseline, and the length cues the model reads."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.interfaces import Trigger
from canvas_tui.behaviours.trigger import KeywordTrigger, default_trigger
from canvas_tui.behaviours.trigger.explicit import explicit_route, explicit_trigger
from canvas_tui.behaviours.trigger.features import (
    asks_for_long_artifact,
    document_features,
    object_view,
    request_view,
    requested_lines,
)
from canvas_tui.behaviours.trigger.keyword import keyword_route, keyword_trigger
from canvas_tui.behaviours.trigger.message import document_part, message_part, with_document


@pytest.mark.parametrize(
    "message",
    [
        "Use the canvas to write a haiku about spring.",
        "Open a document and list five dog names.",
        "In a new doc, write a tweet about our launch.",
        "Let's use the canvas for this. Explain recursion.",
        "Start a new document for my meeting notes.",
    ],
)
def test_asking_for_the_canvas_opens_it(message):
    assert explicit_trigger(message) == "canvas"


@pytest.mark.parametrize(
    "message",
    [
        "Write an essay about climate change, but don't open the canvas, just answer here.",
        "Don't use the canvas. Write a short story about a fox.",
        "Write me a Python script to rename files. No canvas please.",
        "Draft the email here in chat, I'll copy it myself.",
        "Without opening a document, write a poem about the ocean.",
    ],
)
def test_asking_to_stay_in_the_chat_keeps_it_inline_even_when_the_canvas_is_named(message):
    assert explicit_trigger(message) == "inline"


@pytest.mark.parametrize(
    "message", ["Write an essay on the Cold War.", "What is the capital of Peru?", "Summarize this document for me."]
)
def test_messages_without_an_explicit_request_are_left_to_the_model(message):
    assert explicit_trigger(message) is None


async def test_explicit_requests_win_over_the_trained_model():
    trigger = default_trigger()
    assert isinstance(trigger, Trigger)
    short = await trigger.decide("Use the canvas to write a haiku about tea.", document=None)
    long = await trigger.decide("Write a 2000-word essay on the Cold War. Don't open the canvas.", document=None)
    assert (short.label, short.explicit, short.confidence) == ("canvas", True, 1.0)
    assert (long.label, long.explicit) == ("inline", True)


async def test_with_a_document_open_an_explicit_new_document_or_chat_request_routes_there():
    trigger = default_trigger()
    new = await trigger.decide("Open a new canvas and write a poem about the sea.", document="# Essay\n\nText.")
    chat = await trigger.decide("Just answer here: what is a thesis statement?", document="# Essay\n\nText.")
    assert (new.label, chat.label) == ("new_document", "chat")
    assert explicit_route("Don't start a new doc, just shorten this one.") is None


@pytest.mark.parametrize(
    ("message", "label"),
    [
        ("Write an essay on the causes of the First World War.", "canvas"),
        ("Draft a cover letter for a nursing job.", "canvas"),
        ("What is an essay?", "inline"),
        ("Write a haiku about rain.", "inline"),
    ],
)
def test_keyword_baseline_needs_a_creation_verb_and_an_artifact_noun(message, label):
    assert keyword_trigger(message) == label


@pytest.mark.parametrize(
    ("message", "label"),
    [
        ("Now write another essay about Spain.", "new_document"),
        ("Give me feedback on the structure.", "comment"),
        ("Make it shorter.", "edit"),
        ("What time is it in Tokyo?", "chat"),
    ],
)
def test_keyword_router_baseline_reads_cue_words(message, label):
    assert keyword_route(message) == label


async def test_keyword_trigger_satisfies_the_trigger_interface():
    decision = await KeywordTrigger().decide("Write a blog post about tea.", document=None)
    assert decision.label == "canvas" and decision.provenance.implementation == "keyword"


@pytest.mark.parametrize(
    ("message", "lines"),
    [
        ("Describe a sunset in exactly three sentences.", 1.5),
        ("Write a 300-word essay on bees.", 25.0),
        ("Write a short pitch (2-3 sentences).", 1.5),
        ("Write a two-line email.", 2.0),
        ("Write a program computing the distance between two words.", None),
    ],
)
def test_requested_length_is_read_from_explicit_limits_only(message, lines):
    assert requested_lines(message) == lines


def test_the_request_view_leaves_out_pasted_material():
    article = "The council met on Tuesday to discuss the budget for the coming year. " * 10
    view = request_view(f"Summarize this article:\n\n{article}\n\nThanks!")
    assert view == "summarize this article:\n\nthanks!"


def test_the_request_view_of_material_alone_says_so():
    assert request_view('Traceback (most recent call last):\n  File "a.py", line 1\nNameError: x') == "(material only)"


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("Write a regular expression that matches dates.", "a regular expression"),
        ('Make this politer: "Send me the report now."', 'this politer: "…"'),
        ("Can you write a short story about a man who finds a note?", "a short story"),
        ("Solve it in Rust: given a grid, count the islands.", "rust: given a grid, count the"),
        ("Why is the sky blue?", ""),
    ],
)
def test_the_object_view_is_the_asked_for_noun_phrase_with_quotes_masked(message, asked):
    assert object_view(message) == asked


@pytest.mark.parametrize(
    ("message", "long"),
    [
        ("Give me a recipe for chicken curry.", 1.0),
        ("Could you share a recipe for rye bread?", 1.0),
        ("Give me 10 ideas for a blog post.", 0.0),
        ("Give me a one-line summary of my essay.", 0.0),
    ],
)
def test_a_request_phrase_asking_for_a_long_artifact_is_read(message, long):
    assert asks_for_long_artifact(message) == long


def test_the_router_reads_how_a_message_relates_to_its_open_document():
    code = "Here is the script:\n\n```python\ndef save_orders(rows):\n    return rows\n```\n"
    points = "1. Price\n2. Reach\n3. Timing\n"
    reuses_name = document_features("save_orders fails with KeyError", code)
    unrelated = document_features("Which prophet understood birds?", points)
    assert reuses_name[1] == 1.0 and reuses_name[2] == 1.0
    assert unrelated[:3] == [0.0, 0.0, 0.0] and unrelated[3] == pytest.approx(0.3)


def test_a_router_input_joins_the_message_and_its_document_and_splits_back():
    joined = with_document("shorten point 2", "1. a\n2. b")
    assert message_part(joined) == "shorten point 2" and document_part(joined) == "1. a\n2. b"
    assert request_view(joined) == "shorten point 2" and document_part("no document") == ""
