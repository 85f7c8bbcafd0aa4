"""Counting what a check compares: paragraphs, sentences, bullets, headings, fences, tables, code blocks.

Markdown structure is read line by line outside code fences (a `#` line inside a fence is code, not a
heading); paragraphs and sentences come from the document's own segmentation, as the locator sees them.
"""

from __future__ import annotations

import re
from collections import Counter

from canvas_tui.document.units import segment

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)\s*([\w+-]*)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+\S")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
MIN_REPEAT_CHARS = 40
"""Shorter paragraphs or sentences ("Yes.", "## Notes") may legitimately repeat."""


def _prose_lines(text: str) -> list[str]:
    """The lines outside fenced code blocks."""
    lines, inside = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            inside = not inside
        elif not inside:
            lines.append(line)
    return lines


def headings(text: str) -> list[str]:
    """The heading lines, in order, stripped."""
    return [line.strip() for line in _prose_lines(text) if _HEADING.match(line)]


def fences(text: str) -> list[tuple[str, str]]:
    """Each fenced code block as (language, body)."""
    blocks, language, body, inside = [], "", [], False
    for line in text.splitlines():
        opening = _FENCE.match(line)
        if opening and not inside:
            inside, language, body = True, opening.group(2).lower(), []
        elif opening:
            inside = False
            blocks.append((language, "\n".join(body)))
        elif inside:
            body.append(line)
    return blocks


def table_rows(text: str) -> int:
    """How many table rows (lines between pipes) there are outside code."""
    return sum(1 for line in _prose_lines(text) if _TABLE_ROW.match(line))


def count(text: str, unit: str) -> int:
    """How many paragraphs, sentences, bullets or headings `text` has."""
    if unit == "bullets":
        return sum(1 for line in _prose_lines(text) if _BULLET.match(line))
    if unit == "headings":
        return len(headings(text))
    parts = segment(text)
    return len(parts.paragraphs if unit == "paragraphs" else parts.sentences)


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def repeated(text: str) -> Counter[tuple[str, str]]:
    """How often each paragraph and each sentence of at least MIN_REPEAT_CHARS characters occurs (normalised)."""
    parts = segment(text)
    counts: Counter[tuple[str, str]] = Counter()
    for unit in (*parts.paragraphs, *parts.sentences):
        piece = _normal(unit.text(text))
        if len(piece) >= MIN_REPEAT_CHARS:
            counts[(unit.kind, piece)] += 1
    return counts
