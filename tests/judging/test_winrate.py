"""Win rate: the Wilson interval against hand-computed figures, ties, and judgements stored in the log."""

from __future__ import annotations

import pytest

from canvas_tui.judging.winrate import wilson, win_rate
from canvas_tui.log.datalog import DataLog
from canvas_tui.log.records import Judgement


@pytest.mark.parametrize(
    "successes, trials, low, high",
    [
        # p = 0.8, n = 10: centre = (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.7167,
        # half = 1.96 * sqrt(0.8*0.2/10 + 1.96²/400) / 1.3842 = 0.2266
        (8, 10, 0.4902, 0.9433),
        # p = 0.5, n = 100: centre 0.5, half = 1.96 * sqrt(0.0025 + 0.000096) / 1.0384 = 0.0962
        (50, 100, 0.4038, 0.5962),
        # p = 0, n = 10: low 0, high = 2 * 1.96²/20 / 1.3842 = 0.2775
        (0, 10, 0.0, 0.2775),
    ],
)
def test_the_wilson_interval_matches_hand_computed_values(successes, trials, low, high):
    assert wilson(successes, trials) == pytest.approx((low, high), abs=1e-4)


def test_no_trials_means_no_information():
    assert wilson(0, 0) == (0.0, 1.0)


def judgement(verdict):
    return Judgement(
        comparison_id="c",
        judge="person",
        prompt="p",
        a_name="old",
        b_name="new",
        a_text="a",
        b_text="b",
        shown_first="B",
        verdict=verdict,
    )


def test_ties_are_counted_but_left_out_of_the_rate():
    result = win_rate([judgement(v) for v in ["A"] * 8 + ["B"] * 2 + ["tie"] * 3], "old", "new")
    assert (result.a_wins, result.b_wins, result.ties, result.judged) == (8, 2, 3, 13)
    assert result.rate == 0.8 and (result.low, result.high) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert result.summary() == "old beats new in 80% of decisive judgements (95% CI 49%–94%; 8–2, 3 ties)"


def test_only_ties_give_no_rate():
    assert win_rate([judgement("tie")]).rate is None


def test_judgements_are_stored_and_read_back_per_comparison(tmp_path):
    log = DataLog(tmp_path / "log.sqlite3")
    first, other = judgement("A"), judgement("tie").model_copy(update={"comparison_id": "other"})
    assert log.append_judgement(first) and log.append_judgement(other)
    assert list(log.judgements("c")) == [first]
    assert len(list(log.judgements())) == 2
    log.close()
