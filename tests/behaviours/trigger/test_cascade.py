"""The cascade: explicit rules first, the fast model when it is sure, the slow path inside its uncertain band, and
the fast model alone (with a note) when the slow path cannot be loaded."""

from __future__ import annotations

import numpy as np
import pytest

from canvas_tui.behaviours.trigger.implementations import CascadeTrigger, canvas_score
from canvas_tui.behaviours.trigger.slow_path import SlowPathSpec, SlowPathTraining, slow_view

FAST = {"sure canvas": 0.95, "sure inline": 0.02, "unsure": 0.4}
"""The fake fast model's P(canvas) per message."""


class FakeFast:
    """Stands for the fast linear model: fixed P(canvas) per message, cut at 0.35."""

    version = "fast"
    threshold = 0.35

    def probabilities(self, messages: list[str]) -> list[dict[str, float]]:
        return [{"canvas": FAST[m], "inline": 1 - FAST[m]} for m in messages]


class FakeSlow:
    """Stands for the slow path: P(canvas) 0.9 for every message, and records what it was asked."""

    def __init__(self, spec: SlowPathSpec) -> None:
        self.spec, self.asked = spec, []

    def probabilities(self, messages: list[str], documents: list[str | None]) -> np.ndarray:
        self.asked += messages
        return np.tile([0.9, 0.1], (len(messages), 1))


def _spec(band=(0.1, 0.7), threshold=0.7, blend=1.0) -> SlowPathSpec:
    training = SlowPathTraining.empty().model_copy(update={"data_hash": "abc"})
    return SlowPathSpec(band=band, blend=blend, threshold=threshold, training=training)


def _decide(slow, messages):
    cascade = CascadeTrigger(trigger=FakeFast(), slow={"trigger": slow})
    return cascade.decide_many(messages, [None] * len(messages))


def test_the_fast_model_decides_outside_its_uncertain_band():
    slow = FakeSlow(_spec())
    decisions = _decide(slow, ["sure canvas", "sure inline"])
    assert [d.label for d in decisions] == ["canvas", "inline"]
    assert slow.asked == []


def test_inside_the_band_the_slow_path_decides_at_its_own_cut():
    slow = FakeSlow(_spec(threshold=0.7))
    (decision,) = _decide(slow, ["unsure"])
    assert slow.asked == ["unsure"]
    assert (decision.label, canvas_score(decision)) == ("canvas", pytest.approx(0.9))
    assert decision.provenance.implementation == "cascade:slow"


def test_a_slow_probability_under_the_slow_cut_answers_inline():
    (decision,) = _decide(FakeSlow(_spec(threshold=0.95)), ["unsure"])
    assert decision.label == "inline"
    assert canvas_score(decision) == pytest.approx(0.9)


def test_a_blending_slow_path_weighs_its_probability_against_the_fast_models():
    (decision,) = _decide(FakeSlow(_spec(threshold=0.6, blend=0.5)), ["unsure"])
    assert (decision.label, canvas_score(decision)) == ("canvas", pytest.approx(0.5 * 0.9 + 0.5 * 0.4))
    (decision,) = _decide(FakeSlow(_spec(threshold=0.7, blend=0.5)), ["unsure"])
    assert decision.label == "inline"


def test_explicit_requests_never_reach_either_model():
    slow = FakeSlow(_spec(band=(0.0, 1.0)))
    (decision,) = _decide(slow, ["Please open the canvas for this: a haiku"])
    assert decision.explicit and decision.label == "canvas"
    assert slow.asked == []


def test_without_the_slow_artifact_the_cascade_is_the_fast_model_with_a_note(tmp_path):
    cascade = CascadeTrigger(trigger=FakeFast(), folders={"trigger": tmp_path})
    (decision,) = cascade.decide_many(["unsure"], [None])
    assert decision.label == "canvas"  # the fast model's 0.4 is over its 0.35 cut
    assert "slow path unavailable, fast model alone" in cascade.note


def test_a_band_out_of_order_is_refused():
    with pytest.raises(ValueError, match="band"):
        _spec(band=(0.7, 0.1))


def test_the_slow_view_keeps_the_request_and_names_pasted_material():
    message = "Can you make this into a proper report?\n\n```\nimport os\nprint(os.getcwd())\n```"
    view = slow_view(message, _spec())
    assert view.startswith("Can you make this into a proper report?")
    assert " [SEP] pasted code: " in view and "print(os.getcwd())" in view


def test_the_slow_view_of_a_bare_request_is_the_request_cut_to_its_length():
    spec = _spec().model_copy(update={"request_chars": 10})
    assert slow_view("Write me a long essay about tides", spec) == "Write me a"
