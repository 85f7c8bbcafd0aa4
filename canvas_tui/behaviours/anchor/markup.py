"""Markdown and HTML syntax that a rendered quote leaves out, located in the raw text.

A model quotes what a reader sees: `see the docs` for `see [the docs](https://...)`, `bold` for
`**bold**`, a list item without its `- `. These patterns find the syntax characters so that
normalisation can drop them from document and quote alike (emphasis characters themselves are
dropped by the character table in `normalize`). All syntax is ASCII, so the patterns search the
text's ASCII bytes (one byte per character, any other character as `?`), which scan faster than
the string; a pattern whose first character does not occur is not run at all (most documents
have no HTML or escapes).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import numpy as np

# Links `[text](url)` and `[text][ref]`: drop `[` and the `](url)` / `][ref]` tail, keep the text
# (a `!` before the `[`, for images, goes too). Every pattern starts with a literal, so the
# regex engine skips ahead instead of trying each of a megabyte's positions; runs are possessive
# (`{0,500}+`: what follows a run cannot be inside it, so giving characters back never helps).
_LINK = re.compile(rb"(\[)[^\]\n]{0,500}+(\](?:\([^)\n]{0,1000}+\)|\[[^\]\n]{0,200}+\]))")
# HTML tags (on one line) and comments (rendered away); both bounded, so a stray `<p` in prose
# cannot swallow the text after it. `<https://...>` autolinks are not tags and are kept. Possessive
# runs as in links.
_HTML = re.compile(rb"<!--.{0,5000}?-->|</?[A-Za-z][A-Za-z0-9-]*+(?:[ \t][^<>\n]{0,300}+)?/?>", re.DOTALL)
# Backslash escapes (`\[`, `\*`): the backslash is not rendered.
_ESCAPE = re.compile(rb"\\(?=[\\`*_{}\[\]()#+.!-])")
# HTML entities (`&amp;`, `&nbsp;`, `&#8212;`): rendered as one character.
_ENTITY = re.compile(rb"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Block markers at the start of a line (searched in "\n" + text): headings, quotes, bullets,
# numbered items (ASCII digits, as in CommonMark).
_LINE_MARKER = re.compile(rb"\n([ \t]*(?:#{1,6}|>|[-*+]|[0-9]{1,3}[.)])[ \t]+)")

Entity = tuple[int, int, str]


def entities(ascii_text: bytes) -> list[Entity]:
    """HTML entities that stand for one character, found in a text's ASCII bytes (see
    `markup_positions`): (start, end, that character)."""
    if b"&" not in ascii_text:
        return []
    found = []
    for match in _ENTITY.finditer(ascii_text):
        char = _rendered(match.group())
        if len(char) == 1:
            found.append((match.start(), match.end(), char))
    return found


@lru_cache(maxsize=512)
def _rendered(entity: bytes) -> str:
    """What an entity renders as (cached: a document repeats the same few entities)."""
    return html.unescape(entity.decode("ascii"))


def _links(ascii_text: bytes) -> list[tuple[int, int]]:
    """The `[` (with an image's `!`) and the `](url)` / `][ref]` tail of every link."""
    ranges = []
    for match in _LINK.finditer(ascii_text) if b"[" in ascii_text else ():
        opening = match.start(1) - (match.start(1) > 0 and ascii_text[match.start(1) - 1] == ord("!"))
        ranges += [(opening, match.end(1)), match.span(2)]
    return ranges


def _whole_matches(ascii_text: bytes) -> list[tuple[int, int]]:
    """HTML tags and comments, and escaping backslashes."""
    ranges = []
    for pattern, first in ((_HTML, b"<"), (_ESCAPE, b"\\")):
        if first in ascii_text:
            ranges += [match.span() for match in pattern.finditer(ascii_text)]
    return ranges


def _line_markers(ascii_text: bytes) -> list[tuple[int, int]]:
    """Heading, quote, bullet and number markers at line starts."""
    return [(match.start(1) - 1, match.end(1) - 1) for match in _LINE_MARKER.finditer(b"\n" + ascii_text)]


def markup_positions(ascii_text: bytes, found: list[Entity]) -> np.ndarray:
    """The indices of every character that is markdown/HTML syntax to drop, given the text's ASCII
    bytes (`text.encode("ascii", "replace")`) and its `entities` (an entity keeps its `&`, which
    normalisation reads as the character it stands for). Indices repeat where syntax overlaps."""
    ranges = _links(ascii_text) + _whole_matches(ascii_text) + _line_markers(ascii_text)
    ranges += [(at + 1, end) for at, end, _char in found]
    if not ranges:
        return np.zeros(0, dtype=np.int64)
    starts, ends = np.array(ranges, dtype=np.int64).T
    lengths = ends - starts
    # Every range's indices at once: a running count, shifted per range to its start.
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return shift + np.arange(len(shift), dtype=np.int64)
