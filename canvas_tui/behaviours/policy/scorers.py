"""The two ways of scoring P(targeted): cue-word rules, and the trained model loaded from its artifact.

Both are plain functions of a `PolicyInput`; `classify` turns a score into a `PolicyDecision`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from canvas_tui.behaviours.policy.cues import rules_score
from canvas_tui.behaviours.policy.features import PolicyInput, normalise_unit
from canvas_tui.behaviours.policy.linear import LinearPolicyModel
from canvas_tui.paths import behaviour_dir

RULES_VERSION = "rules-1"
ARTIFACT_NAME = "model.json"
METADATA_NAME = "model.meta.json"


@dataclass(frozen=True)
class Scorer:
    """A named, versioned function from a decision's input to P(targeted)."""

    name: str
    version: str
    score: Callable[[PolicyInput], float]
    fallback: bool = False


def rules_scorer() -> Scorer:
    """The cue-word baseline."""
    return Scorer("rules", RULES_VERSION, lambda item: rules_score(item.request, normalise_unit(item.unit)))


def artifact_path() -> Path:
    """Where the committed trained model lives."""
    return behaviour_dir("policy") / ARTIFACT_NAME


def metadata_path() -> Path:
    """Where the trained model's metadata (data hash, training figures) lives."""
    return behaviour_dir("policy") / METADATA_NAME


def trained_scorer(path: Path | None = None) -> Scorer:
    """The trained model read now from `path` (default: the behaviour's artifact); rules, marked fallback, if absent.

    Nothing is cached here: whoever needs the scorer more than once (the session, a batch, an eval) keeps it."""
    path = path or artifact_path()
    if not path.is_file():
        rules = rules_scorer()
        return Scorer(rules.name, rules.version, rules.score, fallback=True)
    model = LinearPolicyModel.load(path)
    return Scorer("trained", model.version, model.score)


SCORERS: dict[str, Callable[[], Scorer]] = {"rules": rules_scorer, "trained": trained_scorer}
