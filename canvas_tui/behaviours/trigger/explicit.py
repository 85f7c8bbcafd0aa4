"""Explicit requests about where the answer goes: they win over every model.

"Use the canvas" opens it; "just answer here" or "don't open the canvas" keeps the answer in
the chat. Negations are checked first, so "don't use the canvas" never opens it. Only the words the person
typed count: pasted material (an article, search results, code) that mentions a canvas or a document says
nothing about where the answer goes.
"""

from __future__ import annotations

import re

from canvas_tui.behaviours.trigger.message import split_message

_PANE = r"(?:canvas|doc|document|editor|side ?pane)"
_NEGATED = re.compile(
    r"\b(?:don'?t|do not|no need to|never|without|not)\b[^.?!\n]{0,25}?\b(?:open(?:ing)?|us(?:e|ing)|start(?:ing)?|"
    r"creat(?:e|ing)|put(?:ting)?|mak(?:e|ing))\b[^.?!\n]{0,15}?\b" + _PANE + r"\b"
    r"|\bno (?:canvas|document|doc)\b|\bwithout (?:a |the )?(?:canvas|document)\b",
    re.IGNORECASE,
)
_INLINE = re.compile(
    r"\b(?:just|only)? ?(?:answer|reply|respond|tell me)\b[^.?!\n]{0,12}?\b(?:here|inline|in (?:the )?chat)\b"
    r"|\b(?:keep it|stay|right here|here) in (?:the )?chat\b|\bin the chat(?: window)?,? please\b|\binline,? please\b",
    re.IGNORECASE,
)
_CANVAS = re.compile(
    r"\b(?:use|open|in|on|into|to|with|start|launch|via) (?:the |a |your |my )?(?:new |separate )?canvas\b"
    r"|\b(?:open|start|create|make|use) (?:a |the )?(?:new |separate |blank )?(?:doc|document)"
    r"(?: for (?:this|it|me))?\s*(?:$|[,.:;!?\n]|and\b)"
    r"|\b(?:open|start|create|use) a (?:new |blank )(?:doc|document|canvas)\b"
    r"|\bin (?:a |the )?(?:new |separate )(?:doc|document|canvas)\b"
    r"|\bput (?:it|this|that) in (?:a |the )?(?:canvas|doc|document)\b",
    re.IGNORECASE,
)
_NEW_DOCUMENT = re.compile(
    r"\b(?:new|separate|another|second|fresh|blank|its own) (?:canvas|doc|document|file)\b",
    re.IGNORECASE,
)


def explicit_trigger(message: str) -> str | None:
    """`inline` or `canvas` when the message says where the answer goes, else None."""
    message = split_message(message).request
    if _NEGATED.search(message) or _INLINE.search(message):
        return "inline"
    if _CANVAS.search(message):
        return "canvas"
    return None


def explicit_route(message: str) -> str | None:
    """`new_document` or `chat` when, with a document open, the message says so, else None."""
    message = split_message(message).request
    if _INLINE.search(message):
        return "chat"
    if _NEW_DOCUMENT.search(message) and not _NEGATED.search(message):
        return "new_document"
    return None
