"""Which edit operation a request asks for: delete, move, insert, replace or rewrite.

Delete and move need no model (code cuts or moves the located text); insert lets the model write only
the new text, which code splices in at the located boundary; replace is the targeted in-place edit;
rewrite regenerates the part. The rules read the request's verb and its object; a request they do
not recognise takes its operation from the rewrite/targeted label (targeted -> replace).
"""

from __future__ import annotations

import re
from typing import Literal

Operation = Literal["delete", "move", "insert", "replace", "rewrite"]
OPERATIONS: tuple[str, ...] = Operation.__args__  # type: ignore[attr-defined]

_OPENING = r"^\s*(?:(?:please|pls|can you|could you|would you|now|ok(?:ay)?|also|and|then|just)[\s,]+)*"
_UNIT = (
    r"(?:paragraph|para|sentence|section|bullet(?:\s*point)?|item|line|heading|title|subtitle|intro(?:duction)?"
    r"|conclusion|summary|example|point|step|note|part|list|row|entry|quote|question|tip|tl;?dr|closing|opening"
    r"|chapter|answer|reason|idea|option)s?"
)
_DELETE = re.compile(
    _OPENING + r"(?:delete|remove|drop|cut|get rid of|take out|erase|strike|omit|eliminate|lose)\b"
    r"(?P<object>.*)",
    re.IGNORECASE | re.DOTALL,
)
_WHOLE_UNIT = re.compile(
    rf"^\s*(?:the|this|that|these|those|my|your|both|all)?\s*(?:\w+\s+){{0,3}}{_UNIT}\b"
    rf"|^\s*(?:[“\"'‘].{{12,}}[”\"'’])",
    re.IGNORECASE,
)
_NOT_WHOLE = re.compile(
    r"\b(?:word|words|phrase|comma|commas|spaces?|adjectives?|adverbs?|jargon|filler|typos?|"
    r"duplicates?|emojis?|hashtags?|exclamation|mention|mentions|reference|references|link|links|"
    r"bold|italics?|formatting)\b",
    re.IGNORECASE,
)
_MOVE = re.compile(
    _OPENING + r"(?:move|swap|switch|put|place|bring|reorder|re-order)\b(?P<object>.*)", re.IGNORECASE | re.DOTALL
)
_PLACEMENT = re.compile(
    r"\b(?:to the (?:top|end|bottom|beginning|start|front)|before|after|above|below|first two|"
    r"last two|with the|and the|places|order of|to (?:the )?(?:first|last|second|third))\b",
    re.IGNORECASE,
)
_INSERT = re.compile(
    _OPENING + r"(?:add|insert|append|prepend|include|write|put in|tack on)\b\s*(?P<object>.*)",
    re.IGNORECASE | re.DOTALL,
)
_NEW_UNIT = re.compile(
    rf"^(?:(?:a|an|one|another|one more|a new|a short|a brief|a final|two|three|some|more|a few|few|"
    rf"several|\d+)\s+)+"
    rf"(?:[\w-]+\s+){{0,2}}{_UNIT}\b|^[“\"'‘]",
    re.IGNORECASE,
)
_REPLACE = re.compile(
    r"\b(?:replace|swap out|substitute)\b.+\bwith\b|\b(?:change|rename|turn)\b.+\bto\b\s*[“\"'‘]|"
    r"\b(?:rename|retitle)\b.+\bto\b|\bchange\s+the\s+[^\n]{1,80}?\s+(?:heading|headline)\s+to\b|"
    r"\b(?:use|say)\b.+\binstead of\b",
    re.IGNORECASE | re.DOTALL,
)


_COMPOUND = re.compile(
    r"\b(?:and|also|then)\s+(?:make|add|change|rewrite|include|turn|use|put|fix|replace|rename)\b", re.IGNORECASE
)


def rule_operation(request: str) -> Operation | None:
    """The operation the request's own words name, or None when they name none (or ask for more than one thing)."""
    text = request.strip()
    if _COMPOUND.search(text):
        return None
    deleting = _DELETE.match(text)
    if (
        deleting
        and _WHOLE_UNIT.match(deleting.group("object"))
        and not _NOT_WHOLE.search(deleting.group("object")[:40])
    ):
        return "delete"
    moving = _MOVE.match(text)
    if moving and _PLACEMENT.search(moving.group("object")):
        return "move"
    if _REPLACE.search(text):
        return "replace"
    inserting = _INSERT.match(text)
    if inserting and _NEW_UNIT.match(inserting.group("object")):
        return "insert"
    return None


def operation_for(request: str, label: str) -> Operation:
    """The operation for a request the policy labelled `label` (rewrite or targeted)."""
    return rule_operation(request) or ("replace" if label == "targeted" else "rewrite")
