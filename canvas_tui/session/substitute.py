"""Explicit substitutions a request spells out ("replace “X” with “Y”", "change the title to “Y”"), done by
code so that nothing but the named words changes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from canvas_tui.session.places import heading_titled

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


_HEADING_WORDS = r"[^“”\"‘’'\n]{1,80}?"
_UNQUOTED_RENAME = re.compile(
    rf"\b(?:(?:rename|retitle)\s+the\s+(?:(?P<old>{_HEADING_WORDS})\s+(?:heading|headline|title|section)"
    rf"|(?:heading|headline|section)\s+(?P<old2>{_HEADING_WORDS}))"
    rf"|change\s+the\s+(?:(?P<old3>{_HEADING_WORDS})\s+(?:heading|headline)|(?:heading|headline)\s+(?P<old4>{_HEADING_WORDS})))"
    rf"\s+(?:to|into)\s+(?P<new>{_HEADING_WORDS})[.!]?\s*$",
    re.IGNORECASE,
)
"""A heading renamed by its words without quotes ('Rename the Risks heading to Open risks', 'rename the Risks section
to ...', 'change the Risks heading to ...'; not 'change the intro section to ...', which may mean its text): done by
code only when a heading reads those words."""


@dataclass(frozen=True)
class Substitution:
    """Replace `old` by `new`; `old` None means: the title (first heading line) becomes `new`. `heading` is set
    when only a heading reading `old` is meant (its words were not quoted)."""

    old: str | None
    new: str
    heading: bool = False


def substitution(request: str) -> Substitution | None:
    """The substitution the request spells out, or None."""
    title = _TITLE.search(request)
    if title:
        return Substitution(old=None, new=title.group("new").strip())
    renamed = _UNQUOTED_RENAME.search(request.strip())
    if renamed:
        old = next(words for words in renamed.group("old", "old2", "old3", "old4") if words).strip()
        return Substitution(old=old, new=renamed.group("new").strip(), heading=True)
    for pattern in _PATTERNS:
        found = re.search(pattern, request, re.IGNORECASE)
        if found:
            old, new = found.group("old") or found.group("old2"), found.group("new") or found.group("new2")
            if old and new and old != new:
                return Substitution(old=old, new=new)
    return None


def substitution_in(text: str, request: str) -> Substitution | None:
    """The substitution the request spells out that applies to `text`: a heading renamed by unquoted words only when
    one heading reads them (else the request is the model's to carry out)."""
    wanted = substitution(request)
    if wanted is not None and wanted.heading and heading_titled(text, wanted.old) is None:
        return None
    return wanted


_ADDRESS = re.compile(
    r"(?:https?|ftp)://\S+|\bwww\.\S+|\]\([^)\s]+\)|\S+@\S+\.\w+"
    r"|(?<![\w/])(?:~|\.{1,2})?/[\w.~-]+(?:/[\w.~-]*)*|(?<![\w/.-])[\w.-]+(?:/[\w.-]+)+\.\w{1,5}\b"
)
"""Addresses that a word substitution must not touch: URLs, link destinations, e-mail addresses and file paths (a
renamed word inside one would break it: open-source-accessibility → open-source-a11y)."""


def replaced(passage: str, old: str, new: str) -> str | None:
    """Every whole-word occurrence of `old` in the passage replaced by `new`, except inside addresses (URLs, link
    destinations, e-mail addresses, file paths); None when there is none to replace."""
    addresses = [match.span() for match in _ADDRESS.finditer(passage)]
    count = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        if any(start <= match.start() < end for start, end in addresses):
            return match.group(0)
        count += 1
        return new

    result = re.sub(_whole_word(old), substitute, passage)
    return result if count else None


def occurs(text: str, old: str) -> bool:
    """Whether `old` occurs in the text as whole words, in any case ("CL" does not occur in "close")."""
    return re.search(_whole_word(old), text, re.IGNORECASE) is not None


def _whole_word(old: str) -> str:
    return (r"(?<!\w)" if old[:1].isalnum() else "") + re.escape(old) + (r"(?!\w)" if old[-1:].isalnum() else "")
