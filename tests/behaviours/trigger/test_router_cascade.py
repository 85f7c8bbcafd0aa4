"""The router's cascade: the fast model decides when its top route is likely enough; below the band's edge the slow
path (which reads the follow-up and the open document) decides or blends; without the artifact the router is the
fast model alone, with a note. Its settings are chosen on validation rows as the most accurate band and blend."""

from __future__ import annotations

import numpy as np
import pytest

from canvas_tui.behaviours.trigger.implementations import CascadeTrigger
from canvas_tui.behaviours.trigger.model import ROUTER
from canvas_tui.behaviours.trigger.slow_choice import cascade_routes, choose_route
from canvas_tui.behaviours.trigger.slow_path import SlowPathSpec, SlowPathTraining, document_view, slow_view
from canvas_tui.behaviours.trigger.slow_training import view_spec

CLASSES = ROUTER.classes  # edit, comment, chat, new_document
FAST = {
    "sure edit": (0.9, 0.02, 0.05, 0.03),
    "unsure chat": (0.35, 0.05, 0.45, 0.15),
}
"""The fake fast router's probabilities per message, in CLASSES order."""
DOCUMENT = "Here is your cover letter.\n\nDear hiring manager, ..."


class FakeFastRouter:
    """Stands for the fast linear router: fixed probabilities per message (it reads message + document)."""

    version = "fast"
    threshold = 0.5

    def probabilities(self, inputs: list[str]) -> list[dict[str, float]]:
        return [dict(zip(CLASSES, FAST[text.split("\x1d")[0]])) for text in inputs]


class FakeSlow:
    """Stands for the router's slow path: 0.6 edit, 0.4 chat for every turn; records what it was asked."""

    def __init__(self, spec: SlowPathSpec) -> None:
        self.spec, self.asked = spec, []

    def probabilities(self, messages: list[str], documents: list[str | None]) -> np.ndarray:
        self.asked += list(zip(messages, documents))
        return np.tile([0.6, 0.0, 0.4, 0.0], (len(messages), 1))


def _spec(band=(0.0, 0.75), blend=1.0) -> SlowPathSpec:
    training = SlowPathTraining.empty().model_copy(update={"data_hash": "abc"})
    return view_spec(ROUTER).model_copy(update={"band": band, "blend": blend, "training": training})


def _route(slow, messages):
    cascade = CascadeTrigger(router=FakeFastRouter(), slow={"router": slow})
    return cascade.decide_many(messages, [DOCUMENT] * len(messages))


def test_a_sure_fast_router_decides_alone():
    slow = FakeSlow(_spec())
    (decision,) = _route(slow, ["sure edit"])
    assert (decision.label, decision.confidence) == ("edit", pytest.approx(0.9))
    assert slow.asked == []


def test_below_the_band_edge_the_slow_path_decides_reading_the_open_document():
    slow = FakeSlow(_spec(blend=1.0))
    (decision,) = _route(slow, ["unsure chat"])
    assert slow.asked == [("unsure chat", DOCUMENT)]
    assert (decision.label, decision.confidence) == ("edit", pytest.approx(0.6))
    assert decision.provenance.implementation == "cascade:slow"


def test_a_half_blend_weighs_the_fast_distribution_in():
    (decision,) = _route(FakeSlow(_spec(blend=0.5)), ["unsure chat"])
    # edit 0.5 * 0.6 + 0.5 * 0.35 = 0.475 beats chat 0.5 * 0.4 + 0.5 * 0.45 = 0.425
    assert (decision.label, decision.confidence) == ("edit", pytest.approx(0.475))


def test_explicit_routes_never_reach_either_model():
    slow = FakeSlow(_spec(band=(0.0, 1.0)))
    (decision,) = _route(slow, ["Answer in the chat: what is a cover letter?"])
    assert decision.explicit and decision.label == "chat"
    assert slow.asked == []


def test_without_the_router_artifact_the_cascade_is_the_fast_router_with_a_note(tmp_path):
    cascade = CascadeTrigger(router=FakeFastRouter(), folders={"router": tmp_path})
    (decision,) = cascade.decide_many(["unsure chat"], [DOCUMENT])
    assert decision.label == "chat"
    assert "slow path unavailable, fast model alone (router)" in cascade.note
    assert "canvas-tui train router --slow-path" in cascade.note


def test_the_band_is_over_the_fast_top_probability_for_four_classes():
    spec = _spec(band=(0.0, 0.75))
    assert spec.in_band(spec.band_score(dict(zip(CLASSES, FAST["unsure chat"]))))
    assert not spec.in_band(spec.band_score(dict(zip(CLASSES, FAST["sure edit"]))))


def test_the_router_view_is_the_request_then_what_the_document_is_its_head_and_its_tail():
    spec = _spec()
    document = "Step 1. Install the package.\n\n" + "word " * 200 + "\n\nReady for step 2?"
    view = slow_view("what next?", spec, document)
    request, shown = view.split(" [SEP] ")
    assert request == "what next?"
    assert shown.startswith("document: Step 1. Install the package. word")
    assert " … " in shown and shown.endswith("Ready for step 2?")
    assert len(shown) < spec.document_chars * 2


def test_a_short_document_is_shown_whole_and_its_code_and_points_are_named():
    document = "Options:\n1. Ship it\n2. Wait\n3. Ask\n\n```python\nprint(1)\n```"
    assert document_view(document, 500) == "document code,points: " + " ".join(document.split())


def test_the_trigger_view_ignores_documents():
    trigger = view_spec(ROUTER).model_copy(update={"document_chars": 0})
    assert slow_view("Make it shorter.", trigger, DOCUMENT) == "Make it shorter."


def test_inside_the_band_the_blend_decides_and_outside_it_the_fast_model():
    fast = np.array([[0.9, 0.0, 0.1, 0.0], [0.4, 0.0, 0.5, 0.1]])
    slow = np.array([[0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])
    assert cascade_routes(fast, slow, (0.0, 0.6), 1.0).tolist() == [0, 0]
    assert cascade_routes(fast, slow, (0.0, 0.6), 0.5).tolist() == [0, 0]
    assert cascade_routes(fast, slow, (0.0, 0.3), 1.0).tolist() == [0, 2]


def test_the_choice_takes_the_most_accurate_band_and_blend_and_the_smaller_slow_share_on_a_tie():
    truth = np.array([0, 2] * 30 + [3] * 20)
    unsure = np.tile([[0.35, 0.0, 0.4, 0.25], [0.4, 0.0, 0.35, 0.25]], (30, 1))  # the fast model has them backwards
    fast = np.vstack([unsure, np.tile([0.02, 0.0, 0.03, 0.95], (20, 1))])
    slow = np.eye(4)[truth]
    choice = choose_route(fast, slow, truth, CLASSES)
    assert (
        choice is not None
        and choice.accuracy == 1.0
        and choice.recall == {"edit": 1.0, "chat": 1.0, "new_document": 1.0}
    )
    assert (choice.band, choice.blend) == ((0.0, 0.6), 1.0)
    assert choice.slow_share == pytest.approx(60 / 80)


def test_no_choice_when_no_setting_beats_the_fast_model_alone():
    truth = np.array([0, 2, 3] * 10)
    fast = np.eye(4)[truth] * 0.5 + 0.125  # right everywhere, with a top probability of 0.625
    slow = np.eye(4)[(truth + 1) % 4]  # wrong everywhere
    assert choose_route(fast, slow, truth, CLASSES) is None
