"""The cascade's band, blend and cut are chosen on validation rows by the trigger's rule: the best accuracy at
canvas recall >= RECALL_FLOOR, the smaller slow share on a tie, never a band that sends most messages to the slow path;
`train trigger --slow-path` refuses plainly when it cannot run."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.trigger.slow_choice import MAX_SLOW_SHARE, cascade_canvas, choose
from canvas_tui.cli import cli, slow_path_cmd


def test_outside_the_band_the_fast_cut_decides_and_inside_it_the_slow_cut():
    fast = np.array([0.05, 0.9, 0.3, 0.3])
    slow = np.array([0.99, 0.01, 0.8, 0.2])
    assert cascade_canvas(fast, slow, 0.35, (0.1, 0.7), 0.5).tolist() == [False, True, True, False]


def test_inside_the_band_a_blend_weighs_the_slow_probability_against_the_fast_one():
    fast = np.array([0.3, 0.3])
    slow = np.array([0.8, 0.6])
    assert cascade_canvas(fast, slow, 0.35, (0.1, 0.7), 0.5, blend=0.5).tolist() == [True, False]


def test_the_choice_hands_the_unsure_rows_to_a_slow_model_that_knows_them():
    canvas = np.array([True, False] * 25 + [False] * 70)
    fast = np.array([0.4, 0.3] * 25 + [0.01] * 70)  # unsure rows the fast model gets half wrong, and sure ones
    slow = np.where(canvas, 0.8, 0.2)
    choice = choose(fast, slow, canvas, fast_cut=0.35)
    assert choice is not None
    assert (choice.accuracy, choice.canvas_recall, choice.blend) == (1.0, 1.0, 1.0)
    assert 0.2 < choice.threshold <= 0.8
    assert choice.band == (0.2, 0.5)  # as accurate as the wider bands, with no more slow decisions
    assert choice.slow_share == pytest.approx(50 / 120)


def test_the_choice_blends_when_each_model_errs_where_the_other_does_not():
    # canvas rows A, B and inline rows C, D, as (fast, slow): neither model alone separates them, their mean does
    kinds = {"A": (0.45, 0.37, True), "B": (0.25, 0.9, True), "C": (0.40, 0.1, False), "D": (0.22, 0.55, False)}
    rows = [kinds[k] for k in "ABCD" * 12] + [(0.01, 0.01, False)] * 60
    fast, slow, canvas = (np.array(column) for column in zip(*rows))
    choice = choose(fast, slow, canvas, fast_cut=0.35)
    assert choice is not None
    assert (choice.accuracy, choice.blend) == (1.0, 0.5)


def test_a_band_holding_most_messages_is_never_chosen_so_the_median_decision_stays_fast():
    canvas = np.array([True, False] * 60)
    fast = np.array([0.4, 0.3] * 60)  # every message unsure
    assert choose(fast, np.where(canvas, 0.8, 0.2), canvas, fast_cut=0.35) is None
    assert MAX_SLOW_SHARE < 0.5


def test_no_choice_when_no_setting_reaches_the_recall_floor():
    canvas = np.array([True] * 10 + [False] * 10)
    fast = np.full(20, 0.0)  # sure of inline everywhere: no band reaches it
    assert choose(fast, fast, canvas, fast_cut=0.35) is None


def test_the_slow_path_of_a_behaviour_without_one_is_a_usage_error():
    result = CliRunner().invoke(cli, ["train", "locate", "--slow-path"])
    assert result.exit_code == 2
    assert "only the trigger and the router have a slow path" in result.output


@pytest.mark.parametrize("behaviour", ["trigger", "router"])
def test_training_the_slow_path_without_torch_says_how_to_install_it_and_exits_2_not_backend_unavailable(
    behaviour, monkeypatch
):
    monkeypatch.setattr(slow_path_cmd, "has_torch", lambda: False)
    result = CliRunner().invoke(cli, ["train", behaviour, "--slow-path"])
    assert result.exit_code == 2, "a missing optional extra is the environment (2), not a model backend (3)"
    assert "pip install -e '.[finetune]'" in result.output
