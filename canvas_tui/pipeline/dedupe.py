"""Near-duplicate texts: rapidfuzz token_set_ratio, with a length guard.

token_set_ratio scores 100 whenever one text's words are a subset of the other's ("write a
poem" inside "write a poem about the sea in winter"), so two texts are near-duplicates only
when their lengths are also within `length_ratio` of each other.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process, utils

from canvas_tui.pipeline.config import DedupeSettings


def normal(text: str) -> str:
    """Lower case, punctuation dropped, whitespace collapsed: the form texts are compared in."""
    return utils.default_process(text)


def _lengths_close(a: str, b: str, ratio: float) -> bool:
    shorter, longer = sorted((len(a), len(b)))
    return longer == 0 or shorter / longer >= ratio


class NearDuplicateIndex:
    """Texts seen so far; `match` finds one a new text near-duplicates."""

    def __init__(self, settings: DedupeSettings, texts: list[str] = ()) -> None:
        self.settings = settings
        self.texts: list[str] = [normal(text) for text in texts]

    def match(self, text: str) -> str | None:
        """The earlier text that `text` near-duplicates, or None."""
        query = normal(text)
        found = process.extract(
            query, self.texts, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=self.settings.threshold
        )
        return next(
            (choice for choice, _, _ in found if _lengths_close(query, choice, self.settings.length_ratio)), None
        )

    def add(self, text: str) -> None:
        """Remember `text`, so later texts are compared with it."""
        self.texts.append(normal(text))


def near_duplicate_pairs(texts: list[str], settings: DedupeSettings) -> list[tuple[int, int]]:
    """Every (i, j), i < j, of near-duplicate texts (one rapidfuzz matrix; fine for a few thousand rows)."""
    normalised = [normal(text) for text in texts]
    scores = process.cdist(
        normalised, normalised, scorer=fuzz.token_set_ratio, score_cutoff=settings.threshold, dtype=np.uint8, workers=1
    )
    rows, columns = np.nonzero(np.triu(scores, k=1))
    return [
        (int(i), int(j))
        for i, j in zip(rows, columns)
        if _lengths_close(normalised[i], normalised[j], settings.length_ratio)
    ]
