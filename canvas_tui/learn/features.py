"""What a behaviour hands the trainer and the scorer: its text views and its dense features, by name.

The functions stay in the behaviour (the trigger's request view, the policy's dense features...); the
artifact records only their names, and the scorer refuses an artifact whose names it cannot match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Features:
    """Named text views (input -> text of a TF-IDF block) and the dense feature function with its column names."""

    views: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    dense_names: tuple[str, ...] = ()
    dense: Callable[[Any], Sequence[float]] | None = None

    def view_name(self, function: Callable[[Any], str] | None) -> str | None:
        """The name under which `function` is registered (None for None: scikit-learn's default lower-casing)."""
        if function is None:
            return None
        for name, view in self.views.items():
            if view is function:
                return name
        raise ValueError(f"the view {function!r} is not one of the behaviour's views {sorted(self.views)}")
