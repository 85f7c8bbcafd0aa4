"""Sentence (or line) features for the trained span scorer: cue counts, length, position.

`analyse` reads a document once and returns every candidate with its cues and feature vector, so
the scorer, the comment templates and the suggestions all see the same evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from canvas_tui.behaviours.comment.candidates import Candidate, candidates
from canvas_tui.behaviours.comment.cues import CODE_CUES, PROSE_CUES, code_cues, prose_cues, variant_uses

SHAPE_FEATURES = (
    "log_words",
    "long",
    "very_long",
    "first",
    "last",
    "relative_position",
    "is_line",
    "number_unattributed",
    "question",
    "short",
)
FEATURE_NAMES: tuple[str, ...] = (
    SHAPE_FEATURES + tuple(f"prose_{c}" for c in PROSE_CUES) + tuple(f"code_{c}" for c in CODE_CUES)
)


@dataclass(frozen=True)
class Analysed:
    """One candidate unit with the cues found in it and its feature vector."""

    candidate: Candidate
    text: str
    cues: dict[str, list[str]]
    vector: tuple[float, ...]


def _shape(candidate: Candidate, text: str, cues: dict[str, list[str]]) -> list[float]:
    words = len(text.split())
    unattributed = bool(cues.get("number")) and not cues.get("attribution") and not cues.get("quoted_speech")
    return [
        math.log1p(words),
        float(words > 30),
        float(words > 45),
        float(candidate.first),
        float(candidate.last),
        candidate.index / max(1, candidate.count - 1),
        float(candidate.kind == "line"),
        float(unattributed),
        float(text.rstrip().endswith("?")),
        float(words <= 6),
    ]


@lru_cache(maxsize=128)
def analyse(document: str) -> tuple[Analysed, ...]:
    """Every candidate unit of the document with its cues and features."""
    variants = variant_uses(document)
    result = []
    for candidate in candidates(document):
        text = candidate.text(document)
        prose = prose_cues(candidate, document, variants) if candidate.kind == "sentence" else {}
        code = code_cues(candidate, document) if candidate.kind == "line" else {}
        counts = [math.log1p(len(prose.get(c, []))) for c in PROSE_CUES] + [
            math.log1p(len(code.get(c, []))) for c in CODE_CUES
        ]
        result.append(Analysed(candidate, text, {**prose, **code}, tuple(_shape(candidate, text, prose) + counts)))
    return tuple(result)
