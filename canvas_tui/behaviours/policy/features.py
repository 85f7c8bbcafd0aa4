"""What the trained policy sees of one decision: request terms (for TF-IDF) and a few dense numbers.

The same functions serve training (through scikit-learn) and prediction (pure Python), so the two
can never drift apart.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from canvas_tui.behaviours.policy.cues import count_cues

UNITS = ("sentence", "paragraph", "section", "document")
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?](\s|$)")
_CODE = re.compile(r"\bdef \w|\bfunction\b|\bclass \w|[{};]\s*$|=>|\breturn\b|^\s*(import|#include|fn )", re.M)
_QUOTED = re.compile(r"[\"`\u201c].+?[\"`\u201d]|(^|\s)'[^']+'")


class PolicyInput(BaseModel):
    """One decision to make: the request, the located text (may be empty) and its unit kind."""

    request: str
    target_text: str = ""
    unit: str = "document"


def normalise_unit(unit: str | None) -> str:
    """The unit kind, or "other" for anything the policy was not trained on."""
    unit = (unit or "").strip().lower()
    return unit if unit in UNITS else "other"


def words(text: str) -> list[str]:
    """Lowercased word tokens (single letters kept: "rename x")."""
    return _WORD.findall(text.lower())


def request_terms(request: str) -> list[str]:
    """Unigrams and bigrams of the request: the TF-IDF vocabulary."""
    tokens = words(request)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


DENSE_NAMES = (
    *(f"unit_{u}" for u in (*UNITS, "other")),
    "target_empty", "log_target_chars", "target_sentences", "log_request_words",
    "log_length_ratio", "cue_targeted", "cue_rewrite", "cue_scope", "quoted", "overlap", "code", "digits",
)


def _overlap(request_words: list[str], target: str) -> float:
    """Fraction of the request's longer words that occur in the target: naming specific text."""
    long_words = {w for w in request_words if len(w) >= 4}
    if not long_words or not target:
        return 0.0
    target_words = set(words(target))
    return len(long_words & target_words) / len(long_words)


def dense_features(item: PolicyInput) -> list[float]:
    """The dense feature vector, in the order of `DENSE_NAMES`."""
    unit = normalise_unit(item.unit)
    request_words = words(item.request)
    cues = count_cues(item.request)
    target = item.target_text
    return [
        *(1.0 if unit == u else 0.0 for u in (*UNITS, "other")),
        1.0 if not target.strip() else 0.0,
        math.log1p(len(target)),
        float(min(len(_SENTENCE_END.findall(target)), 20)),
        math.log1p(len(request_words)),
        math.log1p(len(item.request)) - math.log1p(len(target)),
        cues.targeted,
        cues.rewrite,
        1.0 if cues.scope else 0.0,
        1.0 if _QUOTED.search(item.request) else 0.0,
        _overlap(request_words, target),
        1.0 if _CODE.search(target) else 0.0,
        1.0 if any(ch.isdigit() for ch in item.request) else 0.0,
    ]
