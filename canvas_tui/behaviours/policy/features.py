"""What the trained policy sees of one decision: request terms (for TF-IDF) and a few dense numbers.

The same functions serve training (through scikit-learn) and prediction (pure Python), so the two
can never drift apart.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from canvas_tui.behaviours.policy.cues import QUOTED, count_cues

UNITS = ("sentence", "paragraph", "section", "document")
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?](\s|$)")
_CODE = re.compile(r"\bdef \w|\bfunction\b|\bclass \w|[{};]\s*$|=>|\breturn\b|^\s*(import|#include|fn )", re.M)
_QUOTED = re.compile(QUOTED)


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


def request_text(item: PolicyInput) -> str:
    """The text of the model's TF-IDF block: the request, lower-cased (its unigrams and bigrams are the terms)."""
    return item.request.lower()


DENSE_NAMES = (
    *(f"unit_{u}" for u in (*UNITS, "other")),
    "target_size",
    "log_request_words",
    "cue_targeted",
    "cue_rewrite",
    "cue_scope",
    "quoted",
    "code",
    "digits",
)
TYPICAL_SIZE = {"sentence": 1, "paragraph": 4, "section": 12, "document": 20, "other": 4}
MAX_SIZE = 20


def target_size(target: str, unit: str) -> int:
    """Sentences or non-empty lines in the target (whichever is more; lines count for code), capped.

    When the target is not given the unit's typical size stands in: labels may leave it empty,
    but in use it is always the located text, and imputing keeps the two alike so a model trained
    on empty targets does not flip on real ones. Past the cap (a long section, any document) size
    says nothing more about the kind of edit. (Character length and the request/target length
    ratio were measured too: they added nothing in cross-validation and made decisions flip
    between labelled and real targets.)
    """
    if not target.strip():
        return TYPICAL_SIZE[unit]
    lines = sum(1 for line in target.splitlines() if line.strip())
    return min(MAX_SIZE, max(1, lines, len(_SENTENCE_END.findall(target))))


def dense_features(item: PolicyInput) -> list[float]:
    """The dense feature vector, in the order of `DENSE_NAMES`."""
    unit = normalise_unit(item.unit)
    cues = count_cues(item.request)
    return [
        *(1.0 if unit == u else 0.0 for u in (*UNITS, "other")),
        float(target_size(item.target_text, unit)),
        math.log1p(len(words(item.request))),
        cues.targeted,
        cues.rewrite,
        1.0 if cues.scope else 0.0,
        1.0 if _QUOTED.search(item.request) else 0.0,
        1.0 if _CODE.search(item.target_text) else 0.0,
        1.0 if any(ch.isdigit() for ch in item.request) else 0.0,
    ]
