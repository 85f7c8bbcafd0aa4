"""A message re-asks the previous request when it asks the same thing, or nothing but a place."""

from __future__ import annotations

import pytest

from canvas_tui.session.reasks import is_reask


@pytest.mark.parametrize(
    ("message", "previous"),
    [
        ("Make this shorter", "Make the first paragraph shorter"),
        ("shorten this paragraph instead", "Make the first paragraph shorter"),
        ("this instead", "Make the first paragraph shorter"),
        ("No, I meant here", "Fix the bugs in the whole program."),
        ("", "Fix the bugs in the whole program."),
        ("Fix the bugs here", "Fix the bugs in the whole program."),
    ],
)
def test_the_same_request_or_only_a_place_is_a_reask(message, previous):
    assert is_reask(message, previous)


@pytest.mark.parametrize(
    ("message", "previous"),
    [
        ("Rewrite this in plain words", "Make the first paragraph shorter"),
        ("Add a docstring to this function", "Fix the bugs in the whole program."),
        ("Why is this slow?", "Fix the bugs in the whole program."),
        ("Translate this into French", "Make the intro punchier"),
    ],
)
def test_a_different_request_is_not_a_reask(message, previous):
    assert not is_reask(message, previous)
