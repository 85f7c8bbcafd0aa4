"""Chat around the deliverable of an assistant's reply (spec convention 22): a short opening paragraph addressed to
the person ("Sure, here's the revised version:") and closing remarks ("I hope this helps!"). Neither is counted by
ordinals or positions, nor found by topic: they are not what the person asks to change.
"""

from __future__ import annotations

import re
from functools import lru_cache

from canvas_tui.document.units import segment

_OPENER = re.compile(
    r"(?i)^(?:sure|certainly|of course|absolutely|yes|no|okay|ok|great|thanks|thank you|apologies|i apologi[sz]e|"
    r"sorry|my apologies|you'?re (?:right|correct)|you are (?:right|correct)|here(?:'s| is| are)|below is|"
    r"i(?:'ve| have) (?:updated|revised|added|rewritten|made)|as requested)\b"
)
_PREAMBLE_CHARS = 400
_CLOSING = re.compile(
    r"(?i)^(?:i hope (?:this|that|these)|hope (?:this|that) helps|let me know|please let me know|feel free|"
    r"if you have any (?:other |further |more )?questions|(?:is there )?anything else|i apologi[sz]e|thank you|thanks|"
    r"good luck|best of luck|hopefully|enjoy|have (?:a|an) (?:great|good|nice|wonderful|lovely|fun)|happy \w+ing)\b"
)


def _opens_chat(text: str) -> bool:
    return bool(_OPENER.match(text.lstrip("*_ ")))


@lru_cache(maxsize=32)
def remarks(text: str) -> frozenset[int]:
    """Starts of the paragraphs that are chat rather than deliverable: a short opening paragraph addressed to the
    person ("Sure, here's the revised version:") and closing remarks ("I hope this helps!", "Let me know ...", "Good luck!",
    "Thanks!", "Happy coding!", a last apology).
    Only a reply with something between them has any."""
    paragraphs = segment(text).paragraphs
    if len(paragraphs) < 2:
        return frozenset()
    found = set()
    first = text[paragraphs[0].start : paragraphs[0].end]
    if len(first) <= _PREAMBLE_CHARS and "\n" not in first.strip() and _opens_chat(first):
        found.add(paragraphs[0].start)
    for paragraph in reversed(paragraphs[1:]):
        if not _CLOSING.match(text[paragraph.start : paragraph.end].lstrip("*_ ")):
            break
        found.add(paragraph.start)
    return frozenset(found)
