"""Choosing the cascade's settings on validation rows: the uncertainty band of the fast model and the slow cut.

The rule is the repository's trigger rule: the highest accuracy whose canvas recall is at least RECALL_FLOOR; ties
go to the smaller slow share (fewer slow decisions). Only a few bands are tried, so that about 800 validation rows
do not overfit the choice.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

RECALL_FLOOR = 0.80
BANDS = ((0.2, 0.5), (0.1, 0.7), (0.05, 0.85))
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(1, 20))


class CascadeChoice(BaseModel):
    """The chosen band and slow cut with their validation figures."""

    band: tuple[float, float]
    threshold: float
    accuracy: float
    canvas_recall: float
    slow_share: float


def cascade_canvas(
    fast: np.ndarray, slow: np.ndarray, fast_cut: float, band: tuple[float, float], cut: float
) -> np.ndarray:
    """Whether the cascade opens the canvas: the fast model outside `band` (at its own cut), the slow one inside."""
    inside = (fast >= band[0]) & (fast <= band[1])
    return np.where(inside, slow >= cut, fast >= fast_cut)


def choose(fast: np.ndarray, slow: np.ndarray, canvas: np.ndarray, fast_cut: float) -> CascadeChoice | None:
    """The best (band, cut) for P(canvas) arrays of the fast and slow models and the truth; None when no setting
    reaches the recall floor."""
    best: CascadeChoice | None = None
    for band in BANDS:
        share = float(((fast >= band[0]) & (fast <= band[1])).mean())
        for cut in THRESHOLDS:
            opened = cascade_canvas(fast, slow, fast_cut, band, cut)
            recall = float((opened & canvas).sum() / max(canvas.sum(), 1))
            accuracy = float((opened == canvas).mean())
            candidate = CascadeChoice(
                band=band, threshold=cut, accuracy=accuracy, canvas_recall=recall, slow_share=share
            )
            if recall >= RECALL_FLOOR and (best is None or _better(candidate, best)):
                best = candidate
    return best


def _better(a: CascadeChoice, b: CascadeChoice) -> bool:
    return (a.accuracy, -a.slow_share) > (b.accuracy, -b.slow_share)
