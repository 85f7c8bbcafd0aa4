"""What the trained models read: the instruction part of a prompt and a few hand features.

Long prompts often carry pasted material (an article, code, an essay) whose words say nothing
about where the answer belongs; the instruction sits at its start or end. `instruction_view`
keeps both ends, and the hand features say how long the prompt and its asked output are.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from canvas_tui.behaviours.trigger.explicit import explicit_trigger
from canvas_tui.behaviours.trigger.keyword import keyword_trigger

HEAD = 320
TAIL = 240
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a single": 1}
_LIMIT = re.compile(
    r"\b(?:in|under|within|at most|no more than|fewer than|less than|max(?:imum)?(?: of)?|about|around|of|"
    r"exactly)?\s*(\d+|one|two|three|four|five|six|ten|a single)[- ](words?|sentences?|lines?|paragraphs?|pages?|"
    r"characters?|bullet points?|bullets?|stanzas?|verses?|tweets?)\b",
    re.IGNORECASE,
)
_SHORT_CUE = re.compile(r"\b(?:short|brief|briefly|quick|concise|one-line|one line|tiny|succinct|"
                        r"in a nutshell|tl;?dr|a sentence|one sentence)\b", re.IGNORECASE)
_LONG_CUE = re.compile(r"\b(?:detailed|long|comprehensive|in-depth|thorough|full|complete|extensive|"
                       r"multi-page|step-by-step plan)\b", re.IGNORECASE)
_QUESTION_START = re.compile(r"^\s*(?:who|what|when|where|why|how|which|is|are|can|could|does|do|did|"
                             r"should|would|will|was|were|has|have)\b", re.IGNORECASE)
_IMPERATIVE_START = re.compile(r"^\s*(?:please\s+)?(?:write|draft|compose|create|generate|build|make|develop|"
                               r"implement|code|design|prepare|craft|produce|put together)\b", re.IGNORECASE)
_SHORT_UNITS = {"word": 1 / 12, "character": 1 / 80, "sentence": 1 / 2, "line": 1.0, "bullet": 1.0,
                "bullet point": 1.0, "tweet": 3.0, "stanza": 4.0, "verse": 4.0, "paragraph": 6.0, "page": 40.0}


def instruction_view(text: str) -> str:
    """The prompt with any long middle (pasted material) cut out, lower-cased."""
    text = text.lower()
    if len(text) <= HEAD + TAIL:
        return text
    return f"{text[:HEAD]} … {text[-TAIL:]}"


def requested_lines(text: str) -> float | None:
    """Roughly how many lines of output an explicit length limit allows, or None without one."""
    found = _LIMIT.search(text)
    if not found:
        return None
    count_text, unit = found.group(1).lower(), found.group(2).lower().rstrip("s")
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    return count * _SHORT_UNITS.get(unit, 1.0)


def hand_features(text: str) -> list[float]:
    """Length, shape and cue features of one prompt, each scaled to about [0, 1]."""
    lines = requested_lines(text)
    explicit = explicit_trigger(text)
    return [
        min(np.log1p(len(text.split())) / 7.0, 1.0),
        min(text.count("\n") / 20.0, 1.0),
        float(len(text) > 600),
        float(lines is not None and lines < 10),
        float(lines is not None and lines >= 10),
        float(bool(_SHORT_CUE.search(text))),
        float(bool(_LONG_CUE.search(text))),
        float(bool(_QUESTION_START.search(text))),
        float(text.rstrip().endswith("?")),
        float(bool(_IMPERATIVE_START.search(text))),
        float(keyword_trigger(text) == "canvas"),
        float(explicit == "canvas"),
        float(explicit == "inline"),
    ]


class HandFeatures(BaseEstimator, TransformerMixin):
    """A scikit-learn transformer producing `hand_features` as a sparse matrix."""

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, texts, labels=None) -> "HandFeatures":
        """Stateless: nothing to learn."""
        return self

    def transform(self, texts) -> sparse.csr_matrix:
        """One row of hand features per text."""
        rows = [hand_features(text) for text in texts]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64) * self.weight)
