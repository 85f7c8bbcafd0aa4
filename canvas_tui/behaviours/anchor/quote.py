"""Read a model's quote: its parts around elision marks, and whether it trails off.

Models shorten long quotes as `head ... tail`, `head … tail` or `head [...] tail`, and mark a
quote cut short with a final `...`. A quote is split here into its parts (normalised for
matching) before any search, so the anchorer can match each part on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from canvas_tui.behaviours.anchor.normalize import normalize

_ELISION = re.compile(r"\s*(?:[\[(]\s*(?:\.\s?){3,}\s*[\])]|[\[(]\s*\u2026\s*[\])]|(?:\.\s?){3,}|\u2026)\s*")
_EDGE_PUNCTUATION = "\"'.,;:!?- "


@dataclass(frozen=True)
class ParsedQuote:
    """A quote ready to match: as written (normalised), without edge punctuation, its elided
    parts, and whether it trails off."""

    verbatim: str
    whole: str
    parts: tuple[str, ...]
    trails_off: bool


@lru_cache(maxsize=1024)
def normalized_fragment(text: str) -> str:
    """The normalised text of a quote fragment, cached: a quote is normalised whole, then again
    without its edge punctuation, and a one-part quote once more as its only part (benchmarks
    clear the cache to time a new quote)."""
    return normalize(text).text


def matchable(text: str) -> str:
    """The normalised form of a quote fragment, without edge punctuation a model adds or drops."""
    return normalized_fragment(text).strip(_EDGE_PUNCTUATION)


def parse_quote(quote: str) -> ParsedQuote:
    """Split `quote` at elision marks; an edge mark only trims (a final one means 'trails off')."""
    stripped = quote.strip()
    pieces = _ELISION.split(stripped)
    matched = [matchable(piece) for piece in pieces]
    trails_off = len(pieces) > 1 and not matched[-1]
    parts = tuple(part for part in matched if part)
    return ParsedQuote(
        verbatim=normalized_fragment(stripped), whole=matchable(stripped), parts=parts, trails_off=trails_off
    )
