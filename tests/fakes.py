"""Fake behaviours for unit tests: each returns a fixed, inspectable decision."""

from __future__ import annotations

from dataclasses import dataclass, field

from canvas_tui.behaviours.base import AnchorResult, LocateDecision, PolicyDecision, Provenance, Span, TriggerDecision
from canvas_tui.behaviours.comment import CommentProposer, default_proposer
from canvas_tui.behaviours.defaults import Behaviours

FAKE = Provenance(implementation="fake", version="0")


@dataclass
class FakeTrigger:
    """Returns the queued labels in order (then the last one again)."""

    labels: list[str] = field(default_factory=lambda: ["inline"])
    name: str = "fake-trigger"
    version: str = "0"

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision:
        label = self.labels.pop(0) if len(self.labels) > 1 else self.labels[0]
        return TriggerDecision(label=label, confidence=0.9, provenance=FAKE)


@dataclass
class FakeLocator:
    """Locates the first occurrence of `needle`, or the whole text."""

    needle: str | None = None
    ambiguous_with: list[Span] = field(default_factory=list)
    unit: str = "paragraph"
    name: str = "fake-locator"
    version: str = "0"

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision:
        from canvas_tui.behaviours.base import Candidate

        start = document.find(self.needle) if self.needle else 0
        if start < 0:
            return LocateDecision(span=None, unit=None, confidence=0.0, provenance=FAKE)
        end = start + len(self.needle) if self.needle else len(document)
        span = Span(start=start, end=end)
        candidates = [Candidate(span=s, unit="paragraph", score=0.5) for s in [span, *self.ambiguous_with]]
        return LocateDecision(
            span=span,
            unit=self.unit,
            confidence=0.8,
            ambiguous=bool(self.ambiguous_with),
            candidates=candidates if self.ambiguous_with else [],
            provenance=FAKE,
        )


@dataclass
class FakePolicy:
    label: str = "rewrite"
    name: str = "fake-policy"
    version: str = "0"

    async def decide(self, document: str, request: str, target: LocateDecision) -> PolicyDecision:
        return PolicyDecision(
            label=self.label, score=0.9 if self.label == "targeted" else 0.1, threshold=0.5, provenance=FAKE
        )


@dataclass
class ExactAnchorer:
    name: str = "exact"
    version: str = "0"

    def anchor(self, document: str, quote: str, *, near: int | None = None) -> AnchorResult:
        start = document.find(quote, near or 0) if quote else -1
        if start < 0:
            return AnchorResult(span=None, score=0.0)
        return AnchorResult(span=Span(start=start, end=start + len(quote)), score=1.0, method="exact")


def fake_behaviours(
    *,
    trigger: list[str] | None = None,
    needle: str | None = None,
    policy: str = "rewrite",
    ambiguous_with: list[Span] | None = None,
    proposer: CommentProposer | None = None,
) -> Behaviours:
    """A behaviour bundle of fakes (the comment proposer is the real default unless one is given)."""
    return Behaviours(
        trigger=FakeTrigger(trigger or ["inline"]),
        locator=FakeLocator(needle, ambiguous_with or []),
        policy=FakePolicy(policy),
        anchorer=ExactAnchorer(),
        proposer=proposer or default_proposer(),
    )
