"""The cascade's band and slow cut are chosen on validation rows by the trigger's rule: the best accuracy at canvas
recall >= 0.80, the smaller slow share on a tie; `train trigger --slow-path` refuses plainly when it cannot run."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from canvas_tui.behaviours.trigger.slow_choice import RECALL_FLOOR, cascade_canvas, choose
from canvas_tui.cli import cli, slow_path_cmd


def test_outside_the_band_the_fast_cut_decides_and_inside_it_the_slow_cut():
    fast = np.array([0.05, 0.9, 0.3, 0.3])
    slow = np.array([0.99, 0.01, 0.8, 0.2])
    assert cascade_canvas(fast, slow, 0.35, (0.1, 0.7), 0.5).tolist() == [False, True, True, False]


def test_the_choice_hands_the_unsure_rows_to_a_slow_model_that_knows_them():
    canvas = np.array([True, False] * 50 + [False] * 20)
    fast = np.array([0.4, 0.3] * 50 + [0.05] * 20)  # unsure rows the fast model gets half wrong, and sure ones
    slow = np.where(canvas, 0.8, 0.2)
    choice = choose(fast, slow, canvas, fast_cut=0.35)
    assert choice is not None
    assert (choice.accuracy, choice.canvas_recall) == (1.0, 1.0)
    assert 0.2 < choice.threshold <= 0.8
    assert choice.band == (0.2, 0.5)  # as accurate as the widest band, with fewer slow decisions
    assert choice.slow_share == pytest.approx(100 / 120)


def test_no_choice_when_no_setting_reaches_the_recall_floor():
    canvas = np.array([True] * 10 + [False] * 10)
    fast = np.full(20, 0.0)  # sure of inline everywhere: no band reaches it
    assert choose(fast, fast, canvas, fast_cut=0.35) is None
    assert RECALL_FLOOR == 0.80


def test_the_slow_path_of_a_behaviour_without_one_is_a_usage_error():
    result = CliRunner().invoke(cli, ["train", "locate", "--slow-path"])
    assert result.exit_code == 2
    assert "only the trigger and the router have a slow path" in result.output


@pytest.mark.parametrize("behaviour", ["trigger", "router"])
def test_training_the_slow_path_without_torch_says_how_to_install_it_and_exits_3(behaviour, monkeypatch):
    monkeypatch.setattr(slow_path_cmd, "has_torch", lambda: False)
    result = CliRunner().invoke(cli, ["train", behaviour, "--slow-path"])
    assert result.exit_code == 3
    assert "pip install -e '.[finetune]'" in result.output
