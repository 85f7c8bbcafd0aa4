"""Markdown and HTML syntax that a rendered quote leaves out, located in the raw text.

A model quotes what a reader sees: `see the docs` for `see [the docs](https://...)`, `bold` for
`**bold**`, a list item without its `- `. These patterns find the syntax characters so that
normalisation can drop them from document and quote alike (emphasis characters themselves are
dropped by the character table in `normalize`).
"""

from __future__ import annotations

import re

import numpy as np

# Inline links and images: drop `[` (and `!`) and `](url)`, keep the link text.
_INLINE_LINK = re.compile(r"(!?\[)[^\]\n]{0,500}(\]\([^)\n]{0,1000}\))")
# Reference links `[text][ref]`: drop `[` and `][ref]`.
_REFERENCE_LINK = re.compile(r"(\[)[^\]\n]{0,500}(\]\[[^\]\n]{0,200}\])")
# HTML tags and comments (rendered away); `<https://...>` autolinks are not tags and are kept.
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,1000})?/?>", re.DOTALL)
# Backslash escapes (`\[`, `\*`): the backslash is not rendered.
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+.!-])")
# Block markers at the start of a line: headings, quotes, bullets, numbered items.
_LINE_MARKER = re.compile(r"^[ \t]*(?:#{1,6}|>|[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)


def markup_mask(text: str) -> np.ndarray:
    """A boolean array over `text`: True where a character is markdown/HTML syntax to drop."""
    starts: list[int] = []
    ends: list[int] = []
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(text):
            for group in (1, 2):
                starts.append(match.start(group))
                ends.append(match.end(group))
    for pattern in (_HTML, _LINE_MARKER, _ESCAPE):
        for match in pattern.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
    delta = np.zeros(len(text) + 1, dtype=np.int32)
    np.add.at(delta, np.asarray(starts, dtype=np.int64), 1)
    np.add.at(delta, np.asarray(ends, dtype=np.int64), -1)
    return np.cumsum(delta[:-1]) > 0
