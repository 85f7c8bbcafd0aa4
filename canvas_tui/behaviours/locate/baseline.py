"""The comparison baseline: the paragraph sharing the most words with the request."""

from __future__ import annotations

from canvas_tui.behaviours.base import LocateDecision, Provenance, Span
from canvas_tui.behaviours.locate.text import words
from canvas_tui.document.units import segment


class WordOverlapLocator:
    """Picks the paragraph with the largest word overlap with the request (ties: the earliest)."""

    name = "word-overlap"
    version = "1"

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision:
        """Locate by word overlap; see `overlap_decide`."""
        return overlap_decide(document, request)


def overlap_decide(document: str, request: str) -> LocateDecision:
    """The paragraph whose word set shares the most words with the request's."""
    seg = segment(document)
    provenance = Provenance(implementation=WordOverlapLocator.name, version=WordOverlapLocator.version)
    if not seg.paragraphs:
        return LocateDecision(span=None, unit=None, confidence=0.0, provenance=provenance)
    asked = set(words(request))
    best = max(seg.paragraphs, key=lambda p: len(asked & set(words(document[p.start : p.end]))))
    return LocateDecision(
        span=Span(start=best.start, end=best.end),
        unit="paragraph",
        confidence=0.5,
        style="meaning",
        provenance=provenance,
    )
