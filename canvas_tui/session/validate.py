"""Checks a model's replacement text before it may touch the document.

A tiny model often wraps its answer in preambles, code fences or JSON, answers with nothing, or
rewrites far more than asked. `clean_reply` removes the harmless wrapping; `check_replacement`
says in plain words why a replacement is refused, or None when it may be applied.
"""

from __future__ import annotations

import json
import re

from rapidfuzz import fuzz

from canvas_tui.session.lengths import LONGER, SHORTER

_FENCE = re.compile(r"^```(?P<language>[\w+-]*)\n(?P<body>.*?)\n?```\s*$", re.DOTALL)
_PREAMBLE = re.compile(r"^(?:sure|okay|ok|certainly|of course|here(?:'s| is| are))[^\n]{0,80}:\s*\n+", re.IGNORECASE)
_PASSAGE_BLOCK = re.compile(r"<passage>(?P<body>.*?)</passage>", re.DOTALL)
"""A passage block, to its first closing tag (the body is stripped where it is used: whitespace patterns around it
made the search quadratic in a long run of whitespace). Searched only when a closing tag exists: each opening tag
would otherwise scan to the end, quadratic in a reply of repeated opening tags."""
_INSTRUCTION_LEFTOVERS = re.compile(
    r"<\/?(?:document|passage|before|after)>|^Request:|^Document context:", re.MULTILINE
)

MAX_GROWTH = 4.0
MIN_SHRINK = 0.2
MIN_TARGETED_SIMILARITY = 60.0


def clean_reply(reply: str) -> str:
    """The reply without a leading 'Here is…:' line, surrounding code fences or echoed passage tags.

    A small model often echoes the prompt's `<passage>` block and then writes its new text in a
    second one: the last complete passage block is taken as the reply.
    """
    return unwrap_reply(reply)[0]


def unwrap_reply(reply: str) -> tuple[str, str]:
    """The reply cleaned as `clean_reply` does, and the language named by a code fence that wrapped all of it ('' when
    none did): a new code document keeps knowing what it is once its fence is gone."""
    blocks = _PASSAGE_BLOCK.findall(reply) if "</passage>" in reply else []
    text = blocks[-1].strip() if blocks else reply.strip()
    text = _PREAMBLE.sub("", text, count=1)
    fenced, language = _FENCE.match(text), ""
    if fenced:
        text, language = fenced.group("body"), fenced.group("language")
    return _without_outer_tags(text), language


def _without_outer_tags(text: str) -> str:
    """The text stripped, without a `<passage>` tag it starts with or a `</passage>` tag it ends with. (String
    methods, not a regex: one ending in whitespace then `</passage>`, tried at every position, took quadratic time
    on a long run of whitespace: 107 s for a reply with 60,000 blank lines.)"""
    text = text.strip()
    text = text.removeprefix("<passage>")
    return text.removesuffix("</passage>").strip()


_FENCE_LINE = re.compile(r"^```(?P<language>[\w+-]*)[ \t]*$", re.MULTILINE)


def unwrap_document(reply: str) -> tuple[str, str]:
    """A new document's text and language from the model's reply: unwrapped as `unwrap_reply` does, and without a
    fence left unpaired. (Not for edits: a passage of a code block may hold one of its fences.)"""
    text, language = unwrap_reply(reply)
    if language:
        return text, language
    return _without_unpaired_fence(text)


def _without_unpaired_fence(text: str) -> tuple[str, str]:
    """The text without a lone fence at its start (a block the model never closed) or at its end (one it closed
    without opening), and that fence's language: such a line is wrapping, not the document's."""
    fences = list(_FENCE_LINE.finditer(text))
    if len(fences) != 1:
        return text, ""
    fence = fences[0]
    if fence.start() == 0:
        return text[fence.end() :].strip(), fence.group("language")
    if fence.end() == len(text):
        return text[: fence.start()].strip(), ""
    return text, ""


def _looks_like_json(text: str) -> bool:
    if not text.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def check_replacement(original: str, replacement: str, *, targeted: bool, request: str = "") -> str | None:
    """Why `replacement` may not replace `original`, in plain words; None if it may."""
    if not replacement.strip():
        return "the model returned no text"
    if _looks_like_json(replacement) and not _looks_like_json(original):
        return "the model returned JSON instead of text"
    if _INSTRUCTION_LEFTOVERS.search(replacement):
        return "the model's reply still contains parts of its instructions"
    if replacement == original:
        return "the model returned the passage unchanged"
    stray = _stray_tags(original, replacement)
    if stray:
        return f"the model's reply has a stray markup line ({stray}) the passage did not have"
    ratio = len(replacement) / max(1, len(original))
    wants_longer, wants_shorter = bool(LONGER.search(request)), bool(SHORTER.search(request))
    if ratio > MAX_GROWTH * (2 if wants_longer else 1) and len(replacement) > 200:
        return f"the model's text is {ratio:.1f} times as long as the passage"
    if ratio < MIN_SHRINK / (2 if wants_shorter else 1) and len(original) > 80:
        return f"the model's text is only {ratio:.0%} as long as the passage"
    if targeted and fuzz.ratio(original, replacement) < MIN_TARGETED_SIMILARITY:
        return "the model rewrote the passage instead of making a targeted edit"
    return None


_TAG_LINE = re.compile(r"^[ \t]*</?[A-Za-z][\w-]*>[ \t]*$", re.MULTILINE)
"""A line that is nothing but an opening or closing tag ("</risen>"): a small model's leftover, unless the passage
had the same line (HTML, XML)."""


def _stray_tags(original: str, replacement: str) -> str | None:
    """The first tag-only line of the reply that the passage does not have, if any."""
    had = {line.strip() for line in _TAG_LINE.findall(original)}
    return next((line.strip() for line in _TAG_LINE.findall(replacement) if line.strip() not in had), None)


_BULLET_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_HEADING_LINE = re.compile(r"^\s*#{1,6}\s")


def shape_insertion(text: str, kind: str) -> str:
    """The model's new text cut to what was asked: its first paragraph (headings skipped), on one line for a
    sentence or a bullet, without a bullet mark."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not _HEADING_LINE.match(p)]
    first = paragraphs[0] if paragraphs else ""
    if kind in ("sentence", "bullet"):
        first = " ".join(_BULLET_MARK.sub("", first.splitlines()[0] if kind == "bullet" and first else first).split())
    return first.strip()


def check_insertion(document: str, new: str) -> str | None:
    """Why `new` may not be added to `document`, in plain words; None if it may."""
    if not new.strip():
        return "the model returned no text"
    if _INSTRUCTION_LEFTOVERS.search(new) or (_looks_like_json(new)):
        return "the model's reply was not text to add"
    if " ".join(new.split()).lower() in " ".join(document.split()).lower():
        return "the model only repeated text that is already in the document"
    return None
