"""The behaviour implementations a session uses by default, bundled so tests can swap any of them."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_tui.behaviours.comment import CommentProposer
from canvas_tui.behaviours.interfaces import CommentAnchorer, EditPolicy, SectionLocator, Trigger


@dataclass
class Behaviours:
    """One implementation per behaviour; the session only knows these interfaces."""

    trigger: Trigger
    locator: SectionLocator
    policy: EditPolicy
    anchorer: CommentAnchorer
    proposer: CommentProposer


def default_behaviours(policy_threshold: float = 0.5) -> Behaviours:
    """The measured defaults: trained trigger, deterministic locator, trained policy, text-quote anchorer, and the
    comment proposer that lets the scorer place comments for the embedded small model."""
    from canvas_tui.behaviours.anchor import default_anchorer
    from canvas_tui.behaviours.comment import default_proposer
    from canvas_tui.behaviours.locate import default_locator
    from canvas_tui.behaviours.policy import default_policy
    from canvas_tui.behaviours.trigger import default_trigger

    return Behaviours(
        trigger=default_trigger(),
        locator=default_locator(),
        policy=default_policy(threshold=policy_threshold),
        anchorer=default_anchorer(),
        proposer=default_proposer(),
    )
