"""Surface traits of a message that tell real traffic from hand-written labels: length, pasted material,
code, question form, a persona preamble, another language. Measured the same way on both sides of the
drift report.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from canvas_tui.behaviours.trigger import lexicon
from canvas_tui.behaviours.trigger.message import persona_preamble, split_message

_ENGLISH = frozenset(
    "the a an and or of to in for on with is are be this that it you i me my your we can what how "
    "please write make give about from as at by not do does".split()
)
MIN_WORDS_FOR_LANGUAGE = 5
ENGLISH_SHARE = 0.12
"""Below this share of common English words (in a request of at least MIN_WORDS_FOR_LANGUAGE) it is not English."""


class Traits(BaseModel):
    """One message's traits."""

    chars: int
    pasted: bool
    code: bool
    question: bool
    persona: bool
    non_english: bool
    no_request: bool


def traits(text: str) -> Traits:
    """The traits of one message (the request part decides the question, persona and language traits)."""
    parts = split_message(text)
    request = parts.request
    words = re.findall(r"[a-zA-Z']+", request.lower())
    english = sum(word in _ENGLISH for word in words) / len(words) if words else 1.0
    return Traits(
        chars=len(text),
        pasted=parts.pasted,
        code=bool(parts.kinds & {"code", "error", "json"}),
        question=bool(lexicon.QUESTION_START.match(request)) or request.rstrip().endswith("?"),
        persona=persona_preamble(request),
        non_english=len(words) >= MIN_WORDS_FOR_LANGUAGE and english < ENGLISH_SHARE,
        no_request=not request.strip(),
    )
