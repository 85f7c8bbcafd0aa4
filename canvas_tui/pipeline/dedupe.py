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
    """Every (i, j), i < j, of near-duplicate texts.

    Comparing every pair with token_set_ratio grows with the square of the rows (ten minutes for 9,000 real
    prompts), so pairs are first shortlisted by the cosine of their word sets (sparse, in blocks of rows): texts
    whose normalised words overlap this little cannot score `threshold`; only the shortlist is scored."""
    normalised = [normal(text) for text in texts]
    return [
        (i, j)
        for i, j in _shortlist(normalised)
        if _lengths_close(normalised[i], normalised[j], settings.length_ratio)
        and fuzz.token_set_ratio(normalised[i], normalised[j], score_cutoff=settings.threshold)
    ]


SHORTLIST_COSINE = 0.5
"""Word-set cosine below which two texts are not scored (token_set_ratio >= 90 needs far more shared words)."""


def _shortlist(normalised: list[str], block: int = 2000) -> list[tuple[int, int]]:
    """Pairs (i < j) whose sets of words have a cosine of at least SHORTLIST_COSINE (empty texts pair with empty)."""
    if len(normalised) < 2:
        return []
    from sklearn.feature_extraction.text import CountVectorizer  # the lint's cost, not every importer's
    from sklearn.preprocessing import normalize

    words = CountVectorizer(binary=True, token_pattern=r"\S+", lowercase=False).fit_transform(
        [text or "\x00" for text in normalised]
    )
    sets = normalize(words.astype(np.float32))
    pairs = []
    for first in range(0, sets.shape[0], block):
        cosines = (sets[first : first + block] @ sets.T).toarray()
        rows, columns = np.nonzero(cosines >= SHORTLIST_COSINE)
        pairs += [(int(i) + first, int(j)) for i, j in zip(rows, columns) if i + first < j]
    return pairs
