"""Explicit substitutions a request spells out ("replace “X” with “Y”", "change the title to “Y”"), done by
code so that nothing but the named words changes."""

from __future__ import annotations

import re
from dataclasses import dataclass

_Q = r"[“\"‘'](?P<{name}>[^“”\"‘’']{{1,200}}?)[”\"’']"
_WORD = r"(?P<{name}>[\w-]{{1,40}})"
_NAMED = "word|phrase|term|name|heading|section|title|headline"
"""What a renamed thing may be called around its old words: 'rename the heading "Risks" to ...'."""
_PATTERNS = [
    rf"\b(?:replace|swap out|substitute)\s+(?:the\s+(?:word|phrase|term|name)\s+)?(?:{_Q.format(name='old')}|{_WORD.format(name='old2')})"
    rf"\s+(?:with|by|for)\s+(?:{_Q.format(name='new')}|{_WORD.format(name='new2')})",
    rf"\b(?:change|rename|turn)\s+(?:the\s+(?:{_NAMED})\s+)?(?:{_Q.format(name='old')}|{_WORD.format(name='old2')})"
    rf"(?:\s+(?:{_NAMED}))?\s+(?:to|into)\s+(?:{_Q.format(name='new')}|{_WORD.format(name='new2')})",
    rf"\b(?:change|rename|retitle)\s+the\s+{_Q.format(name='old')}\s+(?:{_NAMED})\s+(?:to|into)\s+"
    rf"(?:{_Q.format(name='new')}|{_WORD.format(name='new2')})",
    rf"\b(?:use|say)\s+(?:{_Q.format(name='new')}|{_WORD.format(name='new2')})\s+instead of\s+"
    rf"(?:{_Q.format(name='old')}|{_WORD.format(name='old2')})",
]
_TITLE = re.compile(
    rf"\b(?:change|rename|retitle|set|make)\s+the\s+(?:title|heading|headline)\s+(?:to|into|as)?\s*"
    rf"{_Q.format(name='new')}(?!\s*(?:to|into|with)\b)",
    re.IGNORECASE,
)
"""A new title for the document ('change the title to "Launch plan"'); not a heading named by its old words and
renamed ('rename the heading "Risks" to "Open risks"': a substitution of those words)."""


@dataclass(frozen=True)
class Substitution:
    """Replace `old` by `new`; `old` None means: the title (first heading line) becomes `new`."""

    old: str | None
    new: str


def substitution(request: str) -> Substitution | None:
    """The substitution the request spells out, or None."""
    title = _TITLE.search(request)
    if title:
        return Substitution(old=None, new=title.group("new").strip())
    for pattern in _PATTERNS:
        found = re.search(pattern, request, re.IGNORECASE)
        if found:
            old, new = found.group("old") or found.group("old2"), found.group("new") or found.group("new2")
            if old and new and old != new:
                return Substitution(old=old, new=new)
    return None


def replaced(passage: str, old: str, new: str) -> str | None:
    """Every whole-word occurrence of `old` in the passage replaced by `new`; None when there is none."""
    pattern = (r"(?<!\w)" if old[:1].isalnum() else "") + re.escape(old) + (r"(?!\w)" if old[-1:].isalnum() else "")
    result, count = re.subn(pattern, lambda _match: new, passage)
    return result if count else None
