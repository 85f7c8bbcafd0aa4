"""How many tokens a reply may take, from what the request asks for ("a short essay" is not 1,024 tokens).

The budget is the model's hard stop, so it errs long: a little more than the asked length. A request
that names no length gets the configured maximum for a new document, and for an edit a multiple of the
passage's own length (a rewrite of one sentence needs tens of tokens, not a thousand).
"""

from __future__ import annotations

import re

CHARS_PER_TOKEN = 4
TOKENS_PER_WORD = 1.5
MIN_EDIT_TOKENS = 48
_WORDS = re.compile(r"\b(\d{2,4})[ -]words?\b", re.IGNORECASE)
_SIZES: tuple[tuple[str, int], ...] = (
    (r"\b(?:one|a single|1)[ -](?:sentence|line)\b|\btweet\b|\bhaiku\b|\bslogan\b|\btitle\b|\btagline\b", 80),
    (r"\b(?:one|a single|a|1)[ -](?:short )?paragraph\b|\bblurb\b|\bcaption\b", 220),
    (r"\b(?:short|brief|quick|little|small|concise)\b", 360),
    (r"\b(?:two|three|2|3)[ -]paragraphs?\b", 480),
    (r"\b(?:long|detailed|in[ -]depth|comprehensive|thorough|full)\b", 10**6),
)
LONGER = re.compile(r"\b(?:longer|expand|elaborate|more detail|lengthen|flesh out|add|extend)\b", re.IGNORECASE)
SHORTER = re.compile(r"\b(?:shorter|shorten|condense|trim|cut|summar|tighten|brief|concise)", re.IGNORECASE)


def write_budget(request: str, maximum: int) -> int:
    """Tokens for a new document or a chat answer: the size the request names, at most `maximum`."""
    words = _WORDS.search(request)
    if words:
        return min(maximum, int(int(words.group(1)) * TOKENS_PER_WORD) + 40)
    for pattern, tokens in _SIZES:
        if re.search(pattern, request, re.IGNORECASE):
            return min(maximum, tokens)
    return maximum


def edit_budget(request: str, passage: str, maximum: int) -> int:
    """Tokens for a rewritten passage: about twice its length (four times when asked for more, once when
    asked for less), never below MIN_EDIT_TOKENS nor above `maximum`."""
    factor = 4.0 if LONGER.search(request) else 1.2 if SHORTER.search(request) else 2.0
    return max(MIN_EDIT_TOKENS, min(maximum, int(len(passage) / CHARS_PER_TOKEN * factor) + 16))
