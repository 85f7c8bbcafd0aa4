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
    "log_target_chars", "target_sentences", "log_request_words", "log_length_ratio",
    "cue_targeted", "cue_rewrite", "cue_scope", "quoted", "code", "digits",
)
TYPICAL_CHARS = {"sentence": 100, "paragraph": 450, "section": 1500, "document": 3000, "other": 450}
CHARS_PER_SENTENCE = 90
MAX_CHARS = 3000
MAX_SENTENCES = 20


def _target_size(target: str, unit: str) -> tuple[int, int]:
    """(characters, sentences) of the target, capped; typical values for the unit when it is not given.

    Labels may leave the target empty, but in use it is always the located text: imputing keeps
    the two alike, so a model trained on empty targets does not flip on real ones. Past the caps
    (a long section, any document) size says nothing more about the kind of edit.
    """
    if not target.strip():
        chars = TYPICAL_CHARS[unit]
        return chars, min(MAX_SENTENCES, max(1, chars // CHARS_PER_SENTENCE))
    return min(MAX_CHARS, len(target)), min(MAX_SENTENCES, max(1, len(_SENTENCE_END.findall(target))))


def dense_features(item: PolicyInput) -> list[float]:
    """The dense feature vector, in the order of `DENSE_NAMES`."""
    unit = normalise_unit(item.unit)
    cues = count_cues(item.request)
    chars, sentences = _target_size(item.target_text, unit)
    return [
        *(1.0 if unit == u else 0.0 for u in (*UNITS, "other")),
        math.log1p(chars),
        float(sentences),
        math.log1p(len(words(item.request))),
        math.log1p(len(item.request)) - math.log1p(chars),
        cues.targeted,
        cues.rewrite,
        1.0 if cues.scope else 0.0,
        1.0 if _QUOTED.search(item.request) else 0.0,
        1.0 if _CODE.search(item.target_text) else 0.0,
        1.0 if any(ch.isdigit() for ch in item.request) else 0.0,
    ]
