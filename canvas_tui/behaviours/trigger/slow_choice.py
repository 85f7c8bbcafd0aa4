"""Choosing the cascade's settings on validation rows: the uncertainty band of the fast model, the slow path's
weight inside it and the cut.

The rule is the repository's trigger rule: the highest accuracy whose canvas recall is at least RECALL_FLOOR; ties
go to the smaller slow share (fewer slow decisions). The floor is 0.85, not the fast model's 0.80: the validation
slice holds hard real messages, and at 0.80 there the cascade's canvas recall on real traffic fell under the 0.90
the product asks for. Inside the band the decision reads a blend of the two models'
P(canvas), `weight` of the slow one (1.0: the slow path alone): the fast model's n-grams and the slow one's meaning
err on different messages. A band that would send more than MAX_SLOW_SHARE of the messages to the slow path is
not tried, so the median decision stays on the fast path. Only a few settings are tried, so that about 800
validation rows do not overfit the choice.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

RECALL_FLOOR = 0.85
MAX_SLOW_SHARE = 0.45
BANDS = ((0.2, 0.5), (0.1, 0.7), (0.05, 0.85), (0.03, 0.92))
WEIGHTS = (1.0, 0.7, 0.5)
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(1, 20))


class CascadeChoice(BaseModel):
    """The chosen band, slow weight and cut with their validation figures."""

    band: tuple[float, float]
    weight: float
    threshold: float
    accuracy: float
    canvas_recall: float
    slow_share: float


def blended(fast: np.ndarray, slow: np.ndarray, weight: float) -> np.ndarray:
    """P(canvas) inside the band: `weight` of the slow path's, the rest the fast model's."""
    return weight * slow + (1.0 - weight) * fast


def cascade_canvas(
    fast: np.ndarray, slow: np.ndarray, fast_cut: float, band: tuple[float, float], cut: float, weight: float = 1.0
) -> np.ndarray:
    """Whether the cascade opens the canvas: the fast model outside `band` (at its own cut), the blend inside."""
    inside = (fast >= band[0]) & (fast <= band[1])
    return np.where(inside, blended(fast, slow, weight) >= cut, fast >= fast_cut)


def choose(fast: np.ndarray, slow: np.ndarray, canvas: np.ndarray, fast_cut: float) -> CascadeChoice | None:
    """The best (band, weight, cut) for P(canvas) arrays of the fast and slow models and the truth; None when no
    setting reaches the recall floor."""
    best: CascadeChoice | None = None
    for band in BANDS:
        share = float(((fast >= band[0]) & (fast <= band[1])).mean())
        if share > MAX_SLOW_SHARE:
            continue
        for weight in WEIGHTS:
            for cut in THRESHOLDS:
                opened = cascade_canvas(fast, slow, fast_cut, band, cut, weight)
                recall = float((opened & canvas).sum() / max(canvas.sum(), 1))
                accuracy = float((opened == canvas).mean())
                candidate = CascadeChoice(
                    band=band, weight=weight, threshold=cut, accuracy=accuracy, canvas_recall=recall, slow_share=share
                )
                if recall >= RECALL_FLOOR and (best is None or _better(candidate, best)):
                    best = candidate
    return best


def _better(a: CascadeChoice, b: CascadeChoice) -> bool:
    return (a.accuracy, -a.slow_share, a.weight) > (b.accuracy, -b.slow_share, b.weight)
