"""Untrusted text made safe to draw: control characters become visible symbols, one code point for one.

A document or a model reply may hold ANSI escapes (`\\x1b[2J` clears a real terminal) or C1
controls; drawn as they are, they would act on the terminal. Each is swapped for a visible
stand-in (C0 -> the Unicode control pictures, C1 -> private-use code points), one code point for
one, so character offsets stay the same and the person's edits map straight back. The Unicode
line and paragraph separators get stand-ins too, so the editor breaks rows at CR/LF only.
Tab, line feed and carriage return are kept: they are layout, not commands.
"""

from __future__ import annotations

import re

_TO_VISIBLE = {code: 0x2400 + code for code in range(32) if code not in (9, 10, 13)}
_TO_VISIBLE |= {0x7F: 0x2421} | {code: 0xF700 + code for code in range(0x80, 0xA0)} | {0x2028: 0xF728, 0x2029: 0xF729}
_FROM_VISIBLE = {visible: code for code, visible in _TO_VISIBLE.items()}
_CONTROLS = re.compile("[" + "".join(re.escape(chr(code)) for code in _TO_VISIBLE) + "]")
_STAND_INS = re.compile("[" + "".join(re.escape(chr(code)) for code in _FROM_VISIBLE) + "]")


def visible(text: str) -> str:
    """`text` with every control character replaced by its visible stand-in (same length)."""
    return text.translate(_TO_VISIBLE) if _CONTROLS.search(text) else text


def original(text: str) -> str:
    """The inverse of `visible`: stand-ins back to the control characters they show."""
    return text.translate(_FROM_VISIBLE) if _STAND_INS.search(text) else text
