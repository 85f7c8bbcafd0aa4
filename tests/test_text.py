"""The small text helpers every layer shares."""

from __future__ import annotations

from canvas_tui.text import two_ends


def test_a_long_text_keeps_its_two_ends_around_an_ellipsis():
    assert two_ends("Rewrite this:" + "x" * 100 + "in French.", 13, 10) == "Rewrite this: … in French."


def test_a_text_that_fits_is_kept_whole():
    assert two_ends("make it shorter", 10, 5) == "make it shorter"
