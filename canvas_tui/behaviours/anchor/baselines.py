"""The baselines every eval run compares against: exact substring, and difflib windows.

Both satisfy `CommentAnchorer`. The difflib baseline slides a quote-sized window over the raw
document (starting at word starts) and keeps the best `SequenceMatcher.ratio()` of at least
0.85, the usual quick fix for fuzzy quotes, and the speed reference of bench/bench_anchor.py.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from canvas_tui.behaviours.base import AnchorResult, Span

_WORD_START = re.compile(r"(?<!\S)\S")


class ExactSubstringAnchorer:
    """`document.find(quote)`: the first exact occurrence or nothing."""

    name = "exact-substring"
    version = "1"

    def anchor(self, document: str, quote: str) -> AnchorResult:
        """Anchor only a character-exact quote (surrounding blanks stripped)."""
        quote = quote.strip()
        at = document.find(quote) if quote else -1
        if at < 0:
            return AnchorResult(span=None, score=0.0)
        return AnchorResult(
            span=Span(start=at, end=at + len(quote)),
            score=1.0,
            ambiguous=document.find(quote, at + 1) >= 0,
            method="exact",
        )


class DifflibWindowAnchorer:
    """The best quote-length window by `difflib.SequenceMatcher.ratio()`, if it reaches `cutoff`."""

    name = "difflib-window"
    version = "1"

    def __init__(self, cutoff: float = 0.85) -> None:
        self.cutoff = cutoff

    def anchor(self, document: str, quote: str) -> AnchorResult:
        """Scan every word-start window; keep the first best ratio at or above the cutoff."""
        quote = quote.strip()
        if not quote:
            return AnchorResult(span=None, score=0.0)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(quote)
        best, best_at = 0.0, -1
        for start in (m.start() for m in _WORD_START.finditer(document)):
            matcher.set_seq1(document[start : start + len(quote)])
            floor = max(self.cutoff, best)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= floor and ratio > best:
                best, best_at = ratio, start
        if best_at < 0:
            return AnchorResult(span=None, score=0.0)
        return AnchorResult(
            span=Span(start=best_at, end=min(len(document), best_at + len(quote))),
            score=round(best, 4),
            method="difflib",
        )
