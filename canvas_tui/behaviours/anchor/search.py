"""Candidate spans of a parsed quote in a prepared document (normalised coordinates).

A one-part quote is found exactly, or else approximately within the calibrated thresholds.
An elided quote (`head ... tail`) is found part by part: each next part must follow the
previous one within a bounded gap, and the candidate covers head to tail.
"""

from __future__ import annotations

from dataclasses import dataclass

from canvas_tui.behaviours.anchor.matcher import Match, PreparedDocument
from canvas_tui.behaviours.anchor.thresholds import Thresholds


@dataclass(frozen=True)
class Candidate:
    """A possible place of the quote: normalised `[start, end)`, quote score 0..1, how found, and the
    original span when it was found in the original text itself."""

    start: int
    end: int
    score: float
    method: str
    original: tuple[int, int] | None = None


def part_matches(
    doc: PreparedDocument, part: str, limits: Thresholds, start: int = 0, end: int | None = None
) -> list[Candidate]:
    """Exact occurrences of `part`, or else its accepted approximate ones, in document order."""
    exact = doc.exact(part, start, end)
    if exact:
        return [Candidate(m.start, m.end, 1.0, "exact") for m in exact]
    return approximate_matches(doc, part, limits, start, end)


def approximate_matches(
    doc: PreparedDocument, part: str, limits: Thresholds, start: int = 0, end: int | None = None
) -> list[Candidate]:
    """The accepted best-distance approximate occurrences of `part`, in document order."""
    fuzzy = doc.fuzzy(part, limits.max_distance(len(part)), start, end)
    return [
        Candidate(m.start, m.end, _score(part, m), "fuzzy")
        for m in fuzzy
        if limits.accepts_words(doc.word_gaps(part, m))
    ]


def _score(part: str, match: Match) -> float:
    return max(0.0, 1.0 - match.distance / max(1, len(part)))


def _follow(doc: PreparedDocument, head: Candidate, rest: tuple[str, ...], limits: Thresholds) -> Candidate | None:
    """Extend `head` with each following part, nearest first; None if one cannot be found."""
    chain = head
    for part in rest:
        found = part_matches(doc, part, limits, chain.end, chain.end + limits.max_elision_gap + len(part))
        if not found:
            return None
        chain = Candidate(chain.start, found[0].end, min(chain.score, found[0].score), "elided")
    return chain


def elided_matches(doc: PreparedDocument, parts: tuple[str, ...], limits: Thresholds) -> list[Candidate]:
    """Head-to-tail candidates of an elided quote; of heads reaching the same tail, the nearest."""
    chains = (_follow(doc, head, parts[1:], limits) for head in part_matches(doc, parts[0], limits))
    by_tail: dict[int, Candidate] = {}
    for chain in chains:
        if chain is not None:
            by_tail[chain.end] = chain
    return sorted(by_tail.values(), key=lambda chain: chain.start)
