"""Choosing where comments go: the units most likely to deserve one, of the kinds the request asks about."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_tui.behaviours.comment.features import Analysed


@dataclass(frozen=True)
class Placement:
    """A unit chosen for a comment, the category it is chosen for, and how sure the scorer is."""

    unit: Analysed
    category: str
    score: float


def place(
    units: tuple[Analysed, ...] | list[Analysed],
    probabilities: list[dict[str, float]],
    allowed: set[str],
    limit: int,
    threshold: float,
) -> list[Placement]:
    """At most `limit` units whose most likely allowed category reaches `threshold`, best first, then in document order."""
    scored = []
    for unit, probs in zip(units, probabilities):
        relevant = {c: p for c, p in probs.items() if c in allowed}
        if relevant:
            category = max(relevant, key=relevant.get)
            scored.append(Placement(unit, category, relevant[category]))
    chosen = sorted((p for p in scored if p.score >= threshold), key=lambda p: -p.score)[:limit]
    return sorted(chosen, key=lambda p: p.unit.candidate.start)
