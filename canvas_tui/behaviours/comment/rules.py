"""The untrained baseline of the span scorer: a category is likely exactly when its own cue is present.

It reads the same feature vectors as the trained model, so the eval can say what training adds.
"""

from __future__ import annotations

from canvas_tui.behaviours.comment.features import FEATURE_NAMES

CATEGORY_CUES: dict[str, tuple[str, ...]] = {
    "typo": ("prose_misspelling", "prose_doubled"),
    "grammar": ("prose_grammar",),
    "inconsistent": ("prose_inconsistent",),
    "wordy": ("prose_wordy",),
    "long_sentence": ("very_long",),
    "passive": ("prose_passive",),
    "jargon": ("prose_jargon",),
    "vague": ("prose_weasel",),
    "unsupported_stat": ("number_unattributed",),
    "unsupported_claim": ("prose_absolute",),
    "weak_opening": ("prose_opening",),
    "weak_conclusion": ("prose_closing",),
    "code_smell": tuple(name for name in FEATURE_NAMES if name.startswith("code_") and name != "code_magic_number"),
}


class RuleModel:
    """P(category) = 0.5 plus a little per cue found, when the category's cue is present; else 0."""

    version = "rules-1"
    threshold = 0.5

    def probabilities(self, vectors: list[tuple[float, ...]]) -> list[dict[str, float]]:
        """The rule 'probability' of each category for each feature vector."""
        index = {name: i for i, name in enumerate(FEATURE_NAMES)}
        result = []
        for vector in vectors:
            strength = {c: sum(vector[index[n]] for n in names) for c, names in CATEGORY_CUES.items()}
            result.append({c: min(1.0, 0.5 + 0.1 * s) if s > 0 else 0.0 for c, s in strength.items()})
        return result


RULED_CATEGORIES = frozenset({"typo", "grammar", "code_smell"})
"""Categories whose cues are near-certain (a listed misspelling or grammar slip, a code-smell pattern): the
rules' view is kept when the trained model doubts it. Chosen by cross-validated placement F1 (spec.md)."""


class RuledModel:
    """The trained scorer, with the rules' probability kept for the near-certain categories."""

    def __init__(self, trained, rules: RuleModel | None = None) -> None:
        self.trained, self.rules = trained, rules or RuleModel()
        self.version, self.threshold = trained.version, trained.threshold

    def probabilities(self, vectors: list[tuple[float, ...]]) -> list[dict[str, float]]:
        """max(trained, rules) for the ruled categories, the trained probability for the others."""
        result = []
        for learnt, ruled in zip(self.trained.probabilities(vectors), self.rules.probabilities(vectors)):
            merged = dict(learnt)
            for category in RULED_CATEGORIES:
                merged[category] = max(learnt.get(category, 0.0), ruled.get(category, 0.0))
            result.append(merged)
        return result
