"""The records behaviours return: what was decided, how sure, and by which implementation.

These cross boundaries (the decision log, recordings, batch predictors), so they are pydantic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

TriggerLabel = Literal["canvas", "inline"]
RouterLabel = Literal["edit", "comment", "chat", "new_document"]
UnitKind = Literal["sentence", "paragraph", "section", "document"]
PolicyLabel = Literal["rewrite", "targeted"]
EditOperation = Literal["delete", "move", "insert", "replace", "rewrite"]


class Span(BaseModel):
    """A half-open character range `[start, end)` of a document's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self

    def iou(self, other: Span) -> float:
        """Intersection over union of two spans (1.0 for two identical empty spans)."""
        inter = max(0, min(self.end, other.end) - max(self.start, other.start))
        union = max(self.end, other.end) - min(self.start, other.start)
        return 1.0 if union == 0 else inter / union


class Provenance(BaseModel):
    """Which implementation made a decision, so logs and evals can compare versions."""

    implementation: str
    version: str
    fallback: bool = False
    raw_reply: str | None = None


class TriggerDecision(BaseModel):
    """Open the canvas or answer inline (no document open), or route a turn (document open)."""

    label: TriggerLabel | RouterLabel
    confidence: float = Field(ge=0.0, le=1.0)
    explicit: bool = False
    provenance: Provenance


class Candidate(BaseModel):
    """One unit the locator considered, with its score."""

    span: Span
    unit: UnitKind
    score: float
    title: str | None = None


class LocateDecision(BaseModel):
    """Which part of the document a request is about; `span` is None when nothing was found."""

    span: Span | None
    unit: UnitKind | None
    confidence: float = Field(ge=0.0, le=1.0)
    style: str | None = None
    from_selection: bool = False
    ambiguous: bool = False
    candidates: list[Candidate] = Field(default_factory=list)
    label: str | None = None
    provenance: Provenance


class PolicyDecision(BaseModel):
    """Rewrite the located part, or make a targeted in-place edit; the threshold is logged with it."""

    label: PolicyLabel
    score: float = Field(ge=0.0, le=1.0, description="probability that the edit should be targeted")
    threshold: float = Field(ge=0.0, le=1.0)
    operation: EditOperation | None = Field(
        None,
        description="how the edit is carried out: delete and move by code, "
        "insert (model writes only the new text), replace, rewrite",
    )
    provenance: Provenance


class AnchorResult(BaseModel):
    """Where a (possibly imperfect) quote is in the document, or no anchor (`span` None)."""

    span: Span | None
    score: float = Field(ge=0.0, le=1.0)
    ambiguous: bool = False
    method: str = "none"
