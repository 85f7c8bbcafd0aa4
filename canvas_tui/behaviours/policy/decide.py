"""`classify` (the synchronous decision) and `TargetedOrRewrite` (the async `EditPolicy`)."""

from __future__ import annotations

from canvas_tui.behaviours.base import LocateDecision, PolicyDecision, Provenance
from canvas_tui.behaviours.policy.features import PolicyInput
from canvas_tui.behaviours.policy.operations import operation_for
from canvas_tui.behaviours.policy.scorers import SCORERS, Scorer

DEFAULT_IMPLEMENTATION = "trained"


def decide_with(scorer: Scorer, item: PolicyInput, threshold: float) -> PolicyDecision:
    """Score `item` and apply the threshold: targeted iff P(targeted) >= threshold."""
    score = min(1.0, max(0.0, scorer.score(item)))
    return PolicyDecision(
        label="targeted" if score >= threshold else "rewrite",
        score=score,
        threshold=threshold,
        provenance=Provenance(implementation=scorer.name, version=scorer.version, fallback=scorer.fallback),
    )


def classify(request: str, target_text: str, unit: str, threshold: float = 0.5) -> PolicyDecision:
    """Rewrite or targeted edit for `request` on `target_text` (a `unit`), with the default implementation."""
    return decide_with(
        SCORERS[DEFAULT_IMPLEMENTATION](), PolicyInput(request=request, target_text=target_text, unit=unit), threshold
    )


class TargetedOrRewrite:
    """The `EditPolicy`: decides on the located span, or on the whole document when none was found, and
    which operation carries the edit out (delete, move, insert, replace, rewrite)."""

    def __init__(self, scorer: Scorer, threshold: float = 0.5) -> None:
        self.scorer = scorer
        self.threshold = threshold
        self.name = f"policy-{scorer.name}"
        self.version = scorer.version

    async def decide(self, document: str, request: str, target: LocateDecision) -> PolicyDecision:
        """Decide for the target span's text and unit (whole document if the span is None)."""
        if target.span is None:
            text, unit = document, "document"
        else:
            text, unit = document[target.span.start : target.span.end], target.unit or "paragraph"
        decision = decide_with(self.scorer, PolicyInput(request=request, target_text=text, unit=unit), self.threshold)
        return decision.model_copy(update={"operation": operation_for(request, decision.label)})


def default_policy(threshold: float = 0.5) -> TargetedOrRewrite:
    """The policy the app uses: the default implementation with the configured threshold."""
    return TargetedOrRewrite(SCORERS[DEFAULT_IMPLEMENTATION](), threshold)
