"""Choosing the cascade's settings on validation rows: the uncertainty band of the fast model, the blend of the two
models' probabilities inside it, and (trigger) the cut.

Inside the band the decision reads `blend` x the slow path's probabilities + the rest of the fast model's (1.0: the
slow path alone): the fast model's n-grams and the slow one's meaning err on different turns. The trigger's rule is
the repository's trigger rule: the highest accuracy whose canvas recall is at least RECALL_FLOOR. The floor is 0.85,
not the fast model's 0.80: the validation slice holds hard real messages, and at 0.80 there the cascade's canvas
recall on real traffic fell under the 0.90 the product asks for. A trigger band that would send more than
MAX_SLOW_SHARE of the messages to the slow path is not tried, so the median decision stays on the fast path (the
router has no such budget). The router's rule is the highest accuracy, and none unless it beats the fast model
alone. Ties go to the smaller slow share. Only a few settings are tried, so that a few hundred validation rows do
not overfit the choice.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

RECALL_FLOOR = 0.85
MAX_SLOW_SHARE = 0.45
BANDS = ((0.2, 0.5), (0.1, 0.7), (0.05, 0.85), (0.03, 0.92))
"""The trigger's bands over the fast model's P(canvas)."""
BLENDS = (1.0, 0.7, 0.5)
"""The slow path's share of the probabilities read inside the band."""
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(1, 20))
ROUTE_BANDS = ((0.0, 0.6), (0.0, 0.75), (0.0, 0.9))
"""The router's bands over the fast model's top probability: below 0.6, 0.75 or 0.9 the slow path is asked."""


class CascadeChoice(BaseModel):
    """The trigger's chosen band, blend and cut with their validation figures."""

    band: tuple[float, float]
    blend: float
    threshold: float
    accuracy: float
    canvas_recall: float
    slow_share: float


def blended(fast: np.ndarray, slow: np.ndarray, blend: float) -> np.ndarray:
    """The probabilities read inside the band: `blend` of the slow path's, the rest the fast model's."""
    return blend * slow + (1.0 - blend) * fast


def cascade_canvas(
    fast: np.ndarray, slow: np.ndarray, fast_cut: float, band: tuple[float, float], cut: float, blend: float = 1.0
) -> np.ndarray:
    """Whether the cascade opens the canvas: the fast model outside `band` (at its own cut), the blend inside."""
    inside = (fast >= band[0]) & (fast <= band[1])
    return np.where(inside, blended(fast, slow, blend) >= cut, fast >= fast_cut)


def choose(fast: np.ndarray, slow: np.ndarray, canvas: np.ndarray, fast_cut: float) -> CascadeChoice | None:
    """The best (band, blend, cut) for P(canvas) arrays of the fast and slow models and the truth; None when no
    setting reaches the recall floor."""
    best: CascadeChoice | None = None
    for band in BANDS:
        share = float(((fast >= band[0]) & (fast <= band[1])).mean())
        if share > MAX_SLOW_SHARE:
            continue
        for blend in BLENDS:
            for cut in THRESHOLDS:
                opened = cascade_canvas(fast, slow, fast_cut, band, cut, blend)
                recall = float((opened & canvas).sum() / max(canvas.sum(), 1))
                accuracy = float((opened == canvas).mean())
                candidate = CascadeChoice(
                    band=band, blend=blend, threshold=cut, accuracy=accuracy, canvas_recall=recall, slow_share=share
                )
                if recall >= RECALL_FLOOR and (best is None or _better(candidate, best)):
                    best = candidate
    return best


class RouteChoice(BaseModel):
    """The router's chosen band and blend with their validation figures."""

    band: tuple[float, float]
    blend: float
    accuracy: float
    recall: dict[str, float]
    slow_share: float


def cascade_routes(fast: np.ndarray, slow: np.ndarray, band: tuple[float, float], blend: float) -> np.ndarray:
    """The cascade's class index for (rows, classes) probabilities of the fast and slow models: the fast model's
    likeliest outside `band` (over its top probability), the likeliest of the blend inside."""
    top = fast.max(axis=1)
    inside = (top >= band[0]) & (top <= band[1])
    return np.where(inside, blended(fast, slow, blend).argmax(axis=1), fast.argmax(axis=1))


def choose_route(fast: np.ndarray, slow: np.ndarray, truth: np.ndarray, classes: tuple[str, ...]) -> RouteChoice | None:
    """The most accurate (band, blend) for the fast and slow probabilities and the true class indices; None when no
    setting is more accurate than the fast model alone (a slow path that does not help is not worth its time)."""
    best: RouteChoice | None = None
    for band in ROUTE_BANDS:
        share = float(((fast.max(axis=1) >= band[0]) & (fast.max(axis=1) <= band[1])).mean())
        for blend in BLENDS:
            routed = cascade_routes(fast, slow, band, blend)
            recall = {c: float((routed[truth == n] == n).mean()) for n, c in enumerate(classes) if (truth == n).any()}
            candidate = RouteChoice(
                band=band, blend=blend, accuracy=float((routed == truth).mean()), recall=recall, slow_share=share
            )
            if best is None or _better(candidate, best):
                best = candidate
    alone = float((fast.argmax(axis=1) == truth).mean())
    return best if best is not None and best.accuracy > alone else None


def _better(a: CascadeChoice | RouteChoice, b: CascadeChoice | RouteChoice) -> bool:
    return (a.accuracy, -a.slow_share, a.blend) > (b.accuracy, -b.slow_share, b.blend)
