"""Whether a message re-asks the previous request: the sign that a selection made before it picks another part for
the same request (a correction of the locator), not a part for a new request.

"Make the intro shorter" → select → "Make this shorter", "this instead", "No, here" re-ask it;
"Rewrite this in plain words" is a new request about the selected part, and corrects nothing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
PLACE_WORDS = frozenset(
    "a an the this that these those here there it its one ones part parts bit piece section sections paragraph "
    "paragraphs sentence sentences line lines intro introduction opening ending end start beginning conclusion title "
    "heading first second third last next previous whole all of in on at to for with from instead please rather no "
    "not i meant mean do same again too also just only now then so and or but ok okay".split()
)
"""Words that point at a place or only frame a request: what is left is what the request asks to do."""
STEM = 5
"""Words compared by their first letters, a crude stem ("shorter" and "shorten", "simpler" and "simplify")."""
CONTAINED = 0.75
"""A message re-asks when this share of the shorter request's words are in the other one."""


def asked_words(message: str) -> set[str]:
    """The words that say what a request asks to do (place and framing words left out), crudely stemmed."""
    return {word[:STEM] for word in _WORD.findall(message.lower()) if word not in PLACE_WORDS}


def is_reask(message: str, previous: str) -> bool:
    """True when `message` asks the same thing as `previous` (most of its words are the previous request's), or
    asks nothing of its own ("this instead", "here", an empty message): the person points at another part."""
    new, old = asked_words(message), asked_words(previous)
    if not new:
        return True
    shorter = min(len(new), len(old)) or 1
    return len(new & old) / shorter >= CONTAINED
