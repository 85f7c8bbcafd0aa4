"""The small interfaces every behaviour implementation satisfies.

The session orchestrator only knows these; implementations (rules, trained, prompted model)
are chosen in `canvas_tui.behaviours.registry` and can be swapped without touching the session.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from canvas_tui.behaviours.base import (
    AnchorResult,
    LocateDecision,
    PolicyDecision,
    Span,
    TriggerDecision,
)


@runtime_checkable
class Trigger(Protocol):
    """Decides canvas|inline with no document open, and edit|comment|chat|new_document with one."""

    name: str
    version: str

    async def decide(self, message: str, *, document: str | None) -> TriggerDecision: ...


@runtime_checkable
class SectionLocator(Protocol):
    """Finds the span of the document an edit request is about (a selection overrides it)."""

    name: str
    version: str

    async def locate(self, document: str, request: str, selection: Span | None = None) -> LocateDecision: ...


@runtime_checkable
class EditPolicy(Protocol):
    """Chooses a full rewrite of the located part or a targeted in-place edit."""

    name: str
    version: str

    async def decide(self, document: str, request: str, target: LocateDecision) -> PolicyDecision: ...


@runtime_checkable
class CommentAnchorer(Protocol):
    """Finds where a model's imperfect quote is in the document, or says it is nowhere."""

    name: str
    version: str

    def anchor(self, document: str, quote: str, *, near: int | None = None) -> AnchorResult:
        """Where `quote` is in `document`; `near` (where the proposer saw it) breaks ties between copies."""
