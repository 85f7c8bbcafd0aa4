"""The text-quote anchorer: a model's quote -> a span of the original document, or no anchor.

Order of work (after Hypothesis's text-quote anchoring): normalise document and quote; the
whole quote exactly; then, for an elided quote, its parts head to tail, or else the whole
quote approximately; last, the raw quote character for character, or but for a slip or two. Several candidates: the
first, marked ambiguous, unless re-anchoring hints (the text before/after the old span, its
old position) pick one. A wrong anchor is worse than none, so approximate matches must pass
thresholds measured on the dev split.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from canvas_tui.behaviours.anchor.matcher import PreparedDocument, prepare
from canvas_tui.behaviours.anchor.near import near_verbatim
from canvas_tui.behaviours.anchor.quote import ParsedQuote, matchable, parse_quote
from canvas_tui.behaviours.anchor.search import Candidate, approximate_matches, elided_matches, part_matches
from canvas_tui.behaviours.anchor.thresholds import Thresholds, load_thresholds
from canvas_tui.behaviours.base import AnchorResult, Span

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"')\]*_]|$)|\n\s*\n|\n(?=[ \t]*(?:[-*+]|\d{1,3}[.)]|#)[ \t])")
_TRAIL_REACH = 400
_SNAP_REACH = 40
_CONTEXT = 32
_TRAILING_MARKUP = re.compile(r"(?:[*_`~]|\]\([^)\s]*\)|\]\[[^\]\n]*\])*")
_LEADING_MARKUP = "*_`~[!"


class TextQuoteAnchorer:
    """Anchors quotes by normalised exact, elided and edit-distance matching (see module doc)."""

    name = "text-quote"
    version = "1.0"

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or load_thresholds()

    def anchor(
        self,
        document: str,
        quote: str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
        near: int | None = None,
    ) -> AnchorResult:
        """Where `quote` is in `document`; hints (old context, old start) only break ties."""
        parsed = parse_quote(quote)
        if not parsed.parts:
            return AnchorResult(span=None, score=0.0)
        doc = prepare(document)
        candidates = self._candidates(doc, parsed, quote)
        if not candidates:
            return AnchorResult(span=None, score=0.0)
        best, ambiguous = _choose(doc, candidates, prefix, suffix, near)
        start, end = _to_original(doc, best, parsed.trails_off)
        return AnchorResult(
            span=Span(start=start, end=end), score=round(best.score, 4), ambiguous=ambiguous, method=best.method
        )

    def _candidates(self, doc: PreparedDocument, parsed: ParsedQuote, quote: str) -> list[Candidate]:
        exact = doc.exact(parsed.verbatim)
        if not exact and parsed.whole != parsed.verbatim:
            exact = doc.exact(parsed.whole)
        if exact:
            return [Candidate(m.start, m.end, 1.0, "exact") for m in exact]
        if len(parsed.parts) > 1:
            found = elided_matches(doc, parsed.parts, self.thresholds)
        elif parsed.parts[0] in (parsed.verbatim, parsed.whole):  # just found not to occur exactly
            found = approximate_matches(doc, parsed.parts[0], self.thresholds)
        else:
            found = part_matches(doc, parsed.parts[0], self.thresholds)
        return found or _verbatim(doc, quote) or near_verbatim(doc, quote)


def _verbatim(doc: PreparedDocument, quote: str) -> list[Candidate]:
    """The raw quote found character for character in the raw document (a quote cut inside
    markdown syntax normalises differently from the same text in the document)."""
    quote = quote.strip()
    at = doc.raw.find(quote) if quote else -1
    if at < 0:
        return []
    start = doc.norm.count_before(at)
    end = doc.norm.count_before(at + len(quote))
    return [Candidate(start, end, 1.0, "verbatim")] if start < end else []


def _context_score(doc: PreparedDocument, cand: Candidate, prefix: str | None, suffix: str | None) -> float:
    text = doc.norm.text
    score = 0.0
    if prefix:
        want = matchable(prefix)[-_CONTEXT:]
        score += fuzz.ratio(want, text[max(0, cand.start - len(want)) : cand.start]) / 100
    if suffix:
        want = matchable(suffix)[:_CONTEXT]
        score += fuzz.ratio(want, text[cand.end : cand.end + len(want)]) / 100
    return score


def _choose(
    doc: PreparedDocument, candidates: list[Candidate], prefix: str | None, suffix: str | None, near: int | None
) -> tuple[Candidate, bool]:
    """The best candidate (by quote score, then context, then nearness) and whether it is a tie."""
    if len(candidates) == 1:
        return candidates[0], False

    def rank(cand: Candidate) -> tuple[float, float, float]:
        distance = abs(doc.norm.origin(cand.start) - near) if near is not None else 0
        return (round(cand.score, 3), round(_context_score(doc, cand, prefix, suffix), 2), -distance)

    ranks = [rank(c) for c in candidates]
    best = max(range(len(candidates)), key=lambda i: (ranks[i], -i))
    return candidates[best], ranks.count(ranks[best]) > 1


def _to_original(doc: PreparedDocument, cand: Candidate, trails_off: bool) -> tuple[int, int]:
    """The original-text span of a candidate, with the markdown around its edges (`**`, `[`,
    `](url)`); approximate ones snap to whole words, cut ones run to the end of their sentence. One found
    in the original text keeps its span there."""
    if cand.original is not None:
        return cand.original
    start, end = doc.norm.original_span(cand.start, cand.end)
    raw = doc.raw
    while start > 0 and raw[start - 1] in _LEADING_MARKUP:
        start -= 1
    end = _TRAILING_MARKUP.match(raw, end).end()
    if cand.method == "fuzzy":
        start, end = _snap_to_words(raw, start, end)
    if trails_off:
        stop = _SENTENCE_END.search(raw, end, min(len(raw), end + _TRAIL_REACH))
        end = stop.end() if stop and stop.group().strip() else (stop.start() if stop else end)
    return start, end


def _snap_to_words(raw: str, start: int, end: int) -> tuple[int, int]:
    """Widen `[start, end)` so it does not cut a word at either edge (approximate edges drift)."""
    floor = max(0, start - _SNAP_REACH)
    while start > floor and raw[start - 1].isalnum() and raw[start].isalnum():
        start -= 1
    limit = min(len(raw), end + _SNAP_REACH)
    while end < limit and raw[end - 1].isalnum() and raw[end].isalnum():
        end += 1
    return start, end
