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


RULE_ONLY = frozenset({"typo", "grammar"})
"""Categories decided by the rules alone: a typo or grammar comment must name a listed misspelling, doubled
word or grammar slip (the trained model otherwise learns coincidences from a handful of rows)."""
RULE_OR_TRAINED = frozenset({"code_smell"})
"""Categories where a code-smell pattern or the trained model may each propose (the higher probability).
Both choices were made by cross-validated placement F1 (spec.md)."""


class RuledModel:
    """The trained scorer, with the rules deciding or backing the categories whose cues are near-certain."""

    def __init__(self, trained, rules: RuleModel | None = None) -> None:
        self.trained, self.rules = trained, rules or RuleModel()
        self.version, self.threshold = trained.version, trained.threshold

    def probabilities(self, vectors: list[tuple[float, ...]]) -> list[dict[str, float]]:
        """The rules' probability for RULE_ONLY, the higher of both for RULE_OR_TRAINED, else the trained one."""
        result = []
        for learnt, ruled in zip(self.trained.probabilities(vectors), self.rules.probabilities(vectors)):
            merged = dict(learnt)
            for category in RULE_ONLY:
                merged[category] = ruled.get(category, 0.0)
            for category in RULE_OR_TRAINED:
                merged[category] = max(learnt.get(category, 0.0), ruled.get(category, 0.0))
            result.append(merged)
        return result
