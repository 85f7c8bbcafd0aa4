"""Win rate of A over B from blind judgements, with a Wilson score confidence interval.

Ties are reported but left out of the rate: the rate is A's share of the decisive judgements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel

from canvas_tui.log.records import Judgement

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (0, 1 with no trials)."""
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


class WinRate(BaseModel):
    """A against B: counts, A's win rate among decisive judgements, and its 95% interval."""

    a_name: str
    b_name: str
    a_wins: int
    b_wins: int
    ties: int
    rate: float | None
    low: float
    high: float

    @property
    def judged(self) -> int:
        return self.a_wins + self.b_wins + self.ties

    def summary(self) -> str:
        """One line: 'A beats B in 62% of decisive judgements (95% CI 45%–77%; 8–5, 2 ties)'."""
        if self.rate is None:
            return f"{self.a_name} vs {self.b_name}: no decisive judgements ({self.ties} ties)"
        return (
            f"{self.a_name} beats {self.b_name} in {self.rate:.0%} of decisive judgements "
            f"(95% CI {self.low:.0%}–{self.high:.0%}; {self.a_wins}–{self.b_wins}, {self.ties} ties)"
        )


def win_rate(judgements: Iterable[Judgement], a_name: str = "A", b_name: str = "B") -> WinRate:
    """Count verdicts and compute the rate and interval."""
    verdicts = [judgement.verdict for judgement in judgements]
    a_wins, b_wins, ties = verdicts.count("A"), verdicts.count("B"), verdicts.count("tie")
    decisive = a_wins + b_wins
    low, high = wilson(a_wins, decisive)
    return WinRate(
        a_name=a_name,
        b_name=b_name,
        a_wins=a_wins,
        b_wins=b_wins,
        ties=ties,
        rate=a_wins / decisive if decisive else None,
        low=low,
        high=high,
    )
