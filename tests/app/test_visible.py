"""Control characters in untrusted text are drawn as visible symbols and never reach the terminal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from canvas_tui.app.visible import original, visible


def test_escape_sequences_become_visible_symbols_of_the_same_length():
    text = "\x1b[31mred\x1b[0m \x1b[2J \x9b1m \x07"
    shown = visible(text)
    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    assert shown.startswith("␛[31mred") and len(shown) == len(text)


def test_layout_characters_are_kept():
    assert visible("a\tb\nc\r\nd") == "a\tb\nc\r\nd"


STAND_INS = [chr(code) for code in range(0x10000) if original(chr(code)) != chr(code)]


@given(st.text(alphabet=st.characters(exclude_characters=STAND_INS)))
def test_visible_then_original_gives_back_any_text_without_stand_ins(text):
    assert original(visible(text)) == text
