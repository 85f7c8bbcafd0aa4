"""The edit policy: rewrite the located part, or make a targeted in-place edit.

`classify` is the synchronous decision other behaviours call; `default_policy` is the
`EditPolicy` the session uses. Both apply a visible threshold on P(targeted).
"""

from canvas_tui.behaviours.policy.decide import TargetedOrRewrite, classify, default_policy

__all__ = ["TargetedOrRewrite", "classify", "default_policy"]
