"""The locator's model part: topic scores blended with the meaning of the request (sentence embeddings).

BM25 finds units that share words with the request; requests "by meaning" often share none ("the bit
about bee communication" for a paragraph on the waggle dance). When the all-MiniLM-L6-v2 package is
installed, the cosine similarity between the request's topic phrase and each candidate unit, scaled to
[0, 1] among the candidates, is averaged with the BM25 score of the candidates whose words match nearly as
well as the best (at least half as well; all of them when none shares a word): meaning breaks near-ties in
words, it does not override a clear match. Without the package, or inside `rules_only()`, topic scores are
BM25 alone (the deterministic locator).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from canvas_tui.document.units import Segmentation, Unit
from canvas_tui.embeddings import default_embedder

WEIGHT = 0.5
TIE = 0.5
MIN_SPREAD = 1e-6
_ALLOWED: ContextVar[bool] = ContextVar("locate_model_allowed", default=True)
_CUE = re.compile(
    r"^(?:the |a )?(?:paragraph|sentence|bit|part|section|passage|line)s?\b\s*"
    r"(?:about|on|with|where|that|describing|explaining)?\s*",
    re.I,
)


@contextmanager
def rules_only() -> Iterator[None]:
    """Within this block the locator uses no model (to measure the rules alone, or to force the fallback)."""
    token = _ALLOWED.set(False)
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def model_in_use() -> bool:
    """True when topic scores will include the embedding model (installed and not switched off)."""
    return _ALLOWED.get() and default_embedder() is not None


def topic_phrase(request: str) -> str:
    """The request without its leading unit noun: 'the paragraph about where people slept' -> 'where people slept'."""
    return _CUE.sub("", request.strip()) or request


def similarities(seg: Segmentation, request: str, units: list[Unit]) -> list[float]:
    """Cosine similarity of the request's topic phrase with each unit's text, min-max scaled among `units`."""
    embedder = default_embedder()
    vectors = embedder.embed([topic_phrase(request)] + [seg.text[u.start : u.end] for u in units])
    cosines = vectors[1:] @ vectors[0]
    low, high = float(cosines.min()), float(cosines.max())
    return [(float(c) - low) / max(high - low, MIN_SPREAD) for c in cosines]


def blend(seg: Segmentation, request: str, units: list[Unit], lexical: dict[Unit, float]) -> list[tuple[Unit, float]]:
    """Units ranked by words first, meaning second: the units whose BM25 score (`lexical`, in [0, 1]) is at least TIE
    of the best by the mean of that score and their similarity (scaled among all `units`); the rest by half their
    BM25 score alone (by BM25 alone when a single unit is that close). So meaning breaks near-ties and decides when no unit shares a word with the request, but never
    overrides a unit that matches the request's words clearly better than the others."""
    top = max((lexical.get(u, 0.0) for u in units), default=0.0)
    close = {u for u in units if lexical.get(u, 0.0) >= TIE * top}
    if len(close) < 2:
        return sorted(((u, lexical.get(u, 0.0)) for u in units), key=lambda p: -p[1])
    semantic = similarities(seg, request, units)
    scored = [(u, (1 - WEIGHT) * lexical.get(u, 0.0) + WEIGHT * s * (u in close)) for u, s in zip(units, semantic)]
    return sorted(scored, key=lambda p: -p[1])
