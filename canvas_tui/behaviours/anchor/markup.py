"""Markdown and HTML syntax that a rendered quote leaves out, located in the raw text.

A model quotes what a reader sees: `see the docs` for `see [the docs](https://...)`, `bold` for
`**bold**`, a list item without its `- `. These patterns find the syntax characters so that
normalisation can drop them from document and quote alike (emphasis characters themselves are
dropped by the character table in `normalize`).
"""

from __future__ import annotations

import html
import re

import numpy as np

# Links `[text](url)` and `[text][ref]`: drop `[` and the `](url)` / `][ref]` tail, keep the text
# (a `!` before the `[`, for images, goes too). Every pattern starts with a literal, so the
# regex engine skips ahead instead of trying each of a megabyte's positions.
_LINK = re.compile(r"(\[)[^\]\n]{0,500}(\](?:\([^)\n]{0,1000}\)|\[[^\]\n]{0,200}\]))")
# HTML tags (on one line) and comments (rendered away); both bounded, so a stray `<p` in prose
# cannot swallow the text after it. `<https://...>` autolinks are not tags and are kept.
_HTML = re.compile(r"<!--.{0,5000}?-->|</?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>\n]{0,300})?/?>", re.DOTALL)
# Backslash escapes (`\[`, `\*`): the backslash is not rendered.
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+.!-])")
# HTML entities (`&amp;`, `&nbsp;`, `&#8212;`): rendered as one character.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Block markers at the start of a line (searched in "\n" + text): headings, quotes, bullets,
# numbered items.
_LINE_MARKER = re.compile(r"\n([ \t]*(?:#{1,6}|>|[-*+]|\d{1,3}[.)])[ \t]+)")


def _ranges(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every piece of syntax to drop."""
    starts: list[int] = []
    ends: list[int] = []
    for match in _LINK.finditer(text):
        opening = match.start(1) - (match.start(1) > 0 and text[match.start(1) - 1] == "!")
        starts += [opening, match.start(2)]
        ends += [match.end(1), match.end(2)]
    for pattern in (_HTML, _ESCAPE):
        for match in pattern.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
    for at, end, _char in entities(text):
        starts.append(at + 1)
        ends.append(end)
    for match in _LINE_MARKER.finditer("\n" + text):
        starts.append(match.start(1) - 1)
        ends.append(match.end(1) - 1)
    return starts, ends


def entities(text: str) -> list[tuple[int, int, str]]:
    """HTML entities of `text` that stand for one character: (start, end, that character)."""
    found = []
    for match in _ENTITY.finditer(text):
        char = html.unescape(match.group())
        if len(char) == 1:
            found.append((match.start(), match.end(), char))
    return found


def markup_mask(text: str) -> np.ndarray:
    """A boolean array over `text`: True where a character is markdown/HTML syntax to drop (an
    entity keeps its `&`, which normalisation reads as the character it stands for)."""
    starts, ends = _ranges(text)
    size = len(text) + 1
    delta = np.bincount(np.asarray(starts, dtype=np.int64), minlength=size)
    delta -= np.bincount(np.asarray(ends, dtype=np.int64), minlength=size)
    return np.cumsum(delta[:-1]) > 0
